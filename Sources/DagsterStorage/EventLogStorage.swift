import DagsterCore

/// A stored event log entry with its storage id (a cursor: later entries have larger ids).
public struct EventLogRecord: Sendable, Hashable {
    /// The storage id.
    public var storageID: Int64
    /// The entry.
    public var entry: EventLogEntry

    /// Creates a record.
    public init(storageID: Int64, entry: EventLogEntry) {
        self.storageID = storageID
        self.entry = entry
    }
}

/// Stores every event of every run, append-only, in order.
public protocol EventLogStorage: Sendable {
    /// Appends entries in one batch (one transaction in persistent drivers).
    func storeEvents(_ entries: [EventLogEntry]) async throws
    /// The records of a run after `cursor` (a storage id), in order.
    func getRecordsForRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        async throws -> [EventLogRecord]
    /// All entries of a run, in order.
    func getLogsForRun(_ runID: RunID) async throws -> [EventLogEntry]
    /// Deletes a run's events.
    func deleteEvents(for runID: RunID) async throws
    /// Deletes every event.
    func wipe() async throws
}

extension EventLogStorage {
    /// All entries of a run, in order, read through `getRecordsForRun`.
    public func getLogsForRun(_ runID: RunID) async throws -> [EventLogEntry] {
        try await getRecordsForRun(runID, after: nil, ofTypes: nil, limit: nil).map(\.entry)
    }
}
