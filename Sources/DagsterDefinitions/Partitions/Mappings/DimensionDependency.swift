import DagsterCore

/// How one dimension of a (multi-)partitioned asset depends on one dimension of another: the
/// dimension names (`nil` for a side that is not multi-partitioned) and the mapping between them.
struct DimensionDependency: Sendable {
    let mapping: any PartitionMapping
    let upstreamDimension: String?
    let downstreamDimension: String?
}

/// A mapping defined dimension by dimension. Dimensions of the target that no dependency covers
/// depend on all of their keys; dimensions of the source that no dependency covers are ignored.
protocol DimensionwisePartitionMapping: PartitionMapping {
    func dimensionDependencies(upstream: PartitionsDefinition, downstream: PartitionsDefinition) throws(DagsterError)
        -> [DimensionDependency]
}

extension DimensionwisePartitionMapping {
    /// Throws `DagsterError(.invalidDefinition)` when the downstream asset is not partitioned or the
    /// dimensions do not line up (see ``dimensionDependencies(upstream:downstream:)``).
    public func validate(upstream: PartitionsDefinition, downstream: PartitionsDefinition?) throws(DagsterError) {
        guard let downstream else { throw Self.unpartitioned("downstream", for: "\(Self.self)") }
        _ = try dimensionDependencies(upstream: upstream, downstream: downstream)
    }

    /// The upstream keys of the downstream keys, mapped dimension by dimension; unmapped upstream
    /// dimensions contribute all their keys. Throws for an unpartitioned downstream asset.
    public func upstreamPartitions(
        forDownstreamKeys downstreamKeys: [String]?, downstream: PartitionsDefinition?, upstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> UpstreamPartitionsResult {
        guard let downstreamKeys, let downstream else { throw Self.unpartitioned("downstream", for: "\(Self.self)") }
        let dependencies = try dimensionDependencies(upstream: upstream, downstream: downstream)
        return try DimensionwiseMapper(
            mappingName: "\(Self.self)", source: downstream, target: upstream, sourceIsUpstream: false,
            dependencies: dependencies, context: context
        ).map(downstreamKeys)
    }

    /// The downstream keys of the upstream keys, mapped dimension by dimension; unmapped downstream
    /// dimensions contribute all their keys.
    public func downstreamPartitions(
        forUpstreamKeys upstreamKeys: [String], upstream: PartitionsDefinition, downstream: PartitionsDefinition,
        context: PartitionLoadingContext
    ) throws(DagsterError) -> [String] {
        let dependencies = try dimensionDependencies(upstream: upstream, downstream: downstream)
        return try DimensionwiseMapper(
            mappingName: "\(Self.self)", source: upstream, target: downstream, sourceIsUpstream: true,
            dependencies: dependencies, context: context
        ).map(upstreamKeys).partitionKeys
    }
}

/// Dagster's `_get_dependency_partitions_subset`: maps each source key dimension by dimension and
/// combines the mapped dimension keys (and every key of unmapped target dimensions) into target keys.
struct DimensionwiseMapper {
    /// The mapping's type name, for messages.
    let mappingName: String
    let source: PartitionsDefinition
    let target: PartitionsDefinition
    let sourceIsUpstream: Bool
    let dependencies: [DimensionDependency]
    let context: PartitionLoadingContext

