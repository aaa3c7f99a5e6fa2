import DagsterConfig
import DagsterCore
import Foundation
import Synchronization

/// Collects the entries of one run: hands each to a live listener and buffers them for the
/// instance until the next flush (a step boundary). The instance is the record of the run.
public final class RunEventRecorder: Sendable {
    private struct State {
        var unflushed: [EventLogEntry] = []
        var recorded: [EventLogEntry] = []
    }

    /// The run.
    public let runID: RunID
    /// The job.
    public let jobName: String
    private let state = Mutex(State())
    private let listener: (@Sendable (EventLogEntry) -> Void)?

    /// Creates a recorder; `listener` sees each entry as it is recorded.
    public init(runID: RunID, jobName: String, listener: (@Sendable (EventLogEntry) -> Void)? = nil) {
        self.runID = runID
        self.jobName = jobName
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
        listener?(entry)
        state.withLock { state in
            state.unflushed.append(entry)
            state.recorded.append(entry)
        }
    }

    /// Every entry recorded so far, in order: the run's log as this process wrote it, without
    /// reading it back from storage.
    public var recordedEntries: [EventLogEntry] { state.withLock { $0.recorded } }

    /// How many entries wait for the next flush.
    public var unflushedCount: Int { state.withLock { $0.unflushed.count } }

    /// Takes the entries recorded since the last call.
    public func takeUnflushed() -> [EventLogEntry] {
        state.withLock { state in
            defer { state.unflushed.removeAll(keepingCapacity: true) }
            return state.unflushed
        }
    }

    /// Stores the entries recorded since the last flush in `instance`, in one batch.
    /// - Throws: the storage's error.
    public func flush(to instance: DagsterInstance) async throws {
        let batch = takeUnflushed()
        guard !batch.isEmpty else { return }
        do {
            try await instance.handleNewEvents(batch)
        } catch {
            state.withLock { $0.unflushed.insert(contentsOf: batch, at: 0) }
            throw error
        }
    }
}
