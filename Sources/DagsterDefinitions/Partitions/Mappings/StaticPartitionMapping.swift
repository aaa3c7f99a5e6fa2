import DagsterCore

/// An explicit correspondence between the keys of two static partitions definitions (Dagster's
/// `StaticPartitionMapping`): each upstream key maps to one or more downstream keys.
///
/// ```swift
/// let mapping = StaticPartitionMapping(["a": ["1", "2"], "b": ["3"]])
/// ```
public struct StaticPartitionMapping: PartitionMapping, Hashable {
    /// The downstream keys of each upstream key.
    public let downstreamKeysByUpstreamKey: [String: Set<String>]
    private let upstreamKeysByDownstreamKey: [String: Set<String>]

    /// A mapping from each upstream key to its downstream keys.
    public init(_ downstreamKeysByUpstreamKey: [String: Set<String>]) {
        self.downstreamKeysByUpstreamKey = downstreamKeysByUpstreamKey
        var inverse: [String: Set<String>] = [:]
        for (upstreamKey, downstreamKeys) in downstreamKeysByUpstreamKey {
            for downstreamKey in downstreamKeys { inverse[downstreamKey, default: []].insert(upstreamKey) }
        }
        upstreamKeysByDownstreamKey = inverse
    }

    /// A one-to-one (or many-to-one) mapping from upstream keys to downstream keys.
    public init(_ downstreamKeyByUpstreamKey: [String: String]) {
        self.init(downstreamKeyByUpstreamKey.mapValues { Set([$0]) })
    }

    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {
        guard case .static(let upstreamKeys) = upstream else {
            throw DagsterError(.invalidDefinition, "StaticPartitionMapping needs static partitions upstream, not \(upstream.kindName)")
        }
        guard case .static(let downstreamKeys) = downstream else {
            throw DagsterError(
                .invalidDefinition,
                "StaticPartitionMapping needs static partitions downstream, not \(downstream?.kindName ?? "no partitions")")
        }
        try checkSources(upstreamKeys)
        try checkTargets(downstreamKeys)
    }

    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        if case .static(let upstreamKeys) = upstream { try checkSources(upstreamKeys) }
        let keys = Set((downstreamKeys ?? []).flatMap { upstreamKeysByDownstreamKey[$0] ?? [] })
        return UpstreamPartitionsResult(partitionKeys: upstream.ordered(keys, context: context))
    }

    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        if case .static(let downstreamKeys) = downstream { try checkTargets(downstreamKeys) }
        let keys = Set(upstreamKeys.flatMap { downstreamKeysByUpstreamKey[$0] ?? [] })
        return downstream.ordered(keys, context: context)
    }

    private func checkSources(_ upstream: StaticPartitionsDefinition) throws(DagsterError) {
        let extra = Set(downstreamKeysByUpstreamKey.keys).subtracting(upstream.partitionKeys)
        guard extra.isEmpty else {
            throw DagsterError(
                .invalidDefinition,
                "StaticPartitionMapping maps from keys the upstream partitions do not have: "
                    + extra.sorted(by: codePointOrder).map { "'\($0)'" }.joined(separator: ", "))
        }
    }

    private func checkTargets(_ downstream: StaticPartitionsDefinition) throws(DagsterError) {
        let extra = Set(upstreamKeysByDownstreamKey.keys).subtracting(downstream.partitionKeys)
        guard extra.isEmpty else {
            throw DagsterError(
                .invalidDefinition,
                "StaticPartitionMapping maps to keys the downstream partitions do not have: "
                    + extra.sorted(by: codePointOrder).map { "'\($0)'" }.joined(separator: ", "))
        }
    }
}
