import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// A run's job (subset to its op selection), plan, resources, resolved config and executor:
/// everything validated before a run is created or executed.
struct PreparedRun: Sendable {
    let job: Job
    let plan: ExecutionPlan
    let resources: [String: ResourceDefinition]
    /// The resources the plan's steps need, in initialization order.
    let requiredResourceKeys: [String]
    let config: ResolvedRunConfig
    let executor: any Executor

    /// Validates `runConfig` (merged over the job's default config) and the op selection, and
    /// makes the executor the config selects, checking what it requires of the instance.
    /// - Throws: `DagsterError(.invalidConfig)` listing every config error, `.invalidSubset`
    ///   for a bad op selection, or the executor's requirement error.
    init(
        job: Job, runConfig: JSONValue, opSelection: [String], instance: DagsterInstance,
        executorOverride: (any Executor)?
    ) throws {
        let subset = try job.subset(opSelection: opSelection)
        let resources = JobExecution.boundResources(subset, instance: instance)
        let merged = (job.defaultRunConfig ?? .emptyObject).deepMerged(with: runConfig)
        let plan = try ExecutionPlan(job: subset)
        let requiredKeys = ResourceInitializer.requiredKeys(for: plan, definitions: resources)
        let resolved = try subset.runConfigSchema(resources: resources, requiredResourceKeys: Set(requiredKeys))
            .resolve(runConfig: merged)
        let executor = try executorOverride
            ?? subset.effectiveExecutor.makeExecutor(config: resolved.executionConfig ?? .null)
        try executor.checkRequirements(plan: plan, resources: resources, instance: instance, jobName: job.name)
        self.job = subset
        self.plan = plan
        self.resources = resources
        self.requiredResourceKeys = requiredKeys
        self.config = resolved
        self.executor = executor
    }

    /// Whether outputs of this run's steps live only in this process's memory.
    var storesOutputsInMemory: Bool { !Self.processLocalOutputs(of: plan, resources: resources).isEmpty }

    /// The outputs (`node.output`) of `plan` whose IO manager keeps them in this process's memory.
    static func processLocalOutputs(of plan: ExecutionPlan, resources: [String: ResourceDefinition]) -> [String] {
        plan.nodes.flatMap { node in
            node.op.outputs.filter { resources[$0.ioManagerKey]?.isProcessLocal ?? false }.map { "\(node.handle).\($0.name)" }
        }
    }
}
