import DagsterCore

/// Every downstream partition depends on every upstream partition (Dagster's
/// `AllPartitionMapping`); the usual mapping for an unpartitioned asset downstream of a
/// partitioned one.
public struct AllPartitionMapping: PartitionMapping, Hashable {
    /// Creates the mapping.
    public init() {}

    /// Accepts any partitions on either side.
    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {}

    /// Every upstream partition, whatever the downstream keys.
    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        UpstreamPartitionsResult(partitionKeys: try upstream.partitionKeys(context: context))
    }

    /// Every downstream partition if any upstream key is given, else none.
    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        upstreamKeys.isEmpty ? [] : try downstream.partitionKeys(context: context)
    }
}
