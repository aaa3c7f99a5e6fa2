import OrderedCollections

import Foundation

/// The level of a log line, with Python's numeric values so levels compare as in Dagster.
public enum LogLevel: Int, Sendable, Codable, Comparable, CaseIterable, CustomStringConvertible {
    case debug = 10
    case info = 20
    case warning = 30
    case error = 40
    case critical = 50

    /// The upper-case name (`DEBUG`, `INFO`, …).
    public var description: String {
        switch self {
        case .debug: "DEBUG"
        case .info: "INFO"
        case .warning: "WARNING"
        case .error: "ERROR"
        case .critical: "CRITICAL"
        }
    }

    /// Parses a level name, case-insensitively (`info`, `WARNING`, `warn`).
    public init?(name: String) {
        switch name.uppercased() {
        case "DEBUG": self = .debug
        case "INFO": self = .info
        case "WARNING", "WARN": self = .warning
        case "ERROR": self = .error
        case "CRITICAL": self = .critical
        default: return nil
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One entry of a run's event log: a structured `DagsterEvent`, or a plain log message.
public struct EventLogEntry: Sendable, Hashable, Codable {
    /// The run the entry belongs to.
    public var runID: RunID
    /// The level.
    public var level: LogLevel
    /// The message a user logged, or the event's summary.
    public var userMessage: String
    /// Seconds since the Unix epoch.
    public var timestamp: Double
    /// The step that logged it, if any.
    public var stepKey: StepKey?
    /// The job that ran.
    public var jobName: String?
    /// The structured event; `nil` for plain log messages.
    public var dagsterEvent: DagsterEvent?

    /// Creates an entry.
    public init(
        runID: RunID, level: LogLevel, userMessage: String, timestamp: Double = Date().timeIntervalSince1970,
        stepKey: StepKey? = nil, jobName: String? = nil, dagsterEvent: DagsterEvent? = nil
    ) {
        self.runID = runID
        self.level = level
        self.userMessage = userMessage
        self.timestamp = timestamp
        self.stepKey = stepKey
        self.jobName = jobName
        self.dagsterEvent = dagsterEvent
    }

    /// The event type, when the entry carries a structured event.
    public var eventType: DagsterEventType? { dagsterEvent?.eventType }

    /// Whether the entry carries a structured event.
    public var isDagsterEvent: Bool { dagsterEvent != nil }
}
