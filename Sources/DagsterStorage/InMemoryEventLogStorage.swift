import DagsterCore

/// Event log storage in memory, for ephemeral instances and tests.
public actor InMemoryEventLogStorage: EventLogStorage {
    private var recordsByRun: [RunID: [EventLogRecord]] = [:]
    private var nextID: Int64 = 1

    /// An empty storage.
    public init() {}

    public func storeEvents(_ entries: [EventLogEntry]) {
        guard let runID = entries.first?.runID, entries.allSatisfy({ $0.runID == runID }) else {
            for entry in entries { append([entry], to: entry.runID) }
            return
        }
        append(entries, to: runID)
    }

    private func append(_ entries: [EventLogEntry], to runID: RunID) {
        var records = recordsByRun.removeValue(forKey: runID) ?? []
        for entry in entries {
            records.append(EventLogRecord(storageID: nextID, entry: entry))
            nextID += 1
        }
        recordsByRun[runID] = records
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
