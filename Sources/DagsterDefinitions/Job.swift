import DagsterConfig
import DagsterCore

/// A job: a graph of ops bound to resources, default config, tags, hooks and an executor;
/// the unit that runs.
///
/// ```swift
/// let etl = Job("etl", resources: ["warehouse": warehouse], tags: ["team": "data"]) {
///     total(clean(fetch()))
/// }
/// ```
public struct Job: Sendable {
    /// The job's name.
    public let name: String
    /// A human description.
    public let description: String?
    /// The root graph.
    public let graph: GraphDefinition
    /// Resources by key (Definitions' resources are added where the job has none).
    public let resources: [String: ResourceDefinition]
    /// Run config used when a run gives none.
    public let defaultRunConfig: JSONValue?
    /// Tags every run of the job gets.
    public let tags: [String: String]
    /// Metadata shown with the job.
    public let metadata: Metadata
    /// Hooks applied to every op.
    public let hooks: [HookDefinition]
    /// The executor; `nil` uses the default (in-process / multiprocess by run config).
    public let executor: ExecutorDefinition?
    /// The retry policy of ops that have none.
    public let opRetryPolicy: RetryPolicy?
    /// The op selection that produced this subset job, if it is one.
    public let opSelection: [String]?
    /// The job's partitions and each one's run config, for a partitioned op job.
    public let partitionedConfig: PartitionedConfig?
    /// Values the engine derives from this job (run-config schemas); every derived job gets its own.
    public let derivedValues = DerivedValueCache()

    /// Declares a job whose body invokes ops and graphs.
    public init(
        _ name: String, description: String? = nil, resources: [String: ResourceDefinition] = [:],
        config: JSONValue? = nil, tags: [String: String] = [:], metadata: Metadata = [:],
        hooks: [HookDefinition] = [], executor: ExecutorDefinition? = nil, opRetryPolicy: RetryPolicy? = nil,
        partitionedConfig: PartitionedConfig? = nil, _ body: () -> Void
    ) {
        self.init(
            name: name, description: description,
            graph: GraphDefinition.recording(name: name, description: description, body), resources: resources,
            defaultRunConfig: config, tags: tags, metadata: metadata, hooks: hooks, executor: executor,
            opRetryPolicy: opRetryPolicy, opSelection: nil, partitionedConfig: partitionedConfig)
    }

    /// A job that runs a graph; the graph's inputs become job inputs, given by `inputValues`
    /// or run config `inputs:`.
    public init<each In: Sendable, Out: Sendable>(
        graph: Graph<repeat each In, Out>, name: String? = nil, description: String? = nil,
        resources: [String: ResourceDefinition] = [:], config: JSONValue? = nil, tags: [String: String] = [:],
        metadata: Metadata = [:], hooks: [HookDefinition] = [], executor: ExecutorDefinition? = nil,
        opRetryPolicy: RetryPolicy? = nil, partitionedConfig: PartitionedConfig? = nil
    ) {
        self.init(
            name: name ?? graph.definition.name, description: description ?? graph.definition.description,
            graph: graph.definition, resources: resources, defaultRunConfig: config, tags: tags, metadata: metadata,
            hooks: hooks, executor: executor, opRetryPolicy: opRetryPolicy, opSelection: nil,
            partitionedConfig: partitionedConfig)
    }

    /// The memberwise form, for the engine and for derived jobs.
    public init(
        name: String, description: String?, graph: GraphDefinition, resources: [String: ResourceDefinition],
        defaultRunConfig: JSONValue?, tags: [String: String], metadata: Metadata, hooks: [HookDefinition],
        executor: ExecutorDefinition?, opRetryPolicy: RetryPolicy?, opSelection: [String]?,
        partitionedConfig: PartitionedConfig? = nil
    ) {
        self.partitionedConfig = partitionedConfig
        self.name = name
        self.description = description
        self.graph = graph
        self.resources = resources
        self.defaultRunConfig = defaultRunConfig
        self.tags = tags
        self.metadata = metadata
        self.hooks = hooks
        self.executor = executor
        self.opRetryPolicy = opRetryPolicy
        self.opSelection = opSelection
    }

    /// A copy with some fields replaced.
    func with(
        graph: GraphDefinition? = nil, resources: [String: ResourceDefinition]? = nil,
        executor: ExecutorDefinition?? = nil, opSelection: [String]?? = nil
    ) -> Job {
        Job(
            name: name, description: description, graph: graph ?? self.graph, resources: resources ?? self.resources,
            defaultRunConfig: defaultRunConfig, tags: tags, metadata: metadata, hooks: hooks,
            executor: executor ?? self.executor, opRetryPolicy: opRetryPolicy,
            opSelection: opSelection ?? self.opSelection, partitionedConfig: partitionedConfig)
    }
}
