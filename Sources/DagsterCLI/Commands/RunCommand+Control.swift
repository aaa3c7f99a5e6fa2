import ArgumentParser
import Dagster
import Foundation

extension RunCommand {
    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel a run: stop its worker (SIGTERM, then SIGKILL after the grace period).")

        @Argument(help: "The run's id.") var runID: String
        @Option(help: "Seconds to wait for the worker to stop before killing it.") var graceSeconds: Double = 10

        func run() async throws {
            let instance = try InstanceLocator.open()
            let run = try await RunLookup.record(runID, in: instance).run
            let canceler = RunCanceler(instance: instance, graceSeconds: graceSeconds)
            print(try await canceler.cancel(run))
        }
    }

    struct Reexecute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reexecute",
            abstract: "Execute a run again in this process: from failure, a step selection, or all steps.")

        @Argument(help: "The id of the run to re-execute.") var runID: String
        @Flag(help: "Run only the steps that failed or did not run, and what is downstream of them.")
        var fromFailure = false
        @Option(help: "Comma-separated step selection, e.g. 'clean+,*report'.") var stepSelection: String?
        @Flag(name: .customLong("no-color"), help: "Print log lines without colors.") var noColor = false

        func validate() throws {
            if fromFailure, stepSelection != nil {
                throw ValidationError("--from-failure and --step-selection cannot be used together")
            }
        }

        func run() async throws {
            let instance = try InstanceLocator.open()
            let parent = try await RunLookup.record(runID, in: instance).run
            let job = try DagsterCLI.loadDefinitions().job(named: parent.jobName)
            let steps: ReexecutionSteps =
                fromFailure ? .fromFailure : stepSelection.map { .selection(CommaList.split($0)) } ?? .all
            var request = try await JobExecution.reexecutionRequest(of: parent.runID, job: job, steps: steps, instance: instance)
            try await ExecuteCommandRunner.execute(job, request: &request, instance: instance, noColor: noColor)
        }
    }
}

/// Splits `a, b,c` into trimmed items.
enum CommaList {
    static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
