import DagsterConfig
import DagsterCore

/// What describes an asset, computed or not: key, upstream keys and descriptive attributes.
/// On its own (`AssetSpec("raw/events")`) it declares an external asset: one that something
/// outside this code location produces, which assets here can read.
public struct AssetSpec: Sendable {
    /// The asset's key.
    public var key: AssetKey
    /// Upstream assets that must exist first but pass no value.
    public var nonDataDependencies: [AssetKey]
    /// The group (Dagster's default group is `default`).
    public var groupName: String
    /// Tags.
    public var tags: [String: String]
    /// Kinds (technologies, shown in the UI), e.g. `snowflake`.
    public var kinds: Set<String>
    /// Owners: `team:NAME` or e-mail addresses.
    public var owners: [String]
    /// A human description.
    public var description: String?
    /// Metadata describing the asset (not one materialization).
    public var metadata: Metadata
    /// The IO manager that stores (or, for an external asset, reads) the asset's value.
    public var ioManagerKey: String
    /// How the asset is partitioned; `nil` when it is not.
    public var partitions: PartitionsDefinition?

    /// Describes an asset.
    public init(
        _ key: AssetKey, deps: [AssetKey] = [], group: String? = nil, tags: [String: String] = [:], kinds: Set<String> = [],
        owners: [String] = [], description: String? = nil, metadata: Metadata = [:], ioManagerKey: String = "io_manager",
        partitions: PartitionsDefinition? = nil
    ) {
        self.partitions = partitions
        self.key = key
        self.nonDataDependencies = deps
        self.groupName = group ?? AssetsDefinition.defaultGroup
        self.tags = tags
        self.kinds = kinds
        self.owners = owners
        self.description = description
        self.metadata = metadata
        self.ioManagerKey = ioManagerKey
    }
}

/// A software-defined asset as the engine sees it: its spec, the op that computes it (none for
/// an external asset), and which upstream assets the op's inputs read. `Asset` builds one with
/// typed dependencies.
public struct AssetsDefinition: Sendable {
    /// Key, dependencies and descriptive attributes.
    public let spec: AssetSpec
    /// The op computing the asset, whose `result` output materializes it; `nil` for an
    /// external or graph-backed asset.
    public let op: OpDefinition?
    /// For a graph-backed asset: the graph computing it, whose output materializes it.
    public let graph: GraphDefinition?
    /// How runs materialize many of its partitions; `nil` when the asset names none.
    public let backfillPolicy: BackfillPolicy?
    /// The upstream assets whose values the op's inputs receive: input name → key, in order.
    public let inputKeys: [(name: String, key: AssetKey)]
    /// The op output that materializes the asset (`result`, or the asset's output of a multi-asset).
    public let outputName: String
    /// For an asset of a multi-asset: the op computing only the selected keys of the multi-asset
    /// (`nil` when the multi-asset cannot be subset, or for a single asset).
    public let subsetOp: (@Sendable (Set<AssetKey>) -> OpDefinition)?
    /// Whether the asset shares its op with others (a multi-asset).
    public let isMultiAsset: Bool
    /// For an observable source asset: the op recording an observation of it.
    public let observeOp: OpDefinition?

    /// Creates a definition.
    public init(
        spec: AssetSpec, op: OpDefinition?, inputKeys: [(name: String, key: AssetKey)] = [], outputName: String = "result",
        isMultiAsset: Bool = false, subsetOp: (@Sendable (Set<AssetKey>) -> OpDefinition)? = nil,
        observeOp: OpDefinition? = nil, graph: GraphDefinition? = nil, backfillPolicy: BackfillPolicy? = nil
    ) {
        self.graph = graph
        self.backfillPolicy = backfillPolicy
        self.observeOp = observeOp
        self.spec = spec
        self.op = op
        self.inputKeys = inputKeys
        self.outputName = outputName
        self.isMultiAsset = isMultiAsset
        self.subsetOp = subsetOp
    }

    /// Dagster's group for assets that name none.
    public static let defaultGroup = "default"

    /// The asset's key.
    public var key: AssetKey { spec.key }
    /// The group.
    public var groupName: String { spec.groupName }
    /// Whether the asset is declared here but produced elsewhere.
    public var isExternal: Bool { op == nil && graph == nil }
    /// The node computing the asset (an op, or a graph for a graph-backed asset).
    public var node: NodeDefinition? { op.map(NodeDefinition.op) ?? graph.map(NodeDefinition.graph) }
    /// Upstream assets that pass no value.
    public var nonDataDependencies: [AssetKey] { spec.nonDataDependencies }
    /// Every upstream asset, data and non-data.
    public var dependencies: [AssetKey] { inputKeys.map(\.key) + spec.nonDataDependencies }
    /// The IO manager storing the asset's value.
    public var ioManagerKey: String { op?.output(named: outputName)?.ioManagerKey ?? spec.ioManagerKey }

    /// Where an input reads this asset's value when the run does not materialize it: its IO
    /// manager's storage.
    public var storedAsset: StoredAsset {
        StoredAsset(key: key, ioManagerKey: ioManagerKey, isPartitioned: spec.partitions != nil)
    }

    /// How the input `name` reads its partitioned upstream asset (`nil` when it does not).
    public func inputPartitioning(named name: String) -> AssetInputPartitions? {
        if let op { return op.input(named: name)?.assetPartitions }
        return graph?.innerInputs(boundTo: name).first?.assetPartitions
    }

    /// The name of an asset's op: the key's components joined by `__`, as Dagster names it.
    public static func opName(for key: AssetKey) -> String { key.path.joined(separator: "__") }
}
