import DagsterCore
import DagsterStorage
import Foundation
import GRDB

/// Run storage in a swift-dagster SQLite database: the `runs`, `run_tags` and `snapshots` tables.
public struct SQLiteRunStorage: RunStorage {
    /// The database.
    public let database: SQLiteDatabase
    private let decodedRuns = RunRecordCache()
    private let pagesHandedOut = RunPageMemo()

    /// Run storage over `database`.
    public init(database: SQLiteDatabase) { self.database = database }

    public func addRun(_ run: DagsterRun) async throws {
        try await database.write("adding run \(run.runID)") { db in
            let now = Date().timeIntervalSince1970
            try db.cachedStatement(
                sql: """
                    INSERT INTO runs (run_id, job_name, status, run_config, tags, op_selection, step_keys_to_execute,
                        parent_run_id, root_run_id, snapshot_id, create_timestamp, update_timestamp)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id) DO NOTHING
                    """
            ).execute(arguments: [
                run.runID.rawValue, run.jobName, run.status.rawValue, run.runConfig.jsonText(),
                StoredText.tags(run.tags), StoredText.strings(run.opSelection),
                StoredText.strings(run.stepKeysToExecute), run.parentRunID?.rawValue, run.rootRunID?.rawValue,
                run.jobSnapshotID, now, now,
            ])
            guard db.changesCount == 1 else {
                throw DagsterError(.invariantViolation, "a run with id \(run.runID) already exists")
            }
            try Self.insertTags(run.tags, runStorageID: db.lastInsertedRowID, db)
        }
    }

    private static func insertTags(_ tags: [String: String], runStorageID: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO run_tags (run_storage_id, key, value) VALUES (?, ?, ?)")
        for (key, value) in tags { try statement.execute(arguments: [runStorageID, key, value]) }
    }

    public func handleRunEvent(_ runID: RunID, event: DagsterEvent, timestamp: Double) async throws {
        guard let status = event.eventType.runStatus else { return }
        try await database.write("recording the status of run \(runID)") { db in
            var sql = "UPDATE runs SET status = ?, update_timestamp = ?, revision = revision + 1"
            if status == .started { sql += ", start_time = ?" }
            if status.isFinished { sql += ", end_time = ?" }
            var arguments: StatementArguments = [status.rawValue, timestamp]
            if status == .started || status.isFinished { arguments += [timestamp] }
            arguments += [runID.rawValue]
            try db.cachedStatement(sql: sql + " WHERE run_id = ?").execute(arguments: arguments)
        }
    }

    public func getRunRecords(filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool) async throws
        -> [RunRecord]
    {
        try await page(filters: filters, limit: limit, cursor: cursor, ascending: ascending) { $0 }
    }

    public func getRuns(filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool) async throws
        -> [DagsterRun]
    {
        try await page(filters: filters, limit: limit, cursor: cursor, ascending: ascending) { $0.run }
    }

    /// `part` of each run record of a page, taken from `decodedRuns` when every run of the page
    /// is cached and current.
    private func page<Part: Sendable>(
        filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool,
        _ part: @escaping @Sendable (RunRecord) -> Part
    ) async throws -> [Part] {
        let page = RunsQuery.page(filters: filters, limit: limit, cursor: cursor, ascending: ascending)
        let arguments = page.statementArguments
        let memoKey = RunPageMemo.Key(sql: page.sql, arguments: page.arguments, shape: ObjectIdentifier(Part.self))
        let (decodedRuns, pagesHandedOut) = (decodedRuns, pagesHandedOut)
        return try await database.readStatement("reading runs") { db in
            // The page's ids and revisions first: when it is the page handed out last time, or
            // every run in it is cached and current, nothing needs decoding. Otherwise the page
            // is read whole, which also sees any run changed between the two statements.
            let rowsSQL = "SELECT \(RunsQuery.revisionColumns) \(page.sql)"
            let rows = try db.cachedStatement(sql: rowsSQL).fetchAll(arguments: arguments) { row in
                RunRecordCache.RowVersion(storageID: row.int64(0) ?? 0, revision: row.int64(1) ?? 0)
            }
            if let handedOut = pagesHandedOut.page(memoKey, rows: rows, as: Part.self) { return handedOut }
            if let cached = decodedRuns.records(of: rows, part) {
                pagesHandedOut.keep(cached, rows: rows, for: memoKey)
                return cached
            }
            let recordsSQL = "SELECT \(RunsQuery.columns) \(page.sql)"
            let decoded = try db.cachedStatement(sql: recordsSQL).fetchAll(arguments: arguments) { row in
                (record: try Self.record(row), revision: row.int64(15) ?? 0)
            }
            decodedRuns.store(decoded)
            let parts = decoded.map { part($0.record) }
            let decodedRows = decoded.map { RunRecordCache.RowVersion(storageID: $0.record.storageID, revision: $0.revision) }
            pagesHandedOut.keep(parts, rows: decodedRows, for: memoKey)
            return parts
        }
    }

