import DagsterCore
@testable import DagsterSQLite
import DagsterStorage
import Foundation
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

    /// An event whose version tag SQLite cannot find (Foundation's encoder writes the tag's
    /// slash escaped, `dagster\/data_version`) is decoded whole and its version still read.
    @Test func aVersionSQLiteCannotFindIsReadFromTheWholeEvent() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        let storage = SQLiteEventLogStorage(database: try SQLiteDatabase.open(path: path))
        let observation = AssetObservation(assetKey: "a", tags: [AssetEventTags.dataVersion: "v7"])
        let entry = EventLogEntry(
            runID: "r1", level: .debug, userMessage: "", jobName: "job",
            dagsterEvent: DagsterEvent(.assetObservation, jobName: "job", message: "", payload: .assetObservation(observation)))
        let id = try #require(try await storage.storeEvents([entry]).first)
        let escaped = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        #expect(escaped.contains(#"dagster\/data_version"#))
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE event_logs SET event = ? WHERE id = ?", arguments: [escaped, id])
        }
        try queue.close()
        #expect(try await storage.getLatestDataVersions(["a"]) == ["a": AssetDataVersion(version: "v7", storageID: id)])
    }
}
