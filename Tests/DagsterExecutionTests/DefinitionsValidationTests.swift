import Dagster
import Testing

/// Bad definitions fail when `Definitions` is built, naming the job, node and input.
struct DefinitionsValidationTests {
    let source = Op("source") { (_: OpContext) in 1 }

    func message(_ build: () throws -> Definitions) -> String {
        do {
            _ = try build()
            return ""
        } catch {
            return (error as? DagsterError)?.message ?? "\(error)"
        }
    }

    @Test func duplicateJobNames() {
        let text = message { try Definitions(jobs: [Job("etl") { source() }, Job("etl") { source() }]) }
        #expect(text.contains("two jobs are named 'etl'"))
    }

    @Test func unknownResourceKey() {
        let needsDB = Op("query", requiredResources: ["database"]) { (_: OpContext) in 1 }
        let text = message { try Definitions(jobs: [Job("reports") { needsDB() }]) }
        #expect(text.contains("job 'reports', node 'query'"))
        #expect(text.contains("requires resource 'database'"))
    }

    @Test func resourceBoundInDefinitionsSatisfiesOps() throws {
        let needsDB = Op("query", requiredResources: ["database"]) { (_: OpContext) in 1 }
        let defs = try Definitions(jobs: [Job("reports") { needsDB() }], resources: ["database": .value("db")])
        #expect(try defs.job(named: "reports").resources["database"] != nil)
    }

    @Test func inputNamesMustMatchTheBody() {
        let unnamed = Op("sum", ins: "a") { (_: OpContext, a: Int, b: Int) in a + b }
        let text = message { try Definitions(jobs: [Job("math") { unnamed(source(), source()) }]) }
        #expect(text.contains("op 'sum' takes 2 input(s) but names 1"))
    }

    @Test func handleFromOutsideAJobIsRejected() {
        let detached = source()
        let sink = Op("sink", ins: "x") { (_: OpContext, x: Int) in x }
        let text = message { try Definitions(jobs: [Job("bad") { sink(detached) }]) }
        #expect(text.contains("node 'sink'"))
        #expect(text.contains("invoked outside a Job or Graph body"))
    }

    @Test func unknownJobNameListsTheKnownOnes() throws {
        let defs = try Definitions(jobs: [Job("etl") { source() }])
        #expect(throws: DagsterError.self) { try defs.job(named: "elt") }
    }

    @Test func invalidNodeName() {
        let text = message { try Definitions(jobs: [Job("jobs") { source.alias("bad name")() }]) }
        #expect(text.contains("node 'bad name'"))
    }
}
