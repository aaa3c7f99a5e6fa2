import DagsterCore

/// What a hook sees: the step that finished, its outcome, and the run's resources.
public struct HookContext: Sendable {
    /// The hook's name.
    public let hookName: String
    /// The run's id.
    public let runID: RunID
    /// The job's name.
    public let jobName: String
    /// The step that finished.
    public let stepKey: StepKey
    /// The op's handle.
    public let opHandle: String
    /// The error, when the step failed.
    public let opException: SerializableError?
    /// Resources the hook required.
    public let resources: Resources
    /// The run's logger.
    public let log: DagsterLogger

    /// Creates a context.
    public init(
        hookName: String, runID: RunID, jobName: String, stepKey: StepKey, opHandle: String,
        opException: SerializableError?, resources: Resources, log: DagsterLogger
    ) {
        self.hookName = hookName
        self.runID = runID
        self.jobName = jobName
        self.stepKey = stepKey
        self.opHandle = opHandle
        self.opException = opException
        self.resources = resources
        self.log = log
    }
}

/// A hook: code that runs after a step succeeds, or after it fails.
///
/// ```swift
/// let alert = HookDefinition.failure("alert") { ctx in ctx.log.error("\(ctx.stepKey) failed") }
/// let job = Job("etl", hooks: [alert]) { … }
/// ```
public struct HookDefinition: Sendable {
    /// When the hook runs.
    public enum Trigger: String, Sendable {
        case success
        case failure
    }

    /// The hook's name.
    public let name: String
    /// When it runs.
    public let trigger: Trigger
    /// Resource keys it needs.
    public let requiredResourceKeys: Set<String>
    /// The hook body.
    public let body: @Sendable (HookContext) async throws -> Void

    /// Creates a hook.
    public init(
        name: String, trigger: Trigger, requiredResources: Set<String> = [],
        body: @escaping @Sendable (HookContext) async throws -> Void
    ) {
        self.name = name
        self.trigger = trigger
        self.requiredResourceKeys = requiredResources
        self.body = body
    }

    /// A hook that runs after a step succeeds.
    public static func success(
        _ name: String, requiredResources: Set<String> = [], _ body: @escaping @Sendable (HookContext) async throws -> Void
    ) -> HookDefinition {
        HookDefinition(name: name, trigger: .success, requiredResources: requiredResources, body: body)
    }

    /// A hook that runs after a step fails.
    public static func failure(
        _ name: String, requiredResources: Set<String> = [], _ body: @escaping @Sendable (HookContext) async throws -> Void
    ) -> HookDefinition {
        HookDefinition(name: name, trigger: .failure, requiredResources: requiredResources, body: body)
    }
}
