import DagsterCore

/// The settings of an instance, as `dagster.yaml` gives them (every key optional; defaults as
/// in Dagster unless noted).
public struct InstanceSettings: Sendable, Hashable {
    /// Where runs, events and schedules are stored.
    public enum Storage: Sendable, Hashable {
        /// `storage.sqlite`: the SQLite database `history/dagster.db` under `base_dir`, one file for
        /// runs, events and schedules (where Dagster keeps `history/runs.db`, `history/runs/` and
        /// `schedules/`); `nil` for `DAGSTER_HOME`.
        case sqlite(baseDirectory: String?)
        /// `storage.postgres`: a PostgreSQL database, `postgres_url` or the fields of `postgres_db`.
        case postgres(PostgresSettings)
        /// The legacy `run_storage`, `event_log_storage` and `schedule_storage` keys, each naming
        /// its own SQLite folder.
        case legacySqlite(LegacySqliteDirectories)
    }

    /// The folders of the legacy per-storage keys; a `nil` folder is Dagster's default for it
    /// (`DAGSTER_HOME/history/`, `DAGSTER_HOME/history/runs/`, `DAGSTER_HOME/schedules`).
    /// swift-dagster keeps its one database, `dagster.db`, in the runs folder.
    public struct LegacySqliteDirectories: Sendable, Hashable {
        /// `run_storage.config.base_dir` (`SqliteRunStorage`).
        public var runs: String?
        /// `event_log_storage.config.base_dir` (`SqliteEventLogStorage`).
        public var eventLogs: String?
        /// `schedule_storage.config.base_dir` (`SqliteScheduleStorage`).
        public var schedules: String?

        /// Creates the folders.
        public init(runs: String? = nil, eventLogs: String? = nil, schedules: String? = nil) {
            self.runs = runs
            self.eventLogs = eventLogs
            self.schedules = schedules
        }
    }

    /// How to reach a PostgreSQL database.
    public struct PostgresSettings: Sendable, Hashable {
        /// A `postgresql://` URL, when given as `postgres_url`.
        public var url: String?
        /// `postgres_db.username`.
        public var username: String?
        /// `postgres_db.password` (empty by default).
        public var password: String?
        /// `postgres_db.hostname`.
        public var hostname: String?
        /// `postgres_db.db_name`.
        public var databaseName: String?
        /// `postgres_db.port`.
        public var port: Int
        /// `postgres_db.params`: extra connection parameters.
        public var parameters: [String: String]
        /// `postgres_db.scheme`, the URL scheme (`postgresql` by default).
        public var scheme: String
        /// `auth_provider`, as written (`{azure_wif: …}`, `{gcp_wif: {}}`, `{aws_wif: …}`), if given.
        public var authProvider: JSONValue?
        /// `should_autocreate_tables`.
        public var shouldAutocreateTables: Bool

        /// Creates settings.
        public init(
            url: String? = nil, username: String? = nil, password: String? = nil, hostname: String? = nil,
            databaseName: String? = nil, port: Int = 5432, parameters: [String: String] = [:],
            scheme: String = "postgresql", authProvider: JSONValue? = nil, shouldAutocreateTables: Bool = true
        ) {
            self.url = url
            self.username = username
            self.password = password
            self.hostname = hostname
            self.databaseName = databaseName
            self.port = port
            self.parameters = parameters
            self.scheme = scheme
            self.authProvider = authProvider
            self.shouldAutocreateTables = shouldAutocreateTables
        }
    }

    /// Where stdout and stderr of steps go.
    public enum ComputeLogs: Sendable, Hashable {
        /// Files under `base_dir` (by default `DAGSTER_HOME/storage`).
        case local(baseDirectory: String?)
        /// Not captured.
        case noop
    }

    /// A limit on runs (or steps) carrying a tag.
    public struct TagConcurrencyLimit: Sendable, Hashable {
        /// The tag key.
        public var key: String
        /// The tag value; `nil` limits every value together.
        public var value: String?
        /// Whether each distinct value gets its own limit (`value: {applyLimitPerUniqueValue: true}`).
        public var perUniqueValue: Bool
        /// The most runs (or steps) at once.
        public var limit: Int

        /// Creates a limit.
        public init(key: String, value: String? = nil, perUniqueValue: Bool = false, limit: Int) {
            self.key = key
            self.value = value
            self.perUniqueValue = perUniqueValue
            self.limit = limit
        }
    }

    /// How submitted runs are started.
    public enum RunCoordinator: Sendable, Hashable {
        /// Launch at once (`DefaultRunCoordinator`).
        case immediate
        /// Queue them for the daemon, which starts them within the limits (`QueuedRunCoordinator`).
        case queued(QueueSettings)
    }

