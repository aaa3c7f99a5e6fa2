import DagsterCore

/// A context that knows the partitions its run materializes (`OpContext`, `AssetContext`), with
/// Dagster's ways of reading them.
public protocol PartitionAccess {
    /// The partitions the run materializes; `nil` when it is not partitioned.
    var partitions: RunPartitions? { get }
}

extension PartitionAccess {
    /// The partition being materialized, in a run of one partition; `nil` for a range of
    /// partitions (read `partitionKeyRange` or `partitionKeys`) or an unpartitioned run.
    public var partitionKey: String? { partitions?.key }

    /// The partition being materialized, for code that cannot work without one.
    /// - Throws: Dagster's `DagsterInvariantViolationError` in a run that names no partition,
    ///   or a range of them.
    public func requirePartitionKey() throws -> String {
        guard let partitionKey else {
            throw DagsterError(
                .invariantViolation,
                partitions?.range == nil
                    ? "Cannot access partition_key for a non-partitioned run"
                    : "Cannot access partition_key for a partitioned run with a range of partitions. Call partitionKeyRange instead.")
        }
        return partitionKey
    }

    /// The range of partitions being materialized (start and end alike for one partition).
    public var partitionKeyRange: PartitionKeyRange? { partitions?.keyRange }

    /// Every partition being materialized, in partition order.
    public var partitionKeys: [String] { partitions?.keys ?? [] }
}
