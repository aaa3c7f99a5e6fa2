import DagsterCore
import DagsterDefinitions
import Testing

/// Building an asset graph: load-time errors and the lookups selections rely on.
struct AssetSelectionGraphTests {
    @Test func unknownUpstreamKeyFailsAtLoadNamingBothAssetsAndSuggestingTheKeyMeant() throws {
        let error = try #require(throws: DagsterError.self) {
            try AssetGraph([
                AssetGraphNode(key: AssetKey(["raw", "orders"])),
                AssetGraphNode(key: "totals", dependencies: [AssetKey(["raw", "order"])]),
            ])
        }
        #expect(error.code == .invalidDefinition)
        #expect(error.message.contains(#"asset "totals" depends on "raw/order", which is not an asset of the graph"#))
        #expect(error.message.contains(#"did you mean "raw/orders"?"#))
        #expect(error.message.contains("declare it as an external asset"))
    }

    @Test func everyUnknownUpstreamKeyIsListed() throws {
        let error = try #require(throws: DagsterError.self) {
            try AssetGraph([AssetGraphNode(key: "a", dependencies: ["x"]), AssetGraphNode(key: "b", dependencies: ["y"])])
        }
        #expect(error.message.contains(#""a" depends on "x""#))
        #expect(error.message.contains(#""b" depends on "y""#))
    }

    @Test func cycleFailsAtLoadNamingTheAssetsInOrder() throws {
        let error = try #require(throws: DagsterError.self) {
            try AssetGraph([
                AssetGraphNode(key: "a", dependencies: ["c"]),
                AssetGraphNode(key: "b", dependencies: ["a"]),
                AssetGraphNode(key: "c", dependencies: ["b"]),
                AssetGraphNode(key: "d", dependencies: ["a"]),
            ])
        }
        #expect(error.code == .invalidDefinition)
        #expect(error.message.contains(#""a" → "b" → "c" → "a""#), "\(error.message)")
    }

    @Test func duplicateKeysFailAtLoad() throws {
        let error = try #require(throws: DagsterError.self) {
            try AssetGraph([AssetGraphNode(key: "a"), AssetGraphNode(key: "a", groupName: "other")])
        }
        #expect(error.message.contains(#""a" is defined more than once"#))
    }

    @Test func anAssetMayDependOnItself() throws {
        let graph = try AssetGraph([AssetGraphNode(key: "a", dependencies: ["a"]), AssetGraphNode(key: "b", dependencies: ["a"])])
        #expect(graph.parents(of: "a") == ["a"])
        #expect(graph.roots == ["a"])
        #expect(graph.sinks == ["b"])
    }

    @Test func parentsChildrenRootsAndSinks() throws {
        let graph = try AssetGraph([
            AssetGraphNode(key: "source", isExternal: true),
            AssetGraphNode(key: "a", dependencies: ["source"]),
            AssetGraphNode(key: "b", dependencies: ["a"]),
            AssetGraphNode(key: "c", dependencies: ["a"]),
            AssetGraphNode(key: "lonely"),
        ])
        #expect(graph.parents(of: "b") == ["a"])
        #expect(graph.children(of: "a") == ["b", "c"])
        #expect(graph.children(of: "missing") == [])
        // External assets are neither roots nor sinks; their children can be roots.
        #expect(graph.roots == ["a", "lonely"])
        #expect(graph.sinks == ["b", "c", "lonely"])
        #expect(graph.externalKeys == ["source"])
        #expect(graph.materializableKeys == ["a", "b", "c", "lonely"])
        // Within a selection, ancestors outside it do not count.
        #expect(graph.roots(within: ["b", "c"]) == ["b", "c"])
        #expect(graph.sinks(within: ["source", "a"]) == ["a"])
    }

    @Test func connectedWalksLevelByLevelThroughExternalAssets() throws {
        let graph = try AssetGraph([
            AssetGraphNode(key: "a"),
            AssetGraphNode(key: "x", dependencies: ["a"], isExternal: true),
            AssetGraphNode(key: "b", dependencies: ["x"]),
            AssetGraphNode(key: "c", dependencies: ["b"]),
        ])
        #expect(graph.connected(to: ["a"], direction: .downstream, depth: 2) == ["x", "b"])
        #expect(graph.connected(to: ["a"], direction: .downstream) == ["x", "b", "c"])
        #expect(graph.connected(to: ["c"], direction: .upstream, depth: 0) == [])
    }

    @Test func executionSetIsTheNonSubsettableMultiAsset() throws {
        let graph = try AssetGraph([
            AssetGraphNode(key: "a", executionSetID: "multi"),
            AssetGraphNode(key: "b", executionSetID: "multi"),
            AssetGraphNode(key: "c"),
        ])
        #expect(graph.executionSet(of: "a") == ["a", "b"])
        #expect(graph.executionSet(of: "c") == ["c"])
    }

    @Test func kindsAreAlsoTagsAsDagsterReportsThem() {
        let node = AssetGraphNode(key: "a", tags: ["tier": "gold", "dagster/kind/dbt": ""], kinds: ["sql"])
        #expect(node.allTags == ["tier": "gold", "dagster/kind/dbt": "", "dagster/kind/sql": ""])
        #expect(node.allKinds == ["dbt", "sql"])
    }
}
