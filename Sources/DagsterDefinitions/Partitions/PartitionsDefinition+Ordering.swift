import DagsterCore

extension PartitionsDefinition {
    /// The keys in partition order: list order for static and dynamic partitions, time order for
    /// time windows, and dimension by dimension for multi-partitions. Keys the definition does not
    /// know come last, in code point order.
    func ordered(_ keys: Set<String>, context: PartitionLoadingContext) -> [String] {
        guard keys.count > 1 else { return Array(keys) }
        switch self {
        case .static, .dynamic:
            let all = (try? partitionKeys(context: context)) ?? []
            let known = all.filter(keys.contains)
            return known + keys.subtracting(known).sorted(by: codePointOrder)
        case .timeWindow(let definition):
            return Self.sorted(keys) { try? definition.startInstant(forPartitionKey: $0) }
        case .multi(let definition):
            // Each key is parsed once into its dimension keys, in dimension order; each dimension's
            // keys are put in that dimension's order, and a key ranks by (first, second).
            var dimensionKeysByKey: [String: [String]] = [:]
            for key in keys {
                guard let parsed = try? definition.partitionKey(parsing: key) else { continue }
                dimensionKeysByKey[key] = parsed.dimensionKeys.map(\.partitionKey)
            }
            let positions = definition.dimensions.indices.map { index in
                let dimensionKeys = Set(dimensionKeysByKey.values.map { $0[index] })
                let ordered = definition.dimensions[index].partitionsDefinition.ordered(dimensionKeys, context: context)
                return Dictionary(ordered.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let stride = (positions.last?.count ?? 0) + 1
            return Self.sorted(keys) { key -> Int? in
                guard let dimensionKeys = dimensionKeysByKey[key], let first = positions[0][dimensionKeys[0]],
                    let second = positions[1][dimensionKeys[1]]
                else { return nil }
                return first * stride + second
            }
        }
    }

    private static func sorted<Rank: Comparable>(_ keys: Set<String>, by rank: (String) -> Rank?) -> [String] {
        let ranked = keys.map { (key: $0, rank: rank($0)) }
        let known = ranked.compactMap { entry in entry.rank.map { (entry.key, $0) } }
            .sorted { $0.1 == $1.1 ? codePointOrder($0.0, $1.0) : $0.1 < $1.1 }.map(\.0)
        let unknown = ranked.filter { $0.rank == nil }.map(\.key).sorted(by: codePointOrder)
        return known + unknown
    }
}

