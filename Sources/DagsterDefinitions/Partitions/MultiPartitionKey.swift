/// A partition key of a multi-partitions definition: one key per dimension, written as the keys
/// joined by `|` in dimension-name order (Dagster's `MultiPartitionKey`).
///
/// ```swift
/// let key = MultiPartitionKey(keysByDimension: ["date": "2024-01-01", "color": "red"])
/// key.description   // "red|2024-01-01"
/// ```
public struct MultiPartitionKey: Sendable, Hashable, CustomStringConvertible {
    /// One dimension's part of the key.
    public struct DimensionKey: Sendable, Hashable {
        /// The dimension's name.
        public let dimensionName: String
        /// The key in that dimension.
        public let partitionKey: String
    }

    /// The keys, ordered by dimension name (code point order, so uppercase names come first).
    public let dimensionKeys: [DimensionKey]

    /// The separator between the dimension keys.
    public static let delimiter: Character = "|"

    /// Creates a key from one key per dimension.
    public init(keysByDimension: [String: String]) {
        dimensionKeys = keysByDimension.keys.sorted(by: codePointOrder).map {
            DimensionKey(dimensionName: $0, partitionKey: keysByDimension[$0] ?? "")
        }
    }

    /// A key from dimension keys already in dimension-name order.
    init(orderedDimensionKeys: [DimensionKey]) {
        dimensionKeys = orderedDimensionKeys
    }

    /// The key in each dimension.
    public var keysByDimension: [String: String] {
        Dictionary(uniqueKeysWithValues: dimensionKeys.map { ($0.dimensionName, $0.partitionKey) })
    }

    /// The key in one dimension.
    public subscript(dimension: String) -> String? {
        dimensionKeys.first { $0.dimensionName == dimension }?.partitionKey
    }

    /// The dimension keys joined by `|`.
    public var description: String {
        dimensionKeys.map(\.partitionKey).joined(separator: String(Self.delimiter))
    }
}

/// Python's string order: by Unicode code points.
func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
    lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars)
}
