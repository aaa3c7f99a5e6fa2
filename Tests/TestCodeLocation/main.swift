// A code location for the CLI's end-to-end tests: jobs that sleep, wait for or fail without a
// marker file (cancellation, kill -9, re-execution from failure) and print (compute logs).
import Dagster
import DagsterCLI
import Foundation

struct NapConfig: Config { var seconds: Int = 30 }
struct MarkerConfig: Config { var marker: String }

let nap = Op("nap", config: NapConfig.self) { (context: OpContext, config: NapConfig) -> Int in
    try await Task.sleep(for: .seconds(config.seconds))
    return config.seconds
}

let first = Op("first") { (_: OpContext) -> Int in 1 }
let needsMarker = Op("needs_marker", config: MarkerConfig.self, ins: "value") { (_: OpContext, config: MarkerConfig, value: Int) -> Int in
    guard FileManager.default.fileExists(atPath: config.marker) else {
        throw Failure("marker \(config.marker) is missing")
    }
    return value + 1
}
let last = Op("last", ins: "value") { (_: OpContext, value: Int) -> Int in value * 10 }

/// Waits until the marker file exists, checking every 20 ms (cancellable).
let waitForMarker = Op("wait_for_marker", config: MarkerConfig.self, ins: "value") {
    (_: OpContext, config: MarkerConfig, value: Int) -> Int in
    while !FileManager.default.fileExists(atPath: config.marker) { try await Task.sleep(for: .milliseconds(20)) }
    return value + 1
}

let shout = Op("shout") { (_: OpContext) -> String in
    print("hello from stdout")
    FileHandle.standardError.write(Data("hello from stderr\n".utf8))
    return "done"
}

struct CrashConfig: Config { var how: String }

/// Ends its own process the way `how` says: `exit` (status 3), `kill` (SIGKILL), anything else returns.
let crash = Op("crash", config: CrashConfig.self, ins: "value") { (_: OpContext, config: CrashConfig, value: Int) -> Int in
    switch config.how {
    case "exit": exit(3)
    case "kill": kill(getpid(), SIGKILL)
    default: break
    }
    return value
}

/// Appends "STEP START END" (seconds) to `$DAGSTER_HOME/timeline` after sleeping 150 ms, so tests
/// can see which steps of a multiprocess run overlapped.
func timed(_ name: String, tags: [String: String]) -> Op<Int, Int> {
    Op(name, ins: "value", tags: tags) { (context: OpContext, value: Int) -> Int in
        let start = Date().timeIntervalSince1970
        try await Task.sleep(for: .milliseconds(150))
        let line = "\(context.stepKey) \(start) \(Date().timeIntervalSince1970)\n"
        let path = (ProcessInfo.processInfo.environment["DAGSTER_HOME"] ?? ".") + "/timeline"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
        return value
    }
}

let workers = (0..<8).map { index in
    timed("work_\(index)", tags: ["group": index < 3 ? "a" : "b"].merging(index == 5 ? ["dagster/priority": "10"] : [:]) { a, _ in a })
}
let total = Op("total", ins: "values") { (_: OpContext, values: [Int]) -> Int in values.reduce(0, +) }

/// Fails on its first attempt and succeeds on the retry.
let flakyOnce = Op("flaky_once", ins: "value", retryPolicy: RetryPolicy(maxRetries: 2)) { (context: OpContext, value: Int) -> Int in
    if context.retryNumber == 0 { throw Failure("first attempt fails") }
    return value + context.retryNumber
}

let fanOut = Op("fan_out") { (_: OpContext) in DynamicOutputs([("a", 1), ("b", 2), ("c", 3)]) }
let double = Op("double", ins: "x") { (_: OpContext, x: Int) in x * 2 }

let rawNumbers = Asset("raw_numbers", group: "ingest") { (_: AssetContext) -> [Int] in [1, 2, 3] }
let doubled = Asset(["mart", "doubled"], ins: rawNumbers) { (_: AssetContext, numbers: [Int]) in numbers.map { $0 * 2 } }
let dailyRollup = Asset(
    "daily_rollup", partitions: try .daily(startDate: "2024-01-01"), backfillPolicy: .singleRun
) { (context: AssetContext) in
    MaterializeResult(metadata: ["days": .int(context.partitionKeys.count)])
}

await DagsterCLI.main {
    try Definitions(assets: [rawNumbers, doubled, dailyRollup], jobs: [
        Job("sleepy") { _ = nap() },
        Job("flaky") { _ = last(needsMarker(first())) },
        Job("printer") { _ = shout() },
        Job("gated") { _ = last(waitForMarker(first())) },
        Job("crashing") { _ = last(crash(first())) },
        Job("parallel") {
            let root = first()
            _ = total(fanIn(workers.map { $0(root) }))
        },
        Job("retrying") { _ = last(flakyOnce(first())) },
        Job("mapped") { _ = total(fanOut().map { double($0) }.collect()) },
    ])
}
