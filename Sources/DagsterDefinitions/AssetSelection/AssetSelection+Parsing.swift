import DagsterCore

extension AssetSelection {
    /// The selection a string describes, read as Dagster's `AssetSelection.from_string` reads it.
    ///
    /// The newer syntax comes first:
    /// - attributes: `key:raw/orders` (`*` is a wildcard: `key:raw/*`), `tag:tier` (only an empty
    ///   value), `tag:tier=gold`, `group:sales` (`group:"sa*"` is a wildcard), `kind:dbt`,
    ///   `owner:"team:data"`, `is:external`, `is:materializable`; quote values with other
    ///   characters: `key:"my-asset"`;
    /// - traversals: `+key:x` (all upstream), `2+key:x` (two levels), `key:x+`, `key:x+1`, `+key:x+`;
    /// - `*` (every asset), `not`, `and`, `or` (also upper case), parentheses, `sinks(...)`,
    ///   `roots(...)`.
    ///
    /// A string that is not in the newer syntax is read in the older one: `name`, `*name`,
    /// `name*`, `++name+` (key user strings, where `*` means all levels and each `+` one level),
    /// or `tag:key=value`.
    ///
    /// ```swift
    /// try AssetSelection.fromString("group:sales and not kind:dbt")
    /// try AssetSelection.fromString("2+key:\"raw/orders\"+")
    /// try AssetSelection.fromString("*raw/orders")   // the older syntax
    /// ```
    ///
    /// - Parameter includeSources: whether `*`, `not`, `tag:`, `group:` and `kind:` also select
    ///   external assets.
    /// - Throws: `DagsterError(.invalidAssetSelection)` when the string is in neither syntax,
    ///   showing the column where the newer syntax fails, what it expected there and how to fix
    ///   it.
    public static func fromString(_ string: String, includeSources: Bool = false) throws -> AssetSelection {
        let syntaxError: SelectionSyntaxError
        do {
            return try SelectionParser.parse(string, includeSources: includeSources)
        } catch {
            syntaxError = error
        }
        if let selection = try fromOlderSyntax(string) { return selection }
        throw syntaxError.dagsterError(for: string)
    }

    /// The union of the selections `strings` describe, each read by ``fromString(_:includeSources:)``:
    /// Dagster's `AssetSelection.from_coercible` of a list of strings.
    /// - Throws: `DagsterError(.invalidAssetSelection)` for the first string that does not parse,
    ///   or when the list is empty.
    public static func fromStrings(_ strings: [String]) throws -> AssetSelection {
        let selections = try strings.map { try fromString($0) }
        guard let first = selections.first else {
            throw DagsterError(.invalidAssetSelection, "An asset selection needs at least one selection string; the list is empty.")
        }
        return selections.dropFirst().reduce(first, |)
    }

    /// The selection of the command line's `--select S`: `S` split at every comma, each part read
    /// by ``fromString(_:includeSources:)``, and the parts united (`raw/orders*,tag:pii`).
    /// - Throws: `DagsterError(.invalidAssetSelection)` for the first part that does not parse.
    public static func fromCommandLine(_ select: String) throws -> AssetSelection {
        try fromStrings(select.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }

    /// The older syntax: a clause (`*a/b+`) or `tag:key[=value]`; `nil` when `string` is neither.
    private static func fromOlderSyntax(_ string: String) throws -> AssetSelection? {
        if string == "*" { return .all() }
        if let clause = OpSelectionClause(parsing: string) {
            let selected = AssetSelection.keys(clause.item)
            switch (clause.upDepth, clause.downDepth) {
            case (0, 0): return selected
            case (let up, 0): return selected.upstream(depth: up)
            case (0, let down): return selected.downstream(depth: down)
            case (let up, let down): return selected.upstream(depth: up) | selected.downstream(depth: down)
            }
        }
        guard string.hasPrefix("tag:") else { return nil }
        let parts = string.dropFirst("tag:".count).split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else {
            throw DagsterError(
                .invalidAssetSelection,
                "Invalid tag selection \(string): write tag:key or tag:key=value, with at most one \"=\"; quote a value "
                    + "that contains \"=\": tag:key=\"a=b\".")
        }
        return .tag(parts[0], value: parts.count == 2 ? parts[1] : "")
    }
}
