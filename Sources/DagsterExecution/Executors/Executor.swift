import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// Runs the steps of a run: takes ready steps from the run context, runs them (here, in
/// another process, on another machine), and returns when no step can make progress.
///
/// A custom executor:
/// ```swift
/// struct ReverseOrderExecutor: Executor {
///     func execute(_ run: RunContext) async throws {
///         while true {
///             let ready = run.takeReadySteps()
///             if ready.isEmpty { if run.isComplete { return }; try await run.waitForRetry(); continue }
///             for key in ready.reversed() { try await run.runStep(key) }
///         }
///     }
/// }
/// let reverse = ExecutorDefinition(name: "reverse", configField: nil, factory: ExecutorFactoryFunction { _ in ReverseOrderExecutor() })
/// ```
public protocol Executor: Sendable {
    /// Runs every step that can run.
    /// - Throws: only framework errors (storage failures); step failures are events.
    func execute(_ run: RunContext) async throws
    /// Checks, before a run is created, that the executor can run `plan` with these resources
    /// on this instance (e.g. a multiprocess executor needs a persistent instance).
    /// - Throws: `DagsterError(.invalidDefinition)` saying what is missing and how to fix it.
    func checkRequirements(
        plan: ExecutionPlan, resources: [String: ResourceDefinition], instance: DagsterInstance, jobName: String
    ) throws
    /// Whether steps run in the run's own process, which then initializes the resources and
    /// captures compute logs; an executor that runs them elsewhere does that there.
    var runsStepsInRunProcess: Bool { get }
}

extension Executor {
    /// Executors that run every step in the run's process need nothing more.
    public func checkRequirements(
        plan: ExecutionPlan, resources: [String: ResourceDefinition], instance: DagsterInstance, jobName: String
    ) throws {}

    /// Steps run in the run's process unless an executor says otherwise.
    public var runsStepsInRunProcess: Bool { true }
}

/// Makes an executor from its resolved `execution.config`.
public protocol StepExecutorFactory: ExecutorFactory {
    /// Makes the executor.
    func makeExecutor(config: JSONValue) throws -> any Executor
}

/// An executor factory from a closure.
public struct ExecutorFactoryFunction: StepExecutorFactory {
    private let make: @Sendable (JSONValue) throws -> any Executor

    /// Wraps `make`, which receives the resolved `execution.config`.
    public init(_ make: @escaping @Sendable (JSONValue) throws -> any Executor) { self.make = make }

    public func makeExecutor(config: JSONValue) throws -> any Executor { try make(config) }
}

/// Runs steps one at a time in this process, level by level, alphabetically within a level.
public struct InProcessExecutor: Executor {
    /// Creates the executor.
    public init() {}

    public func execute(_ run: RunContext) async throws {
        while true {
            try Task.checkCancellation()
            let ready = run.takeReadySteps()
            if ready.isEmpty {
                if run.isComplete { return }
                try await run.waitForRetry()
                continue
            }
            for key in ready { try await run.runStep(key) }
        }
    }
}

/// Runs up to `maxConcurrent` steps at once in this process, in a bounded task group.
public struct ConcurrentInProcessExecutor: Executor {
    /// The most steps running at once.
    public let maxConcurrent: Int

    /// Creates the executor; `maxConcurrent` below 1 counts as 1.
    public init(maxConcurrent: Int) { self.maxConcurrent = max(1, maxConcurrent) }

    /// Creates the executor from its resolved config, `{max_concurrent: Int}` (4 when absent).
    public init(config: JSONValue) { self.init(maxConcurrent: config["max_concurrent"]?.intValue ?? 4) }

    public func execute(_ run: RunContext) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            while true {
                try Task.checkCancellation()
                for key in run.takeReadySteps(limit: maxConcurrent - running) {
                    group.addTask { try await run.runStep(key) }
                    running += 1
                }
                if running == 0 {
                    if run.isComplete { return }
                    try await run.waitForRetry()
                    continue
                }
                try await group.next()
                running -= 1
            }
        }
    }
}
