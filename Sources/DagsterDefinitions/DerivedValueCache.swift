import Synchronization

/// Remembers values derived from an immutable definition (a job's run-config schema, say), so
/// runs after the first do not rebuild them. Keys must capture everything the value depends on.
public final class DerivedValueCache: Sendable {
    private let values = Mutex<[AnyHashable: any Sendable]>([:])

    /// An empty cache.
    public init() {}

    /// The value stored under `key`, made by `make` the first time.
    public func value<Key: Hashable & Sendable, Value: Sendable>(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        if let cached = values.withLock({ $0[AnyHashable(key)] }) as? Value { return cached }
        let made = try make()
        values.withLock { $0[AnyHashable(key)] = made }
        return made
    }
}
