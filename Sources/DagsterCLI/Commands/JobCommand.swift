import ArgumentParser
import Dagster
import Foundation

struct JobCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job", abstract: "Commands for working with jobs.",
        subcommands: [List.self, Print.self, Execute.self, Launch.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the jobs of the code location.")

        func run() async throws {
            for job in try DagsterCLI.loadDefinitions().jobs.sorted(by: { $0.name < $1.name }) {
                print(job.name)
            }
        }
    }

    struct Print: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "print", abstract: "Print a job's ops and their wiring.")

        @Argument(help: "The job's name.") var jobName: String

        func run() async throws {
            let job = try DagsterCLI.loadDefinitions().job(named: jobName)
            print(JobPrinter.describe(job))
        }
    }

    struct Execute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "execute",
            abstract: "Execute a job in this process, recording the run in the instance.",
            discussion: "Exit status 0 when the run succeeds; otherwise 1 with a one-line reason.")

        @Argument(help: "The job's name.") var jobName: String
        @OptionGroup var options: RunOptions
        @Flag(name: .customLong("no-color"), help: "Print log lines without colors.")
        var noColor = false

        func run() async throws {
            let job = try DagsterCLI.loadDefinitions().job(named: jobName)
            var request = try options.request()
            try await ExecuteCommandRunner.execute(job, request: &request, instance: try InstanceLocator.open(), noColor: noColor)
        }
    }

    struct Launch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "launch",
            abstract: "Launch a run of a job in a worker process of its own and return at once.",
            discussion: "Prints the run id; follow it with `run show RUN_ID` or `run logs RUN_ID --events`.")

        @Argument(help: "The job's name.") var jobName: String
        @OptionGroup var options: RunOptions
        @Option(help: "The id to give the new run.") var runID: String?

        func run() async throws {
            let job = try DagsterCLI.loadDefinitions().job(named: jobName)
            var request = try options.request()
            request.runID = runID.map { RunID($0) }
            let instance = try InstanceLocator.open()
            let run = try await JobExecution.createRun(job, request: request, instance: instance)
            switch instance.settings.runCoordinator {
            case .immediate:
                try await DefaultRunLauncher().launch(run, instance: instance)
                print("Launched run \(run.runID) of job \(job.name).")
            case .queued:
                // Without a message, as Dagster's QueuedRunCoordinator records it.
                try await instance.reportRunEvent(.runEnqueued, run: run, message: "")
                print(
                    "Queued run \(run.runID) of job \(job.name). It will start when a daemon dequeues it, but "
                        + "swift-dagster has no daemon yet; to start runs at once, remove the run queue (`run_queue`, "
                        + "`run_coordinator` or `concurrency.runs`) from dagster.yaml.")
            }
        }
    }
}

/// The run config, tags and op selection options of `job execute` and `job launch`.
struct RunOptions: ParsableArguments {
    @Option(name: [.customShort("c"), .customLong("config")], help: "A run config file (YAML or JSON); repeat to merge several, later files win.")
    var configFiles: [String] = []
    @Option(name: .customLong("config-json"), help: "Run config as a JSON string, merged over the files.")
    var configJSON: String?
    @Option(name: .customLong("tags"), help: "Run tags as a JSON object of strings.")
    var tagsJSON: String?
    @Option(name: [.customLong("op-selection"), .customLong("ops")], help: "Comma-separated op selection, e.g. '*total,clean+'.")
    var opSelection: String?

    func request() throws -> RunRequest {
        RunRequest(
            runConfig: try RunConfigInput.load(files: configFiles, json: configJSON),
            opSelection: opSelection.map(CommaList.split) ?? [], tags: try RunConfigInput.tags(tagsJSON))
    }
}
