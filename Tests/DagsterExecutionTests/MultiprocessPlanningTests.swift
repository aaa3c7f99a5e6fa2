import Dagster
import Foundation
import Testing

/// What the multiprocess executor decides in the run's process: its requirements, which ready
/// steps it starts, and what it hands a step worker. (Runs with real step workers are in the
/// CLI tests, which have a code-location binary to start.)
@Suite("Multiprocess planning")
struct MultiprocessPlanningTests {
    private let multiprocess: JSONValue = ["execution": ["config": ["multiprocess": ["max_concurrent": 2]]]]
    private let one = Op("one") { (_: OpContext) -> Int in 1 }

    @Test func anEphemeralInstanceIsRefusedBeforeAnyRunIsCreated() async throws {
        let instance = DagsterInstance.ephemeral()
        let error = await #expect(throws: DagsterError.self) {
            _ = try await JobExecution.execute(Job("plain") { _ = one() }, request: RunRequest(runConfig: multiprocess), instance: instance)
        }
        #expect(error?.message.contains("executor that uses multiple processes with an ephemeral DagsterInstance") == true)
        #expect(try await instance.getRunsCount() == 0)
    }

    @Test func outputsKeptInMemoryAreRefusedWithTheOutputsNamed() async throws {
        let instance = try DagsterInstance.localTemp()
        let job = Job("in_memory", resources: ["io_manager": InMemoryIOManager.resource]) { _ = one() }
        let error = await #expect(throws: DagsterError.self) {
            _ = try await JobExecution.execute(job, request: RunRequest(runConfig: multiprocess), instance: instance)
        }
        #expect(error?.message.contains("will not be stored somewhere where other processes can retrieve them (one.result)") == true)
        #expect(try await instance.getRunsCount() == 0)
    }

    @Test func aPriorityThatIsNotAnIntegerIsRefused() async throws {
        let instance = try DagsterInstance.localTemp()
        let urgent = Op("urgent", tags: ["dagster/priority": "high"]) { (_: OpContext) -> Int in 1 }
        let error = await #expect(throws: DagsterError.self) {
            _ = try await JobExecution.execute(Job("prioritized") { _ = urgent() }, request: RunRequest(runConfig: multiprocess), instance: instance)
        }
        #expect(error?.message.contains("dagster/priority=\"high\", which is not an integer") == true)
    }

    @Test func maxConcurrentComesFromConfigOrTheMachine() {
        #expect(MultiprocessExecutor(config: ["max_concurrent": 3]).maxConcurrent == 3)
        #expect(MultiprocessExecutor(config: ["max_concurrent": .null]).maxConcurrent == ProcessInfo.processInfo.activeProcessorCount)
        #expect(MultiprocessExecutor(config: ["max_concurrent": 0]).maxConcurrent == ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func tagLimitsCountEachScope() {
        var limits = StepTagLimits(config: [
            ["key": "db", "limit": 1],
            ["key": "team", "value": "ml", "limit": 2],
            ["key": "region", "value": ["applyLimitPerUniqueValue": true], "limit": 1],
        ])
        var admitted: [Bool] = []
        for tags in [["db": "pg"], ["db": "mysql"], ["team": "ml"], ["team": "ml"], ["team": "ml"], ["team": "web"],
                     ["region": "eu"], ["region": "us"], ["region": "eu"]] {
            admitted.append(limits.admit(tags))
        }
        // db counts any value; team only "ml"; region each value on its own.
        #expect(admitted == [true, false, true, true, false, true, true, true, false])
        limits.release(["region": "eu"])
        limits.release(["db": "pg"])
        let afterRelease = [limits.admit(["region": "eu"]), limits.admit(["db": "mysql"])]
        #expect(afterRelease == [true, true])
    }

    @Test func twoLimitsOnOneTagCountApartAndALimitBelowOneIsRefused() async throws {
        var limits = StepTagLimits(config: [
            ["key": "team", "value": "ml", "limit": 2],
            ["key": "team", "value": ["applyLimitPerUniqueValue": true], "limit": 2],
        ])
        // Each limit counts an "ml" step once: two may run, a third waits.
        #expect([limits.admit(["team": "ml"]), limits.admit(["team": "ml"]), limits.admit(["team": "ml"])] == [true, true, false])
        let instance = try DagsterInstance.localTemp()
        let zero: JSONValue = [
            "execution": ["config": ["multiprocess": ["tag_concurrency_limits": [["key": "db", "limit": 0]]]]]
        ]
        let error = await #expect(throws: DagsterError.self) {
            _ = try await JobExecution.execute(Job("limited") { _ = one() }, request: RunRequest(runConfig: zero), instance: instance)
        }
        #expect(error?.message.contains("the limit for tag db is 0, so no step with that tag could ever run; use 1 or more") == true)
        #expect(try await instance.getRunsCount() == 0)
    }

    @Test func readyStepsStartByPriorityThenKeyWithinTheLimits() throws {
        let job = Job("ranked") {
            for (name, priority) in [("a", "0"), ("b", "5"), ("c", "-1"), ("d", "5")] {
                _ = Op(name, tags: ["dagster/priority": priority, "pool": name == "d" ? "x" : "y"]) { (_: OpContext) -> Int in 1 }()
            }
        }
        var state = ActiveExecution(plan: try ExecutionPlan(job: job))
        var limits = StepTagLimits(config: [["key": "pool", "value": "y", "limit": 2]])
        let first = state.takeReady(limit: 3, now: 0, priority: { StepPriority.of($0.tags) }, admit: { limits.admit($0.tags) })
        #expect(first.run == ["b", "d", "a"])
        let second = state.takeReady(limit: 3, now: 0, priority: { StepPriority.of($0.tags) }, admit: { limits.admit($0.tags) })
        #expect(second.run.isEmpty)  // c waits for a pool slot
        limits.release(["pool": "y"])
        #expect(state.takeReady(limit: 3, now: 0, priority: nil, admit: { limits.admit($0.tags) }).run == ["c"])
    }

    @Test func aHandoffGivesTheWorkerTheUpstreamValuesInCollectOrder() throws {
        let source = Op("source") { (_: OpContext) in DynamicOutputs([("z", 1), ("a", 2)]) }
        let double = Op("double", ins: "x") { (_: OpContext, x: Int) in x * 2 }
        let total = Op("total", ins: "values") { (_: OpContext, values: [Int]) in values.reduce(0, +) }
        let plan = try ExecutionPlan(job: Job("mapped") { _ = total(source().map { double($0) }.collect()) })
        var state = ActiveExecution(plan: plan)
        #expect(state.takeReady(now: 0).run == ["source"])
        state.complete("source", .succeeded(produced: [
            OutputRef(stepKey: "source", output: "result", mappingKey: "z"),
            OutputRef(stepKey: "source", output: "result", mappingKey: "a"),
        ]))
        #expect(state.takeReady(now: 0).run == ["double[a]", "double[z]"])
        let mappedHandoff = try #require(state.handoff(for: "double[z]", priorRuns: [:], partitions: nil))
        #expect(mappedHandoff.mappingKey == "z" && mappedHandoff.attempt == 1)
        #expect(mappedHandoff.upstream.map(\.mappingKey) == ["z"])
        for key in ["double[a]", "double[z]"] {
            state.complete(key, .succeeded(produced: [OutputRef(stepKey: key, output: "result")]))
        }
        #expect(state.takeReady(now: 0).run == ["total"])
        let parent = RunID("11111111-2222-3333-4444-555555555555")
        let partitions = RunPartitions(range: PartitionKeyRange(start: "a", end: "b"), keys: ["a", "b"])
        let handoff = try #require(
            state.handoff(
                for: "total", priorRuns: [OutputRef(stepKey: "double[a]", output: "result"): parent], partitions: partitions))
        let decoded = try JSONDecoder().decode(StepHandoff.self, from: JSONEncoder().encode(handoff))
        #expect(decoded == handoff)
        #expect(decoded.partitions == partitions)
        #expect(decoded.upstream.map(\.stepKey) == ["double[z]", "double[a]"])
        #expect(decoded.upstream.map(\.sourceRunID) == [nil, parent])

        let worker = try ActiveExecution(plan: plan, handoff: decoded)
        #expect(worker.steps["total"]?.state == .running)
        let collected = try #require(plan.node("total")?.inputs.first?.source)
        #expect(worker.upstreamOutputs(of: collected, for: "total").map(\.stepKey) == ["double[z]", "double[a]"])
    }
}
