import DagsterCore

/// Partitions whose keys are added and removed while Dagster runs (by sensors, the CLI or the
/// API), kept under a name in the instance (Dagster's `DynamicPartitionsDefinition`).
///
/// ```swift
/// let fruits = DynamicPartitionsDefinition(name: "fruits")
/// let keys = try fruits.partitionKeys(store: instance)
/// ```
public struct DynamicPartitionsDefinition: Sendable, Hashable, CustomStringConvertible {
    /// The name the keys are stored under.
    public let name: String

    /// Creates a definition whose keys are stored under `name`.
    public init(name: String) {
        self.name = name
    }

    /// The keys in the store; throws `DagsterError(.invariantViolation)` without a store.
    public func partitionKeys(store: (any DynamicPartitionsStore)?) throws(DagsterError) -> [String] {
        guard let store else {
            throw DagsterError(
                .invariantViolation,
                "dynamic partitions '\(name)' keep their keys in the instance: pass a DynamicPartitionsStore "
                    + "(the instance) in the PartitionLoadingContext to list them")
        }
        do {
            return try store.dynamicPartitionKeys(named: name)
        } catch {
            throw DagsterError(.storage, "could not load the keys of dynamic partitions '\(name)'", cause: error)
        }
    }

    /// `Dynamic partitions: "name"`, as Dagster prints it.
    public var description: String { "Dynamic partitions: \"\(name)\"" }
}
