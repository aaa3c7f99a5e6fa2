import DagsterConfig
import DagsterCore

/// Turning a checked `dagster.yaml` into `InstanceSettings`, loading each class it names in the
/// order Dagster builds an instance.
extension InstanceConfigReader {
    /// The per-storage keys `storage` replaced; given instead of it, each names its SQLite folder.
    static let legacyStorageKeys = ["run_storage", "event_log_storage", "schedule_storage"]

    /// The sections kept as written in `InstanceSettings.otherSections`.
    static let otherSectionKeys = [
        "nux", "python_logs", "code_servers", "backfills", "sensors", "schedules", "auto_materialize", "freshness",
    ]

    /// The settings the file gives; call after the checks passed.
    func settings() throws -> InstanceSettings {
        var settings = InstanceSettings()
        if self["local_artifact_storage"] != nil {
            settings.localArtifactDirectory = try loadClass(at: "local_artifact_storage").config["base_dir"]?.stringValue
        }
        settings.storage = try storage()
        if self["scheduler"] != nil {
            let config = try loadClass(at: "scheduler").config
            settings.scheduler.maxCatchupRuns = config["max_catchup_runs"]?.intValue ?? settings.scheduler.maxCatchupRuns
            settings.scheduler.maxTickRetries = config["max_tick_retries"]?.intValue ?? settings.scheduler.maxTickRetries
        }
        if let secrets = self["secrets"], let custom = secrets["custom"] {
            try rejectPythonOnlyClass(at: "secrets.custom", block: custom)
        }
        if let block = self["defs_state_storage"] {
            try rejectPythonOnlyClass(at: "defs_state_storage", block: block)
        }
        let launcher = self["run_launcher"] != nil ? try loadClass(at: "run_launcher").instanceClass : .defaultRunLauncher
        settings.runMonitoring = runMonitoring()
        try checkResume(settings.runMonitoring, launcher: launcher)
        settings.runCoordinator = try runCoordinator()
        if self["compute_logs"] != nil {
            let (manager, config) = try loadClass(at: "compute_logs")
            let isLocal = manager.name == InstanceClass.localComputeLogManager.name
            settings.computeLogs = isLocal ? .local(baseDirectory: config["base_dir"]?.stringValue) : .noop
            settings.computeLogPollingTimeout = config["polling_timeout"]?.doubleValue ?? settings.computeLogPollingTimeout
        }
        settings.runRetries = runRetries()
        settings.retentionDays = retentionDays()
        settings.telemetryEnabled = self["telemetry"]?["enabled"]?.boolValue ?? true
        settings.concurrency = self["concurrency"] ?? .emptyObject
        for key in Self.otherSectionKeys {
            if let section = self[key] { settings.otherSections[key] = section }
        }
        return settings
    }

    /// The class a top-level key names and its resolved config.
    func loadClass(at key: String) throws -> (instanceClass: InstanceClass, config: JSONValue) {
        let block = self[key] ?? .emptyObject
        let instanceClass = try resolveClass(at: key, block: block)
        return (instanceClass, try classConfig(instanceClass, config: block["config"], at: "\(key).config"))
    }

    /// `storage`, or the legacy per-storage keys, or SQLite in `DAGSTER_HOME`.
    private func storage() throws -> InstanceSettings.Storage {
        if Self.legacyStorageKeys.contains(where: isGiven) {
            var directories = InstanceSettings.LegacySqliteDirectories()
            for key in Self.legacyStorageKeys where self[key] != nil {
                let directory = try loadClass(at: key).config["base_dir"]?.stringValue
                switch key {
                case "run_storage": directories.runs = directory
                case "event_log_storage": directories.eventLogs = directory
                default: directories.schedules = directory
                }
            }
            return .legacySqlite(directories)
        }
        guard case .object(let choice)? = self["storage"], let (kind, value) = choice.elements.first else {
            return .sqlite(baseDirectory: nil)
        }
        switch kind {
        case "sqlite":
            let config = try classConfig(.sqliteStorage, config: value, at: "storage.sqlite")
            return .sqlite(baseDirectory: config["base_dir"]?.stringValue)
        case "postgres":
            return .postgres(try postgres(value))
        case "custom":
            try rejectPythonOnlyClass(at: "storage.custom", block: value)
        default:
            throw DagsterError(
                .invalidConfig,
                "`storage.\(kind)` in \(path) is not supported by swift-dagster: Dagster loads it from the Python "
                    + "package dagster_\(kind), which swift-dagster cannot import. Use `storage.sqlite` or `storage.postgres`.")
        }
    }

