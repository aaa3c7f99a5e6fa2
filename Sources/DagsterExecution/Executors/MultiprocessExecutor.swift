import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation

/// Runs each step in a child process of the code-location binary (`api execute-step RUN_ID`),
/// up to `maxConcurrent` at once, highest `dagster/priority` first, within the tag concurrency
/// limits. Step workers store their events in the instance; this executor reads them back to
/// learn each step's outcome, so it needs a persistent instance and outputs stored where
/// other processes can read them.
public struct MultiprocessExecutor: Executor {
    /// The most step workers running at once.
    public let maxConcurrent: Int
    /// Limits on steps with given tags running at once.
    public let tagLimits: StepTagLimits
    /// The binary started as step worker.
    public let executable: URL
    /// Seconds a step worker gets to stop after SIGTERM before it is killed.
    public let graceSeconds: Double

    /// Creates the executor. `maxConcurrent` of `nil` or 0 means the environment variable
    /// `DAGSTER_MULTIPROCESS_EXECUTOR_MAX_CONCURRENT`, else the number of CPUs.
    public init(
        maxConcurrent: Int? = nil, tagLimits: StepTagLimits = StepTagLimits(config: nil),
        executable: URL = CodeLocationBinary.current, graceSeconds: Double = 10
    ) {
        let fromEnvironment = ProcessInfo.processInfo.environment["DAGSTER_MULTIPROCESS_EXECUTOR_MAX_CONCURRENT"].flatMap { Int($0) }
        let chosen = maxConcurrent.flatMap { $0 > 0 ? $0 : nil } ?? fromEnvironment ?? ProcessInfo.processInfo.activeProcessorCount
        self.maxConcurrent = max(1, chosen)
        self.tagLimits = tagLimits
        self.executable = executable
        self.graceSeconds = graceSeconds
    }

    /// Creates the executor from its resolved config (`max_concurrent`, `tag_concurrency_limits`).
    public init(config: JSONValue) {
        self.init(maxConcurrent: config["max_concurrent"]?.intValue, tagLimits: StepTagLimits(config: config["tag_concurrency_limits"]))
    }

    public var runsStepsInRunProcess: Bool { false }

    public func checkRequirements(
        plan: ExecutionPlan, resources: [String: ResourceDefinition], instance: DagsterInstance, jobName: String
    ) throws {
        if instance.isEphemeral || instance.rootDirectory == nil {
            throw DagsterError(
                .invalidDefinition,
                "You have attempted to use an executor that uses multiple processes with an ephemeral DagsterInstance. "
                    + "A non-ephemeral instance is needed to coordinate execution between multiple processes. "
                    + "Set DAGSTER_HOME to a folder (or pass DagsterInstance.open(home:)) for a persistent instance.")
        }
        let inMemory = PreparedRun.processLocalOutputs(of: plan, resources: resources)
        if !inMemory.isEmpty {
            throw DagsterError(
                .invalidDefinition,
                "You have attempted to use an executor that uses multiple processes, but job \"\(jobName)\" has op outputs "
                    + "that will not be stored somewhere where other processes can retrieve them (\(inMemory.joined(separator: ", "))). "
                    + "Bind a persistent IO manager such as FilesystemIOManager under \"io_manager\" in the job's resources.")
        }
        try tagLimits.checkLimits()
        for node in plan.nodes {
            if let priority = node.tags[StepPriority.tag], Int(priority.trimmingCharacters(in: .whitespaces)) == nil {
                throw DagsterError(
                    .invalidDefinition,
                    "op \"\(node.handle)\" has tag \(StepPriority.tag)=\"\(priority)\", which is not an integer; "
                        + "use a whole number such as \"10\" (higher runs first)")
            }
        }
    }

