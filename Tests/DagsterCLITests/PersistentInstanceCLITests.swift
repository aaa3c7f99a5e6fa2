import Dagster
import Foundation
import Testing

/// The code-location binary end to end against a persistent instance: every command runs as a
/// real process, as a user would run it.
@Suite("CLI with a persistent instance", .serialized)
struct PersistentInstanceCLITests {
    @Test func executeRecordsTheRunAndRunCommandsReadIt() async throws {
        let cli = try CodeLocationProcess()
        let execute = try await cli.run(["job", "execute", "printer", "--no-color"])
        #expect(execute.status == 0)
        let list = try await cli.run(["run", "list"])
        let id = try CodeLocationProcess.runID(in: list.stdout)
        #expect(list.stdout.contains("Job: printer") && list.stdout.contains("Status: SUCCESS"))
        let show = try await cli.run(["run", "show", id.rawValue])
        #expect(show.stdout.contains("shout: SUCCESS"))
        let logs = try await cli.run(["run", "logs", id.rawValue, "shout"])
        #expect(logs.stdout.contains("hello from stdout") && logs.stdout.contains("hello from stderr"))
        let stored = try await cli.instance().getRecordsForRun(id, ofTypes: [.logsCaptured])
        #expect(stored.count == 1)
        let declined = try await cli.run(["run", "delete", id.rawValue], input: "no\n")
        #expect(declined.status == 1 && declined.stderr.contains("Exiting without deleting run."))
        #expect(declined.stdout == "Are you sure you want to delete run \(id) and its event logs? Type DELETE to confirm: ")
        let delete = try await cli.run(["run", "delete", id.rawValue], input: "DELETE\n")
        #expect(delete.stdout.contains("Deleted run \(id) and its event log entries."))
        #expect(try await cli.run(["run", "list"]).stdout.isEmpty)
        #expect(try await cli.instance().allLogs(id).isEmpty)
    }

    @Test func unknownRunIDsGetAClearError() async throws {
        let cli = try CodeLocationProcess()
        for command in [["run", "show", "nope"], ["run", "logs", "nope"], ["run", "cancel", "nope"], ["run", "delete", "nope", "-f"]] {
            let output = try await cli.run(command)
            #expect(output.status == 1)
            #expect(output.stderr.contains("No run found with id nope."), "\(command)")
        }
    }

