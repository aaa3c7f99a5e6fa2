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
        let records = recordsByRun[runID] ?? []
        let after = cursor ?? 0
        let maximum = limit ?? Int.max
        var result: [EventLogRecord] = []
        for record in records where record.storageID > after && Self.matches(record.entry, types) {
            result.append(record)
            if result.count >= maximum { break }
        }
        return result
    }

    private static func matches(_ entry: EventLogEntry, _ types: Set<DagsterEventType>?) -> Bool {
        guard let types else { return true }
        guard let type = entry.dagsterEvent?.eventType else { return false }
        return types.contains(type)
    }

    public func deleteEvents(for runID: RunID) { recordsByRun[runID] = nil }

    public func wipe() { recordsByRun.removeAll() }
}
