import DagsterCore

/// Where a running op's logs and user events go. The engine provides one per step; tests may
/// provide a collecting one.
public protocol OpEventSink: Sendable {
    /// A log line from `context.log`.
    func log(_ level: LogLevel, _ message: String)
    /// A structured event logged by user code (materialization, observation, expectation).
    func record(_ eventType: DagsterEventType, message: String, payload: EventPayload)
}

/// The logger of a running op, `context.log`: each call becomes a log entry of the run.
public struct DagsterLogger: Sendable {
    let sink: any OpEventSink

    /// Creates a logger writing to `sink`.
    public init(sink: any OpEventSink) { self.sink = sink }

    /// Logs at `level`.
    public func log(_ level: LogLevel, _ message: String) { sink.log(level, message) }
    /// Logs at DEBUG.
    public func debug(_ message: String) { sink.log(.debug, message) }
    /// Logs at INFO.
    public func info(_ message: String) { sink.log(.info, message) }
    /// Logs at WARNING.
    public func warning(_ message: String) { sink.log(.warning, message) }
    /// Logs at ERROR.
    public func error(_ message: String) { sink.log(.error, message) }
    /// Logs at CRITICAL.
    public func critical(_ message: String) { sink.log(.critical, message) }
}
