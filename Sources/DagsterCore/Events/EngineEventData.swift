import OrderedCollections

/// Payload of `ENGINE_EVENT` and the `RESOURCE_INIT_*` and run-failure events.
public struct EngineEventData: Sendable, Hashable, Codable {
    /// Structured facts about the event (pid, step keys, timings).
    public var metadata: Metadata
    /// The error, when the event reports one.
    public var error: SerializableError?

    /// Creates the payload.
    public init(metadata: Metadata = [:], error: SerializableError? = nil) {
        self.metadata = metadata
        self.error = error
    }
}
