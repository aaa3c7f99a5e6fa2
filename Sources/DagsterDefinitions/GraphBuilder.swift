import DagsterCore
import Synchronization

/// Records the nodes a graph or job body invokes. Bodies run with a builder in a task-local;
/// `Op.callAsFunction` adds a node to it and returns typed handles to the node's outputs.
final class GraphBuilder: Sendable {
    @TaskLocal static var current: GraphBuilder?

    private struct State {
        var nodes: [NodeInvocation] = []
        var usedNames: Set<String> = []
        var dynamicScopes: [InputSource] = []
        var errors: [String] = []
    }

    private let state = Mutex(State())
    let graphName: String

    init(graphName: String) { self.graphName = graphName }

    /// Runs `body` with this builder recording, then returns what it recorded.
    func record<R>(_ body: () throws -> R) rethrows -> R {
        try GraphBuilder.$current.withValue(self) { try body() }
    }

    var nodes: [NodeInvocation] { state.withLock { $0.nodes } }
    var errors: [String] { state.withLock { $0.errors } }

    /// Adds a node under `alias` or a fresh name derived from the definition's (`op`, `op_2`, …).
    func add(
        _ definition: NodeDefinition, alias: String?, inputs: [(name: String, source: InputSource)],
        after: [InputSource], hooks: [HookDefinition], tags: [String: String], retryPolicy: RetryPolicy?
    ) -> String {
        state.withLock { state in
            var name = alias ?? definition.name
            if state.usedNames.contains(name) {
                if alias != nil {
                    state.errors.append(
                        "graph '\(graphName)' uses the name '\(name)' for two nodes; give each use a distinct alias")
                }
                var suffix = 2
                while state.usedNames.contains("\(name)_\(suffix)") { suffix += 1 }
                name = "\(name)_\(suffix)"
            }
            state.usedNames.insert(name)
            for (inputName, source) in inputs {
                if case .detached(let reason) = source {
                    state.errors.append("input '\(inputName)' of node '\(name)' in '\(graphName)': \(reason)")
                }
            }
            state.nodes.append(
                NodeInvocation(
                    name: name, definition: definition, inputs: inputs, after: after,
                    dynamicScope: state.dynamicScopes.last, hooks: hooks, tags: tags, retryPolicy: retryPolicy))
            return name
        }
    }

    /// Records the nodes `body` adds as mapped over the dynamic output `source`.
    func withDynamicScope<R>(_ source: InputSource, _ body: () throws -> R) rethrows -> R {
        state.withLock { $0.dynamicScopes.append(source) }
        defer { state.withLock { _ = $0.dynamicScopes.popLast() } }
        return try body()
    }

    /// Records an invocation of `definition` in the current body, wiring its inputs in order;
    /// returns the source of its output `outputName`, or a detached source outside any body.
    static func invoke(
        _ definition: NodeDefinition, inputNames: [String], sources: [InputSource], after: [any AnyOutputHandle],
        options: InvocationOptions, outputName: String
    ) -> InputSource {
        guard let builder = GraphBuilder.current else {
            let kind = if case .op = definition { "op" } else { "graph" }
            return .detached("\(kind) '\(definition.name)' was invoked outside a Job or Graph body")
        }
        let wired = zip(inputNames, sources).map { (name: $0, source: $1) }
        let name = builder.add(
            definition, alias: options.alias, inputs: wired, after: after.map(\.source), hooks: options.hooks,
            tags: options.tags, retryPolicy: options.retryPolicy)
        return .output(node: name, output: outputName)
    }

    func reportError(_ message: String) {
        state.withLock { $0.errors.append(message) }
    }
}
