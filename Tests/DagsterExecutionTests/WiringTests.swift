import Dagster
import DagsterTesting
import Foundation
import Synchronization
import Testing

/// Typed wiring: outputs, optional outputs, fan-in, ordering-only dependencies, graphs, aliases.
struct WiringTests {
    let one = Op("one") { (_: OpContext) in 1 }
    let add = Op("add", ins: "a", "b") { (_: OpContext, a: Int, b: Int) in a + b }

    @Test func sameOpTwiceGetsDistinctNames() async throws {
        let inc = Op("inc", ins: "x") { (_: OpContext, x: Int) in x + 1 }
        let job = Job("chain") { inc(inc(one())) }
        #expect(job.graph.nodes.map(\.name) == ["one", "inc", "inc_2"])
        let result = try await job.executeInProcess()
        #expect(try result.output(forNode: "inc_2", as: Int.self) == 3)
    }

    @Test func aliasNamesTheNode() async throws {
        let job = Job("aliased") { add.alias("sum")(one(), one.alias("other_one")()) }
        let result = try await job.executeInProcess()
        #expect(try result.output(forNode: "sum", as: Int.self) == 2)
    }

    @Test func namedAndOptionalOutputs() async throws {
        let evens = Out<[Int]>("evens")
        let odds = Out<[Int]>("odds", isRequired: false)
        let split = Op("split", outs: [evens, odds]) { (_: OpContext) in
            Outputs().with(evens, [2, 4])  // odds not produced
        }
        let count = Op("count", ins: "values") { (_: OpContext, values: [Int]) in values.count }
        let job = Job("split_job") {
            let parts = split()
            count.alias("count_evens")(parts[evens])
            count.alias("count_odds")(parts[odds])
        }
        let result = try await job.executeInProcess()
        #expect(result.success)
        #expect(try result.output(forNode: "count_evens", as: Int.self) == 2)
        #expect(result.eventsForNode("count_odds").map(\.eventType) == [.stepSkipped])
    }

    @Test func missingRequiredOutputFailsTheStep() async throws {
        let value = Out<Int>("value")
        let forgetful = Op("forgetful", outs: [value]) { (_: OpContext) in Outputs() }
        let result = try await Job("forgetful_job") { forgetful() }.executeInProcess(raiseOnError: false)
        #expect(!result.success)
        #expect(result.stepFailures.first?.stepFailureData?.error?.chain.last?.message.contains("non-optional output \"value\"") == true)
    }

    @Test func fanInGathersOutputsInOrder() async throws {
        let constant = Op("constant", configField: .field(.int)) { (context: OpContext) in context.opConfig.intValue ?? 0 }
        let total = Op("total", ins: "parts") { (_: OpContext, parts: [Int]) in parts }
        let job = Job("fan_in") {
            total(fanIn((1...3).map { constant.alias("c\($0)")() }))
        }
        let config: JSONValue = ["ops": ["c1": ["config": 1], "c2": ["config": 2], "c3": ["config": 3]]]
        let result = try await job.executeInProcess(runConfig: config)
        #expect(try result.output(forNode: "total", as: [Int].self) == [1, 2, 3])
        #expect(result.eventsForNode("total").filter { $0.eventType == .loadedInput }.count == 3)
    }

    @Test func orderingOnlyDependencies() async throws {
        let order = Mutex<[String]>([])
        let first = Op("first") { (_: OpContext) in order.withLock { $0.append("first") } }
        let second = Op("second") { (_: OpContext) in order.withLock { $0.append("second") } }
        let job = Job("ordered") { second(after: [first()]) }
        let result = try await job.executeInProcess()
        #expect(result.success)
        #expect(order.withLock { $0 } == ["first", "second"])
        #expect(try ExecutionPlan(job: job).stepKeysByLevel == [["first"], ["second"]])
    }

    @Test func nestedGraphsPrefixStepKeys() async throws {
        let double = Op("double", ins: "x") { (_: OpContext, x: Int) in x * 2 }
        let inner = Graph("inner", ins: "x") { (x: OutputHandle<Int>) in double(x) }
        let outer = Graph("outer", ins: "x") { (x: OutputHandle<Int>) in inner(double(x)) }
        let job = Job("nested") { double(outer(one())) }
        let result = try await job.executeInProcess()
        let keys = result.dagsterEvents.filter { $0.eventType == .stepStart }.compactMap(\.stepKey)
        #expect(keys == ["one", "outer.double", "outer.inner.double", "double"])
        #expect(try result.output(forNode: "double", as: Int.self) == 8)
    }

    @Test func jobFromGraphTakesInputValues() async throws {
        let double = Op("double", ins: "x") { (_: OpContext, x: Int) in x * 2 }
        let graph = Graph("doubler", ins: "n") { (n: OutputHandle<Int>) in double(n) }
        let result = try await Job(graph: graph).executeInProcess(inputValues: ["n": 21])
        #expect(try result.output(forNode: "double", as: Int.self) == 42)
    }

    @Test func directInvocationForUnitTests() async throws {
        let sink = CollectingEventSink()
        let greet = Op("greet", ins: "name") { (context: OpContext, name: String) -> String in
            context.log.info("greeting \(name)")
            return "hello \(name)"
        }
        #expect(try await greet.invoke("ada", context: .forTesting(sink: sink)) == "hello ada")
        #expect(sink.messages == ["greeting ada"])
    }
}
