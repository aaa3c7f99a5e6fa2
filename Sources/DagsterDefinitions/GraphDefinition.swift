import DagsterCore

/// Where an input's value comes from inside a graph.
public indirect enum InputSource: Sendable, Hashable {
    /// An output of another node of the same graph.
    case output(node: String, output: String)
    /// One element of a dynamic output, inside `map`.
    case mappedElement(node: String, output: String)
    /// All elements produced by a mapped node, gathered by `collect()`.
    case collected(node: String, output: String)
    /// Several sources gathered into one list input (fan-in).
    case fanIn([InputSource])
    /// An input of the enclosing graph (or of the job, for the root graph).
    case graphInput(String)
    /// Not connected: the value comes from run config (`ops.NODE.inputs.NAME`) or `inputValues`.
    case unconnected
    /// A handle that was made outside any graph body; wiring it is an error.
    case detached(String)
    /// The stored value of an asset this job does not materialize (an asset's upstream outside
    /// the selection), loaded through its IO manager.
    case asset(StoredAsset)

    /// The node names this source reads from.
    public var upstreamNodes: [String] {
        switch self {
        case .output(let node, _), .mappedElement(let node, _), .collected(let node, _): [node]
        case .fanIn(let sources): sources.flatMap(\.upstreamNodes)
        case .graphInput, .unconnected, .detached, .asset: []
        }
    }
}

/// A node of a graph: an op or a sub-graph.
public indirect enum NodeDefinition: Sendable {
    case op(OpDefinition)
    case graph(GraphDefinition)

    /// The definition's own name.
    public var name: String {
        switch self {
        case .op(let op): op.name
        case .graph(let graph): graph.name
        }
    }
}

/// One use of a node inside a graph, under a (possibly aliased) name, with its wiring.
public struct NodeInvocation: Sendable {
    /// The node's name in this graph (the alias, or the definition's name).
    public let name: String
    /// What runs.
    public internal(set) var definition: NodeDefinition
    /// Input name → source, for every wired input.
    public let inputs: [(name: String, source: InputSource)]
    /// Ordering-only (`Nothing`) dependencies.
    public let after: [InputSource]
    /// The dynamic output this node is mapped over (set for nodes created inside `map`).
    public let dynamicScope: InputSource?
    /// Hooks attached to this use of the node.
    public let hooks: [HookDefinition]
    /// Tags attached to this use of the node.
    public let tags: [String: String]
    /// A retry policy attached to this use of the node.
    public let retryPolicy: RetryPolicy?

    /// Creates an invocation.
    public init(
        name: String, definition: NodeDefinition, inputs: [(name: String, source: InputSource)],
        after: [InputSource] = [], dynamicScope: InputSource? = nil, hooks: [HookDefinition] = [],
        tags: [String: String] = [:], retryPolicy: RetryPolicy? = nil
    ) {
        self.name = name
        self.definition = definition
        self.inputs = inputs
        self.after = after
        self.dynamicScope = dynamicScope
        self.hooks = hooks
        self.tags = tags
        self.retryPolicy = retryPolicy
    }

    /// Every node this invocation depends on, data and ordering.
    public var upstreamNodes: [String] {
        inputs.flatMap(\.source.upstreamNodes) + after.flatMap(\.upstreamNodes)
    }
}

/// An input of a graph: a name and the Swift type the graph's body expects.
public struct GraphInputDefinition: Sendable {
    /// The input's name.
    public let name: String
    /// The Swift type.
    public let valueType: ValueType

    /// Creates a graph input.
    public init(name: String, valueType: ValueType) {
        self.name = name
        self.valueType = valueType
    }
}

/// A graph: nodes wired together, with inputs mapped in and one output mapped out.
public struct GraphDefinition: Sendable {
    /// The graph's name.
    public let name: String
    /// A human description.
    public let description: String?
    /// The graph's inputs, mapped to inner inputs through `InputSource.graphInput`.
    public let inputs: [GraphInputDefinition]
    /// The nodes, in the order they were invoked (a topological order).
    public let nodes: [NodeInvocation]
    /// The inner output that is the graph's `result`, if any.
    public let outputMapping: InputSource?
    /// Problems found while recording the graph body, reported when `Definitions` is built.
    public let declarationErrors: [String]

    /// Creates a graph definition.
    public init(
        name: String, description: String? = nil, inputs: [GraphInputDefinition] = [], nodes: [NodeInvocation],
        outputMapping: InputSource? = nil, declarationErrors: [String] = []
    ) {
        self.name = name
        self.description = description
        self.inputs = inputs
        self.nodes = nodes
        self.outputMapping = outputMapping
        self.declarationErrors = declarationErrors
    }

    /// The node named `name`.
    public func node(named name: String) -> NodeInvocation? { nodes.first { $0.name == name } }
}

/// An asset whose stored value an input reads: its key, the IO manager that stored it, and
/// whether it is partitioned (then the run's partition is read).
public struct StoredAsset: Sendable, Hashable {
    /// The asset's key.
    public let key: AssetKey
    /// The resource key of the IO manager storing it.
    public let ioManagerKey: String
    /// Whether the asset is partitioned.
    public let isPartitioned: Bool

    /// Describes a stored asset.
    public init(key: AssetKey, ioManagerKey: String, isPartitioned: Bool = false) {
        self.key = key
        self.ioManagerKey = ioManagerKey
        self.isPartitioned = isPartitioned
    }
}
