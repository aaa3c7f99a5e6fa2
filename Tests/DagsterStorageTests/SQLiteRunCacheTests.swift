import DagsterCore
@testable import DagsterSQLite
import DagsterStorage
import Foundation
import GRDB
import Testing

/// The decoded runs a SQLite run storage keeps: every change to a run, by this or another
/// process, must show in the next read.
@Suite("SQLite run cache")
struct SQLiteRunCacheTests {
    /// Two storages over one file, each with its own cache, as two processes would have.
    private func twoProcesses() throws -> (reader: SQLiteRunStorage, writer: SQLiteRunStorage) {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        return (SQLiteRunStorage(database: try .open(path: path)), SQLiteRunStorage(database: try .open(path: path)))
    }

    @Test func aStatusChangeByAnotherProcessShowsInTheNextRead() async throws {
        let (reader, writer) = try twoProcesses()
        try await writer.addRun(DagsterRun(runID: "r1", jobName: "job"))
        #expect(try await reader.getRuns().map(\.status) == [.notStarted])
        try await writer.handleRunEvent("r1", event: DagsterEvent(.runStart, jobName: "job", message: ""), timestamp: 1000)
        #expect(try await reader.getRuns().map(\.status) == [.started])
        let record = try #require(try await reader.getRunRecord("r1"))
        #expect(record.startTime == Date(timeIntervalSince1970: 1000))
        try await writer.handleRunEvent("r1", event: DagsterEvent(.runSuccess, jobName: "job", message: ""), timestamp: 1001)
        #expect(try await reader.getRunRecords(filters: RunsFilter(statuses: [.success])).map(\.run.runID) == ["r1"])
        #expect(try await reader.getRun("r1")?.status == .success)
    }

    @Test func tagsAddedByAnotherProcessShowInTheNextRead() async throws {
        let (reader, writer) = try twoProcesses()
        try await writer.addRun(DagsterRun(runID: "r1", jobName: "job", tags: ["team": "a"]))
        #expect(try await reader.getRun("r1")?.tags == ["team": "a"])
        try await writer.addRunTags("r1", tags: ["team": "b", "owner": "ops"])
        #expect(try await reader.getRun("r1")?.tags == ["team": "b", "owner": "ops"])
        #expect(try await reader.getRuns(filters: RunsFilter(tags: ["owner": "ops"])).map(\.runID) == ["r1"])
    }

    @Test func aPageWithNewOrDeletedRunsIsReadAfresh() async throws {
        let (reader, writer) = try twoProcesses()
        for index in 1...3 { try await writer.addRun(DagsterRun(runID: RunID("r\(index)"), jobName: "job")) }
        #expect(try await reader.getRuns(limit: 2).map(\.runID) == ["r3", "r2"])
        try await writer.addRun(DagsterRun(runID: "r4", jobName: "job"))
        try await writer.deleteRun("r2")
        #expect(try await reader.getRuns(limit: 2).map(\.runID) == ["r4", "r3"])
        #expect(try await reader.getRuns().map(\.runID) == ["r4", "r3", "r1"])
        try await writer.wipe()
        #expect(try await reader.getRuns().isEmpty)
    }

    @Test func aPageReadAgainAsRecordsOrAsRunsIsTheSame() async throws {
        let (reader, writer) = try twoProcesses()
        for index in 1...3 { try await writer.addRun(DagsterRun(runID: RunID("r\(index)"), jobName: "job")) }
        let filters = RunsFilter(jobName: "job")
        let records = try await reader.getRunRecords(filters: filters, limit: 2)
        #expect(try await reader.getRunRecords(filters: filters, limit: 2) == records)
        #expect(try await reader.getRuns(filters: filters, limit: 2) == records.map(\.run))
        #expect(try await reader.getRuns(filters: filters, limit: 2).map(\.runID) == ["r3", "r2"])
    }

    @Test func theCacheKeepsAtMostItsCapacity() {
        let cache = RunRecordCache(capacity: 3)
        func record(_ id: Int64) -> (record: RunRecord, revision: Int64) {
            let run = DagsterRun(runID: RunID("r\(id)"), jobName: "job")
            return (RunRecord(storageID: id, run: run, createTimestamp: Date(), updateTimestamp: Date()), 0)
        }
        cache.store([record(1), record(2), record(3)])
        #expect(cache.count == 3)
        cache.store([record(4)])
        #expect(cache.count <= 3)
        #expect(cache.records(of: [.init(storageID: 4, revision: 0)]) { $0.run.runID } == ["r4"])
        #expect(cache.records(of: [.init(storageID: 4, revision: 1)]) { $0.run.runID } == nil)
    }

    @Test func aDatabaseFromBeforeRevisionsIsMigratedAndKeepsItsRuns() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        let queue = try DatabaseQueue(path: path)
        try SQLiteMigrations.migrator.migrate(queue, upTo: "2026-11-22_runs_without_update_time_index")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (run_id, job_name, status, run_config, tags, create_timestamp, update_timestamp)
                    VALUES ('old', 'job', 'SUCCESS', '{}', '{"team":"a"}', 1, 1)
                    """)
        }
        try queue.close()
        let error = try #require(throws: DagsterError.self) { try SQLiteDatabase.open(path: path) }
        #expect(error.message.contains("2026-11-23_run_revisions"))
        let applied = try SQLiteDatabase.openForMigration(path: path).migrate()
        let all = SQLiteMigrations.migrator.migrations
        #expect(applied == Array(all[(all.firstIndex(of: "2026-11-22_runs_without_update_time_index") ?? 0) + 1 ..< all.count]))
        #expect(applied.first == "2026-11-23_run_revisions")
        let storage = SQLiteRunStorage(database: try .open(path: path))
        #expect(try await storage.getRuns(filters: RunsFilter(statuses: [.success])).map(\.tags) == [["team": "a"]])
        try await storage.handleRunEvent("old", event: DagsterEvent(.runFailure, jobName: "job", message: ""), timestamp: 2)
        #expect(try await storage.getRun("old")?.status == .failure)
    }
}
