import DagsterCore
import DagsterDefinitions
import Testing

/// Every public case of the oracle's asset_selection.json (and the extra cases recorded from
/// real Dagster in asset_selection_extra.json): the keys each query selects, or its error.
struct AssetSelectionOracleTests {
    @Test("the oracle's graphs load as Dagster reports them", arguments: AssetSelectionOracle.cases().map(OracleGraph.init))
    func graphMatchesDagster(_ oracle: OracleGraph) throws {
        let graph = try AssetGraph(AssetSelectionOracle.graphNodes(oracle.description))
        #expect(Set(graph.allKeys.map(\.userString)) == Set(oracle.dagsterNodes.map(\.key)))
        for expected in oracle.dagsterNodes {
            let node = try #require(graph[AssetKey.fromUserString(expected.key)])
            #expect(node.groupName == expected.groupName, "group of \(expected.key)")
            #expect(node.allTags == expected.tags, "tags of \(expected.key)")
            #expect(node.allKinds == expected.kinds, "kinds of \(expected.key)")
            #expect(node.owners == expected.owners, "owners of \(expected.key)")
            #expect(Set(graph.parents(of: node.key).map(\.userString)) == expected.parents, "parents of \(expected.key)")
            #expect(node.isExternal == expected.isExternal && node.isMaterializable == expected.isMaterializable)
        }
    }

    @Test("Python API queries", arguments: AssetSelectionOracle.queries("python_api_queries"))
    func pythonAPIQuery(_ query: AssetSelectionOracleQuery) throws {
        try Self.check(query)
    }

    @Test("selection strings", arguments: AssetSelectionOracle.queries("string_queries"))
    func stringQuery(_ query: AssetSelectionOracleQuery) throws {
        try Self.check(query)
    }

    @Test("--select on the command line", arguments: AssetSelectionOracle.queries("cli_select_queries"))
    func commandLineQuery(_ query: AssetSelectionOracleQuery) throws {
        try Self.check(query)
    }

    @Test func publicFixtureIsLoaded() throws {
        let cases = try Fixture.cases("asset_selection")
        #expect(cases.count == 6)
        #expect(AssetSelectionOracle.queries("string_queries").count >= 102)
    }

    static func check(_ query: AssetSelectionOracleQuery) throws {
        let graph = try AssetGraph(query.nodes)
        switch query.expected {
        case .selected(let expected):
            let selected = try query.selection().resolve(in: graph)
            #expect(Set(selected.map(\.userString)) == expected)
        case .error(let type, let message):
            let error = try #require(throws: DagsterError.self) { try query.selection().resolve(in: graph) }
            switch type {
            case "DagsterInvalidAssetSelectionError":
                #expect(error.code == .invalidAssetSelection)
                // Dagster's message is our first line; ours adds where and why.
                #expect(error.message.hasPrefix(message + "\n"), "\(error.message)")
            case "DagsterInvalidSubsetError":
                #expect(error.code == .invalidSubset)
                for key in Self.quotedKeys(in: message) {
                    #expect(error.message.contains("\"\(key)\""), "\(error.message) names \(key)")
                }
            default:
                break
            }
        }
    }

    /// The keys Dagster lists as `AssetKey(s) ['a/b', 'c'] were selected`.
    static func quotedKeys(in message: String) -> [String] {
        guard let list = message.split(separator: " were selected").first else { return [] }
        return list.split(separator: "'", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}

/// A graph description and the nodes Dagster resolved it to (`dagster_graph`).
struct OracleGraph: Sendable, CustomTestStringConvertible {
    struct Node: Sendable {
        let key: String
        let groupName: String
        let tags: [String: String]
        let kinds: Set<String>
        let owners: [String]
        let parents: Set<String>
        let isExternal: Bool
        let isMaterializable: Bool
    }

    let id: String
    let description: JSONValue
    let dagsterNodes: [Node]
    var testDescription: String { id }

    init(_ testCase: JSONValue) {
        id = testCase["id"]?.stringValue ?? "?"
        description = testCase["graph"] ?? .null
        dagsterNodes = (testCase["dagster_graph"]?.arrayValue ?? []).map { node in
            Node(
                key: node["key"]?.stringValue ?? "",
                groupName: node["group_name"]?.stringValue ?? "",
                tags: (node["tags"]?.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = $1.value.stringValue ?? "" },
                kinds: Set(node["kinds"]?.arrayValue?.compactMap(\.stringValue) ?? []),
                owners: node["owners"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                parents: Set(node["parents"]?.arrayValue?.compactMap(\.stringValue) ?? []),
                isExternal: node["is_external"]?.boolValue ?? false,
                isMaterializable: node["is_materializable"]?.boolValue ?? true)
        }
    }
}
