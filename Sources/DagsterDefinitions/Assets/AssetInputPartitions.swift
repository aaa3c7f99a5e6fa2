import DagsterCore

/// How an asset input reads a partitioned upstream asset: the partitions on both sides and the
/// mapping from the downstream partition being materialized to the upstream one it reads.
public struct AssetInputPartitions: Sendable {
    /// The upstream asset's partitions.
    public let upstream: PartitionsDefinition
    /// The downstream asset's partitions; `nil` when it is not partitioned.
    public let downstream: PartitionsDefinition?
    /// The mapping (identity when both sides are partitioned alike and none is given).
    public let mapping: any PartitionMapping
    /// For an input taking a dictionary of partition key → value (`ins: asset.byPartition`): how
    /// it is assembled. `nil` when the input takes one partition's value.
    public let byPartition: PartitionValues?

    /// Describes an input's partitioning.
    public init(
        upstream: PartitionsDefinition, downstream: PartitionsDefinition?, mapping: any PartitionMapping,
        byPartition: PartitionValues? = nil
    ) {
        self.upstream = upstream
        self.downstream = downstream
        self.mapping = mapping
        self.byPartition = byPartition
    }

    /// The partitioning of an input reading an asset partitioned as `upstream`: the `mapping`
    /// given, else identity when both sides are partitioned alike, else every partition for an
    /// input taking them `byPartition`; `nil` when the upstream is not partitioned or no mapping
    /// applies (the asset graph reports that).
    static func of(
        upstream: PartitionsDefinition?, downstream: PartitionsDefinition?, mapping given: (any PartitionMapping)?,
        byPartition: PartitionValues?
    ) -> AssetInputPartitions? {
        guard let upstream else { return nil }
        let mapping: any PartitionMapping
        if let given {
            mapping = given
        } else if upstream == downstream {
            mapping = IdentityPartitionMapping()
        } else if byPartition != nil {
            mapping = AllPartitionMapping()
        } else {
            return nil
        }
        return AssetInputPartitions(upstream: upstream, downstream: downstream, mapping: mapping, byPartition: byPartition)
    }

    /// The upstream partitions that `downstreamKeys` (the run's partitions, `nil` for an
    /// unpartitioned downstream asset) read, in partition order.
    /// - Throws: `DagsterError(.unknownPartition)` when the mapping points at partitions the
    ///   upstream asset does not have.
    public func upstreamPartitions(for downstreamKeys: [String]?, context: PartitionLoadingContext) throws -> [String] {
        let result = try mapping.upstreamPartitions(
            forDownstreamKeys: downstreamKeys, downstream: downstream, upstream: upstream, context: context)
        guard result.requiredButNonexistentPartitionKeys.isEmpty || !result.partitionKeys.isEmpty else {
            throw DagsterError(
                .unknownPartition,
                "partition \(downstreamKeys?.joined(separator: ", ") ?? "(none)") maps to no upstream partition: it would be "
                    + "\(result.requiredButNonexistentPartitionKeys.joined(separator: ", ")), which does not exist")
        }
        return result.partitionKeys
    }
}

/// How an input taking several partitions of an upstream asset gets them: each partition's
/// value is loaded as `elementType`, then gathered into a `[String: Element]` dictionary.
public struct PartitionValues: Sendable {
    /// The type of one partition's value.
    public let elementType: ValueType
    /// Builds the dictionary from (partition key, value) pairs.
    public let assemble: @Sendable ([(key: String, value: any Sendable)]) throws -> any Sendable

    /// The assembly of `[String: Element]`.
    public init<Element: Sendable>(_ element: Element.Type) {
        elementType = .of(Element.self)
        assemble = { pairs in
            var values: [String: Element] = [:]
            for (key, value) in pairs {
                guard let element = value as? Element else {
                    throw DagsterError(
                        .typeCheck, "partition \(key) holds a \(type(of: value)), but the input takes \(Element.self) values")
                }
                values[key] = element
            }
            return values
        }
    }
}
