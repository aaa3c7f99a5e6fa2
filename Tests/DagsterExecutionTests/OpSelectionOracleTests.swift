import Dagster
import Testing

/// Every public case of the oracle's op_selection.json: the ops a query selects, or its error.
struct OpSelectionOracleTests {
    static let cases: [JSONValue] = (try? Fixture.cases("op_selection")) ?? []
    static let caseIDs: [String] = cases.compactMap { $0["id"]?.stringValue }

    /// A job whose ops depend on each other only by order (`Nothing` inputs), as the oracle's.
    static func job(for graph: JSONValue) -> Job {
        let names = graph["ops"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let deps = graph["deps"]?.objectValue ?? [:]
        let op = Op("node") { (_: OpContext) in }
        return Job("selection_graph") {
            var handles: [String: OutputHandle<Void>] = [:]
            for name in names {
                let upstream = deps[name]?.arrayValue?.compactMap(\.stringValue).compactMap { handles[$0] } ?? []
                handles[name] = op.alias(name)(after: upstream)
            }
        }
    }

    @Test("op_selection oracle", arguments: caseIDs)
    func oracleCase(_ id: String) throws {
        let testCase = try #require(Self.cases.first { $0["id"]?.stringValue == id })
        let job = Self.job(for: testCase["graph"] ?? .null)
        _ = try Definitions(jobs: [job])
        for query in testCase["queries"]?.arrayValue ?? [] {
            let selection = query["op_selection"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if let error = query["error"], !error.isNull {
                #expect(throws: DagsterError.self, "\(selection) should fail") {
                    _ = try OpSelection.select(selection, in: job.graph)
                }
                if let message = error["message"]?.stringValue, message.contains("is not a graph") {
                    #expect(throws: DagsterError.self) { _ = try job.subset(opSelection: selection) }
                }
            } else {
                let expected = Set(query["selected_ops"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                let subset = try job.subset(opSelection: selection)
                #expect(Set(subset.graph.nodes.map(\.name)) == expected, "selection \(selection)")
            }
        }
    }

    @Test func fixtureIsLoaded() {
        #expect(Self.caseIDs.count == 12)
    }

    @Test func clauseParsing() {
        #expect(OpSelectionClause(parsing: "*f+++")?.upDepth == Int.max)
        #expect(OpSelectionClause(parsing: "*f+++")?.downDepth == 3)
        #expect(OpSelectionClause(parsing: "f+*")?.downDepth == Int.max)
        #expect(OpSelectionClause(parsing: "+*f") == nil)
        #expect(OpSelectionClause(parsing: "2+d") == nil)
        #expect(OpSelectionClause(parsing: " op_5 ")?.item == "op_5")
    }
}
