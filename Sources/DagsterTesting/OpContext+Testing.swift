import Dagster
import Synchronization

/// Collects what an op logged when invoked directly in a test.
public final class CollectingEventSink: OpEventSink {
    private let state = Mutex<(logs: [(LogLevel, String)], events: [DagsterEventType])>(([], []))

    /// An empty sink.
    public init() {}

    public func log(_ level: LogLevel, _ message: String) { state.withLock { $0.logs.append((level, message)) } }

    public func record(_ eventType: DagsterEventType, message: String, payload: EventPayload) {
        state.withLock { $0.events.append(eventType) }
    }

    /// The messages logged, in order.
    public var messages: [String] { state.withLock { $0.logs.map(\.1) } }

    /// The types of the events recorded, in order.
    public var eventTypes: [DagsterEventType] { state.withLock { $0.events } }
}

extension OpContext {
    /// A context for invoking an op directly in a unit test.
    ///
    /// ```swift
    /// let value = try await inc.invoke(1, context: .forTesting())
    /// ```
    public static func forTesting(
        opConfig: JSONValue = .null, resources: [String: any Sendable] = [:], runTags: [String: String] = [:],
        sink: any OpEventSink = CollectingEventSink()
    ) -> OpContext {
        OpContext(
            runID: .make(), jobName: "test_job", opHandle: "test_op", stepKey: "test_op", opConfig: opConfig,
            runTags: runTags, resources: Resources(resources), sink: sink)
    }
}

extension DagsterInstance {
    /// An ephemeral instance for a test (Dagster's `instance_for_test`).
    public static func forTesting() -> DagsterInstance { .ephemeral() }
}
