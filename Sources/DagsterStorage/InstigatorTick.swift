import DagsterCore

/// How a tick of a schedule or sensor ended.
public enum TickStatus: String, Sendable, Codable, CaseIterable {
    case started = "STARTED"
    case skipped = "SKIPPED"
    case success = "SUCCESS"
    case failure = "FAILURE"
}

/// One evaluation of a schedule or sensor by the daemon.
public struct InstigatorTick: Sendable, Hashable, Codable {
    /// The storage id; 0 until the tick is created.
    public var tickID: Int64
    /// The instigator's origin id.
    public var originID: String
    /// The instigator's name.
    public var name: String
    /// Schedule or sensor.
    public var type: InstigatorType
    /// Where the tick stands.
    public var status: TickStatus
    /// When the tick happened (seconds since the epoch).
    public var timestamp: Double
    /// The runs it requested.
    public var runIDs: [RunID]
    /// The run keys of the requests, for idempotence.
    public var runKeys: [String]
    /// The sensor cursor after the tick.
    public var cursor: String?
    /// Why the tick was skipped.
    public var skipReason: String?
    /// The error of a failed tick.
    public var error: SerializableError?

    /// Creates a tick.
    public init(
        tickID: Int64 = 0, originID: String, name: String, type: InstigatorType, status: TickStatus, timestamp: Double,
        runIDs: [RunID] = [], runKeys: [String] = [], cursor: String? = nil, skipReason: String? = nil,
        error: SerializableError? = nil
    ) {
        self.tickID = tickID
        self.originID = originID
        self.name = name
        self.type = type
        self.status = status
        self.timestamp = timestamp
        self.runIDs = runIDs
        self.runKeys = runKeys
        self.cursor = cursor
        self.skipReason = skipReason
        self.error = error
    }
}
