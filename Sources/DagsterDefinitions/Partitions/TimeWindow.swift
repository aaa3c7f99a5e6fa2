import Foundation

/// A half-open span of time, `[start, end)`: the time covered by one time-window partition (or by
/// a run of them).
public struct TimeWindow: Sendable, Hashable, CustomStringConvertible {
    /// The first instant in the window.
    public var start: Date
    /// The first instant after the window.
    public var end: Date

    /// Creates a window.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// `[start, end)`, the dates in Foundation's notation.
    public var description: String { "[\(start), \(end))" }
}

/// A window between two cron ticks, in whole seconds since 1970.
struct TickWindow: Sendable, Hashable {
    var start: Int64
    var end: Int64

    var timeWindow: TimeWindow {
        TimeWindow(start: Date(timeIntervalSince1970: TimeInterval(start)), end: Date(timeIntervalSince1970: TimeInterval(end)))
    }
}

/// Where a time-window partitions definition starts or ends.
public enum TimeWindowBound: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Text in the definition's date format, e.g. `"2024-01-01"` for daily partitions.
    case formatted(String)
    /// A wall-clock date and time in the definition's time zone.
    case wallClock(LocalDateTime)
    /// An exact instant.
    case instant(Date)

    /// A string literal is text in the date format: ``formatted(_:)``.
    public init(stringLiteral value: String) {
        self = .formatted(value)
    }
}
