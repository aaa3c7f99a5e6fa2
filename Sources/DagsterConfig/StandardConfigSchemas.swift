import DagsterCore

/// Config schemas of Dagster's built-in executors and loggers, as Dagster 1.13 defines them.
public enum StandardConfigSchemas {
    /// `retries: {enabled: {}} | {disabled: {}}`, default `{enabled: {}}`.
    public static let retries = ConfigField(
        .selector(["enabled": ConfigField(.shape([:])), "disabled": ConfigField(.shape([:]))]),
        defaultValue: ["enabled": .emptyObject],
        description: "Whether retries are enabled or not. By default, retries are enabled.")

    /// `step_dependency_config: {require_upstream_step_success: Bool = true}`, optional.
    public static let stepDependencyConfig = ConfigField(
        .shape(["require_upstream_step_success": ConfigField(.bool, defaultValue: true)]),
        isRequired: false,
        description: "Determines when steps will be executed in relation to their upstream dependencies.")

    /// The config of the `in_process` executor.
    public static let inProcessExecutor = ConfigField(
        .shape([
            "retries": retries,
            "marker_to_close": ConfigField(.string, isRequired: false, description: "[DEPRECATED]"),
            "step_dependency_config": stepDependencyConfig,
        ]),
        description: "Execute all steps in a single process.")

    /// `tag_concurrency_limits: [{key: String, value?: String | {applyLimitPerUniqueValue: Bool}, limit: Int}]`.
    public static let tagConcurrencyLimits = ConfigField(
        .array(.shape([
            "key": ConfigField(.string),
            "value": ConfigField(
                .scalarUnion(scalar: .string, nonScalar: .shape(["applyLimitPerUniqueValue": ConfigField(.bool)])),
                isRequired: false),
            "limit": ConfigField(.int),
        ])),
        isRequired: false,
        description: "A set of limits that are applied to steps with particular tags.")

    /// The config of the `multiprocess` executor.
    public static let multiprocessExecutor = ConfigField(
        .shape([
            "max_concurrent": ConfigField(
                .noneable(.int), defaultValue: .null,
                description: "The number of processes that may run concurrently."),
            "tag_concurrency_limits": tagConcurrencyLimits,
            "start_method": ConfigField(
                .selector([
                    "spawn": ConfigField(.shape([:])),
                    "forkserver": ConfigField(.shape([
                        "preload_modules": ConfigField(.array(.string), isRequired: false)
                    ])),
                ]),
                isRequired: false,
                description: "Select how subprocesses are created."),
            "retries": retries,
            "step_dependency_config": stepDependencyConfig,
        ]),
        description: "Execute each step in an individual process.")

    /// The config of Dagster's default executor, `multi_or_in_process_executor`:
    /// `{multiprocess: …} | {in_process: …}`, default `{multiprocess: {}}`.
    public static let multiOrInProcessExecutor = ConfigField(
        .selector(["multiprocess": multiprocessExecutor, "in_process": inProcessExecutor]),
        defaultValue: ["multiprocess": .emptyObject])

    /// The config of the `console` logger: `{log_level: String = "INFO", name: String = "dagster"}`.
    public static let consoleLogger = ConfigField(
        .shape([
            "log_level": ConfigField(.string, defaultValue: "INFO", isRequired: false, description: "The logger's threshold."),
            "name": ConfigField(.string, defaultValue: "dagster", isRequired: false, description: "The name of your logger."),
        ]),
        description: "The default colored console logger.")
}
