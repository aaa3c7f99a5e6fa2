import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation

/// How to execute a run in this process: the pieces `executeInProcess`, the CLI and the run
/// worker share.
public struct RunRequest: Sendable {
    /// Run config as given (merged over the job's default config).
    public var runConfig: JSONValue
    /// Op selection queries; empty runs the whole job.
    public var opSelection: [String]
    /// Tags added to the run.
    public var tags: [String: String]
    /// Values of the job's inputs.
    public var inputValues: [String: any Sendable]
    /// An executor to use instead of the job's (e.g. in-process for `executeInProcess`).
    public var executorOverride: (any Executor)?
    /// Keep output values for the result.
    public var capturesOutputs: Bool
    /// Sees every entry as it is recorded.
    public var listener: (@Sendable (EventLogEntry) -> Void)?
    /// The id of the new run; a random one when `nil`.
    public var runID: RunID?
    /// The run this one re-executes.
    public var parentRunID: RunID?
    /// The first run of the re-execution chain.
    public var rootRunID: RunID?
    /// The node handles to execute; `nil` executes every step. Outputs of the others are read
    /// from the earlier runs of the chain.
    public var stepKeysToExecute: [StepKey]?

    /// Creates a request.
    public init(
        runConfig: JSONValue = .emptyObject, opSelection: [String] = [], tags: [String: String] = [:],
        inputValues: [String: any Sendable] = [:], executorOverride: (any Executor)? = nil, capturesOutputs: Bool = true,
        listener: (@Sendable (EventLogEntry) -> Void)? = nil, runID: RunID? = nil, parentRunID: RunID? = nil,
        rootRunID: RunID? = nil, stepKeysToExecute: [StepKey]? = nil
    ) {
        self.runConfig = runConfig
        self.opSelection = opSelection
        self.tags = tags
        self.inputValues = inputValues
        self.executorOverride = executorOverride
        self.capturesOutputs = capturesOutputs
        self.listener = listener
        self.runID = runID
        self.parentRunID = parentRunID
        self.rootRunID = rootRunID
        self.stepKeysToExecute = stepKeysToExecute
    }
}

/// Creates runs and executes them in this process, recording everything through the instance.
public enum JobExecution {
    /// Validates config, creates the run, initializes resources, executes the steps with the
    /// job's executor, tears resources down and records the outcome.
    /// - Throws: `DagsterError(.invalidConfig)` listing every config error, or
    ///   `.invalidSubset` for a bad op selection, before any run is created; storage errors.
    public static func execute(_ job: Job, request: RunRequest, instance: DagsterInstance) async throws
        -> ExecuteInProcessResult
    {
        let request = try await request.applyingPartitionedConfig(of: job, instance: instance)
        let prepared = try PreparedRun(
            job: job, runConfig: request.runConfig, opSelection: request.opSelection, instance: instance,
            executorOverride: request.executorOverride)
        let (run, partitioning) = try await record(job, request: request, prepared: prepared, instance: instance)
        return try await execute(run: run, prepared: prepared, instance: instance, request: request, partitioning: partitioning)
    }

    /// Validates the request and records a new run (NOT_STARTED) with the snapshot of its job,
    /// for a run worker to execute later (`job launch`).
    /// - Throws: like `execute`, before anything is recorded.
    public static func createRun(_ job: Job, request: RunRequest, instance: DagsterInstance) async throws -> DagsterRun {
        let request = try await request.applyingPartitionedConfig(of: job, instance: instance)
        let prepared = try PreparedRun(
            job: job, runConfig: request.runConfig, opSelection: request.opSelection, instance: instance,
            executorOverride: request.executorOverride)
        return try await record(job, request: request, prepared: prepared, instance: instance).run
    }

    /// Executes a run recorded earlier (by `createRun`, or a launcher) in this process, with the
    /// run's own config, op selection and steps; `request` supplies only listener and options.
    /// - Throws: `.invariantViolation` when the run was already started or finished; config
    ///   errors when the job changed since the run was created; storage errors.
    public static func executeRun(
        _ run: DagsterRun, job: Job, instance: DagsterInstance, request: RunRequest = RunRequest()
    ) async throws -> ExecuteInProcessResult {
        guard [.notStarted, .starting, .queued].contains(run.status) else {
            throw DagsterError(
                .invariantViolation,
                "run \(run.runID) is \(run.status.rawValue); only a run that has not started can be executed")
        }
        let prepared = try PreparedRun(
            job: job, runConfig: run.runConfig, opSelection: run.opSelection ?? [], instance: instance,
            executorOverride: request.executorOverride)
        let partitioning = try await PartitionCheck.resolve(plan: prepared.plan, job: prepared.job, tags: run.tags, instance: instance)
        return try await execute(run: run, prepared: prepared, instance: instance, request: request, partitioning: partitioning)
    }

