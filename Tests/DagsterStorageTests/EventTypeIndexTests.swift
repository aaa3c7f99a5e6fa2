import DagsterCore
@testable import DagsterSQLite
import DagsterStorage
import GRDB
import Testing

/// The type index of `event_logs` holds run status, asset and step failure events only; queries by those
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

    /// The index was created with this exact condition; changing the list would leave existing
    /// databases with an index that queries no longer match.
    @Test func theIndexConditionIsFrozen() {
        #expect(SQLiteMigrations.typeIndexCondition == """
            dagster_event_type IN ('PIPELINE_ENQUEUED', 'PIPELINE_DEQUEUED', 'PIPELINE_STARTING', 'PIPELINE_START', \
            'PIPELINE_SUCCESS', 'PIPELINE_FAILURE', 'PIPELINE_CANCELING', 'PIPELINE_CANCELED', 'ASSET_MATERIALIZATION', \
            'ASSET_MATERIALIZATION_PLANNED', 'ASSET_OBSERVATION', 'ASSET_FAILED_TO_MATERIALIZE', 'ASSET_CHECK_EVALUATION', \
            'ASSET_CHECK_EVALUATION_PLANNED', 'STEP_FAILURE')
            """)
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
