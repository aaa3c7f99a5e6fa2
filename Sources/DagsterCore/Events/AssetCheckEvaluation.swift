import OrderedCollections

/// How bad a failed asset check is.
public enum AssetCheckSeverity: String, Sendable, Hashable, Codable {
    /// The data is wrong; a blocking check with this severity stops downstream assets.
    case error = "ERROR"
    /// Worth a look; never stops anything.
    case warn = "WARN"
}

/// Payload of `ASSET_CHECK_EVALUATION`: the outcome of one check of an asset.
public struct AssetCheckEvaluation: Sendable, Hashable, Codable {
    /// The checked asset.
    public var assetKey: AssetKey
    /// The check's name.
    public var checkName: String
    /// Whether the check passed.
    public var passed: Bool
    /// How bad a failure is.
    public var severity: AssetCheckSeverity
    /// What the check found.
    public var metadata: Metadata
    /// A human description of the outcome.
    public var description: String?
    /// Whether a failure stops assets downstream of the checked one.
    public var blocking: Bool
    /// The partition checked, if any.
    public var partition: String?

    /// Creates an evaluation.
    public init(
        assetKey: AssetKey, checkName: String, passed: Bool, severity: AssetCheckSeverity = .error, metadata: Metadata = [:],
        description: String? = nil, blocking: Bool = false, partition: String? = nil
    ) {
        self.assetKey = assetKey
        self.checkName = checkName
        self.passed = passed
        self.severity = severity
        self.metadata = metadata
        self.description = description
        self.blocking = blocking
        self.partition = partition
    }

    /// Whether the outcome stops downstream assets: a blocking check that failed with ERROR.
    public var stopsDownstream: Bool { blocking && !passed && severity == .error }
}
