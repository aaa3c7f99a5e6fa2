import DagsterConfig
import DagsterCore

/// Anything that carries asset definitions: `Asset<Value>` of any value type, a `MultiAsset`,
/// an external `AssetSpec`, or a definition itself.
public protocol AssetDefinitionConvertible: Sendable {
    /// The untyped definitions (one per asset key).
    var assetDefinitions: [AssetsDefinition] { get }
}

extension Asset: AssetDefinitionConvertible {
    public var assetDefinitions: [AssetsDefinition] { [definition] }
}

extension AssetsDefinition: AssetDefinitionConvertible {
    public var assetDefinitions: [AssetsDefinition] { [self] }
}

extension AssetSpec: AssetDefinitionConvertible {
    /// An external asset: declared, not computed here.
    public var definition: AssetsDefinition { AssetsDefinition(spec: self, op: nil) }
    public var assetDefinitions: [AssetsDefinition] { [definition] }
}

extension Job {
    /// The name of the job Definitions make of all their assets (Dagster's implicit asset job).
    public static let implicitAssetJobName = "__ASSET_JOB"

    /// A job materializing the `selection` of `assets` (all of them when `nil`), one step per
    /// asset, plus a step per check of a materialized asset. An input whose upstream asset is
    /// outside the selection reads the upstream's stored value through its IO manager; assets
    /// downstream of a blocking check wait for it and are not materialized when it fails.
    /// - Throws: `DagsterError(.invalidDefinition)` for duplicate keys, an upstream key no asset
    ///   defines, a dependency cycle (naming the keys), or a selected key that is not defined.
    public static func materializing(
        _ assets: [any AssetDefinitionConvertible], checks: [AssetCheck] = [], selection: Set<AssetKey>? = nil,
        name: String = implicitAssetJobName,
        resources: [String: ResourceDefinition] = [:], tags: [String: String] = [:], executor: ExecutorDefinition? = nil
    ) throws -> Job {
        try materializing(
            AssetDependencyGraph(assets.flatMap(\.assetDefinitions)), checks: checks, selection: selection, name: name,
            resources: resources, tags: tags, executor: executor)
    }

    /// The error for selected keys no asset of `graph` has: the keys, what is defined (the first
    /// 20), and the similar keys for each.
    private static func unknownSelection(_ unknown: [AssetKey], in graph: AssetDependencyGraph) -> DagsterError {
        let defined = graph.byKey.keys.map(\.userString).sorted()
        var message = "no asset with key \(unknown.map(\.userString).joined(separator: ", ")); defined: "
            + defined.prefix(20).joined(separator: ", ") + (defined.count > 20 ? " and \(defined.count - 20) more" : "")
        for key in unknown.prefix(4) {
            let similar = AssetKeySuggestions.similarKeys(to: key, among: graph.assetGraph.allKeys)
            guard !similar.isEmpty else { continue }
            message += "; for \(key.userString), did you mean \(similar.prefix(10).map(\.userString).joined(separator: ", "))?"
        }
        return DagsterError(.invalidDefinition, message)
    }

    /// `materializing(_:…)` over assets already checked as a graph (Definitions check theirs once
    /// for all their asset jobs).
    static func materializing(
        _ graph: AssetDependencyGraph, checks: [AssetCheck], selection: Set<AssetKey>?, name: String = implicitAssetJobName,
        resources: [String: ResourceDefinition] = [:], tags: [String: String] = [:], executor: ExecutorDefinition? = nil
    ) throws -> Job {
        let external = graph.assetGraph.externalKeys
        if let selection {
            let unknown = selection.subtracting(graph.byKey.keys).sorted()
            guard unknown.isEmpty else { throw unknownSelection(unknown, in: graph) }
            let selectedExternal = selection.intersection(external).map(\.userString).sorted()
            guard selectedExternal.isEmpty else {
                throw DagsterError(
                    .invalidDefinition,
                    "\(selectedExternal.joined(separator: ", ")) cannot be materialized: external assets are produced "
                        + "outside this code location; select the assets that read them")
            }
        }
        let selected = (selection ?? Set(graph.byKey.keys)).subtracting(external)
        let runChecks = checks.map(\.definition).filter { check in
            selected.contains(check.assetKey) || (selection == nil && external.contains(check.assetKey))
        }
        let ops = try selectedNodes(selected, in: graph)
        /// Where `consumer` (a node name) reads `key` from: the op materializing it in this run,
        /// else its stored value (also for an asset reading itself, e.g. an earlier partition).
        /// Every key asked about is in the graph: dependencies were checked when it was built, and
        /// checks only run for selected or external assets.
        func valueSource(of key: AssetKey, for consumer: String? = nil) throws -> InputSource {
            guard let asset = graph.byKey[key] else {
                throw DagsterError(.invariantViolation, "asset \(key.userString) is not in the asset graph of job \(name)")
            }
            guard let op = ops[key], op.name != consumer else { return .asset(asset.storedAsset) }
            return .output(node: op.name, output: asset.outputName)
        }
        let blockingChecks = Dictionary(grouping: runChecks.filter(\.blocking), by: \.assetKey)
        func checkNode(_ check: AssetCheckDefinition) throws -> NodeInvocation {
            NodeInvocation(
                name: check.op.name, definition: .op(check.op),
                inputs: [(name: AssetsDefinition.opName(for: check.assetKey), source: try valueSource(of: check.assetKey))])
        }
        // Plan order must be topological: each op where its first asset comes, each check right
        // after its asset's op, checks of assets outside the run first.
        let checksByAsset = Dictionary(grouping: runChecks, by: \.assetKey)
        var nodes = try runChecks.filter { !selected.contains($0.assetKey) }.map(checkNode)
        var membersByOp: [String: [AssetsDefinition]] = [:]
        for key in graph.topologicalOrder {
            if let op = ops[key], let asset = graph.byKey[key] { membersByOp[op.name, default: []].append(asset) }
        }
        var placed: Set<String> = []
        for key in graph.topologicalOrder {
            guard let op = ops[key], placed.insert(op.name).inserted, let asset = graph.byKey[key] else { continue }
            let members = membersByOp[op.name] ?? [asset]
            let inputs = try asset.inputKeys.map { (name: $0.name, source: try valueSource(of: $0.key, for: op.name)) }
            let memberKeys = Set(members.map(\.key))
            var after: [InputSource] = []
            for dependency in Set(members.flatMap(\.nonDataDependencies)).subtracting(memberKeys).sorted()
            where ops[dependency] != nil {
                after.append(try valueSource(of: dependency))
            }
            for upstream in Set(members.flatMap(\.dependencies)).subtracting(memberKeys).sorted() {
                for check in blockingChecks[upstream] ?? [] { after.append(.output(node: check.op.name, output: "result")) }
            }
            nodes.append(NodeInvocation(name: op.name, definition: op, inputs: inputs, after: after))
            nodes += try members.flatMap { checksByAsset[$0.key] ?? [] }.map(checkNode)
        }
        return Job(
            name: name, description: nil, graph: GraphDefinition(name: name, nodes: nodes), resources: resources,
            defaultRunConfig: nil, tags: tags, metadata: [:], hooks: [], executor: executor, opRetryPolicy: nil,
            opSelection: nil)
    }
}