    @Test func swiftDagsterErrorsArePrintedOnOneLine() async throws {
        let cli = try CodeLocationProcess()
        let output = try await cli.run(["job", "execute", "printer", "--config-json", "{\"ops\": "])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("Error: --config-json: "), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1 && !output.stderr.contains("caused by"), "\(output.stderr)")
    }

    @Test func launchRunsTheRunInAWorkerProcess() async throws {
        let cli = try CodeLocationProcess()
        let launch = try await cli.run(["job", "launch", "printer"])
        #expect(launch.status == 0)
        let id = try CodeLocationProcess.runID(in: launch.stdout)
        let (run, logs) = try await cli.waitFor(id) { run, _ in run.status.isFinished }
        #expect(run.status == .success)
        let messages = logs.map(\.userMessage)
        #expect(logs.first?.eventType == .runStarting)
        #expect(messages.contains { $0.hasPrefix("Started process for run (pid: ") })
        #expect(messages.last?.hasPrefix("Process for run exited (pid: ") == true)
        #expect(run.tags[runWorkerPIDTag] != nil)
    }

    @Test func launchWithARunQueueQueuesTheRunAndSaysNothingDequeuesItYet() async throws {
        let cli = try CodeLocationProcess()
        try "run_queue:\n  max_concurrent_runs: 1\n".write(
            to: cli.home.appendingPathComponent("dagster.yaml"), atomically: false, encoding: .utf8)
        let launch = try await cli.run(["job", "launch", "printer"])
        #expect(launch.status == 0, "\(launch.stderr)")
        let id = try CodeLocationProcess.runID(in: launch.stdout)
        #expect(launch.stdout.hasPrefix("Queued run \(id) of job printer. It will start when a daemon dequeues it"))
        #expect(launch.stdout.contains("swift-dagster has no daemon yet"))
        #expect(try await cli.instance().getRun(id)?.status == .queued)
        let logs = try await cli.instance().allLogs(id)
        #expect(logs.map(\.eventType) == [.runEnqueued])
        #expect(logs.first?.userMessage == "" && logs.first?.dagsterEvent?.message == "")
    }

    @Test func cancelStopsALaunchedRunAndRecordsWhy() async throws {
        let cli = try CodeLocationProcess()
        let marker = cli.home.appendingPathComponent("never-created").path
        let launch = try await cli.run(
            ["job", "launch", "gated", "--config-json", #"{"ops": {"wait_for_marker": {"config": {"marker": "\#(marker)"}}}}"#])
        let id = try CodeLocationProcess.runID(in: launch.stdout)
        _ = try await cli.waitFor(id) { _, logs in
            logs.contains { $0.eventType == .stepStart && $0.stepKey == "wait_for_marker" }
        }
        let cancel = try await cli.run(["run", "cancel", id.rawValue])
        #expect(cancel.status == 0)
        #expect(cancel.stdout.contains("its worker stopped"))
        let (run, logs) = try await cli.waitFor(id) { run, _ in run.status.isFinished }
        #expect(run.status == .canceled)
        let types = logs.compactMap(\.eventType)
        #expect(types.contains(.runCanceling) && types.last(where: { $0 != .engineEvent }) == .runCanceled)
        #expect(logs.contains { $0.eventType == .stepFailure && $0.stepKey == "wait_for_marker" })
        let pid = try #require(run.tags[runWorkerPIDTag].flatMap { pid_t($0) })
        var alive = ProcessLiveness.isAlive(pid)
        for _ in 0..<100 where alive {
            try await Task.sleep(for: .milliseconds(20))
            alive = ProcessLiveness.isAlive(pid)
        }
        #expect(!alive, "the worker is gone")
        let again = try await cli.run(["run", "cancel", id.rawValue])
        #expect(again.status == 1 && again.stderr.contains("already finished"))
    }

    @Test func aKilledWorkerKeepsFinishedStepsAndReexecutionCompletesTheRun() async throws {
        let cli = try CodeLocationProcess()
        let marker = cli.home.appendingPathComponent("marker").path
        let launch = try await cli.run(
            ["job", "launch", "gated", "--config-json", #"{"ops": {"wait_for_marker": {"config": {"marker": "\#(marker)"}}}}"#])
        let id = try CodeLocationProcess.runID(in: launch.stdout)
        let (running, _) = try await cli.waitFor(id) { _, logs in
            logs.contains { $0.eventType == .stepStart && $0.stepKey == "wait_for_marker" }
        }
        let pid = try #require(running.tags[runWorkerPIDTag].flatMap { pid_t($0) })
        kill(pid, SIGKILL)
        try await Task.sleep(for: .milliseconds(200))
        let logs = try await cli.instance().allLogs(id)
        #expect(logs.contains { $0.eventType == .stepSuccess && $0.stepKey == "first" })
        #expect(logs.contains { $0.eventType == .handledOutput && $0.stepKey == "first" })
        let cancel = try await cli.run(["run", "cancel", id.rawValue])
        #expect(cancel.stdout.contains("had no live worker"))
        try Data().write(to: URL(fileURLWithPath: marker))
        let reexecute = try await cli.run(["run", "reexecute", id.rawValue, "--from-failure", "--no-color"])
        #expect(reexecute.status == 0, "\(reexecute.stderr)")
        let child = try #require(try await cli.instance().getRuns(limit: 1).first)
        #expect(child.parentRunID == id && child.rootRunID == id && child.status == .success)
        #expect(child.tags["dagster/is_resume_retry"] == "true" && child.tags["dagster/parent_run_id"] == id.rawValue)
        #expect(child.stepKeysToExecute == ["wait_for_marker", "last"])
        let childLogs = try await cli.instance().allLogs(child.runID)
        #expect(!childLogs.contains { $0.stepKey == "first" })
        #expect(childLogs.contains { $0.eventType == .loadedInput && $0.stepKey == "wait_for_marker" })
    }

    @Test func reexecutingAFailedRunFromFailureRunsOnlyWhatFailed() async throws {
        let cli = try CodeLocationProcess()
        let marker = cli.home.appendingPathComponent("marker").path
        let config = #"{"ops": {"needs_marker": {"config": {"marker": "\#(marker)"}}}}"#
        let failed = try await cli.run(["job", "execute", "flaky", "--config-json", config, "--no-color"])
        #expect(failed.status == 1 && failed.stderr.contains("needs_marker"))
        let parent = try #require(try await cli.instance().getRuns(limit: 1).first)
        #expect(parent.status == .failure)
        let notYet = try await cli.run(["run", "reexecute", parent.runID.rawValue, "--step-selection", "nope"])
        #expect(notYet.status == 1 && notYet.stderr.contains("Step selection refers to unknown step: nope"))
        try Data().write(to: URL(fileURLWithPath: marker))
        let retry = try await cli.run(["run", "reexecute", parent.runID.rawValue, "--from-failure", "--no-color"])
        #expect(retry.status == 0)
        let child = try #require(try await cli.instance().getRuns(limit: 1).first)
        #expect(child.stepKeysToExecute == ["needs_marker", "last"] && child.status == .success)
        let successAgain = try await cli.run(["run", "reexecute", child.runID.rawValue, "--from-failure"])
        #expect(successAgain.status == 1 && successAgain.stderr.contains("not failed or canceled"))
    }

    @Test func instanceInfoAndMigrateDescribeTheStorage() async throws {
        let cli = try CodeLocationProcess()
        _ = try await cli.run(["job", "execute", "printer"])
        let info = try await cli.run(["instance", "info"])
        #expect(info.stdout.contains("$DAGSTER_HOME: \(cli.home.path)"))
        #expect(info.stdout.contains("history/dagster.db") && info.stdout.contains("Schema: up to date"))
        let migrate = try await cli.run(["instance", "migrate"])
        #expect(migrate.status == 0 && migrate.stdout.contains("Storage is up to date."))
    }

    @Test func dagsterYAMLErrorsNameTheFile() async throws {
        let cli = try CodeLocationProcess()
        let file = cli.home.appendingPathComponent("dagster.yaml")
        try "storage:\n  sqlite:\n    base_dir: /tmp\nrun_storage:\n  module: dagster.core.storage.runs\n  class: SqliteRunStorage\n"
            .write(to: file, atomically: false, encoding: .utf8)
        let info = try await cli.run(["instance", "info"])
        #expect(info.status == 1)
        #expect(
            info.stderr == "Error: \(file.path): Found config for `storage` which is incompatible with `run_storage`, "
                + "`event_log_storage`, and `schedule_storage` config entries.\n", "\(info.stderr)")
    }

    @Test func withoutDagsterHomeRunsGoToADotFolderAndTheCLISaysSo() async throws {
        let cli = try CodeLocationProcess()
        let output = try await cli.run(["job", "execute", "printer"], withoutHome: true, directory: cli.home)
        #expect(output.status == 0)
        #expect(output.stderr.contains("DAGSTER_HOME is not set: runs are recorded in"))
        #expect(FileManager.default.fileExists(atPath: cli.home.appendingPathComponent(".dagster_home/history/dagster.db").path))
    }
}
