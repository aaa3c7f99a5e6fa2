import DagsterConfig
import DagsterCore

/// A class `dagster.yaml` may name under a `module`/`class` key that swift-dagster implements
/// itself, with the schema of its `config` (the one Dagster's class declares).
///
/// Dagster imports the Python module named and looks the class up in it; swift-dagster cannot
/// import Python, so it accepts the modules in which Dagster exposes each class, in both the
/// public (`dagster.core.run_coordinator`) and private (`dagster._core.run_coordinator`) spelling.
public struct InstanceClass: Sendable, Hashable {
    /// The class name, e.g. `QueuedRunCoordinator`.
    public let name: String
    /// The modules it can be named from, private spelling (`dagster._core…`), documented one first.
    public let modules: [String]
    /// The schema of its `config`.
    public let schema: ConfigType

    /// Creates a class entry.
    public init(name: String, modules: [String], schema: ConfigType) {
        self.name = name
        self.modules = modules
        self.schema = schema
    }

    /// Whether `module` (either spelling) is one this class can be named from.
    public func isFound(inModule module: String) -> Bool {
        modules.contains(Self.privateModuleName(module))
    }

    /// The module as users usually write it: `dagster.core.run_coordinator`, or `dagster`.
    public var documentedModule: String {
        Self.publicModuleName(modules.first ?? "dagster")
    }

    /// `dagster.core.x` → `dagster._core.x`, as Dagster rewrites module names before importing.
    public static func privateModuleName(_ module: String) -> String {
        guard module.hasPrefix("dagster."), !module.hasPrefix("dagster._") else { return module }
        return "dagster._" + module.dropFirst("dagster.".count)
    }

    /// `dagster._core.x` → `dagster.core.x`.
    public static func publicModuleName(_ module: String) -> String {
        guard module.hasPrefix("dagster._") else { return module }
        return "dagster." + module.dropFirst("dagster._".count)
    }
}

extension InstanceClass {
    /// Launches submitted runs at once (Dagster's `DefaultRunCoordinator`, also known as
    /// `SyncInMemoryRunCoordinator`). No config.
    public static let defaultRunCoordinator = InstanceClass(
        name: "DefaultRunCoordinator",
        modules: ["dagster._core.run_coordinator", "dagster._core.run_coordinator.default_run_coordinator"],
        schema: .shape([:]))

    /// The same coordinator under its other name.
    public static let syncInMemoryRunCoordinator = InstanceClass(
        name: "SyncInMemoryRunCoordinator",
        modules: [
            "dagster._core.run_coordinator.sync_in_memory_run_coordinator",
            "dagster._core.run_coordinator.default_run_coordinator",
        ],
        schema: .shape([:]))

    /// Queues submitted runs for the daemon, within limits.
    public static let queuedRunCoordinator = InstanceClass(
        name: "QueuedRunCoordinator",
        modules: ["dagster._core.run_coordinator", "dagster", "dagster._core.run_coordinator.queued_run_coordinator"],
        schema: InstanceConfigSchema.runQueue)

    /// Runs each run in a new process on this machine. No config.
    public static let defaultRunLauncher = InstanceClass(
        name: "DefaultRunLauncher",
        modules: ["dagster", "dagster._core.launcher", "dagster._core.launcher.default_run_launcher"],
        schema: .shape([:]))

    /// Writes compute logs to files under `base_dir`.
    public static let localComputeLogManager = InstanceClass(
        name: "LocalComputeLogManager",
        modules: ["dagster._core.storage.local_compute_log_manager"],
        schema: .shape([
            "base_dir": ConfigField(.stringSource),
            "polling_timeout": .optional(.float),
        ]))

    /// Captures no compute logs. No config.
    public static let noOpComputeLogManager = InstanceClass(
        name: "NoOpComputeLogManager",
        modules: ["dagster._core.storage.noop_compute_log_manager"],
        schema: .shape([:]))

    /// Keeps local artifacts (IO manager outputs) under `base_dir`.
    public static let localArtifactStorage = InstanceClass(
        name: "LocalArtifactStorage",
        modules: ["dagster._core.storage.root"],
        schema: .shape(["base_dir": ConfigField(.stringSource)]))

    /// Legacy `run_storage`: runs in SQLite under `base_dir`.
    public static let sqliteRunStorage = InstanceClass(
        name: "SqliteRunStorage",
        modules: [
            "dagster._core.storage.runs", "dagster._core.storage.runs.sqlite",
            "dagster._core.storage.runs.sqlite.sqlite_run_storage", "dagster._core.storage.sqlite_storage",
        ],
        schema: baseDirectoryOnly)

    /// Legacy `event_log_storage`: events in SQLite under `base_dir`.
    public static let sqliteEventLogStorage = InstanceClass(
        name: "SqliteEventLogStorage",
        modules: [
            "dagster._core.storage.event_log", "dagster._core.storage.event_log.sqlite",
            "dagster._core.storage.event_log.sqlite.sqlite_event_log", "dagster._core.storage.sqlite_storage",
        ],
        schema: baseDirectoryOnly)

    /// Legacy `schedule_storage`: schedule and sensor state in SQLite under `base_dir`.
    public static let sqliteScheduleStorage = InstanceClass(
        name: "SqliteScheduleStorage",
        modules: [
            "dagster._core.storage.schedules", "dagster._core.storage.schedules.sqlite",
            "dagster._core.storage.schedules.sqlite.sqlite_schedule_storage", "dagster._core.storage.sqlite_storage",
        ],
        schema: baseDirectoryOnly)

    /// The daemon's scheduler.
    public static let daemonScheduler = InstanceClass(
        name: "DagsterDaemonScheduler",
        modules: ["dagster._core.scheduler", "dagster._core.scheduler.scheduler"],
        schema: .shape([
            "max_catchup_runs": .optional(.intSource, default: 5),
            "max_tick_retries": .optional(.intSource, default: 0),
        ]))

    /// What `storage.sqlite` becomes (`DagsterSqliteStorage`).
    public static let sqliteStorage = InstanceClass(
        name: "DagsterSqliteStorage", modules: ["dagster._core.storage.sqlite_storage"], schema: baseDirectoryOnly)

    /// What `storage.postgres` becomes (`dagster_postgres.DagsterPostgresStorage`).
    public static let postgresStorage = InstanceClass(
        name: "DagsterPostgresStorage", modules: ["dagster_postgres"], schema: InstanceConfigSchema.postgres)

    private static let baseDirectoryOnly = ConfigType.shape(["base_dir": ConfigField(.stringSource)])

    /// Other names of supported classes, accepted but not suggested.
    public static let aliases: Set<String> = [syncInMemoryRunCoordinator.name]

    /// The classes swift-dagster implements for each key that names a class. Keys listed with
    /// none (`secrets`, `defs_state_storage`, `instance_class`, `storage.custom`) only take
    /// Python classes, which swift-dagster cannot load.
    public static let supported: [String: [InstanceClass]] = [
        "local_artifact_storage": [localArtifactStorage],
        "compute_logs": [localComputeLogManager, noOpComputeLogManager],
        "run_storage": [sqliteRunStorage],
        "event_log_storage": [sqliteEventLogStorage],
        "schedule_storage": [sqliteScheduleStorage],
        "scheduler": [daemonScheduler],
        "run_coordinator": [defaultRunCoordinator, syncInMemoryRunCoordinator, queuedRunCoordinator],
        "run_launcher": [defaultRunLauncher],
        "secrets.custom": [],
        "defs_state_storage": [],
        "instance_class": [],
        "storage.custom": [],
    ]
}
