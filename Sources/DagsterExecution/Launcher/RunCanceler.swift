import DagsterCore
import Foundation

/// Cancels runs: a run that has not started is marked canceled; a running one is moved to
/// CANCELING and its worker process is asked to stop (SIGTERM), then killed (SIGKILL) when it
/// has not stopped within the grace period.
public struct RunCanceler: Sendable {
    /// The instance the runs belong to.
    public let instance: DagsterInstance
    /// Seconds the worker gets to stop after SIGTERM.
    public let graceSeconds: Double

    /// Creates a canceler.
    public init(instance: DagsterInstance, graceSeconds: Double = 10) {
        self.instance = instance
        self.graceSeconds = graceSeconds
    }

    private static let outsideMessage = "This run has been marked as canceled from outside the execution context."

    /// Cancels `run` and returns what happened, in one line.
    /// - Throws: `DagsterError(.invariantViolation)` when the run already finished.
    public func cancel(_ run: DagsterRun) async throws -> String {
        switch run.status {
        case .success, .failure, .canceled:
            throw DagsterError(
                .invariantViolation, "Run \(run.runID) already finished (\(run.status.rawValue)); nothing to cancel.")
        case .queued, .notStarted:
            try await instance.reportRunEvent(.runCanceling, run: run, message: "Canceling run from the queue.")
            try await instance.reportRunEvent(.runCanceled, run: run, message: Self.outsideMessage, level: .error)
            return "Canceled run \(run.runID) before it started."
        case .canceling, .starting, .started, .managed:
            if run.status != .canceling {
                try await instance.reportRunEvent(.runCanceling, run: run, message: "Sending run termination request.")
            }
            guard let pid = run.tags[runWorkerPIDTag].flatMap({ pid_t($0) }), ProcessLiveness.isAlive(pid) else {
                try await instance.reportRunEvent(.runCanceled, run: run, message: Self.outsideMessage, level: .error)
                return "Run \(run.runID) had no live worker; marked it canceled."
            }
            kill(pid, SIGTERM)
            if try await waitUntilFinished(run.runID) {
                return "Canceled run \(run.runID); its worker stopped."
            }
            kill(pid, SIGKILL)
            try await instance.reportRunEvent(
                .engineEvent, run: run,
                message: "The run worker (pid: \(pid)) did not stop within \(graceSeconds)s of SIGTERM and was killed.",
                level: .error)
            try await instance.reportRunEvent(.runCanceled, run: run, message: Self.outsideMessage, level: .error)
            return "Canceled run \(run.runID); its worker was killed after \(graceSeconds)s."
        }
    }

    /// Polls the run's status until it is finished or the grace period ends.
    private func waitUntilFinished(_ runID: RunID) async throws -> Bool {
        let deadline = Date().addingTimeInterval(graceSeconds)
        while Date() < deadline {
            if let status = try await instance.getRun(runID)?.status, status.isFinished { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
