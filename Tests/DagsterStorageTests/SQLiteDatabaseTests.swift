import DagsterCore
@testable import DagsterSQLite
import DagsterStorage
import Foundation
import GRDB
import Testing

@Suite("SQLite database")
struct SQLiteDatabaseTests {
    @Test func aNewDatabaseGetsTheWholeSchemaAndReopens() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("nested/dagster.db").path
        let database = try SQLiteDatabase.open(path: path)
        #expect(try database.pendingMigrations().isEmpty)
        try await SQLiteRunStorage(database: database).addRun(DagsterRun(runID: "r1", jobName: "job"))
        let reopened = try SQLiteDatabase.open(path: path)
        #expect(try await SQLiteRunStorage(database: reopened).getRun("r1")?.jobName == "job")
        // Small pages: each commit writes fewer bytes to the WAL.
        let pageSize = try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
        #expect(pageSize == 1024)
    }

    @Test func aDatabaseNoLongerUsedClosesItsFiles() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        func openDescriptors() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { descriptor in
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")
                return target?.hasPrefix(path) == true
            }.count
        }
        do {
            let storage = SQLiteRunStorage(database: try SQLiteDatabase.open(path: path))
            let second = SQLiteRunStorage(database: try SQLiteDatabase.open(path: path))
            try await storage.addRun(DagsterRun(runID: "r1", jobName: "job"))
            #expect(try await second.getRun("r1")?.jobName == "job")
            #expect(try openDescriptors() > 0)
        }
        #expect(try openDescriptors() == 0)
        #expect(try await SQLiteRunStorage(database: try SQLiteDatabase.open(path: path)).getRun("r1")?.jobName == "job")
    }

    @Test func writesAreCheckpointedIntoTheDatabaseFileInTheBackground() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        let storage = SQLiteRunStorage(database: try SQLiteDatabase.open(path: path))
        let config = JSONValue.object(["payload": .string(String(repeating: "x", count: 6000))])
        // Each run takes several pages (its config overflows), so this is well past the threshold.
        let runs = Int(WALCheckpointer.backgroundThreshold) / 4
        for index in 0..<runs {
            try await storage.addRun(DagsterRun(runID: RunID("r\(index)"), jobName: "job", runConfig: config))
        }
        func fileSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        let deadline = Date().addingTimeInterval(5)
        while fileSize() < 1_000_000, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(fileSize() >= 1_000_000, "the WAL was never copied back into \(path)")
        #expect(try await storage.getRunsCount(filters: RunsFilter()) == runs)
    }

    @Test func aDatabaseFromANewerVersionIsRefusedWithAClearError() throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('2099-01-01_future')")
        }
        try queue.close()
        let error = try #require(throws: DagsterError.self) { try SQLiteDatabase.open(path: path) }
        #expect(error.message.contains("newer swift-dagster"))
        #expect(error.message.contains("2099-01-01_future"))
    }

    @Test func aDatabaseWithPendingMigrationsAsksForInstanceMigrate() throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('2026-11-21_runs')")
        }
        try queue.close()
        let error = try #require(throws: DagsterError.self) { try SQLiteDatabase.open(path: path) }
        #expect(error.message.contains("run `instance migrate`"))
        #expect(error.message.contains("2026-11-21_event_logs"))
    }

    @Test func concurrentWritersLoseNothing() async throws {
        let database = try SQLiteDatabase.open(
            path: try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path)
        let events = SQLiteEventLogStorage(database: database)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for batch in 0..<20 {
                        let entries = (0..<10).map { index in
                            EventLogEntry(runID: RunID("run-\(writer)"), level: .info, userMessage: "\(batch)-\(index)")
                        }
                        try await events.storeEvents(entries)
                    }
                }
            }
            try await group.waitForAll()
        }
        for writer in 0..<8 {
            let messages = try await events.getLogsForRun(RunID("run-\(writer)")).map(\.userMessage)
            #expect(messages == (0..<20).flatMap { batch in (0..<10).map { "\(batch)-\($0)" } })
        }
    }

    @Test func concurrentReadersSeeEveryCommitWhileAWriterAdds() async throws {
        let runs = SQLiteRunStorage(
            database: try SQLiteDatabase.open(
                path: try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for index in 0..<100 { try await runs.addRun(DagsterRun(runID: RunID("r\(index)"), jobName: "job")) }
            }
            for _ in 0..<8 {
                group.addTask {
                    var seen = 0
                    while seen < 100 {
                        let count = try await runs.getRunsCount(filters: RunsFilter())
                        let page = try await runs.getRuns(limit: 10)
                        #expect(count >= seen, "a later read saw fewer runs")
                        #expect(page.count >= min(count, 10), "a page read after the count saw fewer runs")
                        seen = count
                        try await Task.sleep(for: .milliseconds(1))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await runs.getRuns(limit: 3).map(\.runID) == ["r99", "r98", "r97"])
    }

    @Test func anEventThatCannotBeReadIsNamedByStorageIDRunAndField() async throws {
        let path = try StorageDriver.temporaryDirectory().appendingPathComponent("dagster.db").path
        let events = SQLiteEventLogStorage(database: try SQLiteDatabase.open(path: path))
        let entry = EventLogEntry(
            runID: "r1", level: .info, userMessage: "", jobName: "job",
            dagsterEvent: DagsterEvent(
                .stepOutput, jobName: "job", stepKey: "s", message: "",
                payload: .stepOutput(StepOutputData(outputName: "result", typeCheck: TypeCheckData(success: true, label: "Int")))))
        let id = try #require(try await events.storeEvents([entry]).first)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE event_logs SET event = replace(event, '\"outputName\":\"result\",', '') WHERE id = ?", arguments: [id])
        }
        try queue.close()
        let error = try await #require(throws: DagsterError.self) { try await events.getLogsForRun("r1") }
        #expect(error.code == .storage)
        #expect(error.message.hasPrefix("event \(id) of run r1 in \(path) cannot be read: "), "\(error.message)")
        #expect(error.message.contains("does not hold a string at `dagsterEvent.payload.stepOutput._0.outputName` (it is missing)"))
    }
}
