import DagsterCore

/// Whether an instigator is a schedule or a sensor.
public enum InstigatorType: String, Sendable, Codable, CaseIterable {
    case schedule = "SCHEDULE"
    case sensor = "SENSOR"
}

/// Whether an instigator is on.
public enum InstigatorStatus: String, Sendable, Codable, CaseIterable {
    case running = "RUNNING"
    case stopped = "STOPPED"
    /// On or off as its definition says (`default_status`), not changed by a user.
    case declaredInCode = "DECLARED_IN_CODE"
}

/// The stored state of a schedule or sensor: on or off, and what its daemon remembers between ticks.
public struct InstigatorState: Sendable, Hashable, Codable {
    /// A stable id of the instigator across code locations (its selector id).
    public var originID: String
    /// The schedule's or sensor's name.
    public var name: String
    /// Schedule or sensor.
    public var type: InstigatorType
    /// On or off.
    public var status: InstigatorStatus
    /// What the daemon keeps between ticks: cursor, last tick time, cron schedule, …
    public var data: JSONValue

    /// Creates a state.
    public init(
        originID: String, name: String, type: InstigatorType, status: InstigatorStatus, data: JSONValue = .emptyObject
    ) {
        self.originID = originID
        self.name = name
        self.type = type
        self.status = status
        self.data = data
    }
}
