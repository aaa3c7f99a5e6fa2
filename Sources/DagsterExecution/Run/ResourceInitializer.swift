import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation

/// Initializes the resources a run needs, in dependency order, and tears them down again.
struct ResourceInitializer {
    let definitions: [String: ResourceDefinition]

    /// The keys `plan` needs, with the resources those depend on.
    static func requiredKeys(for plan: ExecutionPlan, definitions: [String: ResourceDefinition]) -> [String] {
        requiredKeys(for: plan.nodes, in: plan, definitions: definitions)
    }

    /// The resources the steps of `nodes` need: their ops', hooks' and output IO managers', the
    /// IO managers their inputs load through, and what those depend on, in initialization order.
    static func requiredKeys(for nodes: [PlanNode], in plan: ExecutionPlan, definitions: [String: ResourceDefinition]) -> [String] {
        var keys: Set<String> = []
        for node in nodes {
            keys.formUnion(node.op.requiredResourceKeys)
            keys.formUnion(node.op.outputs.filter { !$0.dagsterType.isNothing }.map(\.ioManagerKey))
            for hook in node.hooks { keys.formUnion(hook.requiredResourceKeys) }
            for input in node.inputs { keys.formUnion(Self.inputManagerKeys(input.source, in: plan)) }
        }
        var ordered: [String] = []
        var visited: Set<String> = []
        func visit(_ key: String) {
            guard visited.insert(key).inserted else { return }
            for dependency in (definitions[key]?.requiredResourceKeys ?? []).sorted() { visit(dependency) }
            ordered.append(key)
        }
        for key in keys.sorted() { visit(key) }
        return ordered
    }

    /// Initializes `keys` in order; on a failure, tears down what was initialized and rethrows
    /// the error naming the resource.
    func initialize(
        _ keys: [String], config: (String) -> JSONValue, runID: RunID, log: DagsterLogger
    ) async throws -> [(key: String, value: any Sendable)] {
        var initialized: [(key: String, value: any Sendable)] = []
        for key in keys {
            guard let definition = definitions[key] else {
                throw DagsterError(.invalidDefinition, "resource '\(key)' is required but not bound")
            }
            let context = InitResourceContext(
                resourceKey: key, resourceConfig: config(key),
                resources: Resources(Dictionary(initialized.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })),
                runID: runID, log: log)
            do {
                initialized.append((key, try await definition.initialize(context)))
            } catch {
                await teardown(initialized) { _, _ in }
                throw DagsterError(
                    .resourceInitFailure, "Error occurred while initializing resource \"\(key)\": \(error)", cause: error)
            }
        }
        return initialized
    }

    /// Tears resources down in reverse order; reports each teardown error and goes on.
    func teardown(_ resources: [(key: String, value: any Sendable)], onError: (String, any Error) -> Void) async {
        for (key, value) in resources.reversed() {
            do { try await definitions[key]?.teardown(value) } catch { onError(key, error) }
        }
    }

    /// The IO managers an input source loads through: those of the upstream outputs it reads,
    /// or the one named for an asset outside the run.
    private static func inputManagerKeys(_ source: PlanSource, in plan: ExecutionPlan) -> [String] {
        switch source {
        case .output(let handle, let output), .mappedElement(let handle, let output), .collected(let handle, let output):
            guard let definition = plan.node(handle)?.op.output(named: output), !definition.dagsterType.isNothing else { return [] }
            return [definition.ioManagerKey]
        case .fanIn(let sources): return sources.flatMap { inputManagerKeys($0, in: plan) }
        case .asset(let stored): return [stored.ioManagerKey]
        case .jobInput, .config: return []
        }
    }
}
