import DagsterCore

/// The partitions of an op job and the run config of each (Dagster's `PartitionedConfig`): a
/// run of the job for partition `K` (the run tag `dagster/partition`) gets the run config the
/// function gives for `K`, and its ops see `context.partitionKey`.
///
/// ```swift
/// let daily = try PartitionsDefinition.daily(startDate: "2024-01-01")
/// let load = Job("load", partitionedConfig: .timeWindow(daily) { window in
///     ["ops": ["fetch": ["config": ["day": .string(ISO8601DateFormatter().string(from: window.start))]]]]
/// }) { store(fetch()) }
/// try await load.executeInProcess(partitionKey: "2024-01-02")
/// ```
public struct PartitionedConfig: Sendable {
    /// The job's partitions.
    public let partitions: PartitionsDefinition
    private let runConfigForPartition: @Sendable (String) throws -> JSONValue

    /// Partitioned config computing each partition's run config from its key.
    public init(partitions: PartitionsDefinition, runConfig: @escaping @Sendable (_ partitionKey: String) throws -> JSONValue) {
        self.partitions = partitions
        self.runConfigForPartition = runConfig
    }

    /// Partitioned config of time-window partitions, computing each partition's run config from
    /// its time window (Dagster's `daily_partitioned_config` and the like).
    /// - Throws: `DagsterError(.invalidDefinition)` when `partitions` is not time-windowed.
    public static func timeWindow(
        _ partitions: PartitionsDefinition, runConfig: @escaping @Sendable (TimeWindow) throws -> JSONValue
    ) throws -> PartitionedConfig {
        guard case .timeWindow(let definition) = partitions else {
            throw DagsterError(.invalidDefinition, "time-window partitioned config needs time-window partitions, not \(partitions)")
        }
        return PartitionedConfig(partitions: partitions) { key in try runConfig(try definition.timeWindow(forPartitionKey: key)) }
    }

    /// The run config of the partition `key`.
    /// - Throws: the function's error, naming the partition.
    public func runConfig(forPartition key: String) throws -> JSONValue {
        do {
            return try runConfigForPartition(key)
        } catch {
            throw DagsterError(.invalidConfig, "the run config of partition '\(key)' could not be computed: \(error)")
        }
    }
}
