import DagsterCore
@testable import DagsterSQLite
import DagsterStorage
import Testing

@Suite("Runs query text")
struct RunsQueryTests {
    @Test func aTagFilterDrivesTheQueryThroughTheTagIndexNewestFirst() {
        let query = RunsQuery.page(
            filters: RunsFilter(statuses: [.failure], tags: ["team": "b"]), limit: 50, cursor: nil, ascending: false)
        #expect(query.sql.contains("FROM run_tags t0 CROSS JOIN runs r ON r.id = t0.run_storage_id"))
        #expect(query.sql.hasSuffix("WHERE t0.key = ? AND t0.value = ? AND r.status IN (?) ORDER BY t0.run_storage_id DESC LIMIT ?"))
        #expect(query.arguments == ["team".databaseValue, "b".databaseValue, "FAILURE".databaseValue, 50.databaseValue])
    }

    @Test func anEmptyListMatchesNothingAndACursorPagesByStorageID() {
        let query = RunsQuery.page(filters: RunsFilter(runIDs: []), limit: nil, cursor: "r1", ascending: true)
        #expect(query.sql.hasSuffix("FROM runs r WHERE 0 AND r.id > (SELECT id FROM runs WHERE run_id = ?) ORDER BY r.id ASC"))
        #expect(RunsQuery.count(filters: RunsFilter()).sql == "SELECT COUNT(*) FROM runs r")
    }
}
