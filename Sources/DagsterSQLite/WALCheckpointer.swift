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
    /// When commits ask for checkpoints, whether a background checkpoint is running, and the
    /// connection background checkpoints run on.
    private let state = Mutex<(pacing: CheckpointPacing, inFlight: Bool, connection: DatabaseQueue?)>(
        (CheckpointPacing(background: WALCheckpointer.backgroundThreshold, inline: WALCheckpointer.inlineThreshold), false, nil))

    init(path: String) { self.path = path }

    /// Installs the commit hook on a connection (a no-op on connections that never write).
    func install(on db: Database) {
        guard let connection = db.sqliteConnection else { return }
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(connection, { context, connection, _, frames in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
            switch checkpointer.action(afterCommitLeaving: frames) {
            case .none: break
            case .inline: sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            case .background: checkpointer.checkpointInBackground()
            }
            return SQLITE_OK
        }, context)
    }

    /// What a commit that left `frames` frames in the WAL does; a background checkpoint asked
    /// for counts as running from here on.
    private func action(afterCommitLeaving frames: Int32) -> CheckpointPacing.Action {
        state.withLock { state in
            let action = state.pacing.afterCommit(walFrames: frames, checkpointRunning: state.inFlight)
            if action == .background { state.inFlight = true }
            return action
        }
    }

    /// Runs a passive checkpoint on the background queue, through a connection of its own.
    private func checkpointInBackground() {
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
                // A checkpoint that could not run now is asked for again once the WAL has grown
                // by another threshold.
            }
        }
    }
}
