import Dagster
import Foundation
import Testing

/// How `dagster.yaml` becomes typed `InstanceSettings`, and the errors swift-dagster words itself.
@Suite struct InstanceConfigLoaderTests {
    static let path = "/home/dagster/dagster.yaml"

    static func parse(_ yaml: String, environment: [String: String] = [:]) throws -> InstanceSettings {
        try InstanceConfigLoader.parse(yaml, path: path, environment: environment)
    }

    /// The YAML of an oracle case, as written (`$DAGSTER_HOME` left in).
    static func oracleYAML(_ id: String) throws -> String {
        try #require(InstanceConfigOracleTests.cases.first { $0.id == id }?.yaml)
    }

    static func message(of yaml: String, environment: [String: String] = [:]) -> String {
        do {
            _ = try parse(yaml, environment: environment)
            return "(no error)"
        } catch let error as DagsterError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    // MARK: typed settings of oracle cases

    @Test func sqliteBaseDirectoryIsKeptAsWritten() throws {
        // Dagster does not expand `$DAGSTER_HOME` inside values; neither does swift-dagster.
        let settings = try Self.parse(Self.oracleYAML("storage_sqlite_base_dir"))
        #expect(settings.storage == .sqlite(baseDirectory: "$DAGSTER_HOME/sqlite_storage"))
    }

    @Test func queuedCoordinatorWithTagLimits() throws {
        let settings = try Self.parse(Self.oracleYAML("run_coordinator_queued"))
        guard case .queued(let queue) = settings.runCoordinator else {
            Issue.record("expected the queued coordinator, got \(settings.runCoordinator)")
            return
        }
        #expect(queue.maxConcurrentRuns == 5)
        #expect(queue.dequeueIntervalSeconds == 5)
        #expect(queue.tagConcurrencyLimits == [
            .init(key: "team", value: "ml", limit: 2),
            .init(key: "env", perUniqueValue: true, limit: 1),
            .init(key: "database", limit: 3),
        ])
    }

    @Test func computeLogsBaseDirectory() throws {
        let settings = try Self.parse(Self.oracleYAML("compute_logs_local"))
        #expect(settings.computeLogs == .local(baseDirectory: "$DAGSTER_HOME/my_compute_logs"))
        #expect(try Self.parse(Self.oracleYAML("compute_logs_noop")).computeLogs == .noop)
    }

    @Test func telemetryOff() throws {
        #expect(try Self.parse(Self.oracleYAML("telemetry_disabled")).telemetryEnabled == false)
        #expect(try Self.parse(Self.oracleYAML("telemetry_enabled_yes_unquoted")).telemetryEnabled == true)
    }

    @Test func baseDirectoryFromTheEnvironment() throws {
        let settings = try Self.parse(
            Self.oracleYAML("env_var_sqlite_base_dir"), environment: ["MY_SQLITE_BASE_DIR": "/data/dagster"])
        #expect(settings.storage == .sqlite(baseDirectory: "/data/dagster"))
    }

    @Test func monitoringRetriesRetentionAndScheduler() throws {
        let monitoring = try Self.parse(Self.oracleYAML("run_monitoring")).runMonitoring
        #expect(monitoring.enabled && monitoring.maxRuntimeSeconds == 3600 && monitoring.pollIntervalSeconds == 120)
        let retries = try Self.parse(Self.oracleYAML("run_retries")).runRetries
        #expect(retries.enabled && retries.maxRetries == 3 && !retries.retryOnAssetOrOpFailure)
        let retention = try Self.parse(Self.oracleYAML("retention")).retentionDays
        #expect(retention["schedule"] == ["started": 90, "skipped": 90, "success": 90, "failure": 90])
        #expect(retention["sensor"] == ["started": -1, "skipped": 7, "success": -1, "failure": 30])
        #expect(retention["auto_materialize"] == InstanceSettings.defaultRetentionDays["auto_materialize"])
        let scheduler = try Self.parse(Self.oracleYAML("scheduler_daemon")).scheduler
        #expect(scheduler.maxCatchupRuns == 3 && scheduler.maxTickRetries == 1)
    }

    @Test func artifactsLegacyStoragesAndOtherSections() throws {
        #expect(try Self.parse(Self.oracleYAML("local_artifact_storage")).localArtifactDirectory == "$DAGSTER_HOME/artifacts")
        #expect(try Self.parse(Self.oracleYAML("legacy_storages")).storage == .legacySqlite(.init(
            runs: "$DAGSTER_HOME/legacy/history", eventLogs: "$DAGSTER_HOME/legacy/history/runs",
            schedules: "$DAGSTER_HOME/legacy/schedules")))
        let other = try Self.parse(Self.oracleYAML("misc_settings")).otherSections
        #expect(Set(other.keys) == ["schedules", "sensors", "backfills", "auto_materialize", "code_servers", "nux", "python_logs", "freshness"])
        #expect(other["nux"] == .object(["enabled": false]))
    }

    // MARK: defaults and the coordinator

    @Test(arguments: ["", "# nothing\n", "{}", "~", "false", "[]", "0"])
    func emptyOrFalsyFilesAreTheDefaults(_ yaml: String) throws {
        #expect(try Self.parse(yaml) == InstanceSettings())
    }

    @Test func aLocalTempInstanceTakesItsHomeAwayWhenItGoes() async throws {
        var instance: DagsterInstance? = try DagsterInstance.localTemp()
        let home = try #require(instance?.rootDirectory)
        try await instance?.addRun(DagsterRun(jobName: "job"))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("history/dagster.db").path))
        instance = nil
        #expect(!FileManager.default.fileExists(atPath: home.path))
    }

    @Test func aHomeWithoutTheFileIsTheDefaults() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("dagster-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        #expect(try InstanceConfigLoader.load(home: home, environment: [:]) == InstanceSettings())
        let missing = home.appendingPathComponent("nope")
        #expect(throws: DagsterError.self) { try InstanceConfigLoader.load(home: missing, environment: [:]) }
    }

    @Test func runQueueAndConcurrencyRunsSelectTheQueue() throws {
        let shorthand = try Self.parse(Self.oracleYAML("run_queue_shorthand")).runCoordinator
        #expect(shorthand == .queued(.init(maxConcurrentRuns: 15, dequeueIntervalSeconds: 5)))
        let unlimited = try Self.parse("run_queue:\n  max_concurrent_runs: -1\n").runCoordinator
        #expect(unlimited == .queued(.init(maxConcurrentRuns: nil)))
        let fromConcurrency = try Self.parse("concurrency:\n  runs:\n    max_concurrent_runs: 4\n").runCoordinator
        #expect(fromConcurrency == .queued(.init(maxConcurrentRuns: 4)))
        let immediate = try Self.parse("""
            run_coordinator:
              module: dagster.core.run_coordinator
              class: DefaultRunCoordinator
            concurrency:
              runs:
                max_concurrent_runs: 4
            """).runCoordinator
        #expect(immediate == .immediate)
        #expect(try Self.parse("").runCoordinator == .immediate)
    }

    @Test func intSourcesReadTheEnvironment() throws {
        let yaml = "run_queue:\n  max_concurrent_runs:\n    env: RUN_LIMIT\n"
        #expect(try Self.parse(yaml, environment: ["RUN_LIMIT": "7"]).runCoordinator == .queued(.init(maxConcurrentRuns: 7)))
        let message = Self.message(of: yaml, environment: ["RUN_LIMIT": "seven"])
        #expect(message.hasPrefix("Errors whilst loading configuration for QueuedRunCoordinator (`run_queue` in \(Self.path))."))
        #expect(message.contains(#"Value stored in env variable "RUN_LIMIT" cannot be coerced into an int."#))
    }

    @Test(arguments: [
        ("run_coordinator", "dagster.core.run_coordinator", "QueuedRunCoordinator"),
        ("run_coordinator", "dagster._core.run_coordinator", "QueuedRunCoordinator"),
        ("run_coordinator", "dagster", "QueuedRunCoordinator"),
        ("run_coordinator", "dagster.core.run_coordinator.queued_run_coordinator", "QueuedRunCoordinator"),
        ("run_coordinator", "dagster.core.run_coordinator.sync_in_memory_run_coordinator", "SyncInMemoryRunCoordinator"),
        ("run_launcher", "dagster", "DefaultRunLauncher"),
        ("run_launcher", "dagster.core.launcher", "DefaultRunLauncher"),
        ("run_launcher", "dagster._core.launcher.default_run_launcher", "DefaultRunLauncher"),
        ("compute_logs", "dagster._core.storage.noop_compute_log_manager", "NoOpComputeLogManager"),
        ("scheduler", "dagster._core.scheduler", "DagsterDaemonScheduler"),
    ])
    func dagsterModuleSpellingsAreAccepted(_ key: String, _ module: String, _ className: String) throws {
        _ = try Self.parse("\(key):\n  module: \(module)\n  class: \(className)\n")
    }

    // MARK: errors swift-dagster words itself

    @Test func aPythonClassIsRefusedWithTheSupportedOnes() {
        let message = Self.message(of: "run_launcher:\n  module: dagster_k8s\n  class: K8sRunLauncher\n")
        #expect(message == """
            Couldn't import module dagster_k8s when attempting to load the configurable class \
            dagster_k8s.K8sRunLauncher (`run_launcher` in \(Self.path)). swift-dagster cannot import Python modules; \
            for `run_launcher` it implements DefaultRunLauncher (module: dagster).
            """)
        let wrongKind = Self.message(of: "run_launcher:\n  module: dagster.core.run_coordinator\n  class: QueuedRunCoordinator\n")
        #expect(wrongKind.hasPrefix(
            "The configurable class dagster._core.run_coordinator.QueuedRunCoordinator cannot be used for `run_launcher`"))
    }

    @Test func keysThatOnlyTakePythonClassesAreRefused() {
        let secrets = Self.message(of: "secrets:\n  custom:\n    module: my_secrets\n    class: Loader\n")
        #expect(secrets.contains("(`secrets.custom` in \(Self.path))"))
        #expect(secrets.hasSuffix("implements no class for `secrets.custom`; remove `secrets` from dagster.yaml."))
        let custom = Self.message(of: "storage:\n  custom:\n    module: my_storage\n    class: Storage\n")
        #expect(custom.contains("remove `storage` from dagster.yaml"))
        let instance = Self.message(of: "instance_class:\n  module: my_instance\n  class: Instance\n")
        #expect(instance.contains("Couldn't import module my_instance"))
    }

    @Test func mysqlIsNotSupported() {
        let message = Self.message(of: "storage:\n  mysql:\n    mysql_url: mysql://localhost/dagster\n")
        #expect(message == """
            `storage.mysql` in \(Self.path) is not supported by swift-dagster: Dagster loads it from the Python \
            package dagster_mysql, which swift-dagster cannot import. Use `storage.sqlite` or `storage.postgres`.
            """)
    }

    @Test func postgresIsReadNotConnected() throws {
        let settings = try Self.parse(
            """
            storage:
              postgres:
                postgres_db:
                  username: {env: PG_USER}
                  hostname: db.internal
                  db_name: dagster
                  port: {env: PG_PORT}
                  params: {sslmode: require, connect_timeout: 5}
            """, environment: ["PG_USER": "ops", "PG_PORT": "6543"])
        #expect(settings.storage == .postgres(.init(
            username: "ops", password: "", hostname: "db.internal", databaseName: "dagster", port: 6543,
            parameters: ["sslmode": "require", "connect_timeout": "5"])))
        let unset = Self.message(of: "storage:\n  postgres:\n    postgres_url: {env: PG_URL}\n")
        #expect(unset.hasPrefix("Errors whilst loading configuration for DagsterPostgresStorage (`storage.postgres` in \(Self.path))."))
        #expect(unset.contains(#"the environment variable "PG_URL" which is not set"#))
    }

    @Test func aSlotBufferNeedsBlocking() {
        let message = Self.message(of: """
            run_queue:
              block_op_concurrency_limited_runs:
                enabled: false
                op_concurrency_slot_buffer: 2
            """)
        #expect(message.contains("op_concurrency_slot_buffer can only be set if block_op_concurrency_limited_runs is enabled"))
        #expect(message.contains("`run_queue.block_op_concurrency_limited_runs` in \(Self.path)"))
    }
}

extension InstanceConfigLoaderTests {
    /// The schema prints exactly as the one Dagster listed for an unknown top-level key.
    @Test func schemaPrintsAsDagsters() throws {
        let message = try #require(InstanceConfigOracleTests.cases.first { $0.id == "unknown_top_level_key" }?.errorMessage)
        let printed = try #require(message.components(separatedBy: "Expected: \"").last)
        #expect(InstanceConfigSchema.root.type.typeDescription + "\"." == printed)
    }
}

extension InstanceConfigLoaderTests {
    /// For people reading the message, an error in Dagster's words that does not name the file
    /// gets its path in front; one that names it already is left as it is.
    @Test func loadNamingTheFilePutsThePathBeforeDagstersWords() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("dagster-yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = home.appendingPathComponent("dagster.yaml")
        func message(_ yaml: String) throws -> String {
            try yaml.write(to: file, atomically: false, encoding: .utf8)
            let error = try #require(throws: DagsterError.self) {
                try InstanceConfigLoader.loadNamingTheFile(home: home, environment: [:])
            }
            return error.message
        }
        let conflict = "run_queue:\n  max_concurrent_runs: 1\nrun_coordinator:\n  module: dagster.core.run_coordinator\n  class: QueuedRunCoordinator\n"
        #expect(try message(conflict) == "\(file.path): Found config for `run_queue` which is incompatible with `run_coordinator` config entry.")
        let unknownClass = "run_launcher:\n  module: dagster_k8s\n  class: K8sRunLauncher\n"
        let named = try message(unknownClass)
        #expect(named.hasPrefix("Couldn't import module dagster_k8s") && named.contains("(`run_launcher` in \(file.path))"))
        #expect(throws: DagsterError.self) {
            try InstanceConfigLoader.loadNamingTheFile(home: home.appendingPathComponent("missing"), environment: [:])
        }
    }

    /// Pool limits are checked against 1000, or `DAGSTER_MAX_GLOBAL_OP_CONCURRENCY_LIMIT`.
    @Test func poolLimitMaximumFollowsTheEnvironment() throws {
        let yaml = "concurrency:\n  pools:\n    default_limit: 2000\n"
        #expect(Self.message(of: yaml) == "Found value `2000` for `pools > default_limit`, Expected value between 0-1000.")
        let settings = try Self.parse(yaml, environment: ["DAGSTER_MAX_GLOBAL_OP_CONCURRENCY_LIMIT": "5000"])
        #expect(settings.concurrency == .object(["pools": .object(["default_limit": 2000])]))
    }
}
