import DagsterCore

/// The settings of an instance, as `dagster.yaml` gives them (every key optional; defaults as
/// in Dagster unless noted).
public struct InstanceSettings: Sendable, Hashable {
    /// Where runs, events and schedules are stored.
    public enum Storage: Sendable, Hashable {
        /// SQLite files under `base_dir` (by default `DAGSTER_HOME/history`).
        case sqlite(baseDirectory: String?)
        /// A PostgreSQL database: `postgres_url`, or the fields of `postgres_db`.
        case postgres(PostgresSettings)
    }

    /// How to reach a PostgreSQL database.
    public struct PostgresSettings: Sendable, Hashable {
        /// A `postgresql://` URL, when given as `postgres_url`.
        public var url: String?
        /// `postgres_db` fields: username, password, hostname, db_name, port, params.
        public var username: String?
        public var password: String?
        public var hostname: String?
        public var databaseName: String?
        public var port: Int
        /// Extra connection parameters.
        public var parameters: [String: String]

        /// Creates settings.
        public init(
            url: String? = nil, username: String? = nil, password: String? = nil, hostname: String? = nil,
            databaseName: String? = nil, port: Int = 5432, parameters: [String: String] = [:]
        ) {
            self.url = url
            self.username = username
            self.password = password
            self.hostname = hostname
            self.databaseName = databaseName
            self.port = port
            self.parameters = parameters
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

    /// The limits of the queued run coordinator.
    public struct QueueSettings: Sendable, Hashable {
        /// The most runs in progress at once; `nil` for no limit.
        public var maxConcurrentRuns: Int?
        /// Limits per tag.
        public var tagConcurrencyLimits: [TagConcurrencyLimit]
        /// How often the daemon looks at the queue, in seconds.
        public var dequeueIntervalSeconds: Double

        /// Creates settings.
        public init(maxConcurrentRuns: Int? = nil, tagConcurrencyLimits: [TagConcurrencyLimit] = [], dequeueIntervalSeconds: Double = 5) {
            self.maxConcurrentRuns = maxConcurrentRuns
            self.tagConcurrencyLimits = tagConcurrencyLimits
            self.dequeueIntervalSeconds = dequeueIntervalSeconds
        }
    }

    /// How the daemon watches runs in progress.
    public struct RunMonitoring: Sendable, Hashable {
        public var enabled = true
        public var startTimeoutSeconds: Double = 180
        public var cancelTimeoutSeconds: Double = 180
        public var maxRuntimeSeconds: Double?
        public var maxResumeRunAttempts = 0
        public var pollIntervalSeconds: Double = 120

        /// The defaults.
        public init() {}
    }

    /// Automatic retries of failed runs.
    public struct RunRetries: Sendable, Hashable {
        public var enabled = false
        public var maxRetries = 0
        public var retryOnAssetOrOpFailure = true

        /// The defaults.
        public init() {}
    }

    /// Where runs and events are stored.
    public var storage: Storage = .sqlite(baseDirectory: nil)
    /// How submitted runs start. swift-dagster launches at once unless `dagster.yaml` selects
    /// the queued coordinator (Dagster queues by default; its daemon is a separate process).
    public var runCoordinator: RunCoordinator = .immediate
    /// Where compute logs go.
    public var computeLogs: ComputeLogs = .local(baseDirectory: nil)
    /// `local_artifact_storage.base_dir`; `DAGSTER_HOME` when `nil`.
    public var localArtifactDirectory: String?
    /// Run monitoring by the daemon.
    public var runMonitoring = RunMonitoring()
    /// Automatic run retries.
    public var runRetries = RunRetries()
    /// Days to keep ticks, by instigator type and tick status (`-1` keeps them forever).
    public var retentionDays: [String: [String: Int]] = [:]
    /// Whether telemetry is on (swift-dagster sends none either way).
    public var telemetryEnabled = true
    /// The `concurrency:` section as written, for pools and run limits.
    public var concurrency: JSONValue = .emptyObject
    /// Every other section of `dagster.yaml`, validated and kept as written.
    public var otherSections: [String: JSONValue] = [:]

    /// The defaults.
    public init() {}
}