    public func execute(_ run: RunContext) async throws {
        let started = DispatchTime.now().uptimeNanoseconds
        let pid = run.events.pid
        let stepKeys = run.execution.withLock { $0.stepOrder }
        run.recordEngineEvent(
            "Executing steps using multiprocess executor: parent process (pid: \(pid))",
            metadata: ["pid": .int(Int(pid)), "step_keys": .text(PythonText.list(stepKeys))])
        try await run.flush()
        var reader = StepWorkerEvents(run: run, cursor: run.recorder.trackStoredIDs())
        var limits = tagLimits
        let interrupted = try await withThrowingTaskGroup(of: (StepKey, ProcessExit).self) { group in
            var running: [StepKey: [String: String]] = [:]
            var interrupted = false
            while true {
                if !interrupted, Task.isCancelled {
                    interrupted = true
                    run.recordEngineEvent(
                        "Multiprocess executor: received termination signal - forwarding to active child processes",
                        metadata: ["steps_interrupted": .text(PythonText.list(running.keys.sorted()))])
                }
                if !interrupted {
                    let ready = run.takeReadySteps(
                        limit: maxConcurrent - running.count, priority: { $0.priority },
                        admit: { limits.admit($0.tags) })
                    for key in ready {
                        let tags = run.execution.withLock { $0.node(of: key)?.tags } ?? [:]
                        if let worker = launch(key, run: run) {
                            running[key] = tags
                            group.addTask { (key, await worker.waitForExit()) }
                        } else {
                            limits.release(tags)
                        }
                    }
                    if !ready.isEmpty { try await run.flush() }
                }
                if running.isEmpty {
                    if interrupted || run.isComplete { return interrupted }
                    try await run.waitForRetry()
                    continue
                }
                guard let (key, exit) = try await group.next() else { return interrupted }
                if let tags = running.removeValue(forKey: key) { limits.release(tags) }
                try await reader.readNewEvents()
                reader.reportIfCrashed(key, exit: exit)
                try await run.flush()
            }
        }
        if interrupted {
            run.recordEngineEvent("Multiprocess executor: interrupted all active child processes", metadata: [:])
            throw CancellationError()
        }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        run.recordEngineEvent(
            "Multiprocess executor: parent process exiting after \(EventFactory.format(milliseconds: milliseconds)) (pid: \(pid))",
            metadata: ["pid": .int(Int(pid))])
    }

    /// Starts the step worker of `key`, recording `STEP_WORKER_STARTING` and `STEP_WORKER_STARTED`;
    /// a worker that cannot start fails the step.
    private func launch(_ key: StepKey, run: RunContext) -> WorkerProcess? {
        let (handoff, handle) = run.execution.withLock { state in
            (state.handoff(for: key, priorRuns: run.priorOutputs, partitions: run.partitions), state.node(of: key)?.handle ?? key)
        }
        run.recorder.record(run.events.step(.stepWorkerStarting, key, handle: handle, "Launching subprocess for \"\(key)\"."))
        do {
            guard let handoff else {
                throw DagsterError(.invariantViolation, "step \(key) is not a step of this run's plan; it cannot be handed to a step worker")
            }
            guard let home = run.instance.rootDirectory else {
                throw DagsterError(
                    .invariantViolation,
                    "step workers need the instance's home folder to open it, and this instance has none; set DAGSTER_HOME")
            }
            var environment = ProcessInfo.processInfo.environment
            environment["DAGSTER_HOME"] = home.path
            let worker = try WorkerProcess.launch(
                executable, arguments: ["api", "execute-step", run.run.runID.rawValue], environment: environment,
                input: try JSONEncoder().encode(handoff), graceSeconds: graceSeconds)
            run.recorder.record(
                run.events.step(
                    .stepWorkerStarted, key, handle: handle, "Executing step \"\(key)\" in subprocess.",
                    .engine(EngineEventData(metadata: ["pid": .int(Int(worker.pid))]))))
            return worker
        } catch {
            run.failStep(key, handle: handle, error: SerializableError(error))
            return nil
        }
    }
}