    /// Decodes a row selected with `RunsQuery.columns`.
    private static func record(_ row: RawColumns) throws -> RunRecord {
        let runConfigText = row.text(4) ?? "{}"
        let run = DagsterRun(
            runID: RunID(row.text(1) ?? ""), jobName: row.text(2) ?? "",
            runConfig: runConfigText == "{}" ? .emptyObject : try JSONParser.parse(runConfigText),
            status: DagsterRunStatus(rawValue: row.text(3) ?? "") ?? .notStarted,
            tags: try StoredText.tags(from: row.text(5) ?? "{}"),
            opSelection: try StoredText.strings(from: row.text(6)), stepKeysToExecute: try StoredText.strings(from: row.text(7)),
            parentRunID: row.text(8).map { RunID($0) }, rootRunID: row.text(9).map { RunID($0) }, jobSnapshotID: row.text(10))
        return RunRecord(
            storageID: row.int64(0) ?? 0, run: run, createTimestamp: Date(timeIntervalSince1970: row.double(11) ?? 0),
            updateTimestamp: Date(timeIntervalSince1970: row.double(12) ?? 0),
            startTime: row.double(13).map { Date(timeIntervalSince1970: $0) },
            endTime: row.double(14).map { Date(timeIntervalSince1970: $0) })
    }

    public func getRunsCount(filters: RunsFilter) async throws -> Int {
        let query = RunsQuery.count(filters: filters)
        return try await database.readStatement("counting runs") { db in
            try Int.fetchOne(db.cachedStatement(sql: query.sql), arguments: query.statementArguments) ?? 0
        }
    }

    public func addRunTags(_ runID: RunID, tags: [String: String]) async throws {
        try await database.write("adding tags to run \(runID)") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, tags FROM runs WHERE run_id = ?", arguments: [runID.rawValue])
            else { throw DagsterError(.notFound, "no run with id \(runID)") }
            let storageID: Int64 = row[0]
            var merged = try StoredText.tags(from: row[1])
            merged.merge(tags) { _, new in new }
            try db.execute(
                sql: "UPDATE runs SET tags = ?, update_timestamp = ?, revision = revision + 1 WHERE id = ?",
                arguments: [StoredText.tags(merged), Date().timeIntervalSince1970, storageID])
            try Self.insertTags(tags, runStorageID: storageID, db)
        }
    }

    public func deleteRun(_ runID: RunID) async throws {
        try await database.write("deleting run \(runID)") { db in
            try db.execute(sql: "DELETE FROM runs WHERE run_id = ?", arguments: [runID.rawValue])
        }
    }

    public func addJobSnapshot(_ snapshot: EncodedJobSnapshot) async throws {
        let (id, body) = (snapshot.id, snapshot.json)
        try await database.write("storing job snapshot \(id)") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO snapshots (snapshot_id, body) VALUES (?, ?)", arguments: [id, body])
        }
    }

    public func getJobSnapshot(_ snapshotID: String) async throws -> JobSnapshot? {
        let body = try await database.read("reading job snapshot \(snapshotID)") { db in
            try String.fetchOne(db, sql: "SELECT body FROM snapshots WHERE snapshot_id = ?", arguments: [snapshotID])
        }
        return try body.map { try StoredText.decode(JobSnapshot.self, from: $0) }
    }

    public func wipe() async throws {
        try await database.write("wiping runs") { db in
            try db.execute(sql: "DELETE FROM run_tags; DELETE FROM runs")
        }
    }
}
