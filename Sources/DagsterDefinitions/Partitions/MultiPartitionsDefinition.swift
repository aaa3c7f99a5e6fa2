import DagsterCore

/// The cross product of two partitions definitions, each a named dimension (Dagster's
/// `MultiPartitionsDefinition`). Dimensions are ordered by name; keys are the dimension keys
/// joined by `|` in that order, and listed with the first dimension varying slowest.
///
/// ```swift
/// let byColorAndDay = try MultiPartitionsDefinition([
///     "color": .static(try StaticPartitionsDefinition(["red", "blue"])),
///     "date": .timeWindow(try .daily(startDate: "2024-01-01")),
/// ])
/// ```
public struct MultiPartitionsDefinition: Sendable, Hashable {
    /// One named dimension.
    public struct Dimension: Sendable, Hashable {
        /// The dimension's name.
        public let name: String
        /// Its partitions.
        public let partitionsDefinition: PartitionsDefinition

        /// Whether the dimension is time-window partitioned.
        var isTimeWindowed: Bool {
            if case .timeWindow = partitionsDefinition { return true }
            return false
        }
    }

    /// The two dimensions, ordered by name.
    public let dimensions: [Dimension]

    /// Throws `DagsterError(.invalidDefinition)` unless there are exactly two dimensions, none of
    /// them multi-partitioned, and no static key contains `|`, `,`, `[` or `]`.
    public init(_ partitionsDefinitions: [String: PartitionsDefinition]) throws(DagsterError) {
        guard partitionsDefinitions.count == 2 else {
            throw DagsterError(
                .invalidDefinition,
                "multi-partitions need exactly 2 dimensions; got \(partitionsDefinitions.count) ("
                    + partitionsDefinitions.keys.sorted(by: codePointOrder).joined(separator: ", ") + ")")
        }
        for (name, definition) in partitionsDefinitions {
            switch definition {
            case .multi:
                throw DagsterError(
                    .invalidDefinition,
                    "multi-partitions dimension '\(name)': a dimension must be static, time-window or dynamic partitions")
            case .static(let staticDefinition):
                if let key = staticDefinition.partitionKeys.first(where: {
                    !PartitionKeyRules.multiDimensionForbiddenCharacters.isDisjoint(with: $0)
                }) {
                    throw DagsterError(
                        .invalidDefinition,
                        "multi-partitions dimension '\(name)': partition key '\(key)' contains one of | , [ ], "
                            + "which multi-partition keys use as separators")
                }
            case .timeWindow, .dynamic:
                break
            }
        }
        dimensions = partitionsDefinitions.sorted { codePointOrder($0.key, $1.key) }.map {
            Dimension(name: $0.key, partitionsDefinition: $0.value)
        }
    }

    /// The dimension names, in key order.
    public var dimensionNames: [String] { dimensions.map(\.name) }

    /// The partitions of a dimension.
    public func partitionsDefinition(forDimension name: String) throws(DagsterError) -> PartitionsDefinition {
        guard let dimension = dimensions.first(where: { $0.name == name }) else {
            throw DagsterError(
                .invalidDefinition,
                "multi-partitions have no dimension '\(name)'; the dimensions are \(dimensionNames.joined(separator: ", "))")
        }
        return dimension.partitionsDefinition
    }

    /// The single time-window dimension, if exactly one dimension is time-window partitioned.
    public var timeWindowDimension: Dimension? {
        let timeDimensions = dimensions.filter(\.isTimeWindowed)
        return timeDimensions.count == 1 ? timeDimensions[0] : nil
    }

    /// Every key as of the context, the first dimension varying slowest. Keys whose dimension keys
    /// contain `|` (possible with a time-window format) are left out, as in Dagster.
    public func partitionKeys(context: PartitionLoadingContext) throws(DagsterError) -> [MultiPartitionKey] {
        func joinable(_ keys: [String]) -> [String] { keys.filter { !$0.contains(MultiPartitionKey.delimiter) } }
        let first = try dimensions[0].partitionsDefinition.partitionKeys(context: context)
        let second = try dimensions[1].partitionsDefinition.partitionKeys(context: context)
        return product(joinable(first), joinable(second))
    }

    /// The key that `text` (dimension keys joined by `|`) stands for; throws if it does not have one
    /// part per dimension.
    public func partitionKey(parsing text: String) throws(DagsterError) -> MultiPartitionKey {
        let parts = text.split(separator: MultiPartitionKey.delimiter, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == dimensions.count else {
            throw DagsterError(
                .invalidInput,
                "multi-partition key '\(text)' has \(parts.count) part\(parts.count == 1 ? "" : "s"); expected "
                    + "\(dimensions.count) joined by '|' (\(dimensionNames.joined(separator: "|")))")
        }
        return MultiPartitionKey(
            orderedDimensionKeys: zip(dimensions, parts).map { .init(dimensionName: $0.name, partitionKey: $1) })
    }

    /// Throws `DagsterError(.unknownPartition)` unless every dimension has its part of the key.
    public func validatePartitionKey(_ text: String, context: PartitionLoadingContext) throws(DagsterError) {
        let key = try partitionKey(parsing: text)
        for (dimension, dimensionKey) in zip(dimensions, key.dimensionKeys.map(\.partitionKey)) {
            do {
                try dimension.partitionsDefinition.validatePartitionKey(dimensionKey, context: context)
            } catch {
                throw DagsterError(
                    .unknownPartition,
                    "partition key '\(text)' is not in the multi-partitions: dimension '\(dimension.name)': \(error.message)")
            }
        }
    }

    /// The keys whose every dimension key lies in that dimension's part of the range, the first
    /// dimension varying slowest.
    public func partitionKeys(in range: PartitionKeyRange, context: PartitionLoadingContext) throws(DagsterError)
        -> [MultiPartitionKey]
    {
        let start = try partitionKey(parsing: range.start).dimensionKeys
        let end = try partitionKey(parsing: range.end).dimensionKeys
        var perDimension: [[String]] = []
        for (index, dimension) in dimensions.enumerated() {
            let dimensionRange = PartitionKeyRange(start: start[index].partitionKey, end: end[index].partitionKey)
            perDimension.append(try dimension.partitionsDefinition.partitionKeys(in: dimensionRange, context: context))
        }
        return product(perDimension[0], perDimension[1])
    }

    private func product(_ first: [String], _ second: [String]) -> [MultiPartitionKey] {
        var keys: [MultiPartitionKey] = []
        keys.reserveCapacity(first.count * second.count)
        let (firstName, secondName) = (dimensions[0].name, dimensions[1].name)
        for firstKey in first {
            for secondKey in second {
                keys.append(
                    MultiPartitionKey(orderedDimensionKeys: [
                        .init(dimensionName: firstName, partitionKey: firstKey),
                        .init(dimensionName: secondName, partitionKey: secondKey),
                    ]))
            }
        }
        return keys
    }
}