    /// Records the run (and its planned materializations), returning it with its partitioning.
    private static func record(_ job: Job, request: RunRequest, prepared: PreparedRun, instance: DagsterInstance)
        async throws -> (run: DagsterRun, partitioning: RunPartitioning)
    {
        let partitioning = try await PartitionCheck.resolve(
            plan: prepared.plan, job: job, tags: job.tags.merging(request.tags) { _, new in new }, instance: instance)
        if request.stepKeysToExecute != nil, prepared.storesOutputsInMemory {
            throw DagsterError(
                .invariantViolation,
                "Cannot perform reexecution with in-memory io managers. To enable reexecution, bind a persistent "
                    + "IO manager such as FilesystemIOManager under \"io_manager\" in the job's resources.")
        }
        var run = DagsterRun(
            runID: request.runID ?? .make(), jobName: job.name, runConfig: request.runConfig, status: .notStarted,
            tags: job.tags.merging(request.tags) { _, new in new },
            opSelection: request.opSelection.isEmpty ? nil : request.opSelection,
            stepKeysToExecute: request.stepKeysToExecute, parentRunID: request.parentRunID,
            rootRunID: request.rootRunID)
        if !instance.isEphemeral {
            // Encoded once per job and op selection; later runs reuse it.
            let snapshot = job.derivedValues.value(for: SnapshotKey(opSelection: request.opSelection)) {
                prepared.plan.snapshot(of: prepared.job).encoded()
            }
            run.jobSnapshotID = snapshot.id
            try await instance.runStorage.addJobSnapshot(snapshot)
        }
        try await instance.addRun(run)
        try await recordPlannedMaterializations(
            of: run, plan: prepared.plan, partitions: partitioning.partitions, instance: instance)
        return (run, partitioning)
    }

    /// What a job's snapshot depends on besides the job itself.
    private struct SnapshotKey: Hashable, Sendable {
        let opSelection: [String]
    }

    /// Records, before the run starts, each asset the run intends to materialize
    /// (`ASSET_MATERIALIZATION_PLANNED`, Dagster's message).
    private static func recordPlannedMaterializations(
        of run: DagsterRun, plan: ExecutionPlan, partitions: RunPartitions?, instance: DagsterInstance
    ) async throws
    {
        let executed = run.executedHandles
        let planned = plan.nodes.filter { executed?.contains($0.handle) ?? true }.flatMap { node in
            node.op.outputs.flatMap { output -> [AssetMaterializationPlannedData] in
                guard let assetKey = output.assetKey else { return [] }
                guard output.assetPartitions != nil, let partitions else { return [AssetMaterializationPlannedData(assetKey: assetKey)] }
                return partitions.keys.map { AssetMaterializationPlannedData(assetKey: assetKey, partition: $0) }
            }
        }
        guard !planned.isEmpty else { return }
        let recorder = RunEventRecorder(runID: run.runID, jobName: run.jobName)
        let events = EventFactory(jobName: run.jobName, pid: ProcessInfo.processInfo.processIdentifier)
        for data in planned {
            let key = "[" + data.assetKey.path.map { JSONValue.string($0).jsonText() }.joined(separator: ", ") + "]"
            recorder.record(
                events.run(
                    .assetMaterializationPlanned, "\(run.jobName) intends to materialize asset \(key)",
                    .assetMaterializationPlanned(data)))
        }
        try await recorder.flush(to: instance)
    }

    /// The job's resources plus a default `io_manager` when none is bound.
    static func boundResources(_ job: Job, instance: DagsterInstance) -> [String: ResourceDefinition] {
        var resources = job.resources
        if resources["io_manager"] == nil {
            if let directory = instance.storageDirectory {
                resources["io_manager"] = FilesystemIOManager.resource(defaultBaseDirectory: directory)
            } else {
                resources["io_manager"] = InMemoryIOManager.resource
            }
        }
        return resources
    }

