import DagsterCore
import DagsterDefinitions
import Testing

/// One query of the oracle's asset_selection.json with the graph it runs against.
struct AssetSelectionOracleQuery: Sendable, CustomTestStringConvertible {
    enum Form: Sendable {
        /// The Python API, as the oracle's neutral AST.
        case pythonAPI(JSONValue)
        /// `AssetSelection.from_string`.
        case string(String)
        /// `dagster asset materialize --select`.
        case commandLine(String)
    }

    enum Outcome: Sendable, Equatable {
        case selected(Set<String>)
        case error(type: String, message: String)
    }

    let caseID: String
    let form: Form
    let nodes: [AssetGraphNode]
    let expected: Outcome

    var testDescription: String {
        switch form {
        case .pythonAPI(let expression): return "\(caseID) \(expression.jsonText())"
        case .string(let text): return "\(caseID) \(text.debugDescription)"
        case .commandLine(let text): return "\(caseID) --select \(text.debugDescription)"
        }
    }

    /// The selection the query describes.
    func selection() throws -> AssetSelection {
        switch form {
        case .pythonAPI(let expression): return try AssetSelectionOracleAST.selection(from: expression)
        case .string(let text): return try AssetSelection.fromString(text)
        case .commandLine(let text): return try AssetSelection.fromCommandLine(text)
        }
    }
}

/// Reads asset_selection.json (and our extra cases from real Dagster) into queries.
enum AssetSelectionOracle {
    static let fixtures = ["asset_selection", "asset_selection_extra"]

    static func cases() -> [JSONValue] {
        fixtures.flatMap { (try? Fixture.cases($0)) ?? [] }
    }

    static func queries(_ section: String) -> [AssetSelectionOracleQuery] {
        cases().flatMap { testCase -> [AssetSelectionOracleQuery] in
            let caseID = testCase["id"]?.stringValue ?? "?"
            let nodes = graphNodes(testCase["graph"] ?? .null)
            return (testCase[section]?.arrayValue ?? []).compactMap { query in
                let form: AssetSelectionOracleQuery.Form
                switch section {
                case "python_api_queries": form = .pythonAPI(query["expr"] ?? .null)
                case "string_queries": form = .string(query["string"]?.stringValue ?? "")
                default: form = .commandLine(query["select"]?.stringValue ?? "")
                }
                return AssetSelectionOracleQuery(caseID: caseID, form: form, nodes: nodes, expected: outcome(query))
            }
        }
    }

    private static func outcome(_ query: JSONValue) -> AssetSelectionOracleQuery.Outcome {
        if let error = query["error"], !error.isNull {
            return .error(type: error["type"]?.stringValue ?? "", message: error["message"]?.stringValue ?? "")
        }
        return .selected(Set(query["selected"]?.arrayValue?.compactMap(\.stringValue) ?? []))
    }

