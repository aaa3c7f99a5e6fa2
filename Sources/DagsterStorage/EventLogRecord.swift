import DagsterCore

/// A stored event log entry with its storage id (a cursor: later entries have larger ids).
public struct EventLogRecord: Sendable, Hashable {
    /// The storage id.
    public var storageID: Int64
    /// The entry.
    public var entry: EventLogEntry

    /// Creates a record.
    public init(storageID: Int64, entry: EventLogEntry) {
        self.storageID = storageID
        self.entry = entry
    }

    /// The asset key an asset event is about, if the entry is one.
    public var assetKey: AssetKey? { entry.dagsterEvent?.assetKey }
    /// The partition an asset event is about, if any.
    public var partition: String? { entry.dagsterEvent?.assetPartition }
}
