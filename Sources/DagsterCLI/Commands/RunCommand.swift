import ArgumentParser
import Dagster
import Foundation

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Commands for working with the runs of the instance.",
        subcommands: [List.self, Show.self, Logs.self, Delete.self, Wipe.self, Cancel.self, Reexecute.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the runs of the instance, newest first.")

        @Option(help: "The most runs to list.") var limit: Int?
        @Option(help: "Only runs of this job.") var job: String?
        @Option(help: "Only runs in this status (e.g. SUCCESS, FAILURE).") var status: String?

        func run() async throws {
            let instance = try InstanceLocator.open()
            var filters = RunsFilter(jobName: job)
            if let status {
                guard let parsed = DagsterRunStatus(rawValue: status.uppercased()) else {
                    throw CLIError(
                        "--status \(status) is not a run status; use one of "
                            + DagsterRunStatus.allCases.map(\.rawValue).joined(separator: ", "))
                }
                filters.statuses = [parsed]
            }
            for run in try await instance.getRuns(filters: filters, limit: limit) {
                print("Run: \(run.runID)\n     Job: \(run.jobName)\n     Status: \(run.status.rawValue)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a run: status, times, tags, config and steps.")

        @Argument(help: "The run's id.") var runID: String

        func run() async throws {
            let instance = try InstanceLocator.open()
            let record = try await RunLookup.record(runID, in: instance)
            let logs = try await instance.allLogs(record.run.runID)
            print(RunPrinter.describe(record, logs: logs))
        }
    }

    struct Logs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logs",
            abstract: "Print the captured stdout and stderr of a run, or of one of its steps.")

        @Argument(help: "The run's id.") var runID: String
        @Argument(help: "A step key; all captures of the run when omitted.") var stepKey: String?
        @Flag(help: "Print the event log instead of the captured output.") var events = false

        func run() async throws {
            let instance = try InstanceLocator.open()
            let record = try await RunLookup.record(runID, in: instance)
            if events {
                let formatter = LogLineFormatter(colored: false)
                for entry in try await instance.allLogs(record.run.runID) { print(formatter.format(entry)) }
                return
            }
            let captures = try await ComputeLogFiles.captures(of: record.run.runID, step: stepKey, instance: instance)
            guard !captures.isEmpty else {
                throw CLIError(
                    "no captured output for run \(runID)" + (stepKey.map { " and step \($0)" } ?? "")
                        + "; `run logs \(runID) --events` prints its event log")
            }
            for capture in captures {
                print("== \(capture.title) ==")
                print(capture.text, terminator: capture.text.hasSuffix("\n") || capture.text.isEmpty ? "" : "\n")
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a run by id and its event log. Warning: cannot be undone.")

        @Argument(help: "The run's id.") var runID: String
        @Flag(name: [.customShort("f"), .customLong("force")], help: "Do not ask for confirmation.") var force = false

        func run() async throws {
            let instance = try InstanceLocator.open()
            _ = try await RunLookup.record(runID, in: instance)
            if !force {
                guard Confirmation.ask("Are you sure you want to delete run \(runID) and its event logs?")
                else { throw CLIError("Exiting without deleting run.") }
            }
            try await instance.deleteRun(RunID(runID))
            print("Deleted run \(runID) and its event log entries.")
        }
    }

    struct Wipe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wipe",
            abstract: "Delete all run history and event logs. Warning: cannot be undone.")

        @Flag(name: [.customShort("f"), .customLong("force")], help: "Do not ask for confirmation.") var force = false

        func run() async throws {
            let instance = try InstanceLocator.open()
            if !force {
                guard Confirmation.ask("Are you sure you want to delete all run history and event logs?")
                else { throw CLIError("Exiting without deleting all run history and event logs.") }
            }
            try await instance.wipe()
            print("Deleted all run history and event logs.")
        }
    }
}

/// Finds runs named on the command line.
enum RunLookup {
    /// The record of `runID`.
    /// - Throws: `CLIError` when the instance has no such run.
    static func record(_ runID: String, in instance: DagsterInstance) async throws -> RunRecord {
        guard let record = try await instance.getRunRecord(RunID(runID)) else {
            throw CLIError("No run found with id \(runID).")
        }
        return record
    }
}

/// Asks on the terminal for a typed confirmation.
enum Confirmation {
    /// Prints `question` with how to confirm (`… Type DELETE to confirm: `) and returns whether
    /// the answer is `DELETE`.
    static func ask(_ question: String) -> Bool {
        print(question + " Type DELETE to confirm: ", terminator: "")
        fflush(nil)
        return readLine()?.trimmingCharacters(in: .whitespaces) == "DELETE"
    }
}