    func map(_ sourceKeys: [String]) throws(DagsterError) -> UpstreamPartitionsResult {
        let pairs = dependencies.map { dependency in
            sourceIsUpstream
                ? (source: dependency.upstreamDimension, target: dependency.downstreamDimension, mapping: dependency.mapping)
                : (source: dependency.downstreamDimension, target: dependency.upstreamDimension, mapping: dependency.mapping)
        }
        let sourceValues = try dimensionValues(of: sourceKeys, in: pairs.map(\.source))
        var mappedValues: [[String: [String]]] = []
        var missing = Set<String>()
        for (pairIndex, pair) in pairs.enumerated() {
            let sourceDimension = try dimension(pair.source, of: source)
            let targetDimension = try dimension(pair.target, of: target)
            var byValue: [String: [String]] = [:]
            for keyValues in sourceValues {
                let value = keyValues[pairIndex]
                guard byValue[value] == nil else { continue }
                if sourceIsUpstream {
                    byValue[value] = try pair.mapping.downstreamPartitions(
                        forUpstreamKeys: [value], upstream: sourceDimension, downstream: targetDimension, context: context)
                } else {
                    let result = try pair.mapping.upstreamPartitions(
                        forDownstreamKeys: [value], downstream: sourceDimension, upstream: targetDimension, context: context)
                    byValue[value] = result.partitionKeys
                    missing.formUnion(result.requiredButNonexistentPartitionKeys)
                }
            }
            mappedValues.append(byValue)
        }
        let targetNames: [String?] = if case .multi(let multi) = target { multi.dimensionNames } else { [nil] }
        let unmapped = targetNames.filter { name in !pairs.contains { $0.target == name } }
        var unmappedKeys: [[String]] = []
        for name in unmapped { unmappedKeys.append(try dimension(name, of: target).partitionKeys(context: context)) }

        // Each target key as its dimension keys in target-dimension (name) order: one slot per
        // dimension, filled by the mapped pairs and the unmapped dimensions.
        let pairSlots = pairs.map { pair in targetNames.firstIndex(of: pair.target) ?? 0 }
        let unmappedSlots = unmapped.map { name in targetNames.firstIndex(of: name) ?? 0 }
        var targetKeys = Set<String>()
        for keyValues in sourceValues {
            var combinations = [[String]](repeating: [String](repeating: "", count: targetNames.count), count: 1)
            for (index, slot) in pairSlots.enumerated() {
                let values = mappedValues[index][keyValues[index]] ?? []
                combinations = combinations.flatMap { partial in values.map { partial.setting(slot, to: $0) } }
            }
            for (slot, keys) in zip(unmappedSlots, unmappedKeys) {
                combinations = combinations.flatMap { partial in keys.map { partial.setting(slot, to: $0) } }
            }
            for combination in combinations {
                if combination.count == 1 {
                    targetKeys.insert(combination[0])
                } else {
                    let dimensionKeys = zip(targetNames, combination).map {
                        MultiPartitionKey.DimensionKey(dimensionName: $0 ?? "", partitionKey: $1)
                    }
                    targetKeys.insert(MultiPartitionKey(orderedDimensionKeys: dimensionKeys).description)
                }
            }
        }
        return UpstreamPartitionsResult(
            partitionKeys: target.ordered(targetKeys, context: context),
            requiredButNonexistentPartitionKeys: missing.sorted(by: codePointOrder))
    }

    /// Each source key's value in each of `dimensions` (the key itself for a `nil` dimension or a
    /// source that is not multi-partitioned), each key parsed once: `values[keyIndex][dimensionIndex]`.
    private func dimensionValues(of sourceKeys: [String], in dimensions: [String?]) throws(DagsterError) -> [[String]] {
        guard case .multi(let multi) = source, dimensions.contains(where: { $0 != nil }) else {
            return sourceKeys.map { key in dimensions.map { _ in key } }
        }
        var values: [[String]] = []
        values.reserveCapacity(sourceKeys.count)
        for key in sourceKeys {
            let parsed = try multi.partitionKey(parsing: key)
            values.append(dimensions.map { dimension in dimension.map { parsed[$0] ?? "" } ?? key })
        }
        return values
    }

    /// The partitions of dimension `name` of `definition`, or `definition` itself when it is not
    /// multi-partitioned.
    private func dimension(_ name: String?, of definition: PartitionsDefinition) throws(DagsterError) -> PartitionsDefinition {
        guard case .multi(let multi) = definition else { return definition }
        guard let name else {
            throw DagsterError(
                .invalidDefinition,
                "\(mappingName) cannot tell which dimension of the multi-partitions (dimensions: "
                    + "\(multi.dimensionNames.joined(separator: ", "))) to map; validate the mapping against the partitions "
                    + "it is called with, or name the dimension (partitionDimensionName, or the dimensions of a "
                    + "MultiPartitionMapping)")
        }
        return try multi.partitionsDefinition(forDimension: name)
    }
}

extension Array {
    /// A copy with the element at `index` replaced by `value`.
    fileprivate func setting(_ index: Int, to value: Element) -> [Element] {
        var copy = self
        copy[index] = value
        return copy
    }
}
