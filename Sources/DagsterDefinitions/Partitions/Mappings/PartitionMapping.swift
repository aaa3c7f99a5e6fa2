import DagsterCore

/// Which partitions of an upstream asset each partition of a downstream asset depends on, and the
/// other way round (Dagster's `PartitionMapping`).
///
/// ```swift
/// let previousDay = TimeWindowPartitionMapping(startOffset: -1, endOffset: -1)
/// let result = try previousDay.upstreamPartitions(
///     forDownstreamKeys: ["2024-03-02"], downstream: daily, upstream: daily, context: context)
/// result.partitionKeys   // ["2024-03-01"]
/// ```
public protocol PartitionMapping: Sendable {
    /// Throws `DagsterError(.invalidDefinition)` if the mapping cannot connect these definitions.
    func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError)

    /// The upstream partitions the given downstream partitions depend on. `downstreamKeys` is `nil`
    /// when the downstream asset is not partitioned.
    func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult

    /// The downstream partitions that depend on the given upstream partitions.
    func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String]
}

/// The upstream side of a mapping: the partitions depended on that exist, and those that would be
/// depended on but do not exist (e.g. before the upstream's first partition).
public struct UpstreamPartitionsResult: Sendable, Hashable {
    /// Upstream partition keys the downstream partitions depend on, in partition order.
    public var partitionKeys: [String]
    /// Keys the mapping points at that the upstream partitions definition does not have.
    public var requiredButNonexistentPartitionKeys: [String]

    /// Creates a result.
    public init(partitionKeys: [String], requiredButNonexistentPartitionKeys: [String] = []) {
        self.partitionKeys = partitionKeys
        self.requiredButNonexistentPartitionKeys = requiredButNonexistentPartitionKeys
    }
}

extension PartitionMapping {
    /// The error for a mapping that needs partitions on a `side` that has none.
    static func unpartitioned(_ side: String, for mapping: String) -> DagsterError {
        DagsterError(
            .invalidDefinition,
            "\(mapping) needs a partitioned \(side) asset; the \(side) asset has no partitions. Partition it, or "
                + "use AllPartitionMapping (every partition) or LastPartitionMapping (the latest one) instead")
    }
}
