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

await DagsterCLI.main {
    try Definitions(jobs: [
        Job("sleepy") { _ = nap() },
        Job("flaky") { _ = last(needsMarker(first())) },
        Job("printer") { _ = shout() },
        Job("gated") { _ = last(waitForMarker(first())) },
    ])
}
