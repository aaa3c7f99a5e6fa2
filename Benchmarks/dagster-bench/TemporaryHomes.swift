import Dagster
import Foundation

/// The temporary homes of the persistent instances a workload creates, removed together once
/// its timed runs are over: deleting files between runs makes the next run's file creations
/// slow on ext4 (it avoids reusing recently freed inodes).
final class TemporaryHomes {
    private var homes: [URL] = []

    /// A fresh persistent SQLite instance in a new temporary home (not `localTemp()`, whose
    /// home goes with the instance, between runs).
    func instance() throws -> DagsterInstance {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("dagster-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        homes.append(home)
        return try DagsterInstance.open(home: home)
    }

    /// Removes every home handed out so far.
    func removeAll() {
        for home in homes { try? FileManager.default.removeItem(at: home) }
        homes.removeAll()
    }
}
