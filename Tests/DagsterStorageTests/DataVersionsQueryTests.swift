import DagsterCore
@testable import DagsterSQLite
import DagsterStorage
import GRDB
import Testing

@Suite("Data versions query")
struct DataVersionsQueryTests {
    /// SQLite runs `json_extract` once per event read (one for the materialization, one for
    /// the observation), not again in the CASE that returns the whole event without a tag.
    @Test func eachDataVersionTagIsExtractedOnce() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        _ = try SQLiteDatabase.open(path: path)
        let query = SQLiteEventLogStorage.latestDataVersionsQuery(storedKeys: [#"["a"]"#, #"["b"]"#])
        let program = try await DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN " + query.sql, arguments: query.statementArguments)
        }
        let extractions = program.filter { row in
            (row["opcode"] as String?)?.hasPrefix("Function") == true && (row["p4"] as String?)?.hasPrefix("json_extract") == true
        }
        #expect(extractions.count == 2, "\(program.map { "\($0["opcode"] as String? ?? "") \($0["p4"] as String? ?? "")" })")
    }
}
