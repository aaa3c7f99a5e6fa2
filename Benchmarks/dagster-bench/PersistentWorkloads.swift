import Dagster
import Foundation

/// W2: the N = 100 chain against a fresh persistent SQLite instance, timed execution call only.
func runW2(count: Int, iterations: Int) async throws {
    let job = buildChain(count)
    var seconds: [Double] = []
    let homes = TemporaryHomes()
    defer { homes.removeAll() }
    var events = 0
    for _ in 0..<iterations {
        let instance = try homes.instance()
        let (elapsed, result) = try await timed {
            try await JobExecution.execute(job, request: RunRequest(capturesOutputs: false), instance: instance)
        }
        seconds.append(elapsed)
        guard result.success else { throw DagsterError(.invariantViolation, "W2 run failed: \(result.failureSummary)") }
        events = try await instance.allLogs(result.runID).count
    }
    print("{\"workload\":\"w2\",\"n\":\(count),\"exec_s\":\(median(seconds)),\"events\":\(events),\"iterations\":\(iterations)}")
}

/// W5: 10,000 `addRun` calls (one transaction each) into a fresh SQLite instance, then the four
/// queries of BENCHMARKS.md, median of `repetitions` each.
func runW5(count: Int, repetitions: Int) async throws {
    let homes = TemporaryHomes()
    defer { homes.removeAll() }
    let instance = try homes.instance()
    let runs = (0..<count).map { index in
        DagsterRun(
            runID: RunID(String(format: "00000000-0000-0000-0000-%012x", index + 1)), jobName: "w5_job",
            status: index % 3 == 0 ? .failure : .success, tags: ["team": ["a", "b", "c", "d"][index % 4]])
    }
    let insert = try await timed { for run in runs { try await instance.addRun(run) } }.seconds
    func time(_ query: () async throws -> Int) async throws -> (Double, Int) {
        var result = try await query()
        var samples: [Double] = []
        for _ in 0..<repetitions {
            let sample = try await timed(query)
            samples.append(sample.seconds)
            result = sample.value
        }
        return (median(samples), result)
    }
    let q1 = try await time { try await instance.getRuns(limit: 50).count }
    let q2 = try await time { try await instance.getRuns(filters: RunsFilter(statuses: [.failure]), limit: 50).count }
    let q3 = try await time { try await instance.getRuns(filters: RunsFilter(tags: ["team": "b"]), limit: 50).count }
    let q4 = try await time { try await instance.getRunsCount() }
    guard q1.1 == 50, q2.1 == 50, q3.1 == 50, q4.1 == count else {
        throw DagsterError(.invariantViolation, "W5 results: \(q1.1) \(q2.1) \(q3.1) \(q4.1)")
    }
    print(
        "{\"workload\":\"w5\",\"n\":\(count),\"insert_s\":\(insert),\"q1_s\":\(q1.0),\"q2_s\":\(q2.0),\"q3_s\":\(q3.0),"
            + "\"q4_s\":\(q4.0),\"count\":\(q4.1)}")
}
