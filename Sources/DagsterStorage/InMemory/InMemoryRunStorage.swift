import DagsterCore
import Foundation

/// Run storage in memory, for ephemeral instances and tests.
public actor InMemoryRunStorage: RunStorage {
    private var records: [RunID: RunRecord] = [:]
    private var snapshots: [String: JobSnapshot] = [:]
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

    public func handleRunEvent(_ runID: RunID, event: DagsterEvent, timestamp: Double) {
        guard let status = event.eventType.runStatus, var record = records[runID] else { return }
        record.applyStatus(status, at: Date(timeIntervalSince1970: timestamp))
        records[runID] = record
    }

    public func getRunRecords(filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool) -> [RunRecord] {
        var matching = records.values.filter(filters.matches)
        matching.sort { ascending ? $0.storageID < $1.storageID : $0.storageID > $1.storageID }
        if let cursor, let cursorID = records[cursor]?.storageID {
            matching.removeAll { ascending ? $0.storageID <= cursorID : $0.storageID >= cursorID }
        }
        return limit.map { Array(matching.prefix($0)) } ?? matching
    }

    public func getRunsCount(filters: RunsFilter) -> Int { records.values.filter(filters.matches).count }

    public func addRunTags(_ runID: RunID, tags: [String: String]) throws {
        guard var record = records[runID] else { throw DagsterError(.notFound, "no run with id \(runID)") }
        record.run.tags.merge(tags) { _, new in new }
        record.updateTimestamp = Date()
        records[runID] = record
    }

    public func deleteRun(_ runID: RunID) { records[runID] = nil }

    public func addJobSnapshot(_ snapshot: EncodedJobSnapshot) {
        if snapshots[snapshot.id] == nil { snapshots[snapshot.id] = snapshot.snapshot }
    }

    public func getJobSnapshot(_ snapshotID: String) -> JobSnapshot? { snapshots[snapshotID] }

    public func wipe() { records.removeAll() }
}
