import DagsterCore

/// One asset as asset selection sees it: its key, the attributes selections filter on, and the
/// keys of the assets it depends on.
///
/// This is a plain description, independent of how the asset is defined, so asset definitions,
/// snapshots and tests can all describe a graph the same way:
///
/// ```swift
/// let graph = try AssetGraph([
///     AssetGraphNode(key: AssetKey(["raw", "orders"]), groupName: "ingest", kinds: ["python"]),
///     AssetGraphNode(key: "daily_totals", tags: ["tier": "gold"], dependencies: [AssetKey(["raw", "orders"])]),
/// ])
/// ```
public struct AssetGraphNode: Sendable, Hashable {
    /// Dagster's tag prefix under which kinds are also stored: kind `sql` is tag `dagster/kind/sql` = "".
    public static let kindTagPrefix = "dagster/kind/"

    /// The asset's key.
    public var key: AssetKey
    /// The asset's group; Dagster puts assets without one in `"default"`.
    public var groupName: String
    /// The asset's tags, as declared (kinds are separate, see ``kinds``).
    public var tags: [String: String]
    /// The asset's kinds (`"python"`, `"snowflake"`, ...).
    public var kinds: Set<String>
    /// The asset's owners: e-mail addresses or `team:name`.
    public var owners: [String]
    /// The keys of the assets this one depends on (its parents).
    public var dependencies: [AssetKey]
    /// Whether the asset is declared but not materialized by this code location (Dagster's
    /// external asset or `SourceAsset`).
    public var isExternal: Bool
    /// The id shared by the assets of one multi-asset that cannot be subset: they are computed by
    /// one step, so they must be selected together. `nil` for assets that can run on their own.
    public var executionSetID: String?
    /// How the asset is partitioned, `nil` when it is not; what `partitions:` selects by.
    public var partitioning: Partitioning?

    /// The kinds of partitions definition, as the `partitions:` attribute names them.
    public enum Partitioning: String, Sendable, Hashable, CaseIterable {
        /// A fixed list of keys.
        case `static`
        /// Keys added at run time and stored in the instance.
        case dynamic
        /// Time windows (hourly, daily, weekly, monthly, any cron).
        case time
        /// Two dimensions.
        case multipartitions
    }

    /// An asset node; everything but the key has Dagster's default.
    public init(
        key: AssetKey, groupName: String = "default", tags: [String: String] = [:], kinds: Set<String> = [],
        owners: [String] = [], dependencies: [AssetKey] = [], isExternal: Bool = false, executionSetID: String? = nil,
        partitioning: Partitioning? = nil
    ) {
        self.key = key
        self.groupName = groupName
        self.tags = tags
        self.kinds = kinds
        self.owners = owners
        self.dependencies = dependencies
        self.isExternal = isExternal
        self.executionSetID = executionSetID
        self.partitioning = partitioning
    }

    /// Whether a run can materialize the asset: every asset that is not external.
    public var isMaterializable: Bool { !isExternal }

    /// The tags Dagster reports for the asset: the declared tags plus `dagster/kind/<kind>` = ""
    /// for each kind. `tag:` and `kind:` selections match against these.
    public var allTags: [String: String] {
        var merged = tags
        for kind in kinds { merged[Self.kindTagPrefix + kind] = "" }
        return merged
    }

    /// The asset's kinds, including those declared as `dagster/kind/<kind>` tags.
    public var allKinds: Set<String> {
        kinds.union(tags.keys.filter { $0.hasPrefix(Self.kindTagPrefix) }.map { String($0.dropFirst(Self.kindTagPrefix.count)) })
    }
}
