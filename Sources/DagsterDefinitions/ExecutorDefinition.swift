import DagsterConfig
import DagsterCore

/// What an executor needs of the run it executes.
public enum ExecutorRequirement: String, Sendable, Hashable {
    /// The job can be rebuilt in another process (always true for a swift-dagster binary).
    case reconstructableJob = "RECONSTRUCTABLE_JOB"
    /// The instance persists runs and events (not ephemeral).
    case nonEphemeralInstance = "NON_EPHEMERAL_INSTANCE"
    /// Outputs are stored where other processes can read them.
    case persistentOutputs = "PERSISTENT_OUTPUTS"
}

/// Builds the executor of a run from its resolved `execution.config`. The execution layer
/// defines what an executor is; definitions only carry the factory.
public protocol ExecutorFactory: Sendable {}

/// An executor as a job declares it: name, config schema, requirements, and its factory.
public struct ExecutorDefinition: Sendable {
    /// The executor's name (`in_process`, `multiprocess`, …).
    public let name: String
    /// The schema of `execution.config`, or `nil` for none.
    public let configField: ConfigField?
    /// What the executor needs of a run.
    public let requirements: Set<ExecutorRequirement>
    /// A human description.
    public let description: String?
    /// Makes the executor.
    public let factory: any ExecutorFactory

    /// Creates an executor definition.
    public init(
        name: String, configField: ConfigField?, requirements: Set<ExecutorRequirement> = [],
        description: String? = nil, factory: any ExecutorFactory
    ) {
        self.name = name
        self.configField = configField
        self.requirements = requirements
        self.description = description
        self.factory = factory
    }
}
