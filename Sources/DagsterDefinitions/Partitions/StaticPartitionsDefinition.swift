import DagsterCore

/// A fixed list of partition keys (Dagster's `StaticPartitionsDefinition`).
///
/// ```swift
/// let oceans = try StaticPartitionsDefinition(["arctic", "atlantic", "indian", "pacific", "southern"])
/// ```
public struct StaticPartitionsDefinition: Sendable, Hashable {
    /// The keys, in the order given.
    public let partitionKeys: [String]
    /// The same keys, for membership tests.
    private let keySet: Set<String>

    /// Throws `DagsterError(.invalidDefinition)` for a repeated key or a key containing `...` or a
    /// control character.
    public init(_ partitionKeys: [String]) throws(DagsterError) {
        try PartitionKeyRules.validate(partitionKeys, in: "static partitions")
        self.partitionKeys = partitionKeys
        keySet = Set(partitionKeys)
    }

    /// Whether `key` is one of the keys.
    public func hasPartitionKey(_ key: String) -> Bool {
        keySet.contains(key)
    }

    /// Equal when the keys are, in the same order (`keySet` follows from them).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.partitionKeys == rhs.partitionKeys }

    /// Hashes the keys in order.
    public func hash(into hasher: inout Hasher) { hasher.combine(partitionKeys) }
}

extension StaticPartitionsDefinition: CustomStringConvertible {
    /// The keys, quoted and comma-separated, as Dagster prints them.
    public var description: String {
        partitionKeys.map { "'\($0)'" }.joined(separator: ", ")
    }
}
