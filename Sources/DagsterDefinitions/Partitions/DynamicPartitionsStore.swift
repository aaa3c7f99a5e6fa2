import DagsterCore

/// Where the keys of dynamic partitions live: the instance implements it over its storage.
///
/// Partition logic is synchronous; a storage-backed store can load the keys it needs first and
/// answer from that snapshot (see ``InMemoryDynamicPartitionsStore``).
public protocol DynamicPartitionsStore: Sendable {
    /// The keys added to the dynamic partitions definition `name`, in the order they were added.
    func dynamicPartitionKeys(named name: String) throws -> [String]
}

/// Dynamic partition keys held in memory, by definition name: for tests, and as a snapshot of the
/// instance's keys.
public struct InMemoryDynamicPartitionsStore: DynamicPartitionsStore, Hashable {
    /// The keys by dynamic partitions definition name.
    public var keysByName: [String: [String]]

    /// Creates a store holding the given keys.
    public init(_ keysByName: [String: [String]] = [:]) {
        self.keysByName = keysByName
    }

    /// The keys held under `name`, in the order added; none for a name never added to.
    public func dynamicPartitionKeys(named name: String) -> [String] {
        keysByName[name] ?? []
    }

    /// Adds keys that are not there yet, keeping their order.
    public mutating func addPartitions(_ keys: [String], named name: String) {
        var existing = keysByName[name] ?? []
        var present = Set(existing)
        for key in keys where present.insert(key).inserted { existing.append(key) }
        keysByName[name] = existing
    }

    /// Removes a key.
    public mutating func deletePartition(_ key: String, named name: String) {
        keysByName[name]?.removeAll { $0 == key }
    }
}
