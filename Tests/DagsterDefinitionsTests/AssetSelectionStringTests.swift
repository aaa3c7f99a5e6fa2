import DagsterCore
import DagsterDefinitions
import Testing

/// Selection strings over the sample graph (see `AssetSelectionSample`): what they select.
struct AssetSelectionStringTests {
    static let selections: [(String, Set<String>)] = [
        // `not` binds tighter than `and`, `and` tighter than `or`.
        ("not group:ingest and group:staging", ["stg/orders", "stg/users"]),
        ("group:ingest or group:staging and tag:pii", ["raw/orders", "raw/users", "stg/orders"]),
        ("(group:ingest or group:staging) and tag:pii", ["stg/orders"]),
        ("NOT NOT group:staging AND NOT kind:dbt", ["stg/orders"]),
        // Traversals, with and without depth; upstream never adds external assets.
        ("+key:report", ["raw/orders", "raw/users", "stg/orders", "stg/users", "report"]),
        ("1+key:report", ["stg/orders", "stg/users", "report"]),
        ("key:raw/orders+1", ["raw/orders", "stg/orders"]),
        ("1+key:stg/orders+1", ["raw/orders", "stg/orders", "report"]),
        ("0+key:report+0", ["report"]),
        ("+(key:ext/crm)", []),
        ("key:ext/crm+1", ["ext/crm", "raw/orders", "raw/users"]),
        ("sinks(+key:report)", ["report"]),
        ("roots(+key:report)", ["raw/orders", "raw/users"]),
        ("roots(key:stg/* or key:ext/crm)", ["ext/crm"]),
        // Attribute values: wildcards, quotes, kinds, owners, empty tag values, `<null>`, `is:`.
        ("key:raw/*", ["raw/orders", "raw/users"]),
        (#"key:"*orders""#, ["raw/orders", "stg/orders"]),
        (#"key:"my-report""#, ["my-report"]),
        ("key:RAW/*", []),
        (#"group:"ing*""#, ["raw/orders", "raw/users"]),
        ("tag:tier", []),
        ("tag:tier=gold", ["raw/users"]),
        (#"tag:"tier"="silver""#, ["report"]),
        ("tag:pii", ["stg/orders"]),
        ("tag:dagster/kind/python", ["raw/orders"]),
        ("kind:python or kind:dbt", ["raw/orders", "stg/users"]),
        ("kind:<null>", ["raw/users", "stg/orders", "report", "my-report"]),
        (#"owner:"team:data""#, ["ext/crm", "raw/orders"]),
        ("owner:<null>", []),
        ("group:<null>", []),
        ("is:external", ["ext/crm"]),
        ("is:materializable and group:ingest", ["raw/orders", "raw/users"]),
        ("partitions:time", ["report"]),
        ("partitions:none and is:external", ["ext/crm"]),
        ("key:report and not key:report", []),
        // Keywords that are also values, and whitespace anywhere between tokens.
        ("group:job", []),
        ("  key : report \n or\tkey:raw/users ", ["report", "raw/users"]),
        ("2 + key:report", ["raw/orders", "raw/users", "stg/orders", "stg/users", "report"]),
        // The older syntax: bare keys, `*` for all levels, one level per `+`, and `tag:k=v`.
        ("*stg/orders", ["raw/orders", "stg/orders"]),
        ("raw/users++", ["raw/users", "stg/users", "report"]),
        ("+stg/users*", ["raw/users", "stg/users", "report", "my-report"]),
        ("my-report", ["my-report"]),
        ("ext/crm", ["ext/crm"]),
        ("tag:tier=1", []),
        ("tag:tier!=gold", []),
    ]

    @Test("a selection string selects", arguments: selections)
    func selects(_ text: String, _ expected: Set<String>) throws {
        #expect(try AssetSelectionSample.select(text) == expected)
    }

    @Test func includeSourcesMakesStarNotAndAttributesSelectExternalAssetsToo() throws {
        #expect(try AssetSelectionSample.select("*", includeSources: true).contains("ext/crm"))
        #expect(try !AssetSelectionSample.select("*").contains("ext/crm"))
        #expect(try AssetSelectionSample.select("group:ingest", includeSources: true) == ["ext/crm", "raw/orders", "raw/users"])
        #expect(try AssetSelectionSample.select("not key:report", includeSources: true).contains("ext/crm"))
    }

    @Test func commandLineSelectIsAUnionOfCommaSeparatedParts() throws {
        let selection = try AssetSelection.fromCommandLine("raw/orders*,tag:tier=gold,key:\"my-report\"")
        #expect(try AssetSelectionSample.select(selection) == ["raw/orders", "stg/orders", "report", "my-report", "raw/users"])
    }

    @Test func anEmptyCommandLinePartIsAnError() throws {
        let error = try #require(throws: DagsterError.self) { try AssetSelection.fromCommandLine("report,") }
        #expect(error.code == .invalidAssetSelection)
        #expect(try #require(throws: DagsterError.self) { try AssetSelection.fromStrings([]) }.code == .invalidAssetSelection)
    }

    @Test func aKeyOfTheOlderSyntaxThatIsNotInTheGraphFailsWhenResolvedWithASuggestion() throws {
        let selection = try AssetSelection.fromString("+raw/order")
        let error = try #require(throws: DagsterError.self) { try selection.resolve(in: AssetSelectionSample.graph) }
        #expect(error.code == .invalidSubset)
        #expect(error.message.contains(#"Asset key "raw/order" was selected"#))
        #expect(error.message.contains(#"did you mean "raw/orders"?"#))
        #expect(try selection.resolve(in: AssetSelectionSample.graph, allowMissing: true).isEmpty)
        // `key:` is a pattern, so a key that matches nothing selects nothing.
        #expect(try AssetSelectionSample.select("key:raw/order").isEmpty)
    }

    @Test func attributesOnlyAnInstanceKnowsParseButDoNotResolveAgainstAGraph() throws {
        let selection = try AssetSelection.fromString("status:missing or key:report")
        let error = try #require(throws: DagsterError.self) { try selection.resolve(in: AssetSelectionSample.graph) }
        #expect(error.code == .invariantViolation)
        #expect(error.message.contains("status:"))
    }
}
