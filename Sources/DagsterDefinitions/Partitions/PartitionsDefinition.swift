import DagsterConfig
import DagsterCore
import Foundation

/// How an asset or job is partitioned: a fixed list of keys, time windows, keys kept in the
/// instance, or the product of two of those.
///
/// ```swift
/// let daily: PartitionsDefinition = try .daily(startDate: "2024-01-01")
/// let keys = try daily.partitionKeys(context: PartitionLoadingContext(currentTime: Date()))
/// ```
public enum PartitionsDefinition: Sendable, Hashable {
    /// A fixed list of keys.
    case `static`(StaticPartitionsDefinition)
    /// Windows between the ticks of a cron schedule.
    case timeWindow(TimeWindowPartitionsDefinition)
    /// Keys added and removed at run time, kept in the instance.
    case dynamic(DynamicPartitionsDefinition)
    /// The product of two partitions definitions.
    case multi(MultiPartitionsDefinition)

    /// The partition keys, in order, as of the context.
    public func partitionKeys(context: PartitionLoadingContext = PartitionLoadingContext()) throws(DagsterError)
        -> [String]
    {
        switch self {
        case .static(let definition): return definition.partitionKeys
        case .timeWindow(let definition): return definition.partitionKeys(currentTime: context.currentTime)
        case .dynamic(let definition): return try definition.partitionKeys(store: context.dynamicPartitionsStore)
        case .multi(let definition): return try definition.partitionKeys(context: context).map(\.description)
        }
    }

    /// How many partitions there are as of the context.
    public func partitionCount(context: PartitionLoadingContext = PartitionLoadingContext()) throws(DagsterError) -> Int {
        if case .timeWindow(let definition) = self { return definition.partitionCount(currentTime: context.currentTime) }
        return try partitionKeys(context: context).count
    }

    /// The first key as of the context, if any.
    public func firstPartitionKey(context: PartitionLoadingContext = PartitionLoadingContext()) throws(DagsterError)
        -> String?
    {
        if case .timeWindow(let definition) = self { return definition.firstPartitionKey(currentTime: context.currentTime) }
        return try partitionKeys(context: context).first
    }

    /// The last key as of the context, if any.
    public func lastPartitionKey(context: PartitionLoadingContext = PartitionLoadingContext()) throws(DagsterError)
        -> String?
    {
        if case .timeWindow(let definition) = self { return definition.lastPartitionKey(currentTime: context.currentTime) }
        return try partitionKeys(context: context).last
    }

    /// Whether `key` is a partition as of the context.
    public func hasPartitionKey(_ key: String, context: PartitionLoadingContext = PartitionLoadingContext()) -> Bool {
        (try? validatePartitionKey(key, context: context)) != nil
    }

    /// Throws `DagsterError(.unknownPartition)` saying why `key` is not a partition as of the context (or
    /// the error that kept the keys from loading).
    public func validatePartitionKey(_ key: String, context: PartitionLoadingContext = PartitionLoadingContext())
        throws(DagsterError)
    {
        switch self {
        case .timeWindow(let definition):
            try definition.validatePartitionKey(key, currentTime: context.currentTime)
        case .multi(let definition):
            try definition.validatePartitionKey(key, context: context)
        case .static(let definition):
            guard definition.hasPartitionKey(key) else {
                throw DagsterError(.unknownPartition, "partition key '\(key)' is not in the \(self)")
            }
        case .dynamic(let definition):
            let keys = try definition.partitionKeys(store: context.dynamicPartitionsStore)
            guard keys.contains(key) else {
                throw DagsterError(
                    .unknownPartition,
                    "partition key '\(key)' is not in the \(self), whose keys are \(Self.keySample(keys)); add it to the "
                        + "instance first (DagsterInstance.addDynamicPartitions)")
            }
        }
    }

