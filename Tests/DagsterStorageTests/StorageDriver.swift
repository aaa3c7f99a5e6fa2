import DagsterCore
import DagsterSQLite
import DagsterStorage
import DagsterTesting
import Foundation
import Testing

/// A storage implementation the conformance suite runs against.
enum StorageDriver: String, CaseIterable, CustomTestStringConvertible {
    case inMemory
    case sqlite

    var testDescription: String { rawValue }

    /// Fresh, empty storages of this driver.
    func make() throws -> Storages {
        switch self {
        case .inMemory:
            return Storages(runs: InMemoryRunStorage(), events: InMemoryEventLogStorage(), schedules: InMemoryScheduleStorage())
        case .sqlite:
            let database = try SQLiteDatabase.open(path: Self.temporaryDirectory().appendingPathComponent("dagster.db").path)
            return Storages(
                runs: SQLiteRunStorage(database: database), events: SQLiteEventLogStorage(database: database),
                schedules: SQLiteScheduleStorage(database: database))
        }
    }

    /// A new empty folder, removed when the test process exits.
    static func temporaryDirectory() throws -> URL { try TestFolders.make("storage") }
}

/// One driver's three storages.
struct Storages {
    var runs: any RunStorage
    var events: any EventLogStorage
    var schedules: any ScheduleStorage
}
