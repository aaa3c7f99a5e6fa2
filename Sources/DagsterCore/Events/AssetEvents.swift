import OrderedCollections

/// A record that an asset was created or updated, logged from an op or emitted for an asset.
public struct AssetMaterialization: Sendable, Hashable, Codable {
    /// The asset's key.
    public var assetKey: AssetKey
    /// A human description.
    public var description: String?
    /// Metadata about the materialized data.
    public var metadata: Metadata
    /// The partition materialized, if the asset is partitioned.
    public var partition: String?
    /// Tags, e.g. data versions.
    public var tags: [String: String]

    /// Creates a materialization.
    public init(
        assetKey: AssetKey, description: String? = nil, metadata: Metadata = [:], partition: String? = nil,
        tags: [String: String] = [:]
    ) {
        self.assetKey = assetKey
        self.description = description
        self.metadata = metadata
        self.partition = partition
        self.tags = tags
    }
}

/// A record that an asset was looked at without being changed.
public struct AssetObservation: Sendable, Hashable, Codable {
    /// The asset's key.
    public var assetKey: AssetKey
    /// A human description.
    public var description: String?
    /// What was observed.
    public var metadata: Metadata
    /// The partition observed, if any.
    public var partition: String?
    /// Tags, e.g. data versions.
    public var tags: [String: String]

    /// Creates an observation.
    public init(
        assetKey: AssetKey, description: String? = nil, metadata: Metadata = [:], partition: String? = nil,
        tags: [String: String] = [:]
    ) {
        self.assetKey = assetKey
        self.description = description
        self.metadata = metadata
        self.partition = partition
        self.tags = tags
    }
}

/// The result of a data-quality expectation checked inside an op.
public struct ExpectationResult: Sendable, Hashable, Codable {
    /// Whether the expectation held.
    public var success: Bool
    /// A short label.
    public var label: String?
    /// A human description.
    public var description: String?
    /// Supporting metadata.
    public var metadata: Metadata

    /// Creates an expectation result.
    public init(success: Bool, label: String? = nil, description: String? = nil, metadata: Metadata = [:]) {
        self.success = success
        self.label = label
        self.description = description
        self.metadata = metadata
    }
}

/// Payload of `ASSET_MATERIALIZATION_PLANNED`: a run was created that intends to materialize the
/// asset (and partition), recorded before the run starts.
public struct AssetMaterializationPlannedData: Sendable, Hashable, Codable {
    /// The asset the run will materialize.
    public var assetKey: AssetKey
    /// The partition, for a partitioned asset.
    public var partition: String?

    /// Creates the payload.
    public init(assetKey: AssetKey, partition: String? = nil) {
        self.assetKey = assetKey
        self.partition = partition
    }
}
