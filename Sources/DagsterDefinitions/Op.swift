import DagsterConfig
import DagsterCore

/// An op: a typed, async unit of computation. Invoking it inside a `Job` or `Graph` body wires
/// its inputs to upstream outputs; a wire of the wrong type does not compile.
///
/// ```swift
/// let start = Op("start") { (ctx: OpContext) in 0 }
/// let inc = Op("inc", ins: "x") { (ctx: OpContext, x: Int) in x + 1 }
/// let chain = Job("chain") { inc(inc(start())) }   // nodes start, inc, inc_2
/// ```
public struct Op<each In: Sendable, Out: Sendable>: Sendable {
    /// The untyped definition the engine runs.
    public let definition: OpDefinition
    private let typedBody: @Sendable (OpContext, [any Sendable]) async throws -> Out
    private var invocation = InvocationOptions()

    /// Declares an op whose body takes the context and its inputs.
    /// - Parameters:
    ///   - name: the op's name (letters, digits, underscores).
    ///   - ins: the names of the inputs, in the order the body takes them.
    ///   - inputTypes: Dagster types for some inputs, by name; others get the Swift type's.
    ///   - outs: output declarations when the body returns `Outputs`.
    ///   - outputType: the Dagster type of the single `result` output.
    ///   - configField: the op's config schema; the body reads `context.opConfig`.
    public init(
        _ name: String, ins: String..., inputTypes: [String: DagsterType] = [:], outs: [any OutputDeclaration] = [],
        outputType: DagsterType? = nil, configField: ConfigField? = nil, requiredResources: Set<String> = [],
        tags: [String: String] = [:], description: String? = nil, codeVersion: String? = nil,
        retryPolicy: RetryPolicy? = nil, ioManagerKey: String = "io_manager",
        _ body: @escaping @Sendable (OpContext, repeat each In) async throws -> Out
    ) {
        let declaration = OpDeclaration(
            name: name, inputNames: ins, inputTypes: inputTypes, outs: outs, outputType: outputType,
            configField: configField, requiredResources: requiredResources, tags: tags, description: description,
            codeVersion: codeVersion, retryPolicy: retryPolicy, ioManagerKey: ioManagerKey)
        self.init(declaration) { context, values in
            let inputs: (repeat each In) = try unpackInputs(values, of: name, named: ins, as: repeat (each In).self)
            return try await body(context, repeat each inputs)
        }
    }

    /// Declares an op with typed config: the body gets the decoded config after the context.
    ///
    /// ```swift
    /// struct FetchConfig: Config { var limit: Int }
    /// let fetch = Op("fetch", config: FetchConfig.self) { (ctx: OpContext, config: FetchConfig) in
    ///     try await api.orders(limit: config.limit)
    /// }
    /// ```
    public init<C: Config>(
        _ name: String, config: C.Type, ins: String..., inputTypes: [String: DagsterType] = [:],
        outs: [any OutputDeclaration] = [], outputType: DagsterType? = nil, requiredResources: Set<String> = [],
        tags: [String: String] = [:], description: String? = nil, codeVersion: String? = nil,
        retryPolicy: RetryPolicy? = nil, ioManagerKey: String = "io_manager",
        _ body: @escaping @Sendable (OpContext, C, repeat each In) async throws -> Out
    ) {
        let declaration = OpDeclaration(
            name: name, inputNames: ins, inputTypes: inputTypes, outs: outs, outputType: outputType,
            configField: C.configSchema, requiredResources: requiredResources, tags: tags, description: description,
            codeVersion: codeVersion, retryPolicy: retryPolicy, ioManagerKey: ioManagerKey)
        self.init(declaration) { context, values in
            let config = try context.config(as: C.self)
            let inputs: (repeat each In) = try unpackInputs(values, of: name, named: ins, as: repeat (each In).self)
            return try await body(context, config, repeat each inputs)
        }
    }

    private init(
        _ declaration: OpDeclaration,
        typedBody: @escaping @Sendable (OpContext, [any Sendable]) async throws -> Out
    ) {
        var inputValueTypes: [ValueType] = []
        for type in repeat (each In).self { inputValueTypes.append(.of(type)) }
        let shape = OutputShape.of(Out.self)
        self.typedBody = typedBody
        self.definition = declaration.definition(inputValueTypes: inputValueTypes, outputShape: shape) { context, values in
            shape.produced(by: try await typedBody(context, values))
        }
    }

    /// Invokes the op inside a job or graph body, wiring its inputs; returns its output's handle.
    /// - Parameter after: outputs that must be produced before this op runs, without passing data
    ///   (Dagster's `Nothing` dependencies).
    @discardableResult
    public func callAsFunction(_ inputs: repeat OutputHandle<each In>, after: [any AnyOutputHandle] = [])
        -> OutputHandle<Out>
    {
        OutputHandle(
            source: GraphBuilder.invoke(
                .op(definition), inputNames: definition.inputs.map(\.name), sources: sources(of: repeat each inputs),
                after: after,
                options: invocation, outputName: definition.outputs.first?.name ?? "result"))
    }

    /// Runs the body directly, outside any job: for unit tests of an op.
    ///
    /// ```swift
    /// let result = try await inc.invoke(41, context: .forTesting())   // 42
    /// ```
    public func invoke(_ inputs: repeat each In, context: OpContext) async throws -> Out {
        var values: [any Sendable] = []
        for value in repeat each inputs { values.append(value) }
        return try await typedBody(context, values)
    }

    /// A copy used under another node name (Dagster's alias), to invoke the same op twice.
    public func alias(_ name: String) -> Self {
        var copy = self
        copy.invocation.alias = name
        return copy
    }

    /// A copy whose next invocations carry `hooks`.
    public func withHooks(_ hooks: [HookDefinition]) -> Self {
        var copy = self
        copy.invocation.hooks += hooks
        return copy
    }

    /// A copy whose next invocations carry extra tags.
    public func tagged(_ tags: [String: String]) -> Self {
        var copy = self
        copy.invocation.tags.merge(tags) { _, new in new }
        return copy
    }

    /// A copy whose next invocations use `policy` for retries.
    public func withRetryPolicy(_ policy: RetryPolicy) -> Self {
        var copy = self
        copy.invocation.retryPolicy = policy
        return copy
    }
}

/// Options of one use of a node: alias, hooks, tags, retry policy.
struct InvocationOptions: Sendable {
    var alias: String?
    var hooks: [HookDefinition] = []
    var tags: [String: String] = [:]
    var retryPolicy: RetryPolicy?
}

/// Casts the erased input values back to the body's types, in order.
func unpackInputs<each T>(
    _ values: [any Sendable], of opName: String, named names: [String], as types: repeat (each T).Type
) throws -> (repeat each T) {
    var index = 0
    func next<V>(_: V.Type) throws -> V {
        defer { index += 1 }
        guard index < values.count else {
            throw DagsterError(.invariantViolation, "op '\(opName)' received \(values.count) inputs, needs more")
        }
        if let typed = values[index] as? V { return typed }
        let inputName = index < names.count ? "'\(names[index])'" : "\(index)"
        throw DagsterError(
            .typeCheck,
            "input \(inputName) of op '\(opName)' received a \(type(of: values[index])), but the op takes \(V.self); "
                + "check what is wired to it (for inputs from run config, the value's type)")
    }
    return (repeat try next(each types))
}
