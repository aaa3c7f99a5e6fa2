import Dispatch
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Moves WAL checkpoints off the commit path. SQLite's automatic checkpoint copies the WAL back
/// into the database file (and syncs it) inside whichever commit crosses the threshold; here a
/// commit that crosses it only asks a background queue to checkpoint, through a connection of
/// its own, while writers go on. A commit still checkpoints by itself when the WAL has grown far
/// beyond the threshold (background checkpoints cannot keep up, or never got to run in a
/// short-lived process).
final class WALCheckpointer: Sendable {
    /// WAL frames (pages) after which a background checkpoint is requested: 4 MiB of our 1 KiB
    /// pages, the WAL size of SQLite's default (1,000 pages of 4 KiB). A checkpoint copies each
    /// page once however many frames rewrote it, so checkpointing less often copies less: W5's
    /// insert took 0.36-0.42 s at 1,000 frames, 0.32-0.35 s at 4,000, and 0.36-0.51 s at 10,000.
    static let backgroundThreshold: Int32 = 4000
    /// WAL frames after which the committing connection checkpoints itself.
    static let inlineThreshold: Int32 = 40000

    private let path: String
    private let queue = DispatchQueue(label: "dagster.sqlite.checkpoint")
    /// Whether a checkpoint is running, the WAL's size in frames when the last one was asked
    /// for, and the connection checkpoints run on.
    private let state = Mutex<(inFlight: Bool, requestedAt: Int32, connection: DatabaseQueue?)>((false, 0, nil))

    init(path: String) { self.path = path }

    /// Installs the commit hook on a connection (a no-op on connections that never write).
    func install(on db: Database) {
        guard let connection = db.sqliteConnection else { return }
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(connection, { context, connection, _, frames in
            guard let context else { return SQLITE_OK }
            if frames >= WALCheckpointer.inlineThreshold {
                sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if frames >= WALCheckpointer.backgroundThreshold {
                Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().requestCheckpoint(walFrames: frames)
            }
            return SQLITE_OK
        }, context)
    }

    /// Starts a background checkpoint unless one is running or the WAL has grown by less than
    /// the threshold since the last one was asked for.
    ///
    /// A checkpoint that runs while writers go on copies only the frames that were there when
    /// it began, so the WAL cannot start over and stays past the threshold: asking again at
    /// every commit ran a checkpoint (two fsyncs) per commit, a third of W5's insert time.
    private func requestCheckpoint(walFrames frames: Int32) {
        let start = state.withLock { state -> Bool in
            if frames < state.requestedAt { state.requestedAt = 0 }  // the WAL started over
            guard !state.inFlight, state.requestedAt == 0 || frames - state.requestedAt >= Self.backgroundThreshold
            else { return false }
            state.inFlight = true
            state.requestedAt = frames
            return true
        }
        guard start else { return }
        queue.async { [self] in
            defer { state.withLock { $0.inFlight = false } }
            do {
                let connection = try state.withLock { state -> DatabaseQueue in
                    if let connection = state.connection { return connection }
                    var configuration = Configuration()
                    configuration.busyMode = .timeout(1)
                    let connection = try DatabaseQueue(path: path, configuration: configuration)
                    state.connection = connection
                    return connection
                }
                try connection.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
            } catch {
                // A checkpoint that could not run now is retried by the next commit over the threshold.
            }
        }
    }
}
