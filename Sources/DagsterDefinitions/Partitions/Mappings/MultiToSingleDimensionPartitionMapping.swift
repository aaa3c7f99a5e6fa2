import DagsterCore

/// Maps between a multi-partitioned asset and a single-dimension one whose partitions are one of
/// the multi-partition dimensions (Dagster's `MultiToSingleDimensionPartitionMapping`): a single
/// key `X` corresponds to every multi-partition key with `X` in that dimension.
///
/// Without a dimension name the dimension is inferred: the one whose partitions equal the single
/// definition, or else the only time-window dimension when the single definition is time-windowed
/// (mapped with a ``TimeWindowPartitionMapping``).
public struct MultiToSingleDimensionPartitionMapping: DimensionwisePartitionMapping, Hashable {
    /// The multi-partition dimension that corresponds to the single-dimension partitions.
    public let partitionDimensionName: String?

    /// Creates the mapping, optionally naming the dimension.
    public init(partitionDimensionName: String? = nil) {
        self.partitionDimensionName = partitionDimensionName
    }

    func dimensionDependencies(upstream: PartitionsDefinition, downstream: PartitionsDefinition) throws(DagsterError)
        -> [DimensionDependency]
    {
        let sides: (upstreamIsMulti: Bool, multi: MultiPartitionsDefinition, single: PartitionsDefinition)? =
            switch (upstream, downstream) {
            case (.multi, .multi): nil
            case (.multi(let multi), let single): (true, multi, single)
            case (let single, .multi(let multi)): (false, multi, single)
            default: nil
            }
        guard let (upstreamIsMulti, multi, single) = sides else {
            throw DagsterError(
                .invalidDefinition,
                "MultiToSingleDimensionPartitionMapping connects a multi-partitioned asset with a single-dimension one; "
                    + "got \(upstream.kindName) upstream and \(downstream.kindName) downstream. Between two "
                    + "multi-partitioned assets use MultiPartitionMapping; between two single-dimension ones use "
                    + "IdentityPartitionMapping or TimeWindowPartitionMapping")
        }
        var candidates = multi.dimensions
        if let partitionDimensionName {
            candidates = candidates.filter { $0.name == partitionDimensionName }
            guard candidates.count == 1 else {
                throw DagsterError(
                    .invalidDefinition,
                    "MultiToSingleDimensionPartitionMapping: no dimension '\(partitionDimensionName)' in the "
                        + "multi-partitions (dimensions: \(multi.dimensionNames.joined(separator: ", ")))")
            }
        }
        func dependency(_ mapping: any PartitionMapping, _ dimension: String) -> DimensionDependency {
            DimensionDependency(
                mapping: mapping, upstreamDimension: upstreamIsMulti ? dimension : nil,
                downstreamDimension: upstreamIsMulti ? nil : dimension)
        }
        let matching = candidates.filter { $0.partitionsDefinition == single }
        if matching.count == 1 { return [dependency(IdentityPartitionMapping(), matching[0].name)] }
        if matching.count > 1 {
            throw DagsterError(
                .invalidDefinition,
                "MultiToSingleDimensionPartitionMapping: several dimensions (\(matching.map(\.name).joined(separator: ", "))) "
                    + "match the single-dimension partitions; name one with partitionDimensionName")
        }
        let timeDimension =
            partitionDimensionName == nil ? multi.timeWindowDimension : candidates.first(where: \.isTimeWindowed)
        if case .timeWindow = single, let timeDimension {
            return [dependency(TimeWindowPartitionMapping(), timeDimension.name)]
        }
        throw DagsterError(
            .invalidDefinition,
            "MultiToSingleDimensionPartitionMapping needs the single-dimension partitions to be one of the "
                + "multi-partition dimensions, or to be time-window partitions with exactly one time-window dimension "
                + "in the multi-partitions")
    }
}
