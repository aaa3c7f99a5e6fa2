import DagsterCore

/// Each downstream partition depends on the upstream partition with the same key (Dagster's
/// `IdentityPartitionMapping`). Both assets must use the same kind of partitions; keys the
/// upstream lacks are reported as required but nonexistent.
public struct IdentityPartitionMapping: PartitionMapping, Hashable {
    /// Creates the mapping.
    public init() {}

    /// Throws `DagsterError(.invalidDefinition)` unless both sides have the same kind of partitions.
    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {
        guard let downstream, upstream.kindName == downstream.kindName else {
            throw DagsterError(
                .invalidDefinition,
                "IdentityPartitionMapping needs the same kind of partitions upstream and downstream; got "
                    + "\(upstream.kindName) upstream and \(downstream?.kindName ?? "no partitions") downstream. "
                    + "Use the same partitions definition or choose another partition mapping")
        }
    }

    /// The downstream keys the upstream also has, in upstream order; the others are required but
    /// nonexistent.
    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        guard let downstreamKeys else { throw Self.unpartitioned("downstream", for: "IdentityPartitionMapping") }
        if downstream == upstream { return UpstreamPartitionsResult(partitionKeys: downstreamKeys) }
        let upstreamKeys = Set(try upstream.partitionKeys(context: context))
        let wanted = Set(downstreamKeys)
        return UpstreamPartitionsResult(
            partitionKeys: upstream.ordered(wanted.intersection(upstreamKeys), context: context),
            requiredButNonexistentPartitionKeys: wanted.subtracting(upstreamKeys).sorted(by: codePointOrder))
    }

    /// The upstream keys the downstream also has, in downstream order.
    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        if upstream == downstream { return upstreamKeys }
        let downstreamKeys = Set(try downstream.partitionKeys(context: context))
        return downstream.ordered(downstreamKeys.intersection(upstreamKeys), context: context)
    }
}

extension PartitionsDefinition {
    /// The kind of partitions, for messages: `static`, `time-window`, `dynamic` or `multi`.
    var kindName: String {
        switch self {
        case .static: return "static"
        case .timeWindow: return "time-window"
        case .dynamic: return "dynamic"
        case .multi: return "multi"
        }
    }
}
