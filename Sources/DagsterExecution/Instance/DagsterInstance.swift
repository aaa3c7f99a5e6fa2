import DagsterConfig
import DagsterCore
import DagsterStorage
import Foundation

/// The instance: where runs and their events are recorded. Ephemeral instances keep everything
/// in memory; persistent ones (SQLite under `DAGSTER_HOME`) survive restarts.
public final class DagsterInstance: Sendable {
    /// Stores runs.
    public let runStorage: any RunStorage
    /// Stores events.
    public let eventLogStorage: any EventLogStorage
    /// Whether nothing outlives the process.
    public let isEphemeral: Bool
    /// The folder for run artifacts (outputs of the filesystem IO manager, compute logs), if any.
    public let artifactDirectory: URL?

    /// An instance over the given storages.
    public init(
        runStorage: any RunStorage, eventLogStorage: any EventLogStorage, isEphemeral: Bool, artifactDirectory: URL?
    ) {
        self.runStorage = runStorage
        self.eventLogStorage = eventLogStorage
        self.isEphemeral = isEphemeral
        self.artifactDirectory = artifactDirectory
    }

    /// An instance that keeps everything in memory (Dagster's `DagsterInstance.ephemeral()`).
    public static func ephemeral() -> DagsterInstance {
        DagsterInstance(
            runStorage: InMemoryRunStorage(), eventLogStorage: InMemoryEventLogStorage(), isEphemeral: true,
            artifactDirectory: nil)
    }

    /// Records a new run.
    public func addRun(_ run: DagsterRun) async throws { try await runStorage.addRun(run) }

    /// Stores a batch of entries and applies the run status changes they carry.
    public func handleNewEvents(_ entries: [EventLogEntry]) async throws {
        try await eventLogStorage.storeEvents(entries)
        for entry in entries {
            guard let event = entry.dagsterEvent, event.eventType.runStatus != nil else { continue }
            try await runStorage.handleRunEvent(entry.runID, event: event, timestamp: entry.timestamp)
        }
    }

    /// The run with `runID`, or `nil`.
    public func getRun(_ runID: RunID) async throws -> DagsterRun? { try await runStorage.getRun(runID) }

    /// Runs matching `filters`, newest first.
    public func getRuns(filters: RunsFilter = RunsFilter(), limit: Int? = nil) async throws -> [DagsterRun] {
        try await runStorage.getRuns(filters: filters, limit: limit)
    }

    /// Every entry of a run, in order.
    public func allLogs(_ runID: RunID) async throws -> [EventLogEntry] {
        try await eventLogStorage.getLogsForRun(runID)
    }

    /// Deletes a run and its events.
    public func deleteRun(_ runID: RunID) async throws {
        try await runStorage.deleteRun(runID)
        try await eventLogStorage.deleteEvents(for: runID)
    }
}
