import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Synchronization

/// Keeps outputs in memory for the life of the run: the default for ephemeral runs and tests.
public final class InMemoryIOManager: IOManager {
    private let values = Mutex<[[String]: any Sendable]>([:])

    /// An empty store.
    public init() {}

    public func handleOutput(_ context: OutputContext, _ value: any Sendable) async throws -> Metadata {
        values.withLock { $0[context.identifier] = value }
        return [:]
    }

    public func loadInput(_ context: InputContext) async throws -> any Sendable {
        guard let value = values.withLock({ $0[context.upstreamOutput.identifier] }) else {
            throw DagsterError(
                .invariantViolation,
                "the in-memory IO manager has no value for output '\(context.upstreamOutput.name)' of step "
                    + "'\(context.upstreamOutput.stepKey)'; values live only as long as the process that made them. "
                    + "Use the filesystem IO manager to share outputs across processes and runs.")
        }
        return value
    }

    /// The IO manager as a resource definition.
    public static var resource: ResourceDefinition {
        ResourceDefinition(description: "Keeps outputs in memory.", setUp: { _ in InMemoryIOManager() as any IOManager })
            .processLocal()
    }
}
