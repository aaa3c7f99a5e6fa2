import Dagster
import Foundation

/// The W3 job: one root op, `width` ops that each return their input, and a sink summing the
/// fan-in of all of them.
func buildFanOut(_ width: Int) -> Job {
    let root = Op("root") { (_: OpContext) in 1 }
    let identity = Op("identity", ins: "x") { (_: OpContext, x: Int) in x }
    let sink = Op("sink", ins: "values") { (_: OpContext, values: [Int]) in values.reduce(0, +) }
    return Job("fan_out") {
        let start = root()
        _ = sink(fanIn((0..<width).map { identity.alias("identity_\($0)")(start) }))
    }
}

/// The definitions the benchmark binary serves when it runs as its own step worker.
let benchmarkDefinitions: @Sendable () throws -> Definitions = { try Definitions(jobs: [buildFanOut(40)]) }

/// W3: the fan-out job under the multiprocess executor (`max_concurrent: 2`) against a fresh
/// persistent SQLite instance with the filesystem IO manager; each step runs in a worker
/// process of this binary.
func runW3(iterations: Int) async throws {
    let job = try benchmarkDefinitions().job(named: "fan_out")
    let config: JSONValue = ["execution": ["config": ["multiprocess": ["max_concurrent": 2]]]]
    var seconds: [Double] = []
    let homes = TemporaryHomes()
    defer { homes.removeAll() }
    var steps = 0
    for _ in 0..<iterations {
        let instance = try homes.instance()
        let (elapsed, result) = try await timed {
            try await JobExecution.execute(job, request: RunRequest(runConfig: config, capturesOutputs: false), instance: instance)
        }
        seconds.append(elapsed)
        guard result.success else { throw DagsterError(.invariantViolation, "W3 run failed: \(result.failureSummary)") }
        steps = result.allEvents.filter { $0.eventType == .stepSuccess }.count
    }
    let perStep = median(seconds) / Double(max(steps, 1)) * 1000
    print("{\"workload\":\"w3\",\"steps\":\(steps),\"exec_s\":\(median(seconds)),\"ms_per_step\":\(String(format: "%.2f", perStep)),\"iterations\":\(iterations)}")
}
