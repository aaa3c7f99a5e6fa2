import DagsterCore

/// Every downstream partition depends on the same fixed upstream partitions (Dagster's
/// `SpecificPartitionsPartitionMapping`).
public struct SpecificPartitionsPartitionMapping: PartitionMapping, Hashable {
    /// The upstream keys depended on.
    public let partitionKeys: [String]

    /// Creates the mapping to the given upstream keys.
    public init(_ partitionKeys: [String]) {
        self.partitionKeys = partitionKeys
    }

    /// Accepts any partitions on either side; the fixed keys are not checked against the upstream.
    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {}

    /// The fixed keys, in upstream partition order, whatever the downstream keys.
    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        UpstreamPartitionsResult(partitionKeys: upstream.ordered(Set(partitionKeys), context: context))
    }

    /// All downstream partitions if any of the fixed keys is among `upstreamKeys`, else none.
    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        guard !Set(partitionKeys).isDisjoint(with: upstreamKeys) else { return [] }
        return try downstream.partitionKeys(context: context)
    }
}
