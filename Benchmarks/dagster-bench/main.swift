import Dagster
import DagsterCLI
import Foundation

/// Release-mode benchmarks of ../shared/BENCHMARKS.md. Usage:
///   swift run -c release dagster-bench w1 [N ...] [--iterations K]
///   swift run -c release dagster-bench w2 [N] [--iterations K]
///   swift run -c release dagster-bench w5 [N] [--iterations K]
///   swift run -c release dagster-bench w3 [--iterations K]
///   swift run -c release dagster-bench w4 [--iterations K]
/// Prints one JSON line per measurement (medians). W7 is whole-process: time
/// `.build/release/quickstart job list` and `--version` from outside (e.g. hyperfine).

func buildChain(_ count: Int) -> Job {
    let start = Op("start") { (_: OpContext) in 0 }
    let inc = Op("inc", ins: "x") { (_: OpContext, x: Int) in x + 1 }
    return Job("chain") {
        var handle = start()
        for index in 1..<max(count, 1) { handle = inc.alias("inc_\(index)")(handle) }
    }
}

func runW1(sizes: [Int], iterations: Int) async throws {
    for count in sizes {
        let job = buildChain(count)
        let lastNode = count == 1 ? "start" : "inc_\(count - 1)"
        var seconds: [Double] = []
        var final = -1
        for _ in 0..<iterations {
            let (elapsed, result) = try await timed { try await job.executeInProcess() }
            seconds.append(elapsed)
            final = try result.output(forNode: lastNode, as: Int.self)
        }
        guard final == count - 1 else { throw DagsterError(.invariantViolation, "W1 N=\(count): final output \(final), expected \(count - 1)") }
        let perOp = median(seconds) / Double(count) * 1e6
        print("{\"workload\":\"w1\",\"n\":\(count),\"exec_s\":\(median(seconds)),\"us_per_op\":\(String(format: "%.2f", perOp)),\"iterations\":\(iterations),\"final\":\(final)}")
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "api" {  // the binary started as a step worker of its own W3 run
    await DagsterCLI.main(benchmarkDefinitions)
    exit(0)
}
var iterations = 5
if let flag = arguments.firstIndex(of: "--iterations"), flag + 1 < arguments.count {
    iterations = Int(arguments[flag + 1]) ?? 5
    arguments.removeSubrange(flag...(flag + 1))
}
let workload = arguments.first ?? "w1"
let sizes = arguments.dropFirst().compactMap(Int.init)
do {
    switch workload {
    case "w1":
        try await runW1(sizes: sizes.isEmpty ? [10, 100, 1000, 10000] : sizes, iterations: iterations)
    case "w2":
        try await runW2(count: sizes.first ?? 100, iterations: iterations)
    case "w3":
        try await runW3(iterations: iterations)
    case "w4":
        try await runW4(iterations: iterations)
    case "w5":
        try await runW5(count: sizes.first ?? 10000, repetitions: max(iterations, 20))
    default:
        FileHandle.standardError.write(Data("unknown workload '\(workload)'; available: w1, w2, w3, w4, w5\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
