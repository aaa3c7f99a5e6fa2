import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation
import Synchronization

/// Everything the steps of one run share: the plan's state machine, config, resources, IO
/// managers, the event recorder and the instance. Executors receive it and call `runStep`.
public final class RunContext: Sendable {
    /// The run.
    public let run: DagsterRun
    /// The job (already subset to the run's op selection).
    public let job: Job
    /// The instance the run records into.
    public let instance: DagsterInstance
    /// The run config after validation, defaults applied.
    public let runConfig: ResolvedRunConfig
    /// Where the run's events go.
    public let recorder: RunEventRecorder
    let events: EventFactory
    /// The plan; immutable, so read without the lock.
    let plan: ExecutionPlan
    let execution: Mutex<ActiveExecution>
    let resources: Resources
    /// The IO managers among the resources, cast once.
    private let ioManagers: [String: any IOManager]
    /// The `ops:` section of the resolved run config, for per-step lookups.
    private let opsConfig: OrderedDictionary<String, JSONValue>
    let jobInputValues: [String: any Sendable]
    /// Outputs of steps this run does not execute, stored by earlier runs of its chain.
    let priorOutputs: [OutputRef: RunID]
    let outputCapture: Mutex<[OutputRef: any Sendable]>?
    /// The run's partitions and the context partition mappings read by.
    let partitioning: RunPartitioning
    /// The partitions the run materializes, if it is partitioned.
    var partitions: RunPartitions? { partitioning.partitions }
    /// Data versions of the assets materialized in this process during the run.
    let dataVersions = Mutex<[AssetKey: String]>([:])

    convenience init(
        run: DagsterRun, job: Job, plan: ExecutionPlan, instance: DagsterInstance, runConfig: ResolvedRunConfig,
        recorder: RunEventRecorder, resources: Resources, jobInputValues: [String: any Sendable], capturesOutputs: Bool,
        onlyHandles: Set<String>?, priorOutputs: [OutputRef: RunID] = [:], partitioning: RunPartitioning
    ) {
        self.init(
            run: run, job: job, plan: plan, instance: instance, runConfig: runConfig, recorder: recorder,
            resources: resources, jobInputValues: jobInputValues, capturesOutputs: capturesOutputs,
            execution: ActiveExecution(plan: plan, onlyHandles: onlyHandles, produced: Set(priorOutputs.keys)),
            priorOutputs: priorOutputs, partitioning: partitioning)
    }

    init(
        run: DagsterRun, job: Job, plan: ExecutionPlan, instance: DagsterInstance, runConfig: ResolvedRunConfig,
        recorder: RunEventRecorder, resources: Resources, jobInputValues: [String: any Sendable], capturesOutputs: Bool,
        execution: ActiveExecution, priorOutputs: [OutputRef: RunID], partitioning: RunPartitioning
    ) {
        self.partitioning = partitioning
        self.run = run
        self.job = job
        self.instance = instance
        self.runConfig = runConfig
        self.recorder = recorder
        self.events = EventFactory(jobName: job.name, pid: ProcessInfo.processInfo.processIdentifier)
        self.plan = plan
        self.execution = Mutex(execution)
        self.priorOutputs = priorOutputs
        self.resources = resources
        var ioManagers: [String: any IOManager] = [:]
        for key in resources.keys { if let manager = resources[key] as? any IOManager { ioManagers[key] = manager } }
        self.ioManagers = ioManagers
        self.opsConfig = runConfig.value["ops"]?.objectValue ?? [:]
        self.jobInputValues = jobInputValues
        self.outputCapture = capturesOutputs ? Mutex([:]) : nil
    }

    /// The current time in seconds since the epoch.
    var now: Double { Date().timeIntervalSince1970 }

    /// Takes up to `limit` ready steps for an executor to run, emitting `STEP_SKIPPED` for
    /// steps whose inputs were not produced.
    public func takeReadySteps(limit: Int = .max) -> [StepKey] {
        takeReadySteps(limit: limit, priority: nil) { _ in true }
    }

    /// Takes up to `limit` ready steps, highest `priority` first, that `admit` accepts (see
    /// `ActiveExecution.takeReady`), emitting `STEP_SKIPPED` for steps whose inputs were not
    /// produced.
    public func takeReadySteps(limit: Int, priority: ((PlanNode) -> Int)?, admit: (PlanNode) -> Bool) -> [StepKey] {
        let now = self.now
        let (run, skipped) = execution.withLock { $0.takeReady(limit: limit, now: now, priority: priority, admit: admit) }
        for key in skipped {
            let handle = execution.withLock { $0.node(of: key)?.handle } ?? key
            recorder.record(events.stepSkipped(key, handle: handle))
        }
        return run
    }

    /// Whether every step that can run has finished.
    public var isComplete: Bool { execution.withLock { $0.isComplete } }

    /// When the next step waiting for a retry becomes ready.
    public var nextRetryTime: Double? { execution.withLock { $0.nextRetryTime } }

    /// Waits until a retrying step is due; returns at once when none is waiting.
    public func waitForRetry() async throws {
        guard let due = nextRetryTime else { return }
        let seconds = max(0, due - now)
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
    }

    /// Writes the events recorded so far to the instance, in one batch. Called at every step
    /// boundary: a persistent instance stores each finished step's events before the step
    /// counts as finished; an ephemeral one, with nothing to make durable, takes them in
    /// batches of `ephemeralBatchSize` (and all of them at the end of the run).
    /// - Throws: the storage's error; the run cannot be recorded any further.
    public func flush() async throws {
        if instance.isEphemeral, recorder.unflushedCount < Self.ephemeralBatchSize { return }
        try await recorder.flush(to: instance)
    }

    static let ephemeralBatchSize = 512

    /// How soon events of work in progress (a step that started) reach a persistent instance.
    static let visibilityInterval = Duration.milliseconds(50)

    /// Records a run-level engine event with `metadata`.
    func recordEngineEvent(_ message: String, metadata: Metadata) {
        recorder.record(events.run(.engineEvent, message, .engine(EngineEventData(metadata: metadata))))
    }

    /// Fails a running step for a reason outside its code (its worker could not start or
    /// crashed): records `STEP_FAILURE` and marks the step failed.
    func failStep(_ key: StepKey, handle: String, error: SerializableError) {
        recorder.record(
            events.stepFailure(key, handle: handle, StepFailureData(error: error, errorSource: .frameworkError)), level: .error)
        execution.withLock { $0.complete(key, .failed) }
    }

    /// The IO manager bound under `key`.
    func ioManager(_ key: String) throws -> any IOManager {
        if let manager = ioManagers[key] { return manager }
        return try resources.get(key, as: (any IOManager).self)
    }

    /// The resolved config of the op with `handle` (`graph.op`), `.null` when it has none.
    func opConfig(forHandle handle: String) -> JSONValue {
        if !handle.contains(".") { return opsConfig[handle]?["config"] ?? .null }
        return runConfig.opConfig(forNodePath: handle.split(separator: ".").map(String.init)) ?? .null
    }
}
