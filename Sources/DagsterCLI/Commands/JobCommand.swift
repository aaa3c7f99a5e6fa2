import ArgumentParser
import Dagster
import Foundation

struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job", abstract: "Commands for working with jobs.",
        subcommands: [List.self, Print.self, Execute.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the jobs of the code location.")

        func run() async throws {
            for job in try DagsterCLI.loadDefinitions().jobs.sorted(by: { $0.name < $1.name }) {
                print(job.name)
            }
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a job's ops and their wiring.")

        @Argument(help: "The job's name.") var jobName: String

        func run() async throws {
            let job = try DagsterCLI.loadDefinitions().job(named: jobName)
            print(JobPrinter.describe(job))
        }
    }

    struct Execute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Execute a job in this process.",
            discussion: "Exit status 0 when the run succeeds; otherwise 1 with a one-line reason.")

        @Argument(help: "The job's name.") var jobName: String
        @Option(name: [.customShort("c"), .customLong("config")], help: "A run config file (YAML or JSON); repeat to merge several, later files win.")
        var configFiles: [String] = []
        @Option(name: .customLong("config-json"), help: "Run config as a JSON string, merged over the files.")
        var configJSON: String?
        @Option(name: .customLong("tags"), help: "Run tags as a JSON object of strings.")
        var tagsJSON: String?
        @Option(name: [.customLong("op-selection"), .customLong("ops")], help: "Comma-separated op selection, e.g. '*total,clean+'.")
        var opSelection: String?
        @Flag(name: .customLong("no-color"), help: "Print log lines without colors.")
        var noColor = false

        func run() async throws {
            let definitions = try DagsterCLI.loadDefinitions()
            let job = try definitions.job(named: jobName)
            let runConfig = try RunConfigInput.load(files: configFiles, json: configJSON)
            let tags = try RunConfigInput.tags(tagsJSON)
            let selection = opSelection.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
            let formatter = LogLineFormatter(colored: !noColor && isatty(STDOUT_FILENO) != 0)
            let request = RunRequest(
                runConfig: runConfig, opSelection: selection, tags: tags, capturesOutputs: false,
                listener: { entry in print(formatter.format(entry)) })
            let result: ExecuteInProcessResult
            do {
                result = try await JobExecution.execute(job, request: request, instance: .ephemeral())
            } catch let error as DagsterError {
                throw CLIError(error.message)
            }
            guard result.success else {
                let failure = result.stepFailures.first
                throw CLIError(
                    "Run \(result.runID) of job '\(job.name)' failed"
                        + (failure?.stepKey.map { " in step '\($0)'" } ?? "")
                        + (failure?.stepFailureData?.error.map { ": \($0.chain.last?.message ?? $0.message)" } ?? "."))
            }
        }
    }
}
