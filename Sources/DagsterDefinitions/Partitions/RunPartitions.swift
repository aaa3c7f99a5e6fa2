/// The partitions a run of partitioned assets materializes: one partition (the run's
/// `dagster/partition` tag), or a range of them in a single run (the tags
/// `dagster/asset_partition_range_start` and `_end`), with the range's keys.
public struct RunPartitions: Sendable, Hashable, Codable {
    /// The tag naming the first partition of a range run.
    public static let rangeStartTag = "dagster/asset_partition_range_start"
    /// The tag naming the last partition of a range run.
    public static let rangeEndTag = "dagster/asset_partition_range_end"

    /// The partition keys, in partition order (one for a single-partition run).
    public let keys: [String]
    /// The range the run was asked for; `nil` for a single-partition run.
    public let range: PartitionKeyRange?

    /// One partition.
    public init(key: String) {
        keys = [key]
        range = nil
    }

    /// A range and its keys.
    public init(range: PartitionKeyRange, keys: [String]) {
        self.keys = keys
        self.range = range
    }

    /// The single partition of a single-partition run.
    public var key: String? { range == nil ? keys.first : nil }

    /// The range the run covers: its own, or the single key's (start and end alike).
    public var keyRange: PartitionKeyRange? { range ?? keys.first.map { PartitionKeyRange(start: $0, end: $0) } }

    /// The run tags naming a range.
    public static func rangeTags(_ range: PartitionKeyRange) -> [String: String] {
        [rangeStartTag: range.start, rangeEndTag: range.end]
    }
}
