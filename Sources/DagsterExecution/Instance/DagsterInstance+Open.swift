import DagsterCore
import DagsterSQLite
import DagsterStorage
import Foundation

extension DagsterInstance {
    /// The name of the SQLite database file under the storage base folder's `history` folder.
    public static let sqliteFileName = "dagster.db"

    /// Opens the persistent instance whose home folder is `home`, with `settings` (usually read
    /// from `home/dagster.yaml`). SQLite storage lives in `BASE_DIR/history/dagster.db`, where
    /// `BASE_DIR` is `storage.sqlite.base_dir` or `home`.
    /// - Throws: `DagsterError(.storage)` when the database cannot be opened or needs
    ///   `instance migrate`; for storage swift-dagster cannot use yet, an error naming it.
    public static func open(home: URL, settings: InstanceSettings = InstanceSettings()) throws -> DagsterInstance {
        try open(home: home, settings: settings, removingHome: false)
    }

    private static func open(home: URL, settings: InstanceSettings, removingHome: Bool) throws -> DagsterInstance {
        let database = try SQLiteDatabase.open(path: sqlitePath(home: home, settings: settings))
        return DagsterInstance(
            runStorage: SQLiteRunStorage(database: database), eventLogStorage: SQLiteEventLogStorage(database: database),
            scheduleStorage: SQLiteScheduleStorage(database: database), isEphemeral: false, settings: settings,
            rootDirectory: home, removesRootDirectory: removingHome)
    }

    /// The SQLite database file of the instance in `home`. With the legacy per-storage keys, the
    /// one database file lives in `run_storage`'s folder.
    /// - Throws: `DagsterError(.storage)` when `settings` select a storage other than SQLite.
    public static func sqlitePath(home: URL, settings: InstanceSettings) throws -> String {
        switch settings.storage {
        case .sqlite(let baseDirectory):
            let base = baseDirectory.map { URL(fileURLWithPath: $0) } ?? home
            return base.appendingPathComponent("history").appendingPathComponent(sqliteFileName).path
        case .legacySqlite(let directories):
            // One database holds runs, events and schedules; it lives in the run storage's folder.
            let folder = directories.runs.map { URL(fileURLWithPath: $0) } ?? home.appendingPathComponent("history")
            return folder.appendingPathComponent(sqliteFileName).path
        case .postgres:
            throw DagsterError(
                .storage,
                "dagster.yaml selects postgres storage, which this swift-dagster build cannot open yet; "
                    + "use `storage: sqlite: base_dir: …` or remove the storage key")
        }
    }

    /// A fully persistent instance in a new temporary folder (Dagster's `local_temp`), for tests.
    /// As Dagster's does when disposed, the folder is removed when the instance is deallocated:
    /// keep the instance for as long as anything uses the folder (its storages, a run launched
    /// on it, the files an IO manager wrote there).
    /// - Throws: when the folder or database cannot be created.
    public static func localTemp(settings: InstanceSettings = InstanceSettings()) throws -> DagsterInstance {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("dagster-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        do {
            return try open(home: home, settings: settings, removingHome: true)
        } catch {
            try? FileManager.default.removeItem(at: home)
            throw error
        }
    }
}
