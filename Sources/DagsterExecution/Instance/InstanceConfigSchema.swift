import DagsterConfig
import DagsterCore

/// The schema of `dagster.yaml`, key for key the one Dagster 1.13 checks the file against, so
/// that a mistake is reported with Dagster's words and paths (`Received unexpected config entry
/// "foo" at the root. Expected: "{ auto_materialize?: … }".`).
///
/// Keys that name a class (`run_coordinator`, `compute_logs`, …) take `module`, `class` and a
/// free-form `config`; that `config` is checked in a second step against the schema of the
/// class named (see `InstanceClass.supported`), as Dagster does when it loads the class.
///
/// ```swift
/// let errors = ConfigValidator.check(document, against: InstanceConfigSchema.root.type)
/// ```
public enum InstanceConfigSchema {
    /// The whole file: every top-level key, all optional.
    public static let root = ConfigField(.shape(topLevelFields))

    /// `{module, class, config}`: a class named by its Python module, with its own config.
    public static let configurableClass = ConfigType.shape([
        "module": ConfigField(.string, description: "The Python module the class is found in."),
        "class": ConfigField(.string, description: "The name of the class."),
        "config": ConfigField(.permissive([:]), description: "The config of the class, checked against its own schema."),
    ])

    /// `storage`: one of `postgres`, `mysql`, `sqlite` or `custom`.
    public static let storage = ConfigType.selector([
        "postgres": ConfigField(postgres),
        "mysql": ConfigField(mysql),
        "sqlite": ConfigField(.shape(["base_dir": ConfigField(.stringSource)])),
        "custom": ConfigField(configurableClass),
    ])

    /// `storage.postgres`: a URL or the parts of one, plus how to authenticate.
    public static let postgres = ConfigType.shape([
        "postgres_url": .optional(.stringSource),
        "postgres_db": .optional(.shape([
            "username": ConfigField(.stringSource),
            "password": .optional(.stringSource, default: ""),
            "hostname": ConfigField(.stringSource),
            "db_name": ConfigField(.stringSource),
            "port": .optional(.intSource, default: 5432),
            "params": .optional(.permissive([:]), default: .emptyObject),
            "scheme": .optional(.stringSource, default: "postgresql"),
        ])),
        "auth_provider": .optional(.selector([
            "azure_wif": ConfigField(.shape([
                "scope": .optional(.stringSource, default: "https://ossrdbms-aad.database.windows.net/.default")
            ])),
            "gcp_wif": ConfigField(.shape([:])),
            "aws_wif": ConfigField(.shape(["region": ConfigField(.stringSource)])),
        ])),
        "should_autocreate_tables": .optional(.bool, default: true),
    ])

    /// `storage.mysql`: a URL or the parts of one.
    public static let mysql = ConfigType.selector([
        "mysql_url": ConfigField(.stringSource),
        "mysql_db": ConfigField(.shape([
            "username": ConfigField(.stringSource),
            "password": ConfigField(.stringSource),
            "hostname": ConfigField(.stringSource),
            "db_name": ConfigField(.stringSource),
            "port": .optional(.intSource, default: 3306),
        ])),
    ])

    /// A list of limits on runs carrying a tag: `{key, value?, limit}`, where `value` is a tag
    /// value or `{applyLimitPerUniqueValue: true}`.
    public static let tagConcurrencyLimits = ConfigType.noneable(.array(.shape([
        "key": ConfigField(.string),
        "value": .optional(.scalarUnion(scalar: .string, nonScalar: .shape(["applyLimitPerUniqueValue": ConfigField(.bool)]))),
        "limit": ConfigField(.int),
    ])))

    /// The config of `QueuedRunCoordinator`, also accepted as the top-level `run_queue`.
    public static let runQueue = ConfigType.shape([
        "max_concurrent_runs": .optional(.intSource, description: "The most runs in progress at once; -1 for no limit."),
        "tag_concurrency_limits": .optional(tagConcurrencyLimits, description: "Limits on runs carrying a tag."),
        "dequeue_interval_seconds": .optional(.intSource, description: "How often the queue is looked at."),
        "dequeue_use_threads": .optional(.bool, description: "Whether dequeued runs are launched in parallel."),
        "dequeue_num_workers": .optional(.intSource, description: "How many runs are launched at once with threads."),
        "max_user_code_failure_retries": .optional(.intSource, default: 0),
        "user_code_failure_retry_delay": .optional(.intSource, default: 60),
        "block_op_concurrency_limited_runs": .optional(
            .shape([
                "enabled": .optional(.bool),
                "op_concurrency_slot_buffer": .optional(.int),
            ]), default: .emptyObject),
    ])

