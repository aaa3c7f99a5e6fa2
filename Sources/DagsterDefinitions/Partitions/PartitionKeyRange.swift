/// A run of partitions from `start` through `end`, both included (Dagster's `PartitionKeyRange`).
public struct PartitionKeyRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first partition key of the range.
    public var start: String
    /// The last partition key of the range.
    public var end: String

    /// Creates a range; `start` and `end` may be the same key.
    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }

    /// Reads `start...end`, the notation of the Dagster UI and CLI (`--partition-range`); a single
    /// key is a range of one.
    public init(parsing text: String) {
        if let separator = text.range(of: "...") {
            self.init(start: String(text[..<separator.lowerBound]), end: String(text[separator.upperBound...]))
        } else {
            self.init(start: text, end: text)
        }
    }

    /// `start...end`.
    public var description: String { "\(start)...\(end)" }
}
