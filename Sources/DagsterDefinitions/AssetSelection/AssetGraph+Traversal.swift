import DagsterCore

/// Walks along dependencies, the way Dagster's selection traverses the asset graph.
extension AssetGraph {
    /// The direction of a walk: towards parents or towards children.
    public enum Direction: Sendable {
        /// From an asset to the assets it depends on.
        case upstream
        /// From an asset to the assets that depend on it.
        case downstream
    }

    /// The assets reachable from `keys` in one to `depth` steps (`nil`: any number of steps),
    /// through external assets too. A start key is included only if another start key reaches it.
    public func connected(to keys: Set<AssetKey>, direction: Direction, depth: Int? = nil) -> Set<AssetKey> {
        let limit = depth ?? Int.max
        var found: Set<AssetKey> = []
        var frontier = Array(keys)
        var level = 0
        while !frontier.isEmpty, level < limit {
            var next: [AssetKey] = []
            for key in frontier {
                let neighbors = direction == .upstream ? parents(of: key) : children(of: key)
                for neighbor in neighbors where found.insert(neighbor).inserted { next.append(neighbor) }
            }
            frontier = next
            level += 1
        }
        return found
    }

    /// The keys of `selection` that have no ancestor in `selection` (ancestors outside it do not
    /// count): Dagster's roots of a selection.
    public func roots(within selection: Set<AssetKey>) -> Set<AssetKey> {
        selection.subtracting(keysWithRelative(in: selection, direction: .upstream))
    }

    /// The keys of `selection` that have no descendant in `selection`: Dagster's sinks of a
    /// selection.
    public func sinks(within selection: Set<AssetKey>) -> Set<AssetKey> {
        selection.subtracting(keysWithRelative(in: selection, direction: .downstream))
    }

    /// The keys with an ancestor (upstream) or descendant (downstream) in `selection`, other than
    /// themselves; one pass in dependency order.
    private func keysWithRelative(in selection: Set<AssetKey>, direction: Direction) -> Set<AssetKey> {
        var found: Set<AssetKey> = []
        let order = direction == .upstream ? topologicalOrder : topologicalOrder.reversed()
        for key in order {
            let neighbors = direction == .upstream ? parents(of: key) : children(of: key)
            if neighbors.contains(where: { $0 != key && (selection.contains($0) || found.contains($0)) }) {
                found.insert(key)
            }
        }
        return found
    }
}
