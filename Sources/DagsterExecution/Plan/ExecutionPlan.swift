import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// Where a step input's value comes from, in terms of plan nodes (op handles).
public indirect enum PlanSource: Sendable, Hashable {
    /// An output of another op; inside a dynamic scope, the step with the same mapping key.
    case output(handle: String, output: String)
    /// The element of a dynamic output for this step's mapping key.
    case mappedElement(handle: String, output: String)
    /// Every value the mapped steps of `handle` produced.
    case collected(handle: String, output: String)
    /// Several sources gathered into one list.
    case fanIn([PlanSource])
    /// A job input (`inputValues` or run config `inputs:`).
    case jobInput(String)
    /// An unconnected op input, from run config `ops.OP.inputs.NAME`.
    case config(handle: String, input: String)
    /// The stored value of an asset outside the run.
    case asset(StoredAsset)

    /// The op handles this source reads.
    var upstreamHandles: [String] {
        switch self {
        case .output(let handle, _), .mappedElement(let handle, _), .collected(let handle, _): [handle]
        case .fanIn(let sources): sources.flatMap(\.upstreamHandles)
        case .jobInput, .config, .asset: []
        }
    }
}

/// One op of the flattened job: what runs, its wiring and its dynamic scope. A reference type:
/// the engine hands nodes around on every step, and copying their arrays would cost more.
public final class PlanNode: Sendable {
    /// The op's handle (`graph.op`); the step key of a non-mapped step.
    public let handle: String
    /// The op.
    public let op: OpDefinition
    /// Wiring of every input, in the op's input order.
    public let inputs: [(name: String, source: PlanSource)]
    /// Handles of ordering-only dependencies.
    public let after: [String]
    /// The dynamic output whose mapping keys this node's steps are keyed by.
    public let scope: DynamicScope?
    /// Hooks of the job and of the invocation.
    public let hooks: [HookDefinition]
    /// Op tags with invocation tags.
    public let tags: [String: String]
    /// The retry policy in force.
    public let retryPolicy: RetryPolicy?
    /// The node handles this node depends on (data and ordering), without duplicates.
    public let upstream: [String]
    /// The depth in the plan: 0 for nodes without upstream, else one more than the deepest upstream.
    public let level: Int
    /// The `dagster/priority` of its steps (read once from its tags; 0 when absent or not an integer).
    public let priority: Int

    init(
        handle: String, op: OpDefinition, inputs: [(name: String, source: PlanSource)], after: [String],
        scope: DynamicScope?, hooks: [HookDefinition], tags: [String: String], retryPolicy: RetryPolicy?,
        upstream: [String], level: Int
    ) {
        self.handle = handle
        self.op = op
        self.inputs = inputs
        self.after = after
        self.scope = scope
        self.hooks = hooks
        self.tags = tags
        self.retryPolicy = retryPolicy
        self.upstream = upstream
        self.level = level
        self.priority = StepPriority.of(tags)
    }
}

/// A dynamic output that keys mapped steps.
public struct DynamicScope: Sendable, Hashable {
    /// The handle of the op with the dynamic output.
    public let handle: String
    /// The dynamic output's name.
    public let output: String
}

/// The execution plan of a job: its ops flattened out of nested graphs, in a topological order.
public struct ExecutionPlan: Sendable {
    /// The nodes in topological order.
    public let nodes: [PlanNode]
    /// Index of each node by handle.
    public let indexByHandle: [String: Int]
    /// Root graph inputs.
    public let jobInputs: [GraphInputDefinition]

    /// The node handle of a step key: the key without its `[mapping_key]`.
    public static func handle(ofStepKey key: StepKey) -> String {
        guard key.hasSuffix("]"), let open = key.firstIndex(of: "[") else { return key }
        return String(key[..<open])
    }

    /// The mapping key of a mapped step key (`op[key]` → `key`), `nil` for another step.
    public static func mappingKey(ofStepKey key: StepKey) -> String? {
        guard key.hasSuffix("]"), let open = key.firstIndex(of: "[") else { return nil }
        return String(key[key.index(after: open)..<key.index(before: key.endIndex)])
    }

    /// The node with `handle`.
    public func node(_ handle: String) -> PlanNode? { indexByHandle[handle].map { nodes[$0] } }

    /// Step keys grouped by level, as Dagster plans them (mapped steps shown as `op[?]`).
    public var stepKeysByLevel: [[String]] {
        var levels: [[String]] = []
        for node in nodes {
            while levels.count <= node.level { levels.append([]) }
            levels[node.level].append(node.scope == nil ? node.handle : "\(node.handle)[?]")
        }
        return levels.map { $0.sorted() }
    }

    /// Builds the plan of `job`.
    /// - Throws: `DagsterError(.invalidDefinition)` for wiring the validator would also reject.
    public init(job: Job) throws {
        var builder = PlanBuilder(jobHooks: job.hooks, jobRetryPolicy: job.opRetryPolicy)
        try builder.flatten(job.graph, prefix: "", inputBindings: [:], isRoot: true, scope: nil)
        self.nodes = builder.nodes
        self.indexByHandle = builder.indexByHandle
        self.jobInputs = job.graph.inputs
    }
}

