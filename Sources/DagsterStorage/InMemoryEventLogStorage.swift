import DagsterCore

/// Event log storage in memory, for ephemeral instances and tests.
public actor InMemoryEventLogStorage: EventLogStorage {
    private var recordsByRun: [RunID: [EventLogRecord]] = [:]
    private var nextID: Int64 = 1

    /// An empty storage.
    public init() {}

    public func storeEvents(_ entries: [EventLogEntry]) {
        for entry in entries {
            recordsByRun[entry.runID, default: []].append(EventLogRecord(storageID: nextID, entry: entry))
            nextID += 1
        }
    }

    public func getRecordsForRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        -> [EventLogRecord]
    {
        var result: [EventLogRecord] = []
        for record in recordsByRun[runID] ?? [] {
            if let cursor, record.storageID <= cursor { continue }
            if let types, !(record.entry.eventType.map(types.contains) ?? false) { continue }
            result.append(record)
            if let limit, result.count >= limit { break }
        }
        return result
    }

    public func deleteEvents(for runID: RunID) { recordsByRun[runID] = nil }

    public func wipe() { recordsByRun.removeAll() }
}
