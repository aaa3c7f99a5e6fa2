import DagsterCore

/// One clause of an op selection (`*op`, `op+`, `++op+++`): an item with traversal depths.
///
/// Dagster reads the older asset selection syntax (`*raw/orders+`) with the same clause grammar,
/// so the item may contain `/`.
public struct OpSelectionClause: Sendable, Hashable {
    /// Levels of upstream nodes to include; `Int.max` for all.
    public let upDepth: Int
    /// The node name (dotted for nodes inside graphs).
    public let item: String
    /// Levels of downstream nodes to include; `Int.max` for all.
    public let downDepth: Int

    /// A clause with the given depths.
    public init(upDepth: Int, item: String, downDepth: Int) {
        self.upDepth = upDepth
        self.item = item
        self.downDepth = downDepth
    }

    /// Parses a clause the way Dagster does; `nil` when it does not parse.
    public init?(parsing clause: String) {
        let scalars = Array(clause.trimmingWhitespace.unicodeScalars)
        var index = 0
        var prefix = ""
        if index < scalars.count, scalars[index] == "*" { prefix.append("*"); index += 1 }
        while index < scalars.count, scalars[index] == "+" { prefix.append("+"); index += 1 }
        var item = ""
        while index < scalars.count, Self.isItemCharacter(scalars[index]) { item.unicodeScalars.append(scalars[index]); index += 1 }
        var suffix = ""
        while index < scalars.count, scalars[index] == "+" { suffix.append("+"); index += 1 }
        if index < scalars.count, scalars[index] == "*" { suffix.append("*"); index += 1 }
        guard index == scalars.count, !item.isEmpty else { return nil }
        self.upDepth = Self.depth(prefix)
        self.item = item
        self.downDepth = Self.depth(suffix)
    }

    private static func depth(_ part: String) -> Int {
        part.contains("*") ? Int.max : part.count
    }

    private static func isItemCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "_.[]?-/".unicodeScalars.contains(scalar)
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}

/// Dagster's op selection over the top-level nodes of a job's graph.
public enum OpSelection {
    /// The names of the nodes `queries` select in `graph`.
    /// - Throws: `DagsterError(.invalidSubset)` when a clause does not parse or matches nothing,
    ///   or when it selects children of a node that is not a graph.
    public static func select(_ queries: [String], in graph: GraphDefinition) throws -> Set<String> {
        let nodes = graph.nodes
        let allNames = Set(nodes.map(\.name))
        var upstream: [String: [String]] = [:]
        for node in nodes { upstream[node.name] = Array(Set(node.upstreamNodes.filter(allNames.contains))) }
        let noMatch = DagsterError(
            .invalidSubset,
            "No qualified ops to execute found for op_selection=\(queries); "
                + "known ops: \(allNames.sorted().joined(separator: ", "))")
        var clauses: [OpSelectionClause] = []
        for query in queries where !(queries.count == 1 && query.trimmingWhitespace == "*") {
            guard var clause = OpSelectionClause(parsing: query) else { throw noMatch }
            if let dot = clause.item.firstIndex(of: ".") {
                let parent = String(clause.item[..<dot])
                guard let node = graph.node(named: parent) else { throw noMatch }
                guard case .graph = node.definition else {
                    throw DagsterError(.invalidSubset, "Children of node \(parent) were selected, but \(parent) is not a graph.")
                }
                clause = OpSelectionClause(upDepth: clause.upDepth, item: parent, downDepth: clause.downDepth)
            }
            clauses.append(clause)
        }
        if clauses.isEmpty { return allNames }
        return try select(clauses, upstream: upstream, noMatch: noMatch)
    }

    /// The step handles `queries` select among the steps of a plan, given each step's upstream
    /// steps (Dagster's step selection for re-execution: `op`, `*op`, `op+`, `graph.op`).
    /// - Throws: `DagsterError(.invalidSubset)` naming a clause that matches no step.
    public static func selectSteps(_ queries: [String], upstream: [String: [String]]) throws -> Set<String> {
        var clauses: [OpSelectionClause] = []
        for query in queries {
            guard let clause = OpSelectionClause(parsing: query), upstream[clause.item] != nil else {
                throw DagsterError(
                    .invalidSubset,
                    "Step selection refers to unknown step: \(query); known steps: "
                        + upstream.keys.sorted().joined(separator: ", "))
            }
            clauses.append(clause)
        }
        return try select(clauses, upstream: upstream, noMatch: DagsterError(.invalidSubset, "no step selected"))
    }

    private static func select(_ clauses: [OpSelectionClause], upstream: [String: [String]], noMatch: DagsterError)
        throws -> Set<String>
    {
        var downstream: [String: [String]] = [:]
        for (name, parents) in upstream {
            for parent in parents { downstream[parent, default: []].append(name) }
        }
        var selected: Set<String> = []
        for clause in clauses {
            guard upstream[clause.item] != nil else { throw noMatch }
            selected.insert(clause.item)
            selected.formUnion(traverse(from: clause.item, depth: clause.upDepth, edges: upstream))
            selected.formUnion(traverse(from: clause.item, depth: clause.downDepth, edges: downstream))
        }
        return selected
    }

    private static func traverse(from start: String, depth: Int, edges: [String: [String]]) -> Set<String> {
        var found: Set<String> = []
        var frontier = [start]
        var level = 0
        while !frontier.isEmpty, level < depth {
            var next: [String] = []
            for name in frontier {
                for neighbor in edges[name] ?? [] where found.insert(neighbor).inserted { next.append(neighbor) }
            }
            frontier = next
            level += 1
        }
        return found
    }
}

extension Job {
    /// The subset job that runs only the ops `opSelection` selects; inputs from unselected ops
    /// become unconnected (given through run config `inputs:` or loaded from a parent run).
    /// An empty selection returns the job itself.
    public func subset(opSelection: [String]) throws -> Job {
        guard !opSelection.isEmpty else { return self }
        let selected = try OpSelection.select(opSelection, in: graph)
        func keep(_ source: InputSource) -> InputSource {
            switch source {
            case .output(let node, _), .collected(let node, _), .mappedElement(let node, _):
                return selected.contains(node) ? source : .unconnected
            case .fanIn(let sources):
                return sources.allSatisfy({ $0.upstreamNodes.allSatisfy(selected.contains) }) ? source : .unconnected
            default: return source
            }
        }
        let nodes = graph.nodes.filter { selected.contains($0.name) }.map { node in
            NodeInvocation(
                name: node.name, definition: node.definition, inputs: node.inputs.map { ($0.name, keep($0.source)) },
                after: node.after.filter { $0.upstreamNodes.allSatisfy(selected.contains) },
                dynamicScope: node.dynamicScope.flatMap { scope in
                    scope.upstreamNodes.allSatisfy(selected.contains) ? scope : nil
                }, hooks: node.hooks, tags: node.tags, retryPolicy: node.retryPolicy)
        }
        let subgraph = GraphDefinition(
            name: graph.name, description: graph.description, inputs: graph.inputs, nodes: nodes,
            outputMapping: nil, declarationErrors: graph.declarationErrors)
        return with(graph: subgraph, opSelection: .some(selected.sorted()))
    }
}
