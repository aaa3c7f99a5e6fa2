import DagsterCore
import Foundation

/// Run storage in memory, for ephemeral instances and tests.
public actor InMemoryRunStorage: RunStorage {
    private var records: [RunID: RunRecord] = [:]
    private var nextID: Int64 = 1

    /// An empty storage.
    public init() {}

    public func addRun(_ run: DagsterRun) throws {
        guard records[run.runID] == nil else {
            throw DagsterError(.invariantViolation, "a run with id \(run.runID) already exists")
        }
        let now = Date()
        records[run.runID] = RunRecord(storageID: nextID, run: run, createTimestamp: now, updateTimestamp: now)
        nextID += 1
    }

    public func handleRunEvent(_ runID: RunID, event: DagsterEvent, timestamp: Double) throws {
        guard let status = event.eventType.runStatus, var record = records[runID] else { return }
        let time = Date(timeIntervalSince1970: timestamp)
        record.run.status = status
        record.updateTimestamp = time
        if status == .started { record.startTime = time }
        if status.isFinished { record.endTime = time }
        records[runID] = record
    }

    public func getRun(_ runID: RunID) -> DagsterRun? { records[runID]?.run }

    public func getRunRecords(filters: RunsFilter, limit: Int?) -> [RunRecord] {
        let matching = records.values.filter(filters.matches).sorted { $0.storageID > $1.storageID }
        return limit.map { Array(matching.prefix($0)) } ?? matching
    }

    public func getRunsCount(filters: RunsFilter) -> Int { records.values.filter(filters.matches).count }

    public func addRunTags(_ runID: RunID, tags: [String: String]) throws {
        guard records[runID] != nil else { throw DagsterError(.notFound, "no run with id \(runID)") }
        records[runID]?.run.tags.merge(tags) { _, new in new }
    }

    public func deleteRun(_ runID: RunID) { records[runID] = nil }

    public func wipe() { records.removeAll() }
}
