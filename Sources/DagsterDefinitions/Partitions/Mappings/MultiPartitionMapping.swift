import DagsterCore

/// How one upstream dimension maps onto a downstream dimension of a ``MultiPartitionMapping``.
public struct DimensionPartitionMapping: Sendable {
    /// The downstream dimension.
    public let dimensionName: String
    /// The mapping between the two dimensions' partitions.
    public let partitionMapping: any PartitionMapping

    /// Creates a dimension mapping.
    public init(dimensionName: String, partitionMapping: any PartitionMapping) {
        self.dimensionName = dimensionName
        self.partitionMapping = partitionMapping
    }
}

/// Maps between two multi-partitioned assets dimension by dimension (Dagster's
/// `MultiPartitionMapping`). Dimensions left out of the mapping depend on all partitions of the
/// other side's unmapped dimensions.
///
/// ```swift
/// let mapping = MultiPartitionMapping([
///     "abc": DimensionPartitionMapping(dimensionName: "123", partitionMapping: StaticPartitionMapping(["a": "1"])),
///     "weekly": DimensionPartitionMapping(dimensionName: "daily", partitionMapping: TimeWindowPartitionMapping()),
/// ])
/// ```
public struct MultiPartitionMapping: DimensionwisePartitionMapping {
    /// The downstream dimension and mapping of each upstream dimension.
    public let downstreamMappingsByUpstreamDimension: [String: DimensionPartitionMapping]

    /// Creates the mapping.
    public init(_ downstreamMappingsByUpstreamDimension: [String: DimensionPartitionMapping]) {
        self.downstreamMappingsByUpstreamDimension = downstreamMappingsByUpstreamDimension
    }

    func dimensionDependencies(upstream: PartitionsDefinition, downstream: PartitionsDefinition) throws(DagsterError)
        -> [DimensionDependency]
    {
        guard case .multi(let upstreamMulti) = upstream, case .multi(let downstreamMulti) = downstream else {
            throw DagsterError(
                .invalidDefinition,
                "MultiPartitionMapping needs multi-partitions on both sides; got \(upstream.kindName) upstream and "
                    + "\(downstream.kindName) downstream")
        }
        var upstreamByDownstream: [String: String] = [:]
        var dependencies: [DimensionDependency] = []
        for (upstreamDimension, mapping) in downstreamMappingsByUpstreamDimension.sorted(by: { codePointOrder($0.key, $1.key) }) {
            guard upstreamMulti.dimensionNames.contains(upstreamDimension) else {
                throw DagsterError(
                    .invalidDefinition,
                    "MultiPartitionMapping: the upstream has no dimension '\(upstreamDimension)' "
                        + "(dimensions: \(upstreamMulti.dimensionNames.joined(separator: ", ")))")
            }
            guard downstreamMulti.dimensionNames.contains(mapping.dimensionName) else {
                throw DagsterError(
                    .invalidDefinition,
                    "MultiPartitionMapping: the downstream has no dimension '\(mapping.dimensionName)' "
                        + "(dimensions: \(downstreamMulti.dimensionNames.joined(separator: ", ")))")
            }
            if let earlier = upstreamByDownstream.updateValue(upstreamDimension, forKey: mapping.dimensionName) {
                throw DagsterError(
                    .invalidDefinition,
                    "MultiPartitionMapping maps both upstream dimensions '\(earlier)' and '\(upstreamDimension)' onto the "
                        + "downstream dimension '\(mapping.dimensionName)'; map each downstream dimension from one upstream "
                        + "dimension at most")
            }
            dependencies.append(
                DimensionDependency(
                    mapping: mapping.partitionMapping, upstreamDimension: upstreamDimension,
                    downstreamDimension: mapping.dimensionName))
        }
        return dependencies
    }
}