    /// The keys from `range.start` through `range.end`, in partition order. Throws
    /// `DagsterError(.unknownPartition)` when an end of the range is not a partition.
    public func partitionKeys(in range: PartitionKeyRange, context: PartitionLoadingContext = PartitionLoadingContext())
        throws(DagsterError) -> [String]
    {
        switch self {
        case .timeWindow(let definition):
            return try definition.partitionKeys(in: range)
        case .multi(let definition):
            return try definition.partitionKeys(in: range, context: context).map(\.description)
        case .static, .dynamic:
            let keys = try partitionKeys(context: context)
            guard let first = keys.firstIndex(of: range.start), let last = keys.firstIndex(of: range.end) else {
                let missing = Set([range.start, range.end]).filter { !keys.contains($0) }
                let names = PythonText.list(missing.sorted(by: codePointOrder))
                throw DagsterError(.unknownPartition, "partition range \(range) is not valid: \(names) not in the \(self)")
            }
            return first <= last ? Array(keys[first...last]) : []
        }
    }

    /// How many keys ``keySample(_:)`` shows.
    private static let keySampleSize = 5

    /// The keys as Python prints a list, cut after the first few for messages:
    /// `['a', 'b']`, or `['k1', 'k2', 'k3', 'k4', 'k5', …] (100 keys)`.
    static func keySample(_ keys: [String]) -> String {
        guard keys.count > keySampleSize else { return PythonText.list(keys) }
        return PythonText.list(Array(keys.prefix(keySampleSize))).dropLast() + ", …] (\(keys.count) keys)"
    }
}

extension PartitionsDefinition: CustomStringConvertible {
    /// What kind of partitions these are, for messages: the kind and its name or a sample of its
    /// keys (``keySample(_:)``), never every key.
    public var description: String {
        switch self {
        case .static(let definition): return "static partitions \(Self.keySample(definition.partitionKeys))"
        case .timeWindow(let definition): return "time-window partitions (\(definition))"
        case .dynamic(let definition): return "dynamic partitions '\(definition.name)'"
        case .multi(let definition): return "multi-partitions (\(definition.dimensionNames.joined(separator: ", ")))"
        }
    }
}

extension PartitionsDefinition {
    /// Hourly time-window partitions; see ``TimeWindowPartitionsDefinition/hourly(startDate:endDate:minuteOffset:timezone:fmt:endOffset:)``.
    public static func hourly(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, timezone: String = "UTC",
        fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        .timeWindow(
            try .hourly(
                startDate: startDate, endDate: endDate, minuteOffset: minuteOffset, timezone: timezone, fmt: fmt,
                endOffset: endOffset))
    }

    /// Daily time-window partitions; see ``TimeWindowPartitionsDefinition/daily(startDate:endDate:minuteOffset:hourOffset:timezone:fmt:endOffset:)``.
    public static func daily(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, hourOffset: Int = 0,
        timezone: String = "UTC", fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        .timeWindow(
            try .daily(
                startDate: startDate, endDate: endDate, minuteOffset: minuteOffset, hourOffset: hourOffset,
                timezone: timezone, fmt: fmt, endOffset: endOffset))
    }

    /// Weekly time-window partitions; see ``TimeWindowPartitionsDefinition/weekly(startDate:endDate:minuteOffset:hourOffset:dayOffset:timezone:fmt:endOffset:)``.
    public static func weekly(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, hourOffset: Int = 0,
        dayOffset: Int = 0, timezone: String = "UTC", fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        .timeWindow(
            try .weekly(
                startDate: startDate, endDate: endDate, minuteOffset: minuteOffset, hourOffset: hourOffset,
                dayOffset: dayOffset, timezone: timezone, fmt: fmt, endOffset: endOffset))
    }

    /// Monthly time-window partitions; see ``TimeWindowPartitionsDefinition/monthly(startDate:endDate:minuteOffset:hourOffset:dayOffset:timezone:fmt:endOffset:)``.
    public static func monthly(
        startDate: TimeWindowBound, endDate: TimeWindowBound? = nil, minuteOffset: Int = 0, hourOffset: Int = 0,
        dayOffset: Int = 1, timezone: String = "UTC", fmt: String? = nil, endOffset: Int = 0
    ) throws(DagsterError) -> Self {
        .timeWindow(
            try .monthly(
                startDate: startDate, endDate: endDate, minuteOffset: minuteOffset, hourOffset: hourOffset,
                dayOffset: dayOffset, timezone: timezone, fmt: fmt, endOffset: endOffset))
    }
}
