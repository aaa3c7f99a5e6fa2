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
    /// Set on the view `byPartition` gives: how an input assembles several partitions' values.
    private(set) var partitionValues: PartitionValues?

    /// The asset's key.
    public var key: AssetKey { definition.key }

    /// Declares an asset.
    /// - Parameters:
    ///   - key: the asset's key (`"orders"`, or `["mart", "orders"]` for a path).
    ///   - ins: the upstream assets whose values the body receives, in the body's order.
    ///   - deps: upstream assets that must be materialized first but pass no value.
    ///   - group: the asset group (`default` when `nil`).
    ///   - configField: the config schema; the body reads `context.config`.
    ///   - ioManagerKey: the resource key of the IO manager storing the value.
    ///   - backfillPolicy: `.singleRun` to let one run materialize a range of partitions.
    public init<each In: Sendable>(
        _ key: AssetKey, ins: repeat Asset<each In>, deps: [AssetKey] = [], group: String? = nil,
        tags: [String: String] = [:], kinds: Set<String> = [], owners: [String] = [], description: String? = nil,
        metadata: Metadata = [:], codeVersion: String? = nil, configField: ConfigField? = nil,
        requiredResources: Set<String> = [], retryPolicy: RetryPolicy? = nil, ioManagerKey: String = "io_manager",
        partitions: PartitionsDefinition? = nil, partitionMappings: [AssetKey: any PartitionMapping] = [:],
        backfillPolicy: BackfillPolicy? = nil, _ body: @escaping @Sendable (AssetContext, repeat each In) async throws -> Value
    ) {
        let upstream = upstreamInputs(repeat each ins)
        let (opName, names) = (AssetsDefinition.opName(for: key), upstream.map(\.inputName))
        definition = AssetDeclaration(
            spec: AssetSpec(
                key, deps: deps, group: group, tags: tags, kinds: kinds, owners: owners, description: description,
                metadata: metadata, ioManagerKey: ioManagerKey, partitions: partitions),
            codeVersion: codeVersion, configField: configField, requiredResources: requiredResources,
            retryPolicy: retryPolicy, partitionMappings: partitionMappings, backfillPolicy: backfillPolicy
        ).definition(upstream: upstream, valueType: Value.self) { context, values in
            let inputs: (repeat each In) = try unpackInputs(values, of: opName, named: names, as: repeat (each In).self)
            return try await body(context, repeat each inputs)
        }
    }

    /// A typed handle on an external asset, so computed assets can take its value as an input.
    ///
    /// ```swift
    /// let events = AssetSpec(["raw", "events"])
    /// let daily = Asset("daily", ins: Asset<[Event]>(external: events)) { (ctx: AssetContext, events: [Event]) in … }
    /// let defs = try Definitions(assets: [events, daily])
    /// ```
    public init(external spec: AssetSpec) { definition = spec.definition }

    /// A typed view of one asset of a multi-asset.
    init(definition: AssetsDefinition) { self.definition = definition }

    /// The stored value of this asset as an input of an op in a job: loaded through the asset's
    /// IO manager when the step runs (the run's partition, for a partitioned asset).
    ///
    /// ```swift
    /// let weeklyReport = Job("weekly_report") { publish(summarize(orders.stored)) }
    /// ```
    public var stored: OutputHandle<Value> { OutputHandle(source: .asset(definition.storedAsset)) }

    /// This asset as an input taking several of its partitions at once, as a dictionary of
    /// partition key → value: for a partition mapping that gives several upstream partitions
    /// (a weekly asset reading a daily one, a window of days), an unpartitioned asset reading
    /// every partition, or a run materializing a range of partitions.
    ///
    /// ```swift
    /// let weekly = Asset("weekly", ins: daily.byPartition, partitions: weeks,
    ///                    partitionMappings: ["daily": TimeWindowPartitionMapping()]) {
    ///     (ctx: AssetContext, days: [String: Int]) in days.values.reduce(0, +)
    /// }
    /// ```
    public var byPartition: Asset<[String: Value]> {
        var view = Asset<[String: Value]>(definition: definition)
        view.partitionValues = PartitionValues(Value.self)
        return view
    }

    /// Declares an asset with typed config: the body gets the decoded config (from
    /// `ops.OP_NAME.config` in run config) after the context.
    ///
    /// ```swift
    /// struct SampleConfig: Config { var fraction: Double }
    /// let sample = Asset("sample", config: SampleConfig.self, ins: orders) { (ctx, config: SampleConfig, orders: [Order]) in
    ///     Array(orders.prefix(Int(Double(orders.count) * config.fraction)))
    /// }
    /// ```
    public init<C: Config, each In: Sendable>(
        _ key: AssetKey, config: C.Type, ins: repeat Asset<each In>, deps: [AssetKey] = [], group: String? = nil,
        tags: [String: String] = [:], kinds: Set<String> = [], owners: [String] = [], description: String? = nil,
        metadata: Metadata = [:], codeVersion: String? = nil, requiredResources: Set<String> = [],
        retryPolicy: RetryPolicy? = nil, ioManagerKey: String = "io_manager", partitions: PartitionsDefinition? = nil,
        partitionMappings: [AssetKey: any PartitionMapping] = [:],
        backfillPolicy: BackfillPolicy? = nil, _ body: @escaping @Sendable (AssetContext, C, repeat each In) async throws -> Value
    ) {
        let upstream = upstreamInputs(repeat each ins)
        let (opName, names) = (AssetsDefinition.opName(for: key), upstream.map(\.inputName))
        definition = AssetDeclaration(
            spec: AssetSpec(
                key, deps: deps, group: group, tags: tags, kinds: kinds, owners: owners, description: description,
                metadata: metadata, ioManagerKey: ioManagerKey, partitions: partitions),
            codeVersion: codeVersion, configField: C.configSchema, requiredResources: requiredResources,
            retryPolicy: retryPolicy, partitionMappings: partitionMappings, backfillPolicy: backfillPolicy
        ).definition(upstream: upstream, valueType: Value.self) { context, values in
            let config = try context.op.config(as: C.self)
            let inputs: (repeat each In) = try unpackInputs(values, of: opName, named: names, as: repeat (each In).self)
            return try await body(context, config, repeat each inputs)
        }
    }

    /// Declares an asset reading any number of upstream assets of one type, as an array in the
    /// order given (for assets built in a loop).
    ///
    /// ```swift
    /// let total = Asset("total", fanIn: regions) { (ctx: AssetContext, sales: [Int]) in sales.reduce(0, +) }
    /// ```
    public init<Element: Sendable>(
        _ key: AssetKey, fanIn upstream: [Asset<Element>], deps: [AssetKey] = [], group: String? = nil,
        tags: [String: String] = [:], kinds: Set<String> = [], owners: [String] = [], description: String? = nil,
        metadata: Metadata = [:], codeVersion: String? = nil, configField: ConfigField? = nil,
        requiredResources: Set<String> = [], retryPolicy: RetryPolicy? = nil, ioManagerKey: String = "io_manager",
        partitions: PartitionsDefinition? = nil, partitionMappings: [AssetKey: any PartitionMapping] = [:],
        backfillPolicy: BackfillPolicy? = nil, _ body: @escaping @Sendable (AssetContext, [Element]) async throws -> Value
    ) {
        let opName = AssetsDefinition.opName(for: key)
        definition = AssetDeclaration(
            spec: AssetSpec(
                key, deps: deps, group: group, tags: tags, kinds: kinds, owners: owners, description: description,
                metadata: metadata, ioManagerKey: ioManagerKey, partitions: partitions),
            codeVersion: codeVersion, configField: configField, requiredResources: requiredResources,
            retryPolicy: retryPolicy, partitionMappings: partitionMappings, backfillPolicy: backfillPolicy
        ).definition(upstream: upstream.map(UpstreamInput.init), valueType: Value.self) { context, values in
            let elements = try values.enumerated().map { index, value in
                guard let element = value as? Element else {
                    throw DagsterError(
                        .typeCheck,
                        "asset '\(opName)' received a \(type(of: value)) from \(upstream[index].key.userString), but takes \(Element.self)")
                }
                return element
            }
            return try await body(context, elements)
        }
    }
}

