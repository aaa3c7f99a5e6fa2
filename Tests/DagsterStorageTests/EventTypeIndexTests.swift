import DagsterCore
@testable import DagsterSQLite
import DagsterStorage
import GRDB
import Testing

/// The type index of `event_logs` holds run status and asset events only; queries by those
/// types use it, queries by step-level types still find their events.
@Suite("Event type index")
struct EventTypeIndexTests {
    private func plan(_ type: DagsterEventType, path: String) async throws -> String {
        let query = EventsQuery.matching(EventRecordsFilter(eventType: type), limit: 10, ascending: false)
        let rows = try await DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query.sql, arguments: query.statementArguments)
        }
        return rows.map { $0["detail"] as String? ?? "" }.joined(separator: "; ")
    }

    @Test func everyIndexedTypeIsAStoredEventType() {
        let stored = Set(DagsterEventType.allCases.map(\.storedValue))
        #expect(SQLiteMigrations.typeIndexedEventTypes.count == 15)
        #expect(SQLiteMigrations.typeIndexedEventTypes.isSubset(of: stored))
        #expect(!SQLiteMigrations.typeIndexedEventTypes.contains(DagsterEventType.stepStart.storedValue))
    }

    @Test func runStatusAndAssetQueriesUseTheIndexAndStepQueriesStillFindTheirEvents() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        let storage = SQLiteEventLogStorage(database: try SQLiteDatabase.open(path: path))
        for type in [DagsterEventType.runSuccess, .assetMaterialization] {
            #expect(try await plan(type, path: path).contains("idx_event_logs_type"))
        }
        #expect(!(try await plan(.stepStart, path: path).contains("idx_event_logs_type")))
        let entries = [DagsterEventType.runStart, .stepStart, .stepSuccess, .runSuccess].map { type in
            EventLogEntry(
                runID: "r1", level: .debug, userMessage: "", jobName: "job",
                dagsterEvent: DagsterEvent(type, jobName: "job", message: ""))
        }
        try await storage.storeEvents(entries)
        for type in [DagsterEventType.stepStart, .runSuccess] {
            let found = try await storage.getEventRecords(EventRecordsFilter(eventType: type), limit: nil, ascending: true)
            #expect(found.map { $0.entry.dagsterEvent?.eventType } == [type])
        }
    }
}
