import DagsterConfig
import DagsterCore
import DagsterDefinitions

extension Job {
    /// The executor runs of this job use.
    public var effectiveExecutor: ExecutorDefinition { executor ?? .multiOrInProcess }

    /// The run-config schema of the job: `ops`, `resources`, `execution`, `loggers`, `inputs`.
    /// - Parameter requiredResourceKeys: the resources the run initializes; others' config is optional.
    public func runConfigSchema(resources: [String: ResourceDefinition], requiredResourceKeys: Set<String>? = nil) throws
        -> RunConfigSchema
    {
        var resourceFields = OrderedDictionary<String, ConfigField?>()
        for key in resources.keys.sorted() { resourceFields[key] = resources[key]?.configField }
        let key = SchemaKey(resources: resourceFields, requiredResourceKeys: requiredResourceKeys)
        return try derivedValues.value(for: key) {
            try RunConfigSchema(
                nodes: Self.configNodes(of: graph), resources: resourceFields, requiredResourceKeys: requiredResourceKeys,
                executor: effectiveExecutor.configField)
        }
    }

    /// What a job's run-config schema depends on besides the job itself.
    private struct SchemaKey: Hashable, Sendable {
        let resources: OrderedDictionary<String, ConfigField?>
        let requiredResourceKeys: Set<String>?
    }

    private static func configNodes(of graph: GraphDefinition) -> [OpConfigNode] {
        graph.nodes.map { node in
            switch node.definition {
            case .op(let op):
                var inputs = OrderedDictionary<String, ConfigType>()
                for (name, source) in node.inputs {
                    if case .unconnected = source { inputs[name] = .any }
                }
                return .op(name: node.name, config: op.configField, inputs: inputs)
            case .graph(let subgraph):
                return .graph(name: node.name, children: configNodes(of: subgraph))
            }
        }
    }
}

extension ResolvedRunConfig {
    /// The `inputs:` given in run config for the op with `handle`.
    func opInputs(forHandle handle: String) -> OrderedDictionary<String, JSONValue> {
        inputs(forNodePath: handle.split(separator: ".").map(String.init))
    }
}
