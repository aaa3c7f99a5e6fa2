import ArgumentParser
import Dagster
import Foundation

/// Internal commands the binary runs in its own child processes.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api", abstract: "Internal commands: the run worker and the step worker.", shouldDisplay: false,
        subcommands: [ExecuteRun.self, ExecuteStep.self])

    struct ExecuteRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "execute-run", abstract: "Execute a recorded run in this process (the run worker).")

        @Argument(help: "The run's id.") var runID: String

        func run() async throws {
            let instance = try InstanceLocator.open()
            guard let run = try await instance.getRun(RunID(runID)) else {
                throw CLIError("Run with id '\(runID)' not found for run execution.")
            }
            if run.status == .canceled || run.status == .canceling {
                try await instance.reportRunEvent(
                    .runCanceled, run: run,
                    message: "Not starting execution since the run was canceled before execution could start", level: .error)
                return
            }
            let pid = ProcessInfo.processInfo.processIdentifier
            let pidData = EventPayload.engine(EngineEventData(metadata: ["pid": .int(Int(pid))]))
            try await instance.reportRunEvent(.engineEvent, run: run, message: "Started process for run (pid: \(pid)).", payload: pidData)
            let job: Job
            do {
                job = try DagsterCLI.loadDefinitions().job(named: run.jobName)
            } catch {
                try await instance.reportRunEvent(
                    .runFailure, run: run, message: "Could not load job definition. \(error)", level: .error)
                throw CLIError("Could not load job \(run.jobName): \(error)")
            }
            let result = try await TerminationSignal.cancellingOnSIGTERM {
                try await JobExecution.executeRun(run, job: job, instance: instance, request: RunRequest(capturesOutputs: false))
            }
            try await instance.reportRunEvent(.engineEvent, run: run, message: "Process for run exited (pid: \(pid)).", payload: pidData)
            if !result.success { throw ExitCode.failure }
        }
    }

    struct ExecuteStep: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "execute-step",
            abstract: "Execute one step of a started run in this process (a step worker of the multiprocess executor).",
            discussion: "Reads the step's handoff (step key, attempt, upstream outputs) as JSON on stdin.")

        @Argument(help: "The run's id.") var runID: String

        func run() async throws { try await Self.execute(runID: runID) }

        /// Runs the step handed over on stdin.
        static func execute(runID: String) async throws {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let handoff: StepHandoff
            do {
                handoff = try JSONDecoder().decode(StepHandoff.self, from: input)
            } catch {
                throw CLIError("execute-step expects the step's handoff as JSON on stdin: \(error)")
            }
            let instance = try InstanceLocator.open()
            guard let run = try await instance.getRun(RunID(runID)) else {
                throw CLIError("Run with id '\(runID)' not found for step execution.")
            }
            do {
                let job = try DagsterCLI.loadDefinitions().job(named: run.jobName)
                try await TerminationSignal.cancellingOnSIGTERM(cancelWhenOrphaned: true) {
                    try await JobExecution.executeStep(handoff, of: run, job: job, instance: instance)
                }
            } catch {
                try await JobExecution.reportStepWorkerFailure(error, handoff: handoff, run: run, instance: instance)
                throw CLIError("Step \(handoff.stepKey) of run \(runID) could not be executed: \(error)")
            }
        }
    }
}
