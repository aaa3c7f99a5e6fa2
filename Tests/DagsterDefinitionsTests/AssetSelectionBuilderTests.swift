import DagsterCore
import DagsterDefinitions
import Testing

/// The Python-API builders over the sample graph (see `AssetSelectionSample`).
struct AssetSelectionBuilderTests {
    static let selections: [(String, AssetSelection, Set<String>)] = [
        ("all", .all(), ["raw/orders", "raw/users", "stg/orders", "stg/users", "report", "my-report"]),
        ("all with sources", .all(includeSources: true) - .all(), ["ext/crm"]),
        ("keys as user strings", .keys("raw/orders", "ext/crm"), ["raw/orders", "ext/crm"]),
        ("assets by key", .assets(AssetKey(["stg", "users"])), ["stg/users"]),
        ("key prefixes are whole components", .keyPrefixes([["raw"], ["st"]]), ["raw/orders", "raw/users"]),
        ("key prefixes with sources", .keyPrefixes([["ext"]], includeSources: true), ["ext/crm"]),
        ("key substring", .keySubstring("/o"), ["raw/orders", "stg/orders"]),
        ("key pattern", .keyMatching("*/users"), ["raw/users", "stg/users"]),
        ("groups", .groups("staging", "nope"), ["stg/orders", "stg/users"]),
        ("groups with sources", .groups("ingest", includeSources: true), ["ext/crm", "raw/orders", "raw/users"]),
        ("tag with a value", .tag("tier", value: "gold"), ["raw/users"]),
        ("tag without a value matches only an empty value", .tag("tier"), []),
        ("kind", .kind("dbt"), ["stg/users"]),
        ("owner includes external assets", .owner("team:data"), ["ext/crm", "raw/orders"]),
        ("upstream never includes external assets", .keys("raw/orders").upstream(), ["raw/orders"]),
        ("upstream of an external asset", .keys("ext/crm").upstream(), []),
        ("upstream without self", .keys("stg/orders").upstream(includeSelf: false), ["raw/orders"]),
        ("upstream to a depth", AssetSelection.keys("my-report").upstream(depth: 2), ["my-report", "report", "stg/orders", "stg/users"]),
        ("downstream includes what external assets feed", .keys("ext/crm").downstream(depth: 1), ["ext/crm", "raw/orders", "raw/users"]),
        ("downstream without self", .keys("stg/orders").downstream(includeSelf: false), ["report", "my-report"]),
        ("downstream to depth zero", .keys("stg/orders").downstream(depth: 0), ["stg/orders"]),
        ("roots within a selection", AssetSelection.groups("staging").roots(), ["stg/orders", "stg/users"]),
        ("roots with external assets", AssetSelection.groups("ingest", includeSources: true).roots(), ["ext/crm"]),
        ("sinks within a selection", (AssetSelection.groups("ingest") | .keys("report")).sinks(), ["report"]),
        ("required multi-asset neighbors", AssetSelection.keys("stg/users").requiredMultiAssetNeighbors(), ["stg/orders", "stg/users"]),
        ("materializable", AssetSelection.all(includeSources: true).materializable() - .all(), []),
        ("upstream source assets", AssetSelection.keys("stg/users").upstreamSourceAssets(), ["ext/crm"]),
        ("union", .keys("report") | .tag("pii"), ["report", "stg/orders"]),
        ("intersection", .groups("ingest") & .kind("python"), ["raw/orders"]),
        ("difference", .groups("ingest", "staging") - .groups("staging"), ["raw/orders", "raw/users"]),
    ]

    @Test("a builder selects", arguments: selections)
    func selects(_ name: String, _ selection: AssetSelection, _ expected: Set<String>) throws {
        #expect(try AssetSelectionSample.select(selection) == expected, "\(name)")
    }

    @Test func missingKeysAreAnErrorNamingThemWithSuggestionsUnlessAllowed() throws {
        let selection = AssetSelection.keys("raw/orders", "stg/user", "nowhere")
        let error = try #require(throws: DagsterError.self) { try AssetSelectionSample.select(selection) }
        #expect(error.code == .invalidSubset)
        #expect(error.message.hasPrefix(#"Asset keys "nowhere", "stg/user" were selected"#))
        #expect(error.message.contains(#"For "stg/user", did you mean "stg/users"?"#))
        #expect(try AssetSelectionSample.select(selection, allowMissing: true) == ["raw/orders"])
    }

    @Test func aMissingKeyInsideAnExpressionStillFails() throws {
        let selection = (AssetSelection.keys("raw/ordrs").downstream() | .all()).sinks()
        #expect(throws: DagsterError.self) { try AssetSelectionSample.select(selection) }
    }

    @Test func unionsOfUnionsAreFlatAndEqualByValue() {
        let left = (AssetSelection.keys("a") | .keys("b")) | .keys("c")
        let right = AssetSelection.keys("a") | (.keys("b") | .keys("c"))
        #expect(left == right)
    }
}

/// The examples in the documentation comments select what they say.
struct AssetSelectionDocumentationExampleTests {
    @Test func assetSelectionExample() throws {
        let graph = try AssetGraph([
            AssetGraphNode(key: "orders", groupName: "sales"),
            AssetGraphNode(key: "totals", groupName: "sales", dependencies: ["orders"]),
            AssetGraphNode(key: "report", tags: ["tier": "gold"], dependencies: ["totals"]),
        ])
        let built = AssetSelection.assets("orders").downstream(depth: 1) | .tag("tier", value: "gold")
        let parsed = try AssetSelection.fromString(#"key:orders+1 or tag:tier=gold"#)
        #expect(try built.resolve(in: graph) == ["orders", "totals", "report"])
        #expect(try parsed.resolve(in: graph) == ["orders", "totals", "report"])
    }

    @Test func assetGraphExample() throws {
        let graph = try AssetGraph([
            AssetGraphNode(key: "orders", isExternal: true),
            AssetGraphNode(key: "daily_totals", dependencies: ["orders"]),
            AssetGraphNode(key: "report", dependencies: ["daily_totals"]),
        ])
        #expect(graph.children(of: "orders") == ["daily_totals"])
        #expect(try AssetSelection.fromString("+key:report").resolve(in: graph) == ["daily_totals", "report"])
    }
}
