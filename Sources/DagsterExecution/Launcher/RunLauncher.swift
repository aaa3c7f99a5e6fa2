import DagsterCore
import Foundation

/// Starts recorded runs somewhere else than the calling process and stops them on request.
public protocol RunLauncher: Sendable {
    /// Starts the run (status NOT_STARTED) and returns without waiting for it.
    func launch(_ run: DagsterRun, instance: DagsterInstance) async throws
}

/// The tag under which a run's worker process id is kept, for `run cancel`.
public let runWorkerPIDTag = ".dagster/run_worker_pid"

/// Launches each run as a new process of the code-location binary, `BINARY api execute-run
/// RUN_ID`, with `DAGSTER_HOME` pointing at the instance. The worker records everything through
/// the instance; the launcher returns as soon as the process started.
public struct DefaultRunLauncher: RunLauncher {
    /// The code-location binary.
    public let executable: URL

    /// A launcher starting `executable` (this process's own binary by default).
    public init(executable: URL = CodeLocationBinary.current) { self.executable = executable }

    public func launch(_ run: DagsterRun, instance: DagsterInstance) async throws {
        guard let home = instance.rootDirectory, !instance.isEphemeral else {
            throw DagsterError(
                .invariantViolation,
                "run \(run.runID) cannot be launched in a process of its own from an ephemeral instance; "
                    + "set DAGSTER_HOME to a folder for a persistent instance")
        }
        try await instance.reportRunEvent(.runStarting, run: run, message: "")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["api", "execute-run", run.runID.rawValue]
        var environment = ProcessInfo.processInfo.environment
        environment["DAGSTER_HOME"] = home.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Self.workerOutput(for: run, instance: instance)
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            let message = "Could not start the run worker \(executable.path): \(error)"
            try await instance.reportRunEvent(
                .engineEvent, run: run, message: message, level: .error,
                payload: .engine(EngineEventData(error: SerializableError(error))))
            try await instance.reportRunEvent(
                .runFailure, run: run, message: "This run has been marked as failed from outside the execution context.",
                level: .error)
            throw DagsterError(.invariantViolation, message, cause: error)
        }
        try await instance.addRunTags(run.runID, tags: [runWorkerPIDTag: String(process.processIdentifier)])
    }

    /// Where the worker's own stdout and stderr go: `RUN_ID/run_worker.log` beside the run's
    /// compute logs, so a detached worker never writes into the terminal (or pipe) of the
    /// command that launched it, and a crash message is kept. Steps' output is captured
    /// separately.
    static func workerOutput(for run: DagsterRun, instance: DagsterInstance) -> FileHandle {
        guard let base = instance.computeLogsDirectory ?? instance.storageDirectory else { return FileHandle.nullDevice }
        let directory = base.appendingPathComponent(run.runID.rawValue)
        let file = directory.appendingPathComponent("run_worker.log")
        guard (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil
        else { return FileHandle.nullDevice }
        let descriptor = POSIXFile.openForWriting(file.path)
        return descriptor >= 0 ? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true) : FileHandle.nullDevice
    }
}

/// The binary of the running code location, which re-executes itself as run and step workers.
public enum CodeLocationBinary {
    /// This process's executable.
    public static var current: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
