import GRDB
import Synchronization

/// Read-only connections to one database file, for reads made of single statements.
///
/// GRDB's `DatabasePool` hands out its readers through a dispatch barrier, a semaphore and a
/// dispatch group, and runs an extra statement (the schema version) before every read: about
/// 5 µs, a third of a small query's time. These connections come from a plain free list
/// instead, and run the caller's statements with nothing around them. Each statement sees one
/// consistent snapshot of the database (WAL mode); two statements of one read may see two.
final class StatementReaders: Sendable {
    private let path: String
    private let busyTimeout: Double
    private let idle = Mutex<[DatabaseQueue]>([])
    /// The most idle connections kept; a connection returned beyond that is closed.
    private let maximumIdle = 4

    /// Readers of the database at `path` (which must exist, in WAL mode), waiting up to
    /// `busyTimeout` seconds when SQLite reports the file busy.
    init(path: String, busyTimeout: Double) {
        self.path = path
        self.busyTimeout = busyTimeout
    }

    /// Runs `body` on an idle connection, opening one when none is idle.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let reader = try idle.withLock { $0.popLast() } ?? open()
        defer {
            idle.withLock { idle in
                if idle.count < maximumIdle { idle.append(reader) }
            }
        }
        return try reader.unsafeRead(body)
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
