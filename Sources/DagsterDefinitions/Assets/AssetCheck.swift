import DagsterConfig
import DagsterCore

/// What an asset check's body returns.
public struct AssetCheckResult: Sendable {
    /// Whether the check passed.
    public var passed: Bool
    /// How bad a failure is.
    public var severity: AssetCheckSeverity
    /// What the check found.
    public var metadata: Metadata
    /// A human description of the outcome.
    public var description: String?

    /// Creates a result.
    public init(passed: Bool, severity: AssetCheckSeverity = .error, metadata: Metadata = [:], description: String? = nil) {
        self.passed = passed
        self.severity = severity
        self.metadata = metadata
        self.description = description
    }
}

/// A check of an asset as the engine sees it: its name, the checked asset, whether a failure
/// stops downstream assets, and the op that evaluates it.
public struct AssetCheckDefinition: Sendable {
    /// The check's name (also its op's name).
    public let name: String
    /// The checked asset.
    public let assetKey: AssetKey
    /// Whether a failure with ERROR severity stops the assets downstream of the checked one.
    public let blocking: Bool
    /// A human description.
    public let description: String?
    /// The op evaluating the check; its input receives the asset's value.
    public let op: OpDefinition
}

/// A data-quality check of an asset, run after the asset is materialized in the same run. Its
/// body receives the asset's value and says whether the data is good; each run records an
/// `ASSET_CHECK_EVALUATION`. A blocking check that fails with ERROR severity fails its step,
/// so assets downstream of the checked one are not materialized.
///
/// ```swift
/// let nonEmpty = AssetCheck("orders_not_empty", asset: orders, blocking: true) { (ctx, orders: [Order]) in
///     AssetCheckResult(passed: !orders.isEmpty, metadata: ["count": .int(orders.count)])
/// }
/// let defs = try Definitions(assets: [orders, revenue], assetChecks: [nonEmpty])
/// ```
public struct AssetCheck: Sendable {
    /// The untyped definition.
    public let definition: AssetCheckDefinition

    /// Declares a check of `asset`.
    public init<Value: Sendable>(
        _ name: String, asset: Asset<Value>, blocking: Bool = false, description: String? = nil,
        _ body: @escaping @Sendable (AssetContext, Value) async throws -> AssetCheckResult
    ) {
        let assetKey = asset.key
        let inputName = AssetsDefinition.opName(for: assetKey)
        let declaration = OpDeclaration(
            name: name, inputNames: [inputName], inputTypes: [:], outs: [], outputType: nil, configField: nil,
            requiredResources: [], tags: [:], description: description, codeVersion: nil, retryPolicy: nil,
            ioManagerKey: "io_manager")
        let op = declaration.definition(inputValueTypes: [.of(Value.self)], outputShape: .nothing) { context, values in
            let value: Value = try unpackInputs(values, of: name, named: [inputName], as: Value.self)
            let result = try await body(AssetContext(assetKey: assetKey, op: context), value)
            let evaluation = AssetCheckEvaluation(
                assetKey: assetKey, checkName: name, passed: result.passed, severity: result.severity,
                metadata: result.metadata, description: result.description, blocking: blocking)
            context.logEvent(evaluation)
            if evaluation.stopsDownstream {
                throw Failure("1 blocking asset check failed with ERROR severity:\n\(assetKey.userString): \(name)")
            }
            return OutputShape.nothing.produced(by: ())
        }
        definition = AssetCheckDefinition(name: name, assetKey: assetKey, blocking: blocking, description: description, op: op)
    }
}