extension Job {
    /// The node (op, or graph of a graph-backed asset) that materializes each selected asset. A
    /// multi-asset runs once for all its selected keys: its whole op when all are selected, else
    /// the op of the subset.
    /// - Throws: `DagsterError(.invalidDefinition)` when part of a multi-asset that cannot be
    ///   subset is selected, naming the keys to add.
    fileprivate static func selectedNodes(_ selected: Set<AssetKey>, in graph: AssetDependencyGraph) throws
        -> [AssetKey: NodeDefinition]
    {
        let computed = graph.byKey.values.filter { $0.node != nil }
        let byOp = Dictionary(grouping: computed, by: { $0.node?.name ?? "" })
        var ops: [AssetKey: NodeDefinition] = [:]
        for (name, all) in byOp {
            let chosen = all.filter { selected.contains($0.key) }
            guard let first = chosen.first, var op = first.node else { continue }
            if chosen.count < all.count {
                guard let subset = first.subsetOp else {
                    let missing = all.map(\.key).filter { !selected.contains($0) }.map(\.userString).sorted()
                    throw DagsterError(
                        .invalidDefinition,
                        "multi-asset '\(name)' cannot be subset: it materializes "
                            + all.map(\.key.userString).sorted().joined(separator: ", ")
                            + " together; add \(missing.joined(separator: ", ")) to the selection (or make it subsettable)")
                }
                op = .op(subset(Set(chosen.map(\.key))))
            }
            for asset in chosen { ops[asset.key] = op }
        }
        return ops
    }
}

/// The assets of an asset job, checked as the asset graph checks them (unique keys, known
/// upstreams, no cycles), plus the partition mappings of their inputs.
struct AssetDependencyGraph {
    let byKey: [AssetKey: AssetsDefinition]
    /// The graph selections resolve against.
    let assetGraph: AssetGraph
    /// Every key, upstream before downstream.
    var topologicalOrder: [AssetKey] { assetGraph.topologicalOrder }

    init(_ assets: [AssetsDefinition]) throws {
        let graph = try AssetGraph(assets.map(\.graphNode))
        let byKey = Dictionary(assets.map { ($0.key, $0) }) { first, _ in first }
        var problems: [String] = []
        for asset in assets where asset.node != nil {
            for input in asset.inputKeys where byKey[input.key]?.spec.partitions != nil {
                guard let partitioning = asset.inputPartitioning(named: input.name) else {
                    problems.append(
                        "asset \(asset.key.userString) reads partitioned asset \(input.key.userString) but is not partitioned "
                            + "the same way; give it the same partitions or a partition mapping "
                            + "(partitionMappings: [\(input.key.path.map { "\"\($0)\"" }.joined(separator: ", "))]: …])")
                    continue
                }
                do {
                    try partitioning.mapping.validate(upstream: partitioning.upstream, downstream: partitioning.downstream)
                } catch {
                    problems.append("asset \(asset.key.userString), input from \(input.key.userString): \(error.message)")
                }
            }
        }
        guard problems.isEmpty else { throw DagsterError(.invalidDefinition, problems.sorted().joined(separator: "; ")) }
        self.byKey = byKey
        self.assetGraph = graph
    }
}
