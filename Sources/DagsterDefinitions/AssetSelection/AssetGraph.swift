import DagsterCore

/// The assets of a code location and their dependencies: what asset selections resolve against.
///
/// Building a graph validates it, so a bad graph fails at load time: every dependency must be an
/// asset of the graph (declare assets you do not materialize as external), and the dependencies
/// must not form a cycle. An asset may depend on itself (Dagster allows it for partitioned assets
/// that read their own earlier partitions).
///
/// ```swift
/// let graph = try AssetGraph([
///     AssetGraphNode(key: "orders", isExternal: true),
///     AssetGraphNode(key: "daily_totals", dependencies: ["orders"]),
///     AssetGraphNode(key: "report", dependencies: ["daily_totals"]),
/// ])
/// graph.children(of: "orders")   // ["daily_totals"]
/// try AssetSelection.fromString("+key:report").resolve(in: graph)   // daily_totals, report
/// ```
public struct AssetGraph: Sendable {
    /// The nodes, in the order they were given.
    public let nodes: [AssetGraphNode]
    private let nodeIndexByKey: [AssetKey: Int]
    private let parentsByKey: [AssetKey: Set<AssetKey>]
    private let childrenByKey: [AssetKey: Set<AssetKey>]
    private let keysByExecutionSetID: [String: Set<AssetKey>]
    /// Every key after its parents.
    let topologicalOrder: [AssetKey]

    /// The keys of all assets, external ones included.
    public let allKeys: Set<AssetKey>
    /// The keys of the assets a run can materialize (all but the external ones).
    public let materializableKeys: Set<AssetKey>
    /// The keys of the external assets.
    public let externalKeys: Set<AssetKey>

    /// A validated graph of `nodes`.
    /// - Throws: `DagsterError(.invalidDefinition)` when two nodes share a key, when a node
    ///   depends on a key that is not a node, or when dependencies form a cycle; the message names
    ///   the keys involved.
    public init(_ nodes: [AssetGraphNode]) throws {
        var index: [AssetKey: Int] = [:]
        var duplicates: [AssetKey] = []
        for (position, node) in nodes.enumerated() where index.updateValue(position, forKey: node.key) != nil {
            duplicates.append(node.key)
        }
        if !duplicates.isEmpty {
            throw DagsterError(
                .invalidDefinition,
                "Asset keys must be unique, but \(Self.quotedList(Set(duplicates))) "
                    + "\(duplicates.count == 1 ? "is" : "are") defined more than once. Rename or remove the duplicates.")
        }
        var parents: [AssetKey: Set<AssetKey>] = [:]
        var children: [AssetKey: Set<AssetKey>] = [:]
        var executionSets: [String: Set<AssetKey>] = [:]
        for node in nodes {
            parents[node.key] = Set(node.dependencies)
            for parent in node.dependencies { children[parent, default: []].insert(node.key) }
            if let id = node.executionSetID { executionSets[id, default: []].insert(node.key) }
        }
        let allKeys = Set(index.keys)
        try Self.validateDependenciesExist(nodes, allKeys: allKeys)
        self.topologicalOrder = try Self.topologicalOrder(nodes, parentsByKey: parents)
        self.nodes = nodes
        self.nodeIndexByKey = index
        self.parentsByKey = parents
        self.childrenByKey = children
        self.keysByExecutionSetID = executionSets
        self.allKeys = allKeys
        self.materializableKeys = Set(nodes.filter(\.isMaterializable).map(\.key))
        self.externalKeys = Set(nodes.filter(\.isExternal).map(\.key))
    }

    /// The node with `key`, or `nil` if the graph has no such asset.
    public subscript(key: AssetKey) -> AssetGraphNode? {
        nodeIndexByKey[key].map { nodes[$0] }
    }

    /// Whether the graph has an asset with `key`.
    public func contains(_ key: AssetKey) -> Bool { nodeIndexByKey[key] != nil }

    /// The keys `key` depends on; empty for unknown keys.
    public func parents(of key: AssetKey) -> Set<AssetKey> { parentsByKey[key] ?? [] }

    /// The keys that depend on `key`; empty for unknown keys.
    public func children(of key: AssetKey) -> Set<AssetKey> { childrenByKey[key] ?? [] }

    /// The keys that must be materialized together with `key`: all assets of its non-subsettable
    /// multi-asset, or just `key`.
    public func executionSet(of key: AssetKey) -> Set<AssetKey> {
        guard let id = self[key]?.executionSetID else { return [key] }
        return keysByExecutionSetID[id] ?? [key]
    }

    /// Dagster's root assets: materializable assets with no materializable asset upstream
    /// (external parents do not count).
    public var roots: Set<AssetKey> { roots(within: materializableKeys) }

    /// Dagster's sink assets: materializable assets with no materializable asset downstream.
    public var sinks: Set<AssetKey> { sinks(within: materializableKeys) }

    /// `"a", "b/c"`, sorted, for error messages.
    static func quotedList(_ keys: Set<AssetKey>) -> String {
        keys.sorted().map { "\"\($0.userString)\"" }.joined(separator: ", ")
    }
}
