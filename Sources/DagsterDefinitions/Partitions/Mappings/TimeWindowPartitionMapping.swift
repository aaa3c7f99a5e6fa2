import DagsterCore

/// Each downstream partition depends on the upstream partitions whose time windows overlap its
/// own, optionally shifted by whole partitions (Dagster's `TimeWindowPartitionMapping`, the
/// default between two time-window partitioned assets).
///
/// With `startOffset: -1, endOffset: 0`, downstream `2024-07-04` depends on upstream `2024-07-03`
/// and `2024-07-04`. Offsets count partitions of the downstream definition. Upstream partitions
/// that would be needed but do not exist (before the upstream's first partition, or after its
/// last) are reported as required but nonexistent, unless `allowNonexistentUpstreamPartitions`.
public struct TimeWindowPartitionMapping: PartitionMapping, Hashable {
    /// Partitions by which the start of the upstream span is shifted.
    public let startOffset: Int
    /// Partitions by which the end of the upstream span is shifted.
    public let endOffset: Int
    /// Whether upstream partitions outside the upstream definition are silently left out.
    public let allowNonexistentUpstreamPartitions: Bool

    /// Creates the mapping.
    public init(startOffset: Int = 0, endOffset: Int = 0, allowNonexistentUpstreamPartitions: Bool = false) {
        self.startOffset = startOffset
        self.endOffset = endOffset
        self.allowNonexistentUpstreamPartitions = allowNonexistentUpstreamPartitions
    }

    /// Throws `DagsterError(.invalidDefinition)` unless both sides are time-window partitions in the
    /// same time zone.
    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {
        _ = try Self.timeWindows(upstream: upstream, downstream: downstream)
    }

    /// The upstream partitions overlapping the downstream partitions' windows shifted by the offsets;
    /// those outside the upstream definition are required but nonexistent unless allowed.
    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        guard let downstreamKeys else { throw Self.unpartitioned("downstream", for: "TimeWindowPartitionMapping") }
        let (upstreamWindows, downstreamWindows) = try Self.timeWindows(upstream: upstream, downstream: downstream)
        let mapper = TimeWindowMapper(
            from: downstreamWindows, to: upstreamWindows, startOffset: startOffset, endOffset: endOffset,
            offsetsApplyToSource: true, allowNonexistent: allowNonexistentUpstreamPartitions,
            now: context.currentTime.timeIntervalSince1970)
        return try mapper.map(downstreamKeys)
    }

    /// The downstream partitions whose shifted windows overlap the upstream partitions' windows.
    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        let (upstreamWindows, downstreamWindows) = try Self.timeWindows(upstream: upstream, downstream: downstream)
        let mapper = TimeWindowMapper(
            from: upstreamWindows, to: downstreamWindows, startOffset: -endOffset, endOffset: -startOffset,
            offsetsApplyToSource: false, allowNonexistent: allowNonexistentUpstreamPartitions,
            now: context.currentTime.timeIntervalSince1970)
        return try mapper.map(upstreamKeys).partitionKeys
    }

    private static func timeWindows(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError)
        -> (upstream: TimeWindowPartitionsDefinition, downstream: TimeWindowPartitionsDefinition)
    {
        guard case .timeWindow(let upstreamWindows) = upstream else {
            throw DagsterError(
                .invalidDefinition, "TimeWindowPartitionMapping needs time-window partitions upstream, not \(upstream.kindName)")
        }
        guard case .timeWindow(let downstreamWindows) = downstream else {
            throw DagsterError(
                .invalidDefinition,
                "TimeWindowPartitionMapping needs time-window partitions downstream, not \(downstream?.kindName ?? "no partitions")")
        }
        guard upstreamWindows.timezone == downstreamWindows.timezone else {
            throw DagsterError(
                .invalidDefinition,
                "TimeWindowPartitionMapping: the time zones \(upstreamWindows.timezone) (upstream) and "
                    + "\(downstreamWindows.timezone) (downstream) don't match")
        }
        return (upstreamWindows, downstreamWindows)
    }
}
