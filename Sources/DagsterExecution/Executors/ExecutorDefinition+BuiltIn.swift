import DagsterConfig
import DagsterCore
import DagsterDefinitions

extension ExecutorDefinition {
    /// The config of `concurrent_in_process`: `{max_concurrent: Int = 4, retries: …}`.
    static let concurrentInProcessConfig = ConfigField(
        .shape([
            "max_concurrent": ConfigField(.int, defaultValue: 4, description: "The most steps running at once."),
            "retries": StandardConfigSchemas.retries,
        ]),
        description: "Execute steps concurrently in a single process.")

    /// Steps one at a time in this process (Dagster's `in_process_executor`).
    public static let inProcess = ExecutorDefinition(
        name: "in_process", configField: StandardConfigSchemas.inProcessExecutor,
        description: "Runs steps one at a time in the run's process.",
        factory: ExecutorFactoryFunction { _ in InProcessExecutor() })

    /// Several steps at once in this process, in a bounded task group.
    public static let concurrentInProcess = ExecutorDefinition(
        name: "concurrent_in_process", configField: concurrentInProcessConfig,
        description: "Runs up to max_concurrent steps at once in the run's process.",
        factory: ExecutorFactoryFunction { config in ConcurrentInProcessExecutor(config: config) })

    /// Each step in a child process of the code-location binary (Dagster's `multiprocess_executor`):
    /// `execution: config: {max_concurrent: N, tag_concurrency_limits: […]}`.
    public static let multiprocess = ExecutorDefinition(
        name: "multiprocess", configField: StandardConfigSchemas.multiprocessExecutor,
        requirements: [.reconstructableJob, .nonEphemeralInstance, .persistentOutputs],
        description: "Runs each step in its own process, up to max_concurrent at once.",
        factory: ExecutorFactoryFunction { config in MultiprocessExecutor(config: config) })

    /// The default executor, chosen in run config: `execution: config: in_process: {}` (the
    /// default), `concurrent_in_process: {max_concurrent: N}`, or `multiprocess: {…}`.
    public static let multiOrInProcess = ExecutorDefinition(
        name: "multi_or_in_process_executor",
        configField: ConfigField(
            .selector([
                "in_process": StandardConfigSchemas.inProcessExecutor,
                "concurrent_in_process": concurrentInProcessConfig,
                "multiprocess": StandardConfigSchemas.multiprocessExecutor,
            ]),
            defaultValue: ["in_process": .emptyObject]),
        description: "Runs in process by default; select concurrent_in_process or multiprocess in run config.",
        factory: ExecutorFactoryFunction { config in
            if let concurrent = config["concurrent_in_process"] { return ConcurrentInProcessExecutor(config: concurrent) }
            if let multiprocess = config["multiprocess"] { return MultiprocessExecutor(config: multiprocess) }
            return InProcessExecutor()
        })

    /// Makes the executor for a run's resolved execution config.
    func makeExecutor(config: JSONValue) throws -> any Executor {
        guard let factory = factory as? any StepExecutorFactory else {
            throw DagsterError(
                .invalidDefinition,
                "executor '\(name)' has a factory of type \(type(of: factory)), which does not conform to StepExecutorFactory")
        }
        return try factory.makeExecutor(config: config)
    }
}
