import DagsterCore

/// A description of a set of assets, resolved against an ``AssetGraph``: Dagster's
/// `AssetSelection`.
///
/// Build one with the builders (`AssetSelection.groups("sales").downstream()`), combine with
/// `|` (union), `&` (intersection) and `-` (difference), or parse Dagster's string syntax with
/// ``fromString(_:includeSources:)``:
///
/// ```swift
/// let graph = try AssetGraph([
///     AssetGraphNode(key: "orders", groupName: "sales"),
///     AssetGraphNode(key: "totals", groupName: "sales", dependencies: ["orders"]),
///     AssetGraphNode(key: "report", tags: ["tier": "gold"], dependencies: ["totals"]),
/// ])
/// let built = AssetSelection.assets("orders").downstream(depth: 1) | .tag("tier", value: "gold")
/// let parsed = try AssetSelection.fromString(#"key:orders+1 or tag:tier=gold"#)
/// try built.resolve(in: graph)    // orders, totals, report
/// try parsed.resolve(in: graph)   // the same
/// ```
///
/// Most builders select materializable assets only unless `includeSources` is set; `upstream`
/// never includes external assets, as in Dagster.
public struct AssetSelection: Sendable, Hashable {
    let expression: Expression

    init(_ expression: Expression) { self.expression = expression }

    /// The tree a selection is made of; each case is resolved by `AssetSelection+Resolve`.
    indirect enum Expression: Sendable, Hashable {
        case all(includeSources: Bool)
        case keys([AssetKey])
        case keyPrefixes([[String]], includeSources: Bool)
        case keySubstring(String, includeSources: Bool)
        case keyWildcard(String)
        case groups([String], includeSources: Bool)
        case groupWildcard(String, includeSources: Bool)
        case tag(key: String, value: String, includeSources: Bool)
        case kind(String?, includeSources: Bool)
        case owner(String?)
        case attribute(StructuralAttribute)
        /// `partitions:none` (or `<null>`), `partitions:static`, ...; other values select nothing.
        case partitions(String?)
        case instanceOnly(attribute: String, value: String?)
        case upstream(Expression, depth: Int?, includeSelf: Bool)
        case downstream(Expression, depth: Int?, includeSelf: Bool)
        case roots(Expression)
        case sinks(Expression)
        case requiredMultiAssetNeighbors(Expression)
        case materializable(Expression)
        case upstreamSourceAssets(Expression)
        case union([Expression])
        case intersection([Expression])
        case difference(Expression, Expression)
    }

    /// The values of the `is:` attribute.
    enum StructuralAttribute: String, Sendable, Hashable, CaseIterable {
        case external, materializable
    }
}

// MARK: - Leaf selections

extension AssetSelection {
    /// Every materializable asset, and the external ones too when `includeSources` is set.
    public static func all(includeSources: Bool = false) -> AssetSelection { .init(.all(includeSources: includeSources)) }

    /// The assets with exactly these keys, external ones included. Resolving it fails when a key
    /// is not in the graph (unless resolved with `allowMissing`).
    public static func assets(_ keys: [AssetKey]) -> AssetSelection { .init(.keys(keys)) }

    /// The assets with exactly these keys, external ones included.
    public static func assets(_ keys: AssetKey...) -> AssetSelection { assets(keys) }

    /// The assets with these keys, each written as a user string (`"raw/orders"` is the key
    /// `["raw", "orders"]`): Dagster's `AssetSelection.keys`.
    public static func keys(_ userStrings: String...) -> AssetSelection {
        assets(userStrings.map(AssetKey.fromUserString))
    }

    /// The assets whose key path starts with one of `prefixes` (whole components: prefix
    /// `["a"]` matches `a/b`, not `ab`).
    public static func keyPrefixes(_ prefixes: [[String]], includeSources: Bool = false) -> AssetSelection {
        .init(.keyPrefixes(prefixes, includeSources: includeSources))
    }

    /// The assets whose key, written as a user string (`a/b`), contains `substring`.
    public static func keySubstring(_ substring: String, includeSources: Bool = false) -> AssetSelection {
        .init(.keySubstring(substring, includeSources: includeSources))
    }

