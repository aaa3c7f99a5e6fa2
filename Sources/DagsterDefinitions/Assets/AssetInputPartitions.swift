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

    /// Describes an input's partitioning.
    public init(upstream: PartitionsDefinition, downstream: PartitionsDefinition?, mapping: any PartitionMapping) {
        self.upstream = upstream
        self.downstream = downstream
        self.mapping = mapping
    }

    /// The one upstream partition that `downstreamKey` (the run's partition, `nil` for an
    /// unpartitioned downstream asset) reads.
    /// - Throws: `DagsterError(.invalidConfig)` when the mapping gives no partition or several
    ///   (an input takes one partition's value).
    public func upstreamPartition(for downstreamKey: String?, context: PartitionLoadingContext) throws -> String {
        if mapping is IdentityPartitionMapping, let downstreamKey { return downstreamKey }
        let result = try mapping.upstreamPartitions(
            forDownstreamKeys: downstreamKey.map { [$0] }, downstream: downstream, upstream: upstream, context: context)
        guard result.partitionKeys.count == 1, let key = result.partitionKeys.first else {
            let found = result.partitionKeys.isEmpty
                ? "no upstream partition" + (result.requiredButNonexistentPartitionKeys.isEmpty ? "" : " (it would be \(result.requiredButNonexistentPartitionKeys.joined(separator: ", ")), which does not exist)")
                : "\(result.partitionKeys.count) upstream partitions"
            throw DagsterError(
                .invalidConfig,
                "partition \(downstreamKey ?? "(none)") maps to \(found); an asset input reads exactly one partition of its upstream asset")
        }
        return key
    }
}