    private static func execute(
        run: DagsterRun, prepared: PreparedRun, instance: DagsterInstance, request: RunRequest, partitioning: RunPartitioning
    ) async throws -> ExecuteInProcessResult {
        let (job, plan, definitions, config, executor) = (
            prepared.job, prepared.plan, prepared.resources, prepared.config, prepared.executor
        )
        let priorOutputs = run.parentRunID == nil ? [:] : try await PriorOutputs.load(for: run, instance: instance)
        let recorder = RunEventRecorder(runID: run.runID, jobName: job.name, listener: request.listener)
        let events = EventFactory(jobName: job.name, pid: ProcessInfo.processInfo.processIdentifier)
        let started = DispatchTime.now().uptimeNanoseconds
        recorder.record(events.run(.runStart, "Started execution of run for \"\(job.name)\"."))

        let executedHandles = run.executedHandles
        var scope: StepProcessScope?
        if executor.runsStepsInRunProcess {
            recorder.record(events.run(.engineEvent, "Executing steps in process (pid: \(events.pid))", .engine(EngineEventData(metadata: ["pid": .int(Int(events.pid))]))))
            let stepKeys = plan.nodes.filter { executedHandles?.contains($0.handle) ?? true }
                .map { $0.scope == nil ? $0.handle : "\($0.handle)[?]" }
            do {
                scope = try await StepProcessScope.open(
                    keys: prepared.requiredResourceKeys, definitions: definitions,
                    config: config, run: run, instance: instance, recorder: recorder, events: events, stepKeys: stepKeys,
                    stepKey: nil)
            } catch let failure as ResourceInitFailed {
                recorder.record(events.run(.runFailure, "Execution of run for \"\(job.name)\" failed. An exception was thrown during execution.", .engine(EngineEventData(error: failure.error))), level: .error)
                try await recorder.flush(to: instance)
                return try await result(run, instance: instance, recorder: recorder, outputs: [:], success: false)
            }
        }
        try await recorder.flush(to: instance)

        let context = RunContext(
            run: run, job: job, plan: plan, instance: instance, runConfig: config, recorder: recorder,
            resources: scope?.resources ?? Resources([:]), jobInputValues: request.inputValues,
            capturesOutputs: request.capturesOutputs, onlyHandles: executedHandles, priorOutputs: priorOutputs,
            partitioning: partitioning)
        var frameworkError: (any Error)?
        do {
            if instance.isEphemeral {
                try await executor.execute(context)
            } else {
                try await recorder.flushingPeriodically(to: instance, every: RunContext.visibilityInterval) {
                    try await executor.execute(context)
                }
            }
        } catch {
            frameworkError = error
        }
        if let scope {
            await scope.close(complete: frameworkError == nil)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
            recorder.record(events.run(.engineEvent, "Finished steps in process (pid: \(events.pid)) in \(EventFactory.format(milliseconds: milliseconds))", .engine(EngineEventData(metadata: ["pid": .int(Int(events.pid))]))))
        }
        let failedSteps = context.execution.withLock { state in state.stepOrder.filter { state.steps[$0]?.state == .failed } }
        let interrupted = frameworkError is CancellationError || Task.isCancelled
        let success = frameworkError == nil && !interrupted && failedSteps.isEmpty && context.isComplete
        if success {
            recorder.record(events.run(.runSuccess, "Finished execution of run for \"\(job.name)\"."))
        } else if interrupted {
            // Run storages complete every call even when the task is cancelled (see `RunStorage`).
            let status = try await instance.getRun(run.runID)?.status
            if status == .canceling {
                recorder.record(events.run(.runCanceled, "Execution of run for \"\(job.name)\" canceled."), level: .error)
            } else {
                recorder.record(
                    events.run(
                        .runFailure,
                        "Execution of run for \"\(job.name)\" failed. Execution was interrupted unexpectedly. "
                            + "No user initiated termination request was found, treating as failure."),
                    level: .error)
            }
        } else {
            let reason = frameworkError.map { "An exception was thrown during execution: \($0)" }
                ?? "Steps failed: \(PythonText.list(failedSteps))."
            recorder.record(
                events.run(.runFailure, "Execution of run for \"\(job.name)\" failed. \(reason)", .engine(EngineEventData(error: frameworkError.map { SerializableError($0) }))),
                level: .error)
        }
        try await recorder.flush(to: instance)
        return try await result(run, instance: instance, recorder: recorder, outputs: context.outputCapture?.withLock { $0 } ?? [:], success: success)
    }

    /// The result of a run executed here: its stored record and the entries this process recorded
    /// (entries written from outside the execution, e.g. by a run worker, are not among them).
    private static func result(
        _ run: DagsterRun, instance: DagsterInstance, recorder: RunEventRecorder, outputs: [OutputRef: any Sendable], success: Bool
    ) async throws -> ExecuteInProcessResult {
        let stored = try await instance.getRun(run.runID) ?? run
        return ExecuteInProcessResult(run: stored, success: success, allEvents: recorder.recordedEntries, outputs: outputs)
    }
}
