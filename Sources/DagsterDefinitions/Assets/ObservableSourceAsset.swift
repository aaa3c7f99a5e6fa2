import DagsterConfig
import DagsterCore

/// What an observation function reports about an external asset: its current data version and
/// any metadata.
public struct ObserveResult: Sendable {
    /// The version of the data as it is now (a hash, a modification time, a row count, …).
    public var dataVersion: DataVersion?
    /// What was observed.
    public var metadata: Metadata

    /// Creates a result.
    public init(dataVersion: DataVersion? = nil, metadata: Metadata = [:]) {
        self.dataVersion = dataVersion
        self.metadata = metadata
    }
}

/// An external asset with an observation function (Dagster's observable source asset): it is
/// never materialized here, but `observe` records what it looks like now, as
/// `ASSET_OBSERVATION` events carrying its data version.
///
/// ```swift
/// let events = ObservableSourceAsset(["raw", "events"]) { _ in
///     ObserveResult(dataVersion: DataVersion(try fileHash("/data/events.csv")))
/// }
/// let defs = try Definitions(assets: [events, daily])
/// ```
public struct ObservableSourceAsset: Sendable, AssetDefinitionConvertible {
    /// The definition: external for materialization, with the op observing it.
    public let definition: AssetsDefinition

    /// Declares an observable source asset.
    public init(
        _ key: AssetKey, group: String? = nil, tags: [String: String] = [:], kinds: Set<String> = [], owners: [String] = [],
        description: String? = nil, metadata: Metadata = [:], ioManagerKey: String = "io_manager",
        requiredResources: Set<String> = [], _ observe: @escaping @Sendable (AssetContext) async throws -> ObserveResult
    ) {
        let spec = AssetSpec(
            key, group: group, tags: tags, kinds: kinds, owners: owners, description: description, metadata: metadata,
            ioManagerKey: ioManagerKey)
        let declaration = OpDeclaration(
            name: AssetsDefinition.opName(for: key), inputNames: [], inputTypes: [:], outs: [], outputType: nil,
            configField: nil, requiredResources: requiredResources, tags: [:], description: description, codeVersion: nil,
            retryPolicy: nil, ioManagerKey: ioManagerKey)
        let op = declaration.definition(inputValueTypes: [], outputShape: .nothing) { context, _ in
            let result = try await observe(AssetContext(assetKey: key, op: context))
            context.logEvent(
                AssetObservation(
                    assetKey: key, metadata: result.metadata,
                    tags: result.dataVersion.map { [AssetEventTags.dataVersion: $0.value] } ?? [:]))
            return OutputShape.nothing.produced(by: ())
        }
        definition = AssetsDefinition(spec: spec, op: nil, observeOp: op)
    }

    /// A typed handle, so computed assets can take the source's stored value as an input.
    public func asset<Value>(of type: Value.Type) -> Asset<Value> { Asset(definition: definition) }

    public var assetDefinitions: [AssetsDefinition] { [definition] }
}

extension Job {
    /// A job observing the observable source assets among `assets` (the `selection` of them, all
    /// when `nil`): one step each, recording `ASSET_OBSERVATION` with the data version.
    /// - Throws: `DagsterError(.invalidDefinition)` when a selected key is not observable.
    public static func observing(
        _ assets: [any AssetDefinitionConvertible], selection: Set<AssetKey>? = nil, name: String = "__ASSET_OBSERVATION_JOB",
        resources: [String: ResourceDefinition] = [:]
    ) throws -> Job {
        let observable = assets.flatMap(\.assetDefinitions).filter { $0.observeOp != nil }
        let keys = Set(observable.map(\.key))
        if let selection, !selection.isSubset(of: keys) {
            let missing = selection.subtracting(keys).map(\.userString).sorted()
            throw DagsterError(
                .invalidDefinition,
                "\(missing.joined(separator: ", ")) cannot be observed: only observable source assets have an observation function")
        }
        let nodes = observable.filter { selection?.contains($0.key) ?? true }.sorted { $0.key < $1.key }.compactMap { asset in
            asset.observeOp.map { NodeInvocation(name: $0.name, definition: .op($0), inputs: []) }
        }
        return Job(
            name: name, description: nil, graph: GraphDefinition(name: name, nodes: nodes), resources: resources,
            defaultRunConfig: nil, tags: [:], metadata: [:], hooks: [], executor: nil, opRetryPolicy: nil, opSelection: nil)
    }
}
