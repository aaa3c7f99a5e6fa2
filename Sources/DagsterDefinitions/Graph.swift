import DagsterCore

/// A graph: ops (and graphs) wired together behind typed inputs and one output, usable like an
/// op inside jobs and other graphs. Its ops' step keys are prefixed with its node name.
///
/// ```swift
/// let clean = Graph("clean", ins: "raw") { (raw: OutputHandle<[Row]>) in
///     dropEmpty(normalize(raw))
/// }
/// let etl = Job("etl") { publish(clean(load())) }   // steps load, clean.normalize, clean.drop_empty, publish
/// ```
public struct Graph<each In: Sendable, Out: Sendable>: Sendable {
    /// The untyped definition.
    public let definition: GraphDefinition
    private var alias: String?

    /// Records the graph by running `body` once with handles for its inputs.
    public init(
        _ name: String, ins: String..., description: String? = nil,
        _ body: (repeat OutputHandle<each In>) -> OutputHandle<Out>
    ) {
        self.init(name, inputNames: ins, description: description, body)
    }

    /// Records the graph with inputs named `inputNames` (`input_N` for any not named).
    init(
        _ name: String, inputNames: [String], description: String?, _ body: (repeat OutputHandle<each In>) -> OutputHandle<Out>
    ) {
        let builder = GraphBuilder(graphName: name)
        var index = 0
        var errors: [String] = []
        var inputs: [GraphInputDefinition] = []
        func inputHandle<T: Sendable>(_ type: T.Type) -> OutputHandle<T> {
            defer { index += 1 }
            let inputName = index < inputNames.count ? inputNames[index] : "input_\(index)"
            inputs.append(GraphInputDefinition(name: inputName, valueType: .of(T.self)))
            return OutputHandle(source: .graphInput(inputName))
        }
        let output = builder.record { body(repeat inputHandle((each In).self)) }
        if inputNames.count != inputs.count {
            errors.append("graph '\(name)' takes \(inputs.count) input(s) but names \(inputNames.count) in ins:")
        }
        definition = GraphDefinition(
            name: name, description: description, inputs: inputs, nodes: builder.nodes, outputMapping: output.source,
            declarationErrors: errors + builder.errors)
    }

    /// Invokes the graph inside a job or graph body.
    @discardableResult
    public func callAsFunction(_ inputs: repeat OutputHandle<each In>, after: [any AnyOutputHandle] = [])
        -> OutputHandle<Out>
    {
        OutputHandle(
            source: GraphBuilder.invoke(
                .graph(definition), inputNames: definition.inputs.map(\.name), sources: sources(of: repeat each inputs),
                after: after,
                options: InvocationOptions(alias: alias), outputName: "result"))
    }

    /// A copy used under another node name.
    public func alias(_ name: String) -> Self {
        var copy = self
        copy.alias = name
        return copy
    }
}

extension GraphDefinition {
    /// Records a root graph (a job body): no inputs, no output.
    static func recording(name: String, description: String?, _ body: () -> Void) -> GraphDefinition {
        let builder = GraphBuilder(graphName: name)
        builder.record(body)
        return GraphDefinition(
            name: name, description: description, nodes: builder.nodes, declarationErrors: builder.errors)
    }
}
