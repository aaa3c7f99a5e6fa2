import DagsterCore

/// Every downstream partition depends on the upstream's last partition (Dagster's
/// `LastPartitionMapping`), e.g. an unpartitioned report built from the latest day.
public struct LastPartitionMapping: PartitionMapping, Hashable {
    /// Creates the mapping.
    public init() {}

    /// Accepts any partitions on either side.
    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {}

    /// The upstream's last partition as of the context (none if it has no partitions yet).
    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        UpstreamPartitionsResult(partitionKeys: try upstream.lastPartitionKey(context: context).map { [$0] } ?? [])
    }

    /// All downstream partitions if the upstream's last partition is among `upstreamKeys`, else none.
    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        guard let last = try upstream.lastPartitionKey(context: context), upstreamKeys.contains(last) else { return [] }
        return try downstream.partitionKeys(context: context)
    }
}
