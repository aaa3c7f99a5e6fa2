import Dagster
import Synchronization
import Testing

/// Retries, hooks, executors, streaming, op selection runs.
struct RetryHookExecutorTests {
    @Test func opRequestsARetry() async throws {
        let attempts = Mutex(0)
        let asks = Op("asks") { (context: OpContext) -> Int in
            let attempt = attempts.withLock { $0 += 1; return $0 }
            if attempt == 1 { throw RetryRequested(maxRetries: 1) }
            return context.retryNumber
        }
        let result = try await Job("asks_job") { asks() }.executeInProcess()
        #expect(try result.output(forNode: "asks", as: Int.self) == 1)
        let retryEvents: [DagsterEventType] = result.eventsForNode("asks").map(\.eventType).filter { type in
            type == .stepUpForRetry || type == .stepRestarted
        }
        #expect(retryEvents == [.stepUpForRetry, .stepRestarted])
    }

    @Test func failureCanForbidRetries() async throws {
        let attempts = Mutex(0)
        let fatal = Op("fatal", retryPolicy: RetryPolicy(maxRetries: 3)) { (_: OpContext) -> Int in
            attempts.withLock { $0 += 1 }
            throw Failure("bad input, retrying will not help", metadata: ["rows": 0], allowRetries: false)
        }
        let result = try await Job("fatal_job") { fatal() }.executeInProcess(raiseOnError: false)
        #expect(attempts.withLock { $0 } == 1)
        #expect(result.stepFailures.first?.stepFailureData?.metadata["rows"] == .int(0))
    }

    @Test func retryPolicyDelays() {
        let policy = RetryPolicy(maxRetries: 3, delay: 1, backoff: .exponential, jitter: nil)
        #expect(policy.secondsToWait(beforeRetry: 1) == 1)
        #expect(policy.secondsToWait(beforeRetry: 3) == 4)
        #expect(RetryPolicy(maxRetries: 1, delay: 2, backoff: .linear).secondsToWait(beforeRetry: 2) == 4)
        #expect(RetryPolicy(maxRetries: 1, delay: 2, jitter: .full).secondsToWait(beforeRetry: 1, random: 0.5) == 1)
    }

    @Test func raiseOnErrorThrowsTheStepError() async throws {
        struct Boom: Error {}
        let fails = Op("fails") { (_: OpContext) -> Int in throw Boom() }
        await #expect(throws: DagsterError.self) { _ = try await Job("boom") { fails() }.executeInProcess() }
    }

    @Test func successAndFailureHooks() async throws {
        let ran = Mutex<[String]>([])
        let onSuccess = HookDefinition.success("on_success") { context in ran.withLock { $0.append("success:\(context.stepKey)") } }
        let onFailure = HookDefinition.failure("on_failure") { context in ran.withLock { $0.append("failure:\(context.stepKey)") } }
        struct Broken: Error {}
        let good = Op("good") { (_: OpContext) in 1 }
        let bad = Op("bad") { (_: OpContext) -> Int in throw Broken() }
        let erroring = HookDefinition.success("erroring") { _ in throw Broken() }
        let job = Job("hooks", hooks: [onSuccess, onFailure]) {
            good.withHooks([erroring])()
            bad()
        }
        let result = try await job.executeInProcess(raiseOnError: false)
        #expect(Set(ran.withLock { $0 }) == ["success:good", "failure:bad"])
        let hookEvents = Set(result.eventsForNode("good").map(\.eventType).filter { $0.rawValue.hasPrefix("HOOK") })
        #expect(hookEvents == Set<DagsterEventType>([.hookCompleted, .hookSkipped, .hookErrored]))
        #expect(result.eventsForNode("bad").filter { $0.eventType == .hookCompleted }.count == 1)
    }

    @Test func concurrentExecutorIsBoundedByMaxConcurrent() async throws {
        let running = Mutex((now: 0, peak: 0))
        let slow = Op("slow") { (_: OpContext) -> Int in
            running.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try await Task.sleep(nanoseconds: 20_000_000)
            running.withLock { $0.now -= 1 }
            return 1
        }
        let job = Job("parallel") { for index in 0..<6 { slow.alias("slow_\(index)")() } }
        let result = try await job.executeInProcess(runConfig: ["execution": ["config": ["concurrent_in_process": ["max_concurrent": 3]]]])
        #expect(result.success)
        #expect(running.withLock { $0.peak } == 3)
    }

    struct ReverseOrderExecutor: Executor {
        func execute(_ run: RunContext) async throws {
            while true {
                let ready = run.takeReadySteps()
                if ready.isEmpty {
                    if run.isComplete { return }
                    try await run.waitForRetry()
                    continue
                }
                for key in ready.reversed() { try await run.runStep(key) }
            }
        }
    }

    @Test func customExecutorWithConfig() async throws {
        let reverse = ExecutorDefinition(
            name: "reverse", configField: ConfigField(.shape(["label": ConfigField(.string)])),
            factory: ExecutorFactoryFunction { config in
                #expect(config["label"] == "backwards")
                return ReverseOrderExecutor()
            })
        let op = Op("step") { (_: OpContext) in 1 }
        let job = Job("reverse_job", executor: reverse) { for name in ["a", "b", "c"] { op.alias(name)() } }
        let result = try await job.executeInProcess(runConfig: ["execution": ["config": ["label": "backwards"]]])
        #expect(result.dagsterEvents.filter { $0.eventType == .stepStart }.compactMap(\.stepKey) == ["c", "b", "a"])
        await #expect(throws: DagsterError.self) { _ = try await job.executeInProcess() }
    }

    @Test func streamingEventsAsTheyHappen() async throws {
        let op = Op("op") { (_: OpContext) in 1 }
        let (types, result) = try await Job("streamed") { op() }.executeInProcessStream { events in
            var types: [DagsterEventType] = []
            for await entry in events { if let type = entry.eventType { types.append(type) } }
            return types
        }
        #expect(types == result.dagsterEvents.map(\.eventType))
        #expect(types.first == .runStart && types.last == .runSuccess)
    }

    @Test func opSelectionRunsASubsetWithInputsFromConfig() async throws {
        let one = Op("one") { (_: OpContext) in 1 }
        let double = Op("double", ins: "x") { (_: OpContext, x: Int) in x * 2 }
        let job = Job("subset") { double(one()) }
        let result = try await job.executeInProcess(
            runConfig: ["ops": ["double": ["inputs": ["x": 21]]]], opSelection: ["double"])
        #expect(try result.output(forNode: "double", as: Int.self) == 42)
        #expect(result.run.opSelection == ["double"])
        #expect(!result.dagsterEvents.contains { $0.stepKey == "one" })
        await #expect(throws: DagsterError.self) { _ = try await job.executeInProcess(opSelection: ["nope"]) }
    }

    @Test func instanceRecordsTheRunAndItsEvents() async throws {
        let instance = DagsterInstance.ephemeral()
        let op = Op("op") { (_: OpContext) in 1 }
        let result = try await Job("recorded", tags: ["team": "data"]) { op() }.executeInProcess(instance: instance, tags: ["extra": "yes"])
        let run = try #require(try await instance.getRun(result.runID))
        #expect(run.status == .success)
        #expect(run.tags == ["team": "data", "extra": "yes"])
        let stored = try await instance.allLogs(result.runID)
        #expect(stored.map(\.eventType) == result.allEvents.map(\.eventType))
        #expect(stored.first?.dagsterEvent?.eventType.storedValue == "PIPELINE_START")
    }
}
