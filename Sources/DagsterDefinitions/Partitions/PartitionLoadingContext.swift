import Foundation

/// What partition keys are computed against: the current time (time-window partitions grow with
/// it) and the store of dynamic partition keys (the instance).
public struct PartitionLoadingContext: Sendable {
    /// The time "now" is for time-window partitions.
    public var currentTime: Date
    /// Where dynamic partitions keep their keys; required for dynamic partitions.
    public var dynamicPartitionsStore: (any DynamicPartitionsStore)?

    /// Creates a context; the current time defaults to now.
    public init(currentTime: Date = Date(), dynamicPartitionsStore: (any DynamicPartitionsStore)? = nil) {
        self.currentTime = currentTime
        self.dynamicPartitionsStore = dynamicPartitionsStore
    }
}