    /// The oracle's graph description (`assets`, `external_assets`, `multi_assets`) as nodes.
    static func graphNodes(_ graph: JSONValue) -> [AssetGraphNode] {
        let nonSubsettable = Set(
            (graph["multi_assets"]?.arrayValue ?? []).filter { $0["can_subset"]?.boolValue != true }
                .compactMap { $0["name"]?.stringValue })
        func node(_ asset: JSONValue, isExternal: Bool) -> AssetGraphNode {
            let multiAsset = asset["multi_asset"]?.stringValue
            return AssetGraphNode(
                key: key(asset["key"]),
                groupName: asset["group_name"]?.stringValue ?? "default",
                tags: (asset["tags"]?.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = $1.value.stringValue ?? "" },
                kinds: Set(asset["kinds"]?.arrayValue?.compactMap(\.stringValue) ?? []),
                owners: asset["owners"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                dependencies: (asset["deps"]?.arrayValue ?? []).map { key($0) },
                isExternal: isExternal,
                executionSetID: multiAsset.flatMap { nonSubsettable.contains($0) ? $0 : nil })
        }
        return (graph["assets"]?.arrayValue ?? []).map { node($0, isExternal: false) }
            + (graph["external_assets"]?.arrayValue ?? []).map { node($0, isExternal: true) }
    }

    static func key(_ value: JSONValue?) -> AssetKey {
        AssetKey(value?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

/// The oracle's neutral AST of Python `AssetSelection` expressions, built with our builders.
enum AssetSelectionOracleAST {
    struct UnknownOperation: Error, CustomStringConvertible {
        let description: String
    }

    static func selection(from expression: JSONValue) throws -> AssetSelection {
        let includeSources = expression["include_sources"]?.boolValue ?? false
        func child(_ name: String = "child") throws -> AssetSelection {
            try selection(from: expression[name] ?? .null)
        }
        func depth() -> Int? { expression["depth"]?.intValue }
        func includeSelf() -> Bool { expression["include_self"]?.boolValue ?? true }
        func operands() throws -> [AssetSelection] {
            try (expression["operands"]?.arrayValue ?? []).map(selection(from:))
        }
        switch expression["op"]?.stringValue {
        case "all": return .all(includeSources: includeSources)
        case "assets": return .assets((expression["keys"]?.arrayValue ?? []).map { AssetSelectionOracle.key($0) })
        case "key_prefixes":
            let prefixes = (expression["prefixes"]?.arrayValue ?? []).map { AssetSelectionOracle.key($0).path }
            return .keyPrefixes(prefixes, includeSources: includeSources)
        case "key_substring":
            return .keySubstring(expression["substring"]?.stringValue ?? "", includeSources: includeSources)
        case "groups":
            let groups = expression["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return .groups(groups, includeSources: includeSources)
        case "tag":
            return .tag(
                expression["key"]?.stringValue ?? "", value: expression["value"]?.stringValue ?? "",
                includeSources: includeSources)
        case "kind": return .kind(expression["kind"]?.stringValue, includeSources: includeSources)
        case "owner": return .owner(expression["owner"]?.stringValue)
        case "upstream": return try child().upstream(depth: depth(), includeSelf: includeSelf())
        case "downstream": return try child().downstream(depth: depth(), includeSelf: includeSelf())
        case "roots": return try child().roots()
        case "sinks": return try child().sinks()
        case "required_multi_asset_neighbors": return try child().requiredMultiAssetNeighbors()
        case "materializable": return try child().materializable()
        case "upstream_source_assets": return try child().upstreamSourceAssets()
        case "or": return try operands().reduce1(|)
        case "and": return try operands().reduce1(&)
        case "subtract": return try child("left") - child("right")
        default: throw UnknownOperation(description: "unknown selection operation in \(expression.jsonText())")
        }
    }
}

extension Array {
    /// The elements combined left to right; the only element for one, a failure for none.
    fileprivate func reduce1(_ combine: (Element, Element) -> Element) throws -> Element {
        guard let first else { throw AssetSelectionOracleAST.UnknownOperation(description: "an operator without operands") }
        return dropFirst().reduce(first, combine)
    }
}

/// A small graph for behaviour tests:
///
///     ext/crm (external) ─┬─ raw/orders ── stg/orders ─┬─ report ── my-report
///                         └─ raw/users ─── stg/users ──┘
///
/// `stg/orders` and `stg/users` come from one non-subsettable multi-asset.
enum AssetSelectionSample {
    static let graph: AssetGraph = {
        do {
            return try AssetGraph([
                AssetGraphNode(key: AssetKey(["ext", "crm"]), groupName: "ingest", owners: ["team:data"], isExternal: true),
                AssetGraphNode(
                    key: AssetKey(["raw", "orders"]), groupName: "ingest", kinds: ["python"], owners: ["team:data"],
                    dependencies: [AssetKey(["ext", "crm"])]),
                AssetGraphNode(
                    key: AssetKey(["raw", "users"]), groupName: "ingest", tags: ["tier": "gold"],
                    dependencies: [AssetKey(["ext", "crm"])]),
                AssetGraphNode(
                    key: AssetKey(["stg", "orders"]), groupName: "staging", tags: ["pii": ""],
                    dependencies: [AssetKey(["raw", "orders"])], executionSetID: "staging_multi"),
                AssetGraphNode(
                    key: AssetKey(["stg", "users"]), groupName: "staging", kinds: ["dbt"],
                    dependencies: [AssetKey(["raw", "users"])], executionSetID: "staging_multi"),
                AssetGraphNode(
                    key: "report", tags: ["tier": "silver"], owners: ["team:ml"],
                    dependencies: [AssetKey(["stg", "orders"]), AssetKey(["stg", "users"])], partitioning: .time),
                AssetGraphNode(key: "my-report", dependencies: ["report"]),
            ])
        } catch {
            Issue.record(error)
            return try! AssetGraph([])
        }
    }()

    /// The user strings of the keys `selection` selects in the sample graph.
    static func select(_ selection: AssetSelection, allowMissing: Bool = false) throws -> Set<String> {
        Set(try selection.resolve(in: graph, allowMissing: allowMissing).map(\.userString))
    }

    /// The user strings of the keys the selection string selects in the sample graph.
    static func select(_ text: String, includeSources: Bool = false) throws -> Set<String> {
        try select(AssetSelection.fromString(text, includeSources: includeSources))
    }
}
