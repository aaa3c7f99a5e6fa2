import Dagster
import Synchronization
import Testing

/// The op-based public cases of the oracle's events.json, rebuilt as Swift jobs: the event
/// types per step and at run level, the run's status, and the output values.
struct EventsOracleTests {
    struct Expected {
        let byStep: [String: [String]]
        let runLevel: [String]
        let success: Bool
        let stepOrder: [String]
        let outputs: OrderedDictionary<String, JSONValue>
    }

    static func expected(_ name: String) throws -> Expected {
        let testCase = try #require(try Fixture.cases("events").first { $0["name"]?.stringValue == name })
        var byStep: [String: [String]] = [:]
        for (key, value) in testCase["event_types_by_step"]?.objectValue ?? [:] {
            byStep[key] = value.arrayValue?.compactMap(\.stringValue)
        }
        return Expected(
            byStep: byStep, runLevel: testCase["run_level_event_types"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            success: testCase["success"]?.boolValue ?? false,
            stepOrder: testCase["step_keys_in_event_order"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            outputs: testCase["outputs"]?.objectValue ?? [:])
    }

    static func check(_ result: ExecuteInProcessResult, against expected: Expected) {
        var byStep: [String: [String]] = [:]
        var runLevel: [String] = []
        var stepOrder: [String] = []
        for event in result.dagsterEvents {
            if let key = event.stepKey {
                byStep[key, default: []].append(event.eventType.rawValue)
                if !stepOrder.contains(key) { stepOrder.append(key) }
            } else {
                runLevel.append(event.eventType.rawValue)
            }
        }
        #expect(byStep == expected.byStep)
        #expect(runLevel == expected.runLevel)
        #expect(result.success == expected.success)
        #expect(stepOrder == expected.stepOrder)
        #expect(result.run.status == (expected.success ? .success : .failure))
    }

    @Test func opRaises() async throws {
        let expected = try Self.expected("op_raises")
        struct BoomError: Error, CustomStringConvertible { var description: String { "boom: deliberate failure" } }
        let up = Op("raise_up") { (_: OpContext) in "ok" }
        let boom = Op("raise_boom", ins: "x") { (_: OpContext, _: String) -> String in throw BoomError() }
        let after = Op("raise_after", ins: "x") { (_: OpContext, x: String) in x }
        let independent = Op("raise_independent") { (_: OpContext) in "independent" }
        let job = Job("op_raises") {
            after(boom(up()))
            independent()
        }
        let result = try await job.executeInProcess(raiseOnError: false)
        Self.check(result, against: expected)
        #expect(try result.output(forNode: "raise_up", as: String.self) == "ok")
        #expect(try result.output(forNode: "raise_independent", as: String.self) == "independent")
        #expect(throws: DagsterError.self) { try result.outputValue(forNode: "raise_boom") }
        let failure = try #require(result.stepFailures.first?.stepFailureData?.error)
        #expect(failure.className == "DagsterExecutionStepExecutionError")
        #expect(failure.chain.last?.message == "boom: deliberate failure")
    }

    @Test func retryPolicySucceedsOnThirdAttempt() async throws {
        let expected = try Self.expected("retry_policy_succeeds_on_third_attempt")
        let attempts = Mutex(0)
        struct Flaky: Error {}
        let flaky = Op("flaky", retryPolicy: RetryPolicy(maxRetries: 2)) { (_: OpContext) -> Int in
            let attempt = attempts.withLock { $0 += 1; return $0 }
            if attempt < 3 { throw Flaky() }
            return attempt
        }
        let afterFlaky = Op("after_flaky", ins: "x") { (_: OpContext, x: Int) in x * 100 }
        let result = try await Job("retry") { afterFlaky(flaky()) }.executeInProcess(raiseOnError: false)
        Self.check(result, against: expected)
        #expect(try result.output(forNode: "after_flaky", as: Int.self) == 300)
        let retry = try #require(result.dagsterEvents.first { $0.eventType == .stepUpForRetry }?.stepFailureData?.error)
        #expect(retry.className == "RetryRequestedFromPolicy")
    }

    @Test func dynamicMapCollect() async throws {
        let expected = try Self.expected("dynamic_map_collect")
        let source = Op("dyn_source") { (_: OpContext) in
            DynamicOutputs([("alpha", 1), ("beta", 2), ("gamma", 3)])
        }
        let double = Op("dyn_double", ins: "x") { (_: OpContext, x: Int) in x * 2 }
        let total = Op("dyn_total", ins: "values") { (_: OpContext, values: [Int]) in values.reduce(0, +) }
        let job = Job("dynamic") { total(source().map { double($0) }.collect()) }
        let result = try await job.executeInProcess()
        Self.check(result, against: expected)
        #expect(try result.output(forNode: "dyn_total", as: Int.self) == 12)
        let doubled = try result.dynamicOutputs(forNode: "dyn_double", as: Int.self)
        #expect(doubled.map(\.mappingKey) == ["alpha", "beta", "gamma"])
        #expect(doubled.map(\.value) == [2, 4, 6])
        let sourced = try result.dynamicOutputs(forNode: "dyn_source", as: Int.self)
        #expect(sourced.map(\.value) == [1, 2, 3])
        #expect(try ExecutionPlan(job: job).stepKeysByLevel == [["dyn_source"], ["dyn_double[?]"], ["dyn_total"]])
    }

    @Test func opLogsAssetMaterialization() async throws {
        let expected = try Self.expected("op_logs_asset_materialization")
        let writes = Op("writes_table") { (context: OpContext) -> Int in
            context.logEvent(AssetMaterialization(assetKey: "my_table", metadata: ["rows": 42]))
            return 42
        }
        let logs = Op("logs_via_context", ins: "n") { (context: OpContext, n: Int) -> Int in
            context.logEvent(AssetMaterialization(assetKey: AssetKey(["warehouse", "summary"])))
            context.log.info("logged a materialization")
            return n
        }
        let result = try await Job("materializations") { logs(writes()) }.executeInProcess()
        Self.check(result, against: expected)
        let keys = result.dagsterEvents.compactMap(\.assetMaterialization?.assetKey)
        #expect(keys == [AssetKey("my_table"), AssetKey(["warehouse", "summary"])])
        #expect(result.allEvents.contains { $0.dagsterEvent == nil && $0.userMessage == "logged a materialization" && $0.level == .info })
    }

    @Test func assetJobThreeAssets() async throws {
        let expected = try Self.expected("asset_job_three_assets")
        let upstream = Asset("upstream_asset") { (_: AssetContext) in [1, 2, 3] }
        let middle = Asset("middle_asset", ins: upstream) { (_: AssetContext, upstream: [Int]) in upstream.map { $0 * 10 } }
        let downstream = Asset("downstream_asset", ins: middle) { (_: AssetContext, middle: [Int]) in middle.reduce(0, +) }
        let job = try Job.materializing([upstream, middle, downstream], name: "three_asset_job")
        let result = try await job.executeInProcess()
        Self.check(result, against: expected)
        #expect(try result.output(forNode: "downstream_asset", as: Int.self) == 60)
        let loaded = result.dagsterEvents.compactMap(\.loadedInputData)
        #expect(loaded.map(\.inputName) == ["upstream_asset", "middle_asset"])
        #expect(loaded.map(\.upstreamStepKey) == ["upstream_asset", "middle_asset"])
    }
}
