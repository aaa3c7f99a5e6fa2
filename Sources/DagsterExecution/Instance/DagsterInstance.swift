import DagsterConfig
import DagsterCore
import DagsterStorage
import Foundation

/// The instance: where runs, their events and the state of schedules and sensors are recorded,
/// and where runs are launched. Ephemeral instances keep everything in memory; persistent ones
/// (SQLite under `DAGSTER_HOME`) survive restarts and are shared by every process of a
/// deployment.
///
/// Make one with `DagsterInstance.ephemeral()`, `DagsterInstance.localTemp()`, or
/// `DagsterInstance.open(home:settings:)` with the settings `InstanceConfigLoader.load(home:environment:)`
/// reads from `$DAGSTER_HOME/dagster.yaml` (as the CLI opens its instance).
public final class DagsterInstance: Sendable {
    /// Stores runs.
    public let runStorage: any RunStorage
    /// Stores events.
    public let eventLogStorage: any EventLogStorage
    /// Stores schedule and sensor state.
    public let scheduleStorage: any ScheduleStorage
    /// Whether nothing outlives the process.
    public let isEphemeral: Bool
    /// The instance's settings (`dagster.yaml`), defaults for an ephemeral instance.
    public let settings: InstanceSettings
    /// The instance's home folder (`DAGSTER_HOME`), if it has one.
    public let rootDirectory: URL?
    /// Whether `rootDirectory` is removed when the instance goes (`localTemp()`).
    private let removesRootDirectory: Bool

    /// An instance over the given storages.
    public convenience init(
        runStorage: any RunStorage, eventLogStorage: any EventLogStorage,
        scheduleStorage: any ScheduleStorage = InMemoryScheduleStorage(), isEphemeral: Bool,
        settings: InstanceSettings = InstanceSettings(), rootDirectory: URL? = nil
    ) {
        self.init(
            runStorage: runStorage, eventLogStorage: eventLogStorage, scheduleStorage: scheduleStorage,
            isEphemeral: isEphemeral, settings: settings, rootDirectory: rootDirectory, removesRootDirectory: false)
    }

    init(
        runStorage: any RunStorage, eventLogStorage: any EventLogStorage, scheduleStorage: any ScheduleStorage,
        isEphemeral: Bool, settings: InstanceSettings, rootDirectory: URL?, removesRootDirectory: Bool
    ) {
        self.runStorage = runStorage
        self.eventLogStorage = eventLogStorage
        self.scheduleStorage = scheduleStorage
        self.isEphemeral = isEphemeral
        self.settings = settings
        self.rootDirectory = rootDirectory
        self.removesRootDirectory = removesRootDirectory
    }

    deinit {
        if removesRootDirectory, let rootDirectory { try? FileManager.default.removeItem(at: rootDirectory) }
    }

    /// An instance that keeps everything in memory (Dagster's `DagsterInstance.ephemeral()`).
    public static func ephemeral() -> DagsterInstance {
        DagsterInstance(runStorage: InMemoryRunStorage(), eventLogStorage: InMemoryEventLogStorage(), isEphemeral: true)
    }

    /// The folder for local artifacts (see `InstanceSettings.artifactDirectory(home:)`).
    public var artifactDirectory: URL? { settings.artifactDirectory(home: rootDirectory) }

    /// The folder the filesystem IO manager writes under by default: `ARTIFACTS/storage`.
    public var storageDirectory: URL? { settings.storageDirectory(home: rootDirectory) }

    /// The folder compute logs are captured to, or `nil` when capture is off.
    public var computeLogsDirectory: URL? { settings.computeLogsDirectory(home: rootDirectory) }

    /// Stores a batch of entries and applies the run status changes they carry.
    /// - Returns: the storage ids of the entries, in order.
    @discardableResult
    public func handleNewEvents(_ entries: [EventLogEntry]) async throws -> [Int64] {
        let ids = try await eventLogStorage.storeEvents(entries)
        for entry in entries {
            guard let event = entry.dagsterEvent, event.eventType.runStatus != nil else { continue }
            try await runStorage.handleRunEvent(entry.runID, event: event, timestamp: entry.timestamp)
        }
        return ids
    }

    /// Records a run-level event from outside a run's execution (a launcher, `run cancel`).
    public func reportRunEvent(
        _ type: DagsterEventType, run: DagsterRun, message: String, level: LogLevel = .info,
        payload: EventPayload? = nil
    ) async throws {
        let event = DagsterEvent(
            type, jobName: run.jobName, message: message, payload: payload,
            pid: ProcessInfo.processInfo.processIdentifier)
        try await handleNewEvents([
            EventLogEntry(runID: run.runID, level: level, userMessage: message, jobName: run.jobName, dagsterEvent: event)
        ])
    }
}