    /// `storage.postgres`, checked and resolved; nothing is connected to.
    private func postgres(_ value: JSONValue) throws -> InstanceSettings.PostgresSettings {
        let config = try classConfig(.postgresStorage, config: value, at: "storage.postgres")
        let url = config["postgres_url"]?.stringValue
        let hasURL = url.map { !$0.isEmpty } ?? false
        guard hasURL != (config["postgres_db"] != nil) else {
            throw DagsterError(
                .invalidConfig,
                "postgres storage config must have exactly one of `postgres_url` or `postgres_db` "
                    + "(`storage.postgres` in \(path)).")
        }
        var settings = InstanceSettings.PostgresSettings(
            url: url, authProvider: config["auth_provider"],
            shouldAutocreateTables: config["should_autocreate_tables"]?.boolValue ?? true)
        if let database = config["postgres_db"] {
            settings.username = database["username"]?.stringValue
            settings.password = database["password"]?.stringValue
            settings.hostname = database["hostname"]?.stringValue
            settings.databaseName = database["db_name"]?.stringValue
            settings.port = database["port"]?.intValue ?? settings.port
            settings.scheme = database["scheme"]?.stringValue ?? settings.scheme
            for (name, parameter) in database["params"]?.objectValue ?? [:] {
                settings.parameters[name] = PythonText.str(parameter)
            }
        }
        return settings
    }

    private func runMonitoring() -> InstanceSettings.RunMonitoring {
        var monitoring = InstanceSettings.RunMonitoring()
        guard let section = self["run_monitoring"] else { return monitoring }
        func seconds(_ key: String) -> Double? { section[key]?.intValue.map(Double.init) }
        monitoring.enabled = section["enabled"]?.boolValue ?? monitoring.enabled
        monitoring.startTimeoutSeconds = seconds("start_timeout_seconds") ?? monitoring.startTimeoutSeconds
        monitoring.cancelTimeoutSeconds = seconds("cancel_timeout_seconds") ?? monitoring.cancelTimeoutSeconds
        monitoring.maxRuntimeSeconds = seconds("max_runtime_seconds").flatMap { $0 == 0 ? nil : $0 }
        monitoring.maxResumeRunAttempts = section["max_resume_run_attempts"]?.intValue ?? monitoring.maxResumeRunAttempts
        monitoring.pollIntervalSeconds = seconds("poll_interval_seconds") ?? monitoring.pollIntervalSeconds
        monitoring.cancellationPollIntervalSeconds =
            seconds("cancellation_thread_poll_interval_seconds") ?? monitoring.cancellationPollIntervalSeconds
        monitoring.freeSlotsAfterRunEndSeconds = seconds("free_slots_after_run_end_seconds")
        return monitoring
    }

    /// Resuming runs whose worker died needs a launcher that can resume them; swift-dagster's
    /// (like Dagster's `DefaultRunLauncher`) cannot.
    private func checkResume(_ monitoring: InstanceSettings.RunMonitoring, launcher: InstanceClass) throws {
        guard monitoring.enabled, monitoring.maxResumeRunAttempts != 0 else { return }
        throw DagsterError(
            .invalidConfig,
            "The configured run launcher (\(launcher.name)) does not support resuming runs, but "
                + "`run_monitoring.max_resume_run_attempts` is \(monitoring.maxResumeRunAttempts) in \(path). "
                + "Set max_resume_run_attempts to 0 to use run monitoring. Any runs with a failed run worker will be "
                + "marked as failed, but will not be resumed.")
    }

    private func runRetries() -> InstanceSettings.RunRetries {
        var retries = InstanceSettings.RunRetries()
        guard let section = self["run_retries"] else { return retries }
        retries.enabled = section["enabled"]?.boolValue ?? retries.enabled
        retries.maxRetries = section["max_retries"]?.intValue ?? retries.maxRetries
        retries.retryOnAssetOrOpFailure = section["retry_on_asset_or_op_failure"]?.boolValue ?? retries.retryOnAssetOrOpFailure
        return retries
    }

    /// Dagster's `get_tick_retention_settings` per instigator type: a number of days for every
    /// status, or days for some statuses over the defaults; `0` or nothing keeps the defaults.
    private func retentionDays() -> [String: [String: Int]] {
        var table = InstanceSettings.defaultRetentionDays
        for (type, defaults) in InstanceSettings.defaultRetentionDays {
            guard let days = self["retention"]?[type]?["purge_after_days"], Self.isTruthy(days) else { continue }
            switch days {
            case .int(let count): table[type] = defaults.mapValues { _ in count }
            case .object(let byStatus):
                table[type] = Dictionary(uniqueKeysWithValues: defaults.map { status, fallback in
                    (status, byStatus[status]?.intValue ?? fallback)
                })
            default: break
            }
        }
        return table
    }
}
