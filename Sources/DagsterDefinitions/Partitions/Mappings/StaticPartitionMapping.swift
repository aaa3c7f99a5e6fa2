import DagsterConfig
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

    /// Throws `DagsterError(.invalidDefinition)` unless both sides are static partitions having
    /// every key the mapping names.
    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {
        guard case .static = upstream else {
            throw DagsterError(.invalidDefinition, "StaticPartitionMapping needs static partitions upstream, not \(upstream.kindName)")
        }
        guard let downstream, case .static = downstream else {
            throw DagsterError(
                .invalidDefinition,
                "StaticPartitionMapping needs static partitions downstream, not \(downstream?.kindName ?? "no partitions")")
        }
        try Side.upstream.requireKeys(downstreamKeysByUpstreamKey.keys, in: upstream)
        try Side.downstream.requireKeys(upstreamKeysByDownstreamKey.keys, in: downstream)
    }

    /// The upstream keys mapped to any of `downstreamKeys`, in partition order. The mapping is
    /// checked as a whole by ``validate(upstream:downstream:)`` when the definitions load; here only
    /// the keys returned are checked against static upstream partitions.
    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        let keys = Set((downstreamKeys ?? []).flatMap { upstreamKeysByDownstreamKey[$0] ?? [] })
        try Side.upstream.requireKeys(keys, in: upstream)
        return UpstreamPartitionsResult(partitionKeys: upstream.ordered(keys, context: context))
    }

    /// The downstream keys any of `upstreamKeys` maps to, in partition order; like
    /// ``upstreamPartitions(forDownstreamKeys:downstream:upstream:context:)``, only the keys
    /// returned are checked against static downstream partitions.
    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        let keys = Set(upstreamKeys.flatMap { downstreamKeysByUpstreamKey[$0] ?? [] })
        try Side.downstream.requireKeys(keys, in: downstream)
        return downstream.ordered(keys, context: context)
    }

    /// A side of the mapping, for checking the keys it names there.
    private enum Side: String {
        case upstream, downstream

        /// Throws `DagsterError(.invalidDefinition)` naming the keys that static partitions on this
        /// side do not have; partitions of another kind are not checked.
        func requireKeys(_ keys: some Collection<String>, in definition: PartitionsDefinition) throws(DagsterError) {
            guard case .static(let staticDefinition) = definition else { return }
            let unknown = keys.filter { !staticDefinition.hasPartitionKey($0) }
            guard !unknown.isEmpty else { return }
            throw DagsterError(
                .invalidDefinition,
                "StaticPartitionMapping maps \(self == .upstream ? "from" : "to") keys the \(rawValue) partitions do not "
                    + "have: \(PythonText.list(unknown.sorted(by: codePointOrder))); the \(rawValue) asset has the "
                    + "\(definition). Map only keys it has, or add the keys to its partitions")
        }
    }
}
