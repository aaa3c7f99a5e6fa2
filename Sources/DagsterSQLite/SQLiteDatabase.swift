import DagsterCore
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// One swift-dagster SQLite database file, shared by every storage of an instance.
///
/// The file is opened once per process (one `DatabasePool` per path) in WAL mode with
/// `synchronous = NORMAL` and a busy timeout, so several processes — run workers, step workers,
/// the CLI — can write at once: a writer waits for the lock instead of failing with
/// "database is locked". A commit survives the writing process being killed; only a crash of
/// the whole machine can lose the last commits.
public final class SQLiteDatabase: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    private let statementReaders: StatementReaders

    /// How long a writer waits for another process's write lock before giving up.
    static let busyTimeout: TimeInterval = 60

    /// A pool, held weakly: it closes once no `SQLiteDatabase` uses it any more.
    private struct OpenPool {
        weak var pool: DatabasePool?
    }

    /// The pools of this process, by standardized path: one per file while it is in use.
    private static let openPools = Mutex<[String: OpenPool]>([:])

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
        self.statementReaders = StatementReaders(path: pool.path, busyTimeout: Self.busyTimeout)
    }

    /// Opens (creating it and its folder if needed) the database at `path`. A new database gets
    /// the whole schema; an existing one must be up to date.
    /// - Throws: `DagsterError(.storage)` when the file cannot be opened, when it needs
    ///   `instance migrate`, or when a newer swift-dagster created it.
    public static func open(path: String) throws -> SQLiteDatabase {
        let database = SQLiteDatabase(path: path, pool: try pool(at: path))
        try database.prepareSchema()
        return database
    }

    /// Opens the database at `path` without checking its schema, for `instance migrate`.
    public static func openForMigration(path: String) throws -> SQLiteDatabase {
        SQLiteDatabase(path: path, pool: try pool(at: path))
    }

    private static func pool(at path: String) throws -> DatabasePool {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        return try openPools.withLock { pools in
            if let pool = pools[standardized]?.pool { return pool }
            pools = pools.filter { $0.value.pool != nil }
            do {
                try FileManager.default.createDirectory(
                    atPath: (standardized as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                var configuration = Configuration()
                configuration.busyMode = .timeout(busyTimeout)
                let checkpointer = WALCheckpointer(path: standardized)
                configuration.prepareDatabase { db in
                    // Small pages for new databases: a commit writes each page it touched to the
                    // WAL, and runs, tags and events are small rows (W5 inserts 0.45 -> 0.35 s).
                    try db.execute(sql: "PRAGMA page_size = 1024")
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                    checkpointer.install(on: db)
                }
                let pool = try DatabasePool(path: standardized, configuration: configuration)
                pools[standardized] = OpenPool(pool: pool)
                return pool
            } catch {
                throw DagsterError(.storage, "cannot open the SQLite database \(standardized): \(error)", cause: error)
            }
        }
    }

    private func prepareSchema() throws {
        let migrator = SQLiteMigrations.migrator
        try wrapping("reading the schema version of") {
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            let known = Set(migrator.migrations)
            if !applied.subtracting(known).isEmpty {
                throw DagsterError(
                    .storage,
                    "the SQLite database \(path) was created by a newer swift-dagster (unknown migrations: "
                        + applied.subtracting(known).sorted().joined(separator: ", ") + "); upgrade this binary")
            }
            if applied.isEmpty {
                try migrator.migrate(pool)
            } else if applied != known {
                throw DagsterError(
                    .storage,
                    "the SQLite database \(path) needs migrating (pending: "
                        + known.subtracting(applied).sorted().joined(separator: ", ")
                        + "); run `instance migrate` to upgrade it")
            }
        }
    }

    /// The migrations not yet applied, in order.
    public func pendingMigrations() throws -> [String] {
        let migrator = SQLiteMigrations.migrator
        let applied = try wrapping("reading the schema version of") {
            try pool.read { db in try migrator.appliedIdentifiers(db) }
        }
        return migrator.migrations.filter { !applied.contains($0) }
    }

    /// Applies every pending migration and returns the ones it applied.
    @discardableResult
    public func migrate() throws -> [String] {
        let pending = try pendingMigrations()
        try wrapping("migrating") { try SQLiteMigrations.migrator.migrate(pool) }
        return pending
    }

    /// Runs `body` in one write transaction (waiting for other writers), wrapping database errors.
    /// A write, once asked for, completes even when the calling task is cancelled: a run that is
    /// being stopped still records how it ended.
    ///
    /// When no other process holds the database's write lock, the transaction runs right here
    /// on the calling thread; otherwise it waits for the lock on the writer's queue, without
    /// holding up the calling thread.
    func write<T: Sendable>(
        _ what: @autoclosure () -> String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            if let written = try writeIfUncontended(body) { return written.value }
            // The callback form: one hop to the writer queue, and no cancellation check.
            return try await withCheckedThrowingContinuation { continuation in
                pool.asyncWrite(body) { _, result in continuation.resume(with: result) }
            }
        } catch let error as DagsterError {
            throw error
        } catch {
            throw DagsterError(.storage, "\(what()) in \(path) failed: \(error)", cause: error)
        }
    }

    /// A written value (which may itself be optional).
    private struct Written<T> { let value: T }

    /// Runs `body` in an immediate transaction at once, or returns `nil` when another
    /// connection holds the write lock (no waiting: the busy timeout is 0 for the attempt).
    private func writeIfUncontended<T>(_ body: (Database) throws -> T) throws -> Written<T>? {
        try pool.writeWithoutTransaction { db in
            sqlite3_busy_timeout(db.sqliteConnection, 0)
            defer { sqlite3_busy_timeout(db.sqliteConnection, Int32(Self.busyTimeout * 1000)) }
            do {
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return nil
            }
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT").execute()
                return Written(value: value)
            } catch {
                try? db.rollback()
                throw error
            }
        }
    }

    /// Runs `body` on a read snapshot, wrapping database errors. Reads in WAL mode never wait
    /// for writers, so the read runs right here; and like writes it is not cut short when the
    /// task is cancelled, so an interrupted run can still read what it needs to finish cleanly.
    func read<T: Sendable>(
        _ what: @autoclosure () -> String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        try readWrapping(what()) { try pool.read(body) }
    }

    /// Runs `body`, whose SELECT statements each stand alone, on a read-only connection and
    /// outside any transaction (see `StatementReaders`): SQLite runs each statement on one
    /// consistent snapshot by itself, but two statements may see two snapshots.
    func readStatement<T: Sendable>(
        _ what: @autoclosure () -> String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        try readWrapping(what()) { try statementReaders.read(body) }
    }

    /// Runs `read`, wrapping database errors. `read` is synchronous, so the GRDB calls in it
    /// resolve to GRDB's blocking `read`/`unsafeRead`, never to their `async` overloads (which
    /// hop to a reader queue and check for cancellation).
    private func readWrapping<T>(_ what: @autoclosure () -> String, _ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch let error as DagsterError {
            throw error
        } catch {
            throw DagsterError(.storage, "\(what()) in \(path) failed: \(error)", cause: error)
        }
    }

    private func wrapping<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DagsterError {
            throw error
        } catch {
            throw DagsterError(.storage, "\(what) the SQLite database \(path) failed: \(error)", cause: error)
        }
    }
}