    /// `concurrency`: pools (op concurrency) and run limits.
    public static let concurrency = ConfigType.shape([
        "pools": .optional(.shape([
            "default_limit": .optional(.int, description: "The limit of a pool nobody configured."),
            "granularity": .optional(.string, description: "`run` or `op`."),
            "op_granularity_run_buffer": .optional(.int),
        ])),
        "runs": .optional(.shape([
            "max_concurrent_runs": .optional(.int),
            "tag_concurrency_limits": .optional(tagConcurrencyLimits),
        ])),
        "default_op_concurrency_limit": .optional(.int, description: "Superseded by `pools.default_limit`."),
    ])

    /// One instigator type under `retention`: days as a number, or per tick status.
    static let tickRetention = ConfigField.optional(.shape([
        "purge_after_days": ConfigField(.scalarUnion(scalar: .int, nonScalar: .shape([
            "skipped": .optional(.int),
            "success": .optional(.int),
            "failure": .optional(.int),
            "started": .optional(.int),
        ])))
    ]))

    /// `schedules`, `sensors` and `backfills`: how the daemon spreads its work over threads.
    static let daemonThreads = ConfigField.optional(.shape([
        "use_threads": .optional(.bool, default: false),
        "num_workers": .optional(.int),
        "num_submit_workers": .optional(.int),
    ]))

    /// A top-level key naming a class.
    static let classField = ConfigField(configurableClass, isRequired: false)

    /// Every top-level key, in Dagster's order.
    static var topLevelFields: OrderedDictionary<String, ConfigField> {
        [
            "local_artifact_storage": classField,
            "compute_logs": classField,
            "storage": .optional(storage),
            "run_queue": .optional(runQueue),
            "run_storage": classField,
            "event_log_storage": classField,
            "schedule_storage": classField,
            "scheduler": classField,
            "run_coordinator": classField,
            "run_launcher": classField,
            "telemetry": ConfigField(.shape(["enabled": .optional(.bool)])),
            "nux": ConfigField(.shape(["enabled": .optional(.bool)])),
            "instance_class": classField,
            "python_logs": .optional(.shape([
                "managed_python_loggers": .optional(.array(.string)),
                "python_log_level": .optional(.string),
                "dagster_handler_config": .optional(.shape([
                    "handlers": .optional(.permissive([:])),
                    "formatters": .optional(.permissive([:])),
                    "filters": .optional(.permissive([:])),
                ])),
            ])),
            "run_monitoring": ConfigField(.shape([
                "enabled": .optional(.bool),
                "start_timeout_seconds": .optional(.int),
                "cancel_timeout_seconds": .optional(.int),
                "max_runtime_seconds": .optional(.int),
                "max_resume_run_attempts": .optional(.int),
                "poll_interval_seconds": .optional(.int),
                "cancellation_thread_poll_interval_seconds": .optional(.int),
                "free_slots_after_run_end_seconds": .optional(.int),
            ])),
            "run_retries": ConfigField(.shape([
                "enabled": .optional(.bool, default: false),
                "max_retries": .optional(.int, default: 0),
                "retry_on_asset_or_op_failure": .optional(.bool, default: true),
            ])),
            "code_servers": .optional(.shape([
                "local_startup_timeout": .optional(.int),
                "reload_timeout": .optional(.int),
                "wait_for_local_processes_on_shutdown": .optional(.bool),
            ])),
            "secrets": .optional(.selector(["custom": ConfigField(configurableClass)])),
            "defs_state_storage": classField,
            "retention": .optional(.shape([
                "schedule": tickRetention,
                "sensor": tickRetention,
                "auto_materialize": tickRetention,
            ])),
            "backfills": daemonThreads,
            "sensors": daemonThreads,
            "schedules": daemonThreads,
            "auto_materialize": ConfigField(.shape([
                "enabled": .optional(.boolSource),
                "minimum_interval_seconds": .optional(.intSource),
                "run_tags": .optional(.permissive([:])),
                "respect_materialization_data_versions": .optional(.boolSource),
                "max_tick_retries": .optional(.intSource, default: 3),
                "use_sensors": .optional(.boolSource),
                "use_threads": .optional(.bool, default: false),
                "num_workers": .optional(.int),
            ])),
            "freshness": .optional(.shape(["enabled": ConfigField(.bool)])),
            "concurrency": ConfigField(concurrency),
        ]
    }
}
