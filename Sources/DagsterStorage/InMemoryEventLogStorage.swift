import DagsterCore

/// Event log storage in memory, for ephemeral instances and tests.
public actor InMemoryEventLogStorage: EventLogStorage {
    /// One run's log: entries and their storage ids, index for index.
    private struct RunLog {
        var entries: [EventLogEntry] = []
        var storageIDs: [Int64] = []
    }

    private var logs: [RunID: RunLog] = [:]
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
        var log = logs.removeValue(forKey: runID) ?? RunLog()
        log.entries.append(contentsOf: entries)
        for _ in entries {
            log.storageIDs.append(nextID)
            nextID += 1
        }
        logs[runID] = log
    }

    public func getRecordsForRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        -> [EventLogRecord]
    {
        guard let log = logs[runID] else { return [] }
        let after = cursor ?? 0
        let maximum = limit ?? Int.max
        var result: [EventLogRecord] = []
        for index in log.entries.indices where log.storageIDs[index] > after && Self.matches(log.entries[index], types) {
            result.append(EventLogRecord(storageID: log.storageIDs[index], entry: log.entries[index]))
            if result.count >= maximum { break }
        }
        return result
    }

    public func getLogsForRun(_ runID: RunID) -> [EventLogEntry] { logs[runID]?.entries ?? [] }

    private static func matches(_ entry: EventLogEntry, _ types: Set<DagsterEventType>?) -> Bool {
        guard let types else { return true }
        guard let type = entry.dagsterEvent?.eventType else { return false }
        return types.contains(type)
    }

    public func deleteEvents(for runID: RunID) { logs[runID] = nil }

    public func wipe() { logs.removeAll() }
}
