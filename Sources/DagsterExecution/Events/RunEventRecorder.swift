import DagsterConfig
import DagsterCore
import Foundation
import DagsterStorage
import Synchronization

/// Collects the entries of one run: hands each to a live listener and buffers them for the
/// instance until the next flush (a step boundary). The instance is the record of the run.
public final class RunEventRecorder: Sendable {
    private struct State {
        /// Every entry, in order (also those adopted from other processes).
        var recorded: [EventLogEntry] = []
        /// Positions in `recorded` of the entries waiting for the next flush.
        var unflushed: [Int] = []
        /// The highest storage id of the entries this recorder stored.
        var lastStoredID: Int64 = -1
        /// Storage ids of the entries this recorder stored, once something else writes too.
        var storedIDs: Set<Int64>? = nil
    }

    /// The run.
    public let runID: RunID
    /// The job.
    public let jobName: String
    private let state = Mutex(State())
    private let flushTurn = AsyncLock()
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
            state.unflushed.append(state.recorded.count)
            state.recorded.append(entry)
        }
    }

    /// Takes in entries of the run that another process (a step worker) stored: the listener
    /// sees them and they join `recordedEntries`, without being stored again. Records this
    /// recorder stored itself are left out.
    /// - Returns: the records taken in (those of other processes).
    @discardableResult
    public func adopt(_ records: [EventLogRecord]) -> [EventLogRecord] {
        let foreign = state.withLock { state in
            records.filter { !(state.storedIDs?.contains($0.storageID) ?? false) }
        }
        guard !foreign.isEmpty else { return [] }
        if let listener { for record in foreign { listener(record.entry) } }
        state.withLock { $0.recorded.append(contentsOf: foreign.map(\.entry)) }
        return foreign
    }

    /// Starts remembering the storage ids this recorder writes, so `adopt` can tell its own
    /// records from those of other processes writing the same run; returns the highest id
    /// stored so far (records after it are new to this recorder).
    public func trackStoredIDs() -> Int64 {
        state.withLock { state in
            if state.storedIDs == nil { state.storedIDs = [] }
            return state.lastStoredID
        }
    }

    /// Every entry recorded so far, in order: the run's log as this process wrote it, without
    /// reading it back from storage.
    public var recordedEntries: [EventLogEntry] { state.withLock { $0.recorded } }

    /// How many entries wait for the next flush.
    public var unflushedCount: Int { state.withLock { $0.unflushed.count } }

    /// Takes the entries recorded since the last flush, with their positions.
    private func takePending() -> (positions: [Int], entries: [EventLogEntry]) {
        state.withLock { state in
            defer { state.unflushed.removeAll(keepingCapacity: true) }
            return (state.unflushed, state.unflushed.map { state.recorded[$0] })
        }
    }

    /// Stores the entries recorded since the last flush in `instance`, in one batch. Flushes
    /// take turns, so batches are stored in the order they were recorded.
    /// - Throws: the storage's error.
    public func flush(to instance: DagsterInstance) async throws {
        await flushTurn.lock()
        defer { flushTurn.unlock() }
        let (positions, batch) = takePending()
        guard !batch.isEmpty else { return }
        do {
            let ids = try await instance.handleNewEvents(batch)
            state.withLock { state in
                state.lastStoredID = max(state.lastStoredID, ids.max() ?? -1)
                state.storedIDs?.formUnion(ids)
            }
        } catch {
            state.withLock { $0.unflushed.insert(contentsOf: positions, at: 0) }
            throw error
        }
    }
}

extension RunEventRecorder {
    /// Runs `body` while entries are also stored every `interval` when some wait, so that work
    /// in progress (a long step's `STEP_START`) shows in the instance without a transaction per
    /// event. Step boundaries still flush on their own.
    func flushingPeriodically<T: Sendable>(
        to instance: DagsterInstance, every interval: Duration, _ body: () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while true {
                    try await Task.sleep(for: interval)
                    if self.unflushedCount > 0 { try await self.flush(to: instance) }
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}
