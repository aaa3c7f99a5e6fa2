import DagsterConfig
import DagsterCore

/// A software-defined asset as the engine sees it: its key and descriptive attributes, the op
/// that computes it, and which upstream assets its inputs read. `Asset` builds one with typed
/// dependencies.
public struct AssetsDefinition: Sendable {
    /// The asset's key.
    public let key: AssetKey
    /// The op computing the asset; its `result` output materializes it.
    public let op: OpDefinition
    /// The upstream assets whose values the op's inputs receive: input name → key, in order.
    public let inputKeys: [(name: String, key: AssetKey)]
    /// Upstream assets that must be materialized first but pass no value.
    public let nonDataDependencies: [AssetKey]
    /// The group (Dagster's default group is `default`).
    public let groupName: String
    /// Tags.
    public let tags: [String: String]
    /// Kinds (technologies, shown in the UI), e.g. `snowflake`.
    public let kinds: Set<String>
    /// Owners: `team:NAME` or e-mail addresses.
    public let owners: [String]
    /// A human description.
    public let description: String?
    /// Metadata describing the asset (not one materialization).
    public let metadata: Metadata

    /// Creates a definition.
    public init(
        key: AssetKey, op: OpDefinition, inputKeys: [(name: String, key: AssetKey)], nonDataDependencies: [AssetKey] = [],
        groupName: String = AssetsDefinition.defaultGroup, tags: [String: String] = [:], kinds: Set<String> = [],
        owners: [String] = [], description: String? = nil, metadata: Metadata = [:]
    ) {
        self.key = key
        self.op = op
        self.inputKeys = inputKeys
        self.nonDataDependencies = nonDataDependencies
        self.groupName = groupName
        self.tags = tags
        self.kinds = kinds
        self.owners = owners
        self.description = description
        self.metadata = metadata
    }

    /// Dagster's group for assets that name none.
    public static let defaultGroup = "default"

    /// Every upstream asset, data and non-data.
    public var dependencies: [AssetKey] { inputKeys.map(\.key) + nonDataDependencies }

    /// The IO manager storing the asset's value.
    public var ioManagerKey: String { op.outputs.first?.ioManagerKey ?? "io_manager" }

    /// The name of an asset's op: the key's components joined by `__`, as Dagster names it.
    public static func opName(for key: AssetKey) -> String { key.path.joined(separator: "__") }
}
