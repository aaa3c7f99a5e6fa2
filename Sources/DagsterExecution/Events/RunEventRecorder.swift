import DagsterConfig
import DagsterCore
import Foundation
import Synchronization

/// Collects the entries of one run: keeps them all for the result, hands each to live
/// listeners, and buffers them for the instance until the next flush (a step boundary).
public final class RunEventRecorder: Sendable {
    private struct State {
        var all: [EventLogEntry] = []
        var unflushed: [EventLogEntry] = []
    }

    /// The run.
    public let runID: RunID
    /// The job.
    public let jobName: String
    private let state = Mutex(State())
    private let listener: (@Sendable (EventLogEntry) -> Void)?
    private let keepsEntries: Bool

    /// Creates a recorder; `listener` sees each entry as it is recorded.
    public init(runID: RunID, jobName: String, keepsEntries: Bool = true, listener: (@Sendable (EventLogEntry) -> Void)? = nil) {
        self.runID = runID
        self.jobName = jobName
        self.keepsEntries = keepsEntries
        self.listener = listener
    }

    /// Records a structured event.
    public func record(_ event: DagsterEvent, level: LogLevel = .debug) {
        append(
            EventLogEntry(
                runID: runID, level: level, userMessage: event.message, stepKey: event.stepKey, jobName: jobName,
                dagsterEvent: event))
    }

    /// Records a plain log line.
    public func log(_ level: LogLevel, _ message: String, stepKey: StepKey?) {
        append(EventLogEntry(runID: runID, level: level, userMessage: message, stepKey: stepKey, jobName: jobName))
    }

    private func append(_ entry: EventLogEntry) {
        state.withLock { state in
            if keepsEntries { state.all.append(entry) }
            state.unflushed.append(entry)
        }
        listener?(entry)
    }

    /// Every entry so far.
    public var entries: [EventLogEntry] { state.withLock { $0.all } }

    /// Takes the entries recorded since the last call.
    public func takeUnflushed() -> [EventLogEntry] {
        state.withLock { state in
            defer { state.unflushed.removeAll(keepingCapacity: true) }
            return state.unflushed
        }
    }
}
