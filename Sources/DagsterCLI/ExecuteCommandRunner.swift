import Dagster
import Foundation

/// Executes a run in the CLI's process, printing its log lines as they happen, and turns a
/// failed run into a one-line error and exit status 1.
enum ExecuteCommandRunner {
    static func execute(_ job: Job, request: inout RunRequest, instance: DagsterInstance, noColor: Bool) async throws {
        let formatter = LogLineFormatter(colored: !noColor && isatty(STDOUT_FILENO) != 0)
        request.capturesOutputs = false
        request.listener = { entry in print(formatter.format(entry)) }
        let result = try await JobExecution.execute(job, request: request, instance: instance)
        guard result.success else { throw CLIError(result.failureSummary) }
    }
}
