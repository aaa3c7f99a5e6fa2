import DagsterConfig
import DagsterCore

/// A software-defined asset: a key, the upstream assets it reads, and the body computing its
/// value. The body's parameters take the upstream assets' values, so a dependency of the wrong
/// type does not compile.
///
/// ```swift
/// let orders = Asset("orders") { (ctx: AssetContext) -> [Order] in try await shop.orders() }
/// let revenue = Asset("revenue", ins: orders) { (ctx: AssetContext, orders: [Order]) in
///     orders.reduce(0) { $0 + $1.amount }
/// }
/// let defs = try Definitions(assets: [orders, revenue])
/// ```
public struct Asset<Value: Sendable>: Sendable {
    /// The untyped definition the engine runs.
    public let definition: AssetsDefinition

    /// The asset's key.
    public var key: AssetKey { definition.key }

    /// Declares an asset.
    /// - Parameters:
    ///   - key: the asset's key (a string literal is a one-component key).
    ///   - ins: the upstream assets whose values the body receives, in the body's order.
    ///   - deps: upstream assets that must be materialized first but pass no value.
    ///   - group: the asset group (`default` when `nil`).
    ///   - configField: the config schema; the body reads `context.config`.
    ///   - ioManagerKey: the resource key of the IO manager storing the value.
    public init<each In: Sendable>(
        _ key: AssetKey, ins: repeat Asset<each In>, deps: [AssetKey] = [], group: String? = nil,
        tags: [String: String] = [:], kinds: Set<String> = [], owners: [String] = [], description: String? = nil,
        metadata: Metadata = [:], codeVersion: String? = nil, configField: ConfigField? = nil,
        requiredResources: Set<String> = [], retryPolicy: RetryPolicy? = nil, ioManagerKey: String = "io_manager",
        _ body: @escaping @Sendable (AssetContext, repeat each In) async throws -> Value
    ) {
        var inputKeys: [(name: String, key: AssetKey)] = []
        for upstream in repeat each ins {
            inputKeys.append((AssetsDefinition.opName(for: upstream.key), upstream.key))
        }
        let name = AssetsDefinition.opName(for: key)
        let inputNames = inputKeys.map(\.name)
        let declaration = OpDeclaration(
            name: name, inputNames: inputNames, inputTypes: [:], outs: [], outputType: nil, configField: configField,
            requiredResources: requiredResources, tags: tags, description: description, codeVersion: codeVersion,
            retryPolicy: retryPolicy, ioManagerKey: ioManagerKey, assetKey: key)
        var inputValueTypes: [ValueType] = []
        for type in repeat (each In).self { inputValueTypes.append(.of(type)) }
        let shape = OutputShape.of(Value.self)
        let op = declaration.definition(inputValueTypes: inputValueTypes, outputShape: shape) { context, values in
            let inputs: (repeat each In) = try unpackInputs(values, of: name, named: inputNames, as: repeat (each In).self)
            let value = try await body(AssetContext(assetKey: key, op: context), repeat each inputs)
            return shape.produced(by: value)
        }
        definition = AssetsDefinition(
            key: key, op: op, inputKeys: inputKeys, nonDataDependencies: deps,
            groupName: group ?? AssetsDefinition.defaultGroup, tags: tags, kinds: kinds, owners: owners,
            description: description, metadata: metadata)
    }
}