/// The declared attributes of an asset, turned into an `AssetsDefinition` once its inputs are
/// known: its spec, and what the op computing it takes.
struct AssetDeclaration {
    var spec: AssetSpec
    var codeVersion: String?
    var configField: ConfigField?
    var requiredResources: Set<String>
    var retryPolicy: RetryPolicy?
    var partitionMappings: [AssetKey: any PartitionMapping]
    var backfillPolicy: BackfillPolicy?

    /// The definition of an asset reading `upstream` (one input each) whose body, given the
    /// input values, computes a `Value`.
    func definition<Value: Sendable>(
        upstream: [UpstreamInput], valueType: Value.Type,
        compute: @escaping @Sendable (AssetContext, [any Sendable]) async throws -> Value
    ) -> AssetsDefinition {
        let (key, partitions) = (spec.key, spec.partitions)
        let declaration = OpDeclaration(
            name: AssetsDefinition.opName(for: key), inputNames: upstream.map(\.inputName), inputTypes: [:], outs: [],
            outputType: nil, configField: configField, requiredResources: requiredResources, tags: spec.tags,
            description: spec.description, codeVersion: codeVersion, retryPolicy: retryPolicy, ioManagerKey: spec.ioManagerKey,
            assetKey: key, assetPartitions: partitions,
            inputPartitions: upstream.partitionings(downstream: partitions, mappings: partitionMappings))
        let shape = OutputShape.of(Value.self)
        let isPartitioned = partitions != nil
        let op = declaration.definition(inputValueTypes: upstream.map(\.valueType), outputShape: shape) { context, values in
            let partitions = isPartitioned ? context.partitions : nil
            return shape.produced(by: try await compute(AssetContext(assetKey: key, op: context, partitions: partitions), values))
        }
        return AssetsDefinition(spec: spec, op: op, inputKeys: upstream.inputKeys, backfillPolicy: backfillPolicy)
    }
}
