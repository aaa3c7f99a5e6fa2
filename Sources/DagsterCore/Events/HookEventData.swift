import OrderedCollections

/// Payload of `HOOK_COMPLETED`, `HOOK_ERRORED` and `HOOK_SKIPPED`.
public struct HookEventData: Sendable, Hashable, Codable {
    /// The hook's name.
    public var hookName: String
    /// The error a hook threw, for `HOOK_ERRORED`.
    public var error: SerializableError?

    /// Creates the payload.
    public init(hookName: String, error: SerializableError? = nil) {
        self.hookName = hookName
        self.error = error
    }
}
