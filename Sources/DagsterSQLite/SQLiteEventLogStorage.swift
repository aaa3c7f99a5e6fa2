import DagsterCore
import DagsterStorage
import Foundation
import GRDB

/// Event log storage in a swift-dagster SQLite database: the `event_logs` table, its asset index
/// (`asset_keys`) and `dynamic_partitions`.
///
/// A batch of entries is one transaction: a step's events cost one commit, not one per event.
public struct SQLiteEventLogStorage: EventLogStorage {
    /// The database.
    public let database: SQLiteDatabase

    /// Event log storage over `database`.
    public init(database: SQLiteDatabase) { self.database = database }

    @discardableResult
    public func storeEvents(_ entries: [EventLogEntry]) async throws -> [Int64] {
        guard !entries.isEmpty else { return [] }
        let bodies = try entries.map { try $0.storedJSON() }
        return try await database.write("storing \(entries.count) events of run \(entries[0].runID)") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO event_logs (run_id, event, dagster_event_type, timestamp, step_key, asset_key, partition)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            var ids: [Int64] = []
            ids.reserveCapacity(entries.count)
            for (entry, body) in zip(entries, bodies) {
                let event = entry.dagsterEvent
                let assetKey = event?.assetKey.map(StoredText.assetKey)
                try insert.execute(arguments: [
                    entry.runID.rawValue, body, event?.eventType.storedValue, entry.timestamp, entry.stepKey, assetKey,
                    event?.assetPartition,
                ])
                ids.append(db.lastInsertedRowID)
                if let assetKey, let type = event?.eventType {
                    try Self.indexAssetEvent(assetKey, type: type, storageID: db.lastInsertedRowID, runID: entry.runID, db)
                }
            }
            return ids
        }
    }

    public func getRecordsForRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        async throws -> [EventLogRecord]
    {
        try await fetchRecords(EventsQuery.forRun(runID, after: cursor, ofTypes: types, limit: limit), "reading the events of run \(runID)")
    }

    public func getEventRecords(_ filter: EventRecordsFilter, limit: Int?, ascending: Bool) async throws
        -> [EventLogRecord]
    {
        try await fetchRecords(EventsQuery.matching(filter, limit: limit, ascending: ascending), "reading events")
    }

    /// Runs a query selecting `id, event, run_id` and decodes the records.
    func fetchRecords(_ query: SQLQuery, _ what: String) async throws -> [EventLogRecord] {
        let rows = try await database.readStatement(what) { db in
            try db.cachedStatement(sql: query.sql).fetchAll(arguments: query.statementArguments) { row in
                (row.int64(0) ?? 0, row.text(1) ?? "", row.text(2))
            }
        }
        return try rows.map { id, body, runID in try record(storageID: id, body: body, runID: runID.map { RunID($0) }) }
    }

    /// The record of a stored event.
    /// - Throws: `DagsterError(.storage)` naming the event's storage id, its run when known, and
    ///   the database, with what the stored JSON lacks.
    func record(storageID: Int64, body: String, runID: RunID? = nil) throws -> EventLogRecord {
        do {
            return EventLogRecord(storageID: storageID, entry: try EventLogEntry(storedJSON: body))
        } catch {
            let message = (error as? DagsterError)?.message ?? "\(error)"
            throw DagsterError(
                .storage,
                "event \(storageID)\(runID.map { " of run \($0)" } ?? "") in \(database.path) cannot be read: \(message). "
                    + "It was written by another program or version, or damaged; deleting its run "
                    + "(`run delete RUN_ID`) removes it.",
                cause: error)
        }
    }

    public func deleteEvents(for runID: RunID) async throws {
        try await database.write("deleting the events of run \(runID)") { db in
            let keys = try String.fetchAll(
                db, sql: "SELECT DISTINCT asset_key FROM event_logs WHERE run_id = ? AND asset_key IS NOT NULL",
                arguments: [runID.rawValue])
            try db.execute(sql: "DELETE FROM event_logs WHERE run_id = ?", arguments: [runID.rawValue])
            for key in keys { try Self.rebuildAssetKey(key, db) }
        }
    }

    public func wipe() async throws {
        try await database.write("wiping the event log") { db in
            try db.execute(sql: "DELETE FROM event_logs; DELETE FROM asset_keys; DELETE FROM dynamic_partitions")
        }
    }
}
