import Dagster
import Foundation
import Testing

/// The multiprocess executor end to end: runs of the code-location binary whose steps run in
/// step workers (`api execute-step`), as real child processes.
@Suite("Multiprocess executor", .serialized)
struct MultiprocessCLITests {
    /// Run config selecting the multiprocess executor with `settings`, plus `ops`.
    private func config(_ settings: String = "{}", ops: String = "{}") -> String {
        #"{"execution": {"config": {"multiprocess": \#(settings)}}, "ops": \#(ops)}"#
    }

    private func execute(_ cli: CodeLocationProcess, _ job: String, config: String) async throws
        -> (CodeLocationProcess.Output, DagsterRun, [EventLogEntry])
    {
        let output = try await cli.run(["job", "execute", job, "--config-json", config, "--no-color"])
        let run = try #require(try await cli.instance().getRuns(limit: 1).first)
        return (output, run, try await cli.instance().allLogs(run.runID))
    }

    /// Launches the `gated` job on the multiprocess executor and waits until its gated step runs
    /// (it waits for `marker` to exist); returns the run's id and the run as it is then.
    private func launchGated(_ cli: CodeLocationProcess, marker: String) async throws -> (RunID, DagsterRun) {
        let launch = try await cli.run([
            "job", "launch", "gated", "--config-json", config(ops: #"{"wait_for_marker": {"config": {"marker": "\#(marker)"}}}"#),
        ])
        let id = try CodeLocationProcess.runID(in: launch.stdout)
        let (running, _) = try await cli.waitFor(id) { _, logs in
            logs.contains { $0.eventType == .stepStart && $0.stepKey == "wait_for_marker" }
        }
        return (id, running)
    }

    /// (step, start, end) of each `work_N` step, from the timeline the ops append to.
    private func timeline(_ cli: CodeLocationProcess) throws -> [(step: String, start: Double, end: Double)] {
        let text = try String(contentsOf: cli.home.appendingPathComponent("timeline"), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), Double(parts[1]) ?? 0, Double(parts[2]) ?? 0)
        }
    }

    /// The most steps among `spans` running at one moment.
    private func peakOverlap(_ spans: [(step: String, start: Double, end: Double)]) -> Int {
        spans.map { span in spans.filter { $0.start <= span.start && span.start < $0.end }.count }.max() ?? 0
    }

    @Test func everyStepRunsInAWorkerProcessAndEveryEventIsStored() async throws {
        let cli = try CodeLocationProcess()
        let marker = cli.home.appendingPathComponent("marker").path
        try Data().write(to: URL(fileURLWithPath: marker))
        let (output, run, logs) = try await execute(
            cli, "flaky", config: config(ops: #"{"needs_marker": {"config": {"marker": "\#(marker)"}}}"#))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(run.status == .success)
        let parentPID = try #require(logs.first { $0.eventType == .runStart }?.dagsterEvent?.pid)
        let workerPIDs = logs.filter { $0.eventType == .stepWorkerStarted }.compactMap { entry -> Int? in
            if case .int(let pid) = entry.dagsterEvent?.engineData?.metadata["pid"] { return pid }
            return nil
        }
        #expect(workerPIDs.count == 3 && Set(workerPIDs).count == 3 && !workerPIDs.contains(Int(parentPID)))
        for step in ["first", "needs_marker", "last"] {
            let types = logs.filter { $0.stepKey == step }.compactMap(\.eventType)
            #expect(types.first == .stepWorkerStarting && types.contains(.stepWorkerStarted) && types.last == .stepSuccess, "\(step): \(types)")
            let start = try #require(logs.first { $0.stepKey == step && $0.eventType == .stepStart }?.dagsterEvent?.pid)
            #expect(start != parentPID)
        }
        #expect(logs.filter { $0.eventType == .logsCaptured }.count == 3)
        #expect(logs.contains { $0.userMessage.hasPrefix("Executing steps using multiprocess executor: parent process (pid: \(parentPID))") })
        #expect(logs.contains { $0.userMessage.hasPrefix("Multiprocess executor: parent process exiting after") })
        #expect(output.stdout.contains("STEP_SUCCESS - Finished execution of step \"last\""))
        #expect(CodeLocationProcess.liveProcesses(mentioning: run.runID.rawValue).isEmpty)
    }

    @Test func eachWorkerCapturesItsStepsOutputForRunLogs() async throws {
        let cli = try CodeLocationProcess()
        let (output, run, logs) = try await execute(cli, "printer", config: config())
        #expect(output.status == 0)
        let captured = try #require(logs.first { $0.eventType == .logsCaptured })
        #expect(captured.dagsterEvent?.pid != logs.first { $0.eventType == .runStart }?.dagsterEvent?.pid)
        let printed = try await cli.run(["run", "logs", run.runID.rawValue, "shout"])
        #expect(printed.stdout.contains("hello from stdout") && printed.stdout.contains("hello from stderr"))
    }

    @Test func eightWorkersWritingAtOnceLoseNoEvent() async throws {
        let cli = try CodeLocationProcess()
        let (output, run, logs) = try await execute(cli, "parallel", config: config(#"{"max_concurrent": 8}"#))
        #expect(output.status == 0, "\(output.stderr)")
        #expect(run.status == .success)
        let spans = try timeline(cli)
        #expect(spans.count == 8)
        #expect(peakOverlap(spans) >= 4)
        for index in 0..<8 {
            let types = logs.filter { $0.stepKey == "work_\(index)" }.compactMap(\.eventType)
            #expect(
                types == [.stepWorkerStarting, .stepWorkerStarted, .resourceInitStarted, .resourceInitSuccess, .stepStart,
                    .loadedInput, .stepInput, .stepOutput, .handledOutput, .stepSuccess],
                "work_\(index): \(types)")
        }
        let ids = try await cli.instance().eventLogStorage.getRecordsForRun(run.runID, after: nil, ofTypes: nil, limit: nil).map(\.storageID)
        #expect(Set(ids).count == logs.count)
    }

    @Test func maxConcurrentTagLimitsAndPriorityDecideWhatRunsWhen() async throws {
        let limited = try CodeLocationProcess()
        let settings = #"{"max_concurrent": 3, "tag_concurrency_limits": [{"key": "group", "value": "a", "limit": 1}]}"#
        let (output, _, _) = try await execute(limited, "parallel", config: config(settings))
        #expect(output.status == 0, "\(output.stderr)")
        let spans = try timeline(limited)
        #expect(peakOverlap(spans) == 3)
        #expect(peakOverlap(spans.filter { ["work_0", "work_1", "work_2"].contains($0.step) }) == 1)

        let serial = try CodeLocationProcess()
        _ = try await execute(serial, "parallel", config: config(#"{"max_concurrent": 1}"#))
        let order = try timeline(serial).sorted { $0.start < $1.start }.map(\.step)
        #expect(order == ["work_5", "work_0", "work_1", "work_2", "work_3", "work_4", "work_6", "work_7"])
    }

    @Test(arguments: [
        ("exit", "unexpectedly exited with code 3."),
        ("kill", "was terminated by signal 9 (SIGKILL). This usually indicates"),
    ])
    func aCrashingWorkerFailsItsStepWithTheExitStatus(how: String, explanation: String) async throws {
        let cli = try CodeLocationProcess()
        let (output, run, logs) = try await execute(
            cli, "crashing", config: config(ops: #"{"crash": {"config": {"how": "\#(how)"}}}"#))
        #expect(output.status == 1)
        #expect(run.status == .failure)
        let failure = try #require(logs.first { $0.eventType == .stepFailure })
        #expect(failure.stepKey == "crash")
        let error = try #require(failure.dagsterEvent?.stepFailureData?.error)
        #expect(error.className == "ChildProcessCrashException")
        #expect(error.message.contains("child process for step crash \(explanation)"))
        #expect(logs.contains { $0.eventType == .engineEvent && $0.stepKey == "crash" && $0.level == .error })
        #expect(!logs.contains { $0.stepKey == "last" })
        #expect(logs.last?.eventType == .runFailure)
        #expect(logs.last?.userMessage.hasSuffix("Steps failed: ['crash'].") == true)
        #expect(CodeLocationProcess.liveProcesses(mentioning: run.runID.rawValue).isEmpty)
    }

    @Test func retriesRunInANewWorkerAndDynamicStepsFanOut() async throws {
        let cli = try CodeLocationProcess()
        let (retried, retriedRun, retriedLogs) = try await execute(cli, "retrying", config: config())
        #expect(retried.status == 0 && retriedRun.status == .success)
        let flaky = retriedLogs.filter { $0.stepKey == "flaky_once" }.compactMap(\.eventType)
        #expect(flaky.contains(.stepUpForRetry) && flaky.contains(.stepRestarted) && flaky.last == .stepSuccess)
        #expect(flaky.filter { $0 == .stepWorkerStarted }.count == 2)

        let (mapped, mappedRun, mappedLogs) = try await execute(cli, "mapped", config: config(#"{"max_concurrent": 3}"#))
        #expect(mapped.status == 0 && mappedRun.status == .success)
        let succeeded = Set(mappedLogs.filter { $0.eventType == .stepSuccess }.compactMap(\.stepKey))
        #expect(succeeded == ["fan_out", "double[a]", "double[b]", "double[c]", "total"])
        let loaded = mappedLogs.filter { $0.eventType == .loadedInput && $0.stepKey == "total" }
        #expect(loaded.compactMap { $0.dagsterEvent?.loadedInputData?.upstreamStepKey } == ["double[a]", "double[b]", "double[c]"])
    }

    @Test func cancelForwardsTheRequestToTheWorkersAndLeavesNoProcess() async throws {
        let cli = try CodeLocationProcess()
        let (id, _) = try await launchGated(cli, marker: cli.home.appendingPathComponent("never").path)
        let cancel = try await cli.run(["run", "cancel", id.rawValue])
        #expect(cancel.stdout.contains("its worker stopped"), "\(cancel.stdout) \(cancel.stderr)")
        let (run, logs) = try await cli.waitFor(id) { _, logs in logs.last?.userMessage.hasPrefix("Process for run exited") == true }
        #expect(run.status == .canceled)
        let failure = try #require(logs.first { $0.eventType == .stepFailure })
        #expect(failure.stepKey == "wait_for_marker")
        #expect(failure.dagsterEvent?.stepFailureData?.error?.className == "DagsterExecutionInterruptedError")
        #expect(failure.dagsterEvent?.stepFailureData?.errorSource == .interrupt)
        #expect(logs.contains { $0.userMessage.hasPrefix("Multiprocess executor: received termination signal") })
        #expect(logs.contains { $0.eventType == .runCanceled })
        #expect(CodeLocationProcess.liveProcesses(mentioning: id.rawValue).isEmpty)
    }

    @Test func killingTheRunWorkerStopsItsStepWorkersAndReexecutionFinishesTheRun() async throws {
        let cli = try CodeLocationProcess()
        let marker = cli.home.appendingPathComponent("marker").path
        let (id, running) = try await launchGated(cli, marker: marker)
        kill(try #require(running.tags[runWorkerPIDTag].flatMap { pid_t($0) }), SIGKILL)
        let (_, logs) = try await cli.waitFor(id) { _, logs in
            logs.contains { $0.eventType == .stepFailure && $0.stepKey == "wait_for_marker" }
        }
        #expect(logs.contains { $0.eventType == .stepSuccess && $0.stepKey == "first" })
        try await Task.sleep(for: .milliseconds(100))
        #expect(CodeLocationProcess.liveProcesses(mentioning: id.rawValue).isEmpty)
        #expect(try await cli.run(["run", "cancel", id.rawValue]).stdout.contains("had no live worker"))
        try Data().write(to: URL(fileURLWithPath: marker))
        let reexecute = try await cli.run(["run", "reexecute", id.rawValue, "--from-failure", "--no-color"])
        #expect(reexecute.status == 0, "\(reexecute.stderr)")
        let child = try #require(try await cli.instance().getRuns(limit: 1).first)
        #expect(child.parentRunID == id && child.status == .success)
        #expect(child.stepKeysToExecute == ["wait_for_marker", "last"])
    }
}