    /// The limits of the queued run coordinator (`QueuedRunCoordinator`'s config, `run_queue`,
    /// and `concurrency.runs`).
    public struct QueueSettings: Sendable, Hashable {
        /// The most runs in progress at once (10 unless configured); `nil` for no limit
        /// (`max_concurrent_runs: -1`).
        public var maxConcurrentRuns: Int?
        /// Limits per tag.
        public var tagConcurrencyLimits: [TagConcurrencyLimit]
        /// How often the daemon looks at the queue, in seconds.
        public var dequeueIntervalSeconds: Double
        /// `dequeue_use_threads`: whether dequeued runs are launched in parallel.
        public var dequeueUseThreads = false
        /// `dequeue_num_workers`: how many launches at once when `dequeueUseThreads` is on.
        public var dequeueNumWorkers: Int?
        /// `max_user_code_failure_retries`: retries of a dequeue that cannot reach the code server.
        public var maxUserCodeFailureRetries = 0
        /// `user_code_failure_retry_delay`, in seconds.
        public var userCodeFailureRetryDelaySeconds = 60
        /// `block_op_concurrency_limited_runs.enabled`: hold back runs whose steps would all wait for pool slots.
        public var blockOpConcurrencyLimitedRuns = true
        /// `block_op_concurrency_limited_runs.op_concurrency_slot_buffer` (or
        /// `concurrency.pools.op_granularity_run_buffer`).
        public var opConcurrencySlotBuffer = 0

        /// Creates settings.
        public init(maxConcurrentRuns: Int? = 10, tagConcurrencyLimits: [TagConcurrencyLimit] = [], dequeueIntervalSeconds: Double = 5) {
            self.maxConcurrentRuns = maxConcurrentRuns
            self.tagConcurrencyLimits = tagConcurrencyLimits
            self.dequeueIntervalSeconds = dequeueIntervalSeconds
        }
    }

    /// The settings of the daemon's scheduler (`DagsterDaemonScheduler`).
    public struct SchedulerSettings: Sendable, Hashable {
        /// `max_catchup_runs`: how many missed partitions of a partitioned schedule are caught up.
        public var maxCatchupRuns = 5
        /// `max_tick_retries`: how many times a failing schedule tick is retried.
        public var maxTickRetries = 0

        /// The defaults.
        public init() {}
    }

    /// How the daemon watches runs in progress (`run_monitoring`; off unless enabled, as in Dagster).
    public struct RunMonitoring: Sendable, Hashable {
        /// `enabled`.
        public var enabled = false
        /// `start_timeout_seconds`: how long a run may take to start.
        public var startTimeoutSeconds: Double = 180
        /// `cancel_timeout_seconds`: how long a run may take to stop once canceled.
        public var cancelTimeoutSeconds: Double = 180
        /// `max_runtime_seconds`; `nil` (Dagster's 0) for no limit.
        public var maxRuntimeSeconds: Double?
        /// `max_resume_run_attempts`: how often a run whose worker died is resumed.
        public var maxResumeRunAttempts = 0
        /// `poll_interval_seconds`.
        public var pollIntervalSeconds: Double = 120
        /// `cancellation_thread_poll_interval_seconds`.
        public var cancellationPollIntervalSeconds: Double = 10
        /// `free_slots_after_run_end_seconds`: when pool slots left by finished runs are freed, if set.
        public var freeSlotsAfterRunEndSeconds: Double?

        /// The defaults.
        public init() {}
    }

    /// Automatic retries of failed runs (`run_retries`).
    public struct RunRetries: Sendable, Hashable {
        /// `enabled`.
        public var enabled = false
        /// `max_retries`.
        public var maxRetries = 0
        /// `retry_on_asset_or_op_failure`: whether failures of ops or assets (not only of the run
        /// worker) are retried.
        public var retryOnAssetOrOpFailure = true

        /// The defaults.
        public init() {}
    }

    /// Where runs and events are stored.
    public var storage: Storage = .sqlite(baseDirectory: nil)
    /// How submitted runs start. swift-dagster launches at once unless `dagster.yaml` asks for
    /// the queue (`run_queue`, `QueuedRunCoordinator`, or run limits under `concurrency.runs`);
    /// Dagster queues by default, and its daemon is a separate process.
    public var runCoordinator: RunCoordinator = .immediate
    /// Where compute logs go.
    public var computeLogs: ComputeLogs = .local(baseDirectory: nil)
    /// `LocalComputeLogManager`'s `polling_timeout`, in seconds.
    public var computeLogPollingTimeout: Double = 2.5
    /// The daemon's scheduler.
    public var scheduler = SchedulerSettings()
    /// `local_artifact_storage.base_dir`; `DAGSTER_HOME` when `nil`.
    public var localArtifactDirectory: String?
    /// Run monitoring by the daemon.
    public var runMonitoring = RunMonitoring()
    /// Automatic run retries.
    public var runRetries = RunRetries()
    /// Days to keep ticks, by instigator type (`schedule`, `sensor`, `auto_materialize`) and
    /// tick status (`started`, `skipped`, `success`, `failure`); `-1` keeps them forever.
    /// Dagster's defaults: forever, except skipped sensor and auto-materialize ticks (7 days).
    public var retentionDays: [String: [String: Int]] = InstanceSettings.defaultRetentionDays
    /// Whether telemetry is on (swift-dagster sends none either way).
    public var telemetryEnabled = true
    /// The `concurrency:` section as written, for pools and run limits.
    public var concurrency: JSONValue = .emptyObject
    /// Every other section of `dagster.yaml`, validated and kept as written.
    public var otherSections: [String: JSONValue] = [:]

    /// The defaults.
    public init() {}

    /// Dagster's tick retention when `retention` does not say otherwise.
    public static let defaultRetentionDays: [String: [String: Int]] = [
        "schedule": ["started": -1, "skipped": -1, "success": -1, "failure": -1],
        "sensor": ["started": -1, "skipped": 7, "success": -1, "failure": -1],
        "auto_materialize": ["started": -1, "skipped": 7, "success": -1, "failure": -1],
    ]
}