/// Flattens nested graphs into plan nodes.
private struct PlanBuilder {
    let jobHooks: [HookDefinition]
    let jobRetryPolicy: RetryPolicy?
    var nodes: [PlanNode] = []
    var indexByHandle: [String: Int] = [:]
    /// For each flattened graph node, the source its `result` output maps to.
    var graphOutputs: [String: PlanSource] = [:]

    init(jobHooks: [HookDefinition], jobRetryPolicy: RetryPolicy?) {
        self.jobHooks = jobHooks
        self.jobRetryPolicy = jobRetryPolicy
    }

    mutating func flatten(
        _ graph: GraphDefinition, prefix: String, inputBindings: [String: PlanSource], isRoot: Bool, scope: DynamicScope?
    ) throws {
        for node in graph.nodes {
            let handle = prefix + node.name
            let nodeScope = try node.dynamicScope.map { try resolveScope($0, prefix: prefix, bindings: inputBindings) } ?? scope
            func resolve(_ source: InputSource, input: String) throws -> PlanSource {
                try self.resolve(source, prefix: prefix, bindings: inputBindings, isRoot: isRoot, handle: handle, input: input)
            }
            switch node.definition {
            case .op(let op):
                let inputs = try node.inputs.map { (name: $0.name, source: try resolve($0.source, input: $0.name)) }
                let after = try node.after.flatMap { try resolve($0, input: "after").upstreamHandles }
                var upstream: [String] = []
                for candidate in inputs.flatMap(\.source.upstreamHandles) + after where !upstream.contains(candidate) {
                    upstream.append(candidate)
                }
                if let nodeScope, !upstream.contains(nodeScope.handle) { upstream.append(nodeScope.handle) }
                for collectedScope in inputs.compactMap({ collectedScopeHandle($0.source) }) where !upstream.contains(collectedScope) {
                    upstream.append(collectedScope)
                }
                let level = upstream.compactMap { indexByHandle[$0].map { nodes[$0].level + 1 } }.max() ?? 0
                indexByHandle[handle] = nodes.count
                nodes.append(
                    PlanNode(
                        handle: handle, op: op, inputs: inputs, after: after, scope: nodeScope,
                        hooks: jobHooks + node.hooks, tags: op.tags.merging(node.tags) { _, new in new },
                        retryPolicy: node.retryPolicy ?? op.retryPolicy ?? jobRetryPolicy, upstream: upstream,
                        level: level))
            case .graph(let subgraph):
                var bindings: [String: PlanSource] = [:]
                for (name, source) in node.inputs { bindings[name] = try resolve(source, input: name) }
                try flatten(subgraph, prefix: handle + ".", inputBindings: bindings, isRoot: false, scope: nodeScope)
                if let output = subgraph.outputMapping {
                    graphOutputs[handle] = try self.resolve(
                        output, prefix: handle + ".", bindings: bindings, isRoot: false, handle: handle, input: "result")
                }
            }
        }
    }

    /// The scope handle a collect input waits for (the dynamic source of the collected node).
    private func collectedScopeHandle(_ source: PlanSource) -> String? {
        guard case .collected(let handle, _) = source else { return nil }
        return indexByHandle[handle].flatMap { nodes[$0].scope?.handle }
    }

    private func resolveScope(_ source: InputSource, prefix: String, bindings: [String: PlanSource]) throws -> DynamicScope {
        switch source {
        case .mappedElement(let node, let output), .output(let node, let output):
            if case .output(let handle, let mapped)? = graphOutputs[prefix + node] { return DynamicScope(handle: handle, output: mapped) }
            return DynamicScope(handle: prefix + node, output: output)
        default:
            throw DagsterError(.invalidDefinition, "a dynamic scope must be an op's dynamic output, not \(source)")
        }
    }

    private func resolve(
        _ source: InputSource, prefix: String, bindings: [String: PlanSource], isRoot: Bool, handle: String, input: String
    ) throws -> PlanSource {
        switch source {
        case .output(let node, let output):
            if let mapped = graphOutputs[prefix + node] { return mapped }
            return .output(handle: prefix + node, output: output)
        case .mappedElement(let node, let output):
            return .mappedElement(handle: prefix + node, output: output)
        case .collected(let node, let output):
            if case .output(let inner, let innerOutput)? = graphOutputs[prefix + node] {
                return .collected(handle: inner, output: innerOutput)
            }
            return .collected(handle: prefix + node, output: output)
        case .fanIn(let sources):
            return .fanIn(try sources.map { try resolve($0, prefix: prefix, bindings: bindings, isRoot: isRoot, handle: handle, input: input) })
        case .graphInput(let name):
            if isRoot { return .jobInput(name) }
            guard let bound = bindings[name] else {
                throw DagsterError(.invalidDefinition, "graph input '\(name)' is not wired where '\(handle)' uses it")
            }
            return bound
        case .unconnected:
            return .config(handle: handle, input: input)
        case .asset(let stored):
            return .asset(stored)
        case .detached(let reason):
            throw DagsterError(.invalidDefinition, "input '\(input)' of '\(handle)': \(reason)")
        }
    }
}

extension DagsterRun {
    /// The node handles of the steps the run executes (its `stepKeysToExecute` without mapping
    /// keys), or `nil` when it executes every step.
    var executedHandles: Set<String>? { stepKeysToExecute.map { Set($0.map(ExecutionPlan.handle(ofStepKey:))) } }
}
