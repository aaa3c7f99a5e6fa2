import DagsterCore

extension AssetSelection {
    /// The keys of the assets of `graph` this selection selects.
    ///
    /// - Parameter allowMissing: select nothing for keys named exactly (by `assets` or the older
    ///   string syntax) that are not in the graph, instead of failing.
    /// - Throws: `DagsterError(.invalidSubset)` naming the keys selected by key that the graph
    ///   does not have, with similar keys it does have; `DagsterError(.invariantViolation)` for
    ///   attributes only a Dagster instance or the UI knows (`status:`, `column:`, `sensor:`, ...).
    public func resolve(in graph: AssetGraph, allowMissing: Bool = false) throws -> Set<AssetKey> {
        try expression.resolve(in: graph, allowMissing: allowMissing)
    }
}

extension AssetSelection.Expression {
    func resolve(in graph: AssetGraph, allowMissing: Bool) throws -> Set<AssetKey> {
        func resolveChild(_ child: Self) throws -> Set<AssetKey> { try child.resolve(in: graph, allowMissing: allowMissing) }
        func keys(includeSources: Bool, where matches: (AssetGraphNode) -> Bool) -> Set<AssetKey> {
            Set(graph.nodes.filter { (includeSources || $0.isMaterializable) && matches($0) }.map(\.key))
        }
        switch self {
        case .all(let includeSources):
            return includeSources ? graph.allKeys : graph.materializableKeys
        case .keys(let selected):
            return try Self.resolveKeys(selected, in: graph, allowMissing: allowMissing)
        case .keyPrefixes(let prefixes, let includeSources):
            return keys(includeSources: includeSources) { node in prefixes.contains { node.key.path.starts(with: $0) } }
        case .keySubstring(let substring, let includeSources):
            return keys(includeSources: includeSources) { $0.key.userString.contains(substring) }
        case .keyWildcard(let pattern):
            let wildcard = WildcardPattern(pattern)
            return keys(includeSources: true) { wildcard.matches($0.key.userString) }
        case .groups(let groups, let includeSources):
            return keys(includeSources: includeSources) { groups.contains($0.groupName) }
        case .groupWildcard(let pattern, let includeSources):
            let wildcard = WildcardPattern(pattern)
            return keys(includeSources: includeSources) { wildcard.matches($0.groupName) }
        case .tag(let key, let value, let includeSources):
            return keys(includeSources: includeSources) { $0.allTags[key] == value }
        case .kind(let kind, let includeSources):
            guard let kind else { return keys(includeSources: includeSources) { $0.allKinds.isEmpty } }
            return keys(includeSources: includeSources) { $0.allKinds.contains(kind) }
        case .owner(let owner):
            guard let owner else { return [] }
            return keys(includeSources: true) { $0.owners.contains(owner) }
        case .attribute(.external):
            return graph.externalKeys
        case .attribute(.materializable):
            return graph.materializableKeys
        case .partitions(let value):
            guard let value, value != "none" else { return keys(includeSources: true) { $0.partitioning == nil } }
            return keys(includeSources: true) { $0.partitioning?.rawValue == value }
        case .instanceOnly(let attribute, _):
            throw DagsterError(
                .invariantViolation,
                "The selection uses \(attribute):, which selects by what a Dagster instance or the UI knows (runs, "
                    + "schedules, sensors, jobs, columns, code locations), not by the asset graph; it "
                    + "cannot be resolved here. Select by key, group, tag, kind or owner instead.")
        case .upstream(let child, let depth, let includeSelf):
            let selection = try resolveChild(child)
            guard !selection.isEmpty else { return [] }
            let upstream = selection.union(graph.connected(to: selection, direction: .upstream, depth: depth))
            return (includeSelf ? upstream : upstream.subtracting(selection)).intersection(graph.materializableKeys)
        case .downstream(let child, let depth, let includeSelf):
            let selection = try resolveChild(child)
            let downstream = selection.union(graph.connected(to: selection, direction: .downstream, depth: depth))
            return includeSelf ? downstream : downstream.subtracting(selection)
        case .roots(let child):
            return graph.roots(within: try resolveChild(child))
        case .sinks(let child):
            return graph.sinks(within: try resolveChild(child))
        case .requiredMultiAssetNeighbors(let child):
            let selection = try resolveChild(child)
            return selection.reduce(into: selection) { $0.formUnion(graph.executionSet(of: $1)) }
        case .materializable(let child):
            return try resolveChild(child).intersection(graph.materializableKeys)
        case .upstreamSourceAssets(let child):
            let selection = try resolveChild(child)
            return selection.union(graph.connected(to: selection, direction: .upstream)).intersection(graph.externalKeys)
        case .union(let operands):
            return try operands.reduce(into: []) { $0.formUnion(try resolveChild($1)) }
        case .intersection(let operands):
            guard let first = operands.first else { return [] }
            return try operands.dropFirst().reduce(try resolveChild(first)) { $0.intersection(try resolveChild($1)) }
        case .difference(let left, let right):
            return try resolveChild(left).subtracting(try resolveChild(right))
        }
    }

    /// The selected keys the graph has; the missing ones are an error unless `allowMissing`.
    private static func resolveKeys(_ selected: [AssetKey], in graph: AssetGraph, allowMissing: Bool) throws -> Set<AssetKey> {
        let requested = Set(selected)
        let missing = requested.filter { !graph.contains($0) }
        guard !missing.isEmpty, !allowMissing else { return requested.subtracting(missing) }
        var message =
            "Asset key\(missing.count == 1 ? "" : "s") \(AssetGraph.quotedList(missing)) "
            + "\(missing.count == 1 ? "was" : "were") selected, but no asset of the graph has "
            + "\(missing.count == 1 ? "this key" : "these keys"). Check the spelling, and that every asset is added to the `Definitions`."
        for key in missing.sorted().prefix(4) {
            let similar = AssetKeySuggestions.similarKeys(to: key, among: graph.allKeys)
            guard !similar.isEmpty else { continue }
            message += "\nFor \"\(key.userString)\", did you mean \(similar.prefix(10).map { "\"\($0.userString)\"" }.joined(separator: ", "))?"
        }
        throw DagsterError(.invalidSubset, message)
    }
}