    /// The assets whose key, written as a user string, matches `pattern`, where `*` stands for
    /// any run of characters; external assets included. This is what `key:` means in a selection
    /// string.
    public static func keyMatching(_ pattern: String) -> AssetSelection { .init(.keyWildcard(pattern)) }

    /// The assets in any of `groups`.
    public static func groups(_ groups: [String], includeSources: Bool = false) -> AssetSelection {
        .init(.groups(groups, includeSources: includeSources))
    }

    /// The assets in any of `groups`.
    public static func groups(_ groups: String..., includeSources: Bool = false) -> AssetSelection {
        self.groups(groups, includeSources: includeSources)
    }

    /// The assets whose tag `key` has exactly `value`; the default `""` matches only tags with an
    /// empty value, as in Dagster. Kinds count as tags `dagster/kind/<kind>` = "".
    public static func tag(_ key: String, value: String = "", includeSources: Bool = false) -> AssetSelection {
        .init(.tag(key: key, value: value, includeSources: includeSources))
    }

    /// The assets of kind `kind`; with `nil`, the assets without any kind.
    public static func kind(_ kind: String?, includeSources: Bool = false) -> AssetSelection {
        .init(.kind(kind, includeSources: includeSources))
    }

    /// The assets `owner` owns (an e-mail address or `team:name`), external ones included.
    public static func owner(_ owner: String?) -> AssetSelection { .init(.owner(owner)) }
}

// MARK: - Selections derived from another

extension AssetSelection {
    /// This selection and the assets up to `depth` levels upstream of it (`nil`: all levels);
    /// without `includeSelf`, only the upstream assets not in this selection. External assets are
    /// never included.
    public func upstream(depth: Int? = nil, includeSelf: Bool = true) -> AssetSelection {
        .init(.upstream(expression, depth: depth, includeSelf: includeSelf))
    }

    /// This selection and the assets up to `depth` levels downstream of it (`nil`: all levels);
    /// without `includeSelf`, only the downstream assets not in this selection.
    public func downstream(depth: Int? = nil, includeSelf: Bool = true) -> AssetSelection {
        .init(.downstream(expression, depth: depth, includeSelf: includeSelf))
    }

    /// The assets of this selection with no ancestor in it (ancestors outside it do not count).
    public func roots() -> AssetSelection { .init(.roots(expression)) }

    /// The assets of this selection with no descendant in it.
    public func sinks() -> AssetSelection { .init(.sinks(expression)) }

    /// This selection plus the assets that must run with it: the other assets of each
    /// non-subsettable multi-asset it touches.
    public func requiredMultiAssetNeighbors() -> AssetSelection { .init(.requiredMultiAssetNeighbors(expression)) }

    /// The materializable assets of this selection.
    public func materializable() -> AssetSelection { .init(.materializable(expression)) }

    /// The external assets upstream of this selection.
    public func upstreamSourceAssets() -> AssetSelection { .init(.upstreamSourceAssets(expression)) }

    /// The assets in either selection.
    public static func | (lhs: AssetSelection, rhs: AssetSelection) -> AssetSelection {
        .init(.union(lhs.expression.operands(ofUnion: true) + rhs.expression.operands(ofUnion: true)))
    }

    /// The assets in both selections.
    public static func & (lhs: AssetSelection, rhs: AssetSelection) -> AssetSelection {
        .init(.intersection(lhs.expression.operands(ofUnion: false) + rhs.expression.operands(ofUnion: false)))
    }

    /// The assets in `lhs` but not in `rhs`.
    public static func - (lhs: AssetSelection, rhs: AssetSelection) -> AssetSelection {
        .init(.difference(lhs.expression, rhs.expression))
    }
}

extension AssetSelection.Expression {
    /// The operands to splice into a union (or intersection), so `a | b | c` is one flat union.
    fileprivate func operands(ofUnion union: Bool) -> [Self] {
        switch (self, union) {
        case (.union(let operands), true), (.intersection(let operands), false): return operands
        default: return [self]
        }
    }
}
