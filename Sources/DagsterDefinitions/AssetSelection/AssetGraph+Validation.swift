import DagsterCore

/// The load-time checks of an asset graph.
extension AssetGraph {
    /// Every dependency must be a node of the graph.
    static func validateDependenciesExist(_ nodes: [AssetGraphNode], allKeys: Set<AssetKey>) throws {
        var problems: [String] = []
        for node in nodes {
            for dependency in node.dependencies where !allKeys.contains(dependency) {
                var problem = "asset \"\(node.key.userString)\" depends on \"\(dependency.userString)\", which is not an asset of the graph"
                let similar = AssetKeySuggestions.similarKeys(to: dependency, among: allKeys)
                if !similar.isEmpty {
                    problem += " (did you mean \(similar.prefix(10).map { "\"\($0.userString)\"" }.joined(separator: ", "))?)"
                }
                problems.append(problem)
            }
        }
        guard !problems.isEmpty else { return }
        throw DagsterError(
            .invalidDefinition,
            "Undefined upstream asset\(problems.count == 1 ? "" : "s"): " + problems.joined(separator: "; ")
                + ". Define each one as an asset, declare it as an external asset, or correct the key.")
    }

    /// The keys ordered so that every asset comes after its parents.
    /// - Throws: when the dependencies form a cycle (an asset depending on itself is allowed).
    static func topologicalOrder(_ nodes: [AssetGraphNode], parentsByKey: [AssetKey: Set<AssetKey>]) throws -> [AssetKey] {
        enum Mark { case inProgress, done }
        func parents(of key: AssetKey) -> Set<AssetKey> { parentsByKey[key] ?? [] }
        var marks: [AssetKey: Mark] = [:]
        var order: [AssetKey] = []
        for start in nodes.map(\.key) where marks[start] == nil {
            // Depth-first search with an explicit stack of (key, parents still to visit).
            var path: [AssetKey] = [start]
            var pending: [[AssetKey]] = [parents(of: start).subtracting([start]).sorted()]
            marks[start] = .inProgress
            while let key = path.last {
                guard let next = pending[pending.count - 1].popLast() else {
                    marks[key] = .done
                    order.append(key)
                    path.removeLast()
                    pending.removeLast()
                    continue
                }
                switch marks[next] {
                case .done?: continue
                case .inProgress?:
                    let cycle = Array(path[(path.firstIndex(of: next) ?? 0)...]) + [next]
                    throw DagsterError(
                        .invalidDefinition,
                        "The asset graph has a dependency cycle: "
                            + cycle.reversed().map { "\"\($0.userString)\"" }.joined(separator: " → ")
                            + " (each asset is upstream of the next). Remove one of these dependencies.")
                case nil:
                    marks[next] = .inProgress
                    path.append(next)
                    pending.append(parents(of: next).subtracting([next]).sorted())
                }
            }
        }
        return order
    }
}
