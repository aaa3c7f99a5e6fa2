import DagsterCore
import Foundation

/// Which event records to return across runs: every set field must match.
public struct EventRecordsFilter: Sendable, Hashable {
    /// Only events of this type.
    public var eventType: DagsterEventType?
    /// Only asset events about this key.
    public var assetKey: AssetKey?
    /// Only asset events about one of these partitions.
    public var assetPartitions: [String]?
    /// Only events with a storage id greater than this.
    public var afterStorageID: Int64?
    /// Only events with a storage id less than this.
    public var beforeStorageID: Int64?
    /// Only events logged after this time (seconds since the epoch).
    public var afterTimestamp: Double?
    /// Only events logged before this time.
    public var beforeTimestamp: Double?
    /// Only these storage ids.
    public var storageIDs: [Int64]?
    /// Only events of these runs.
    public var runIDs: [RunID]?

    /// Creates a filter; no fields set matches every event.
    public init(
        eventType: DagsterEventType? = nil, assetKey: AssetKey? = nil, assetPartitions: [String]? = nil,
        afterStorageID: Int64? = nil, beforeStorageID: Int64? = nil, afterTimestamp: Double? = nil,
        beforeTimestamp: Double? = nil, storageIDs: [Int64]? = nil, runIDs: [RunID]? = nil
    ) {
        self.eventType = eventType
        self.assetKey = assetKey
        self.assetPartitions = assetPartitions
        self.afterStorageID = afterStorageID
        self.beforeStorageID = beforeStorageID
        self.afterTimestamp = afterTimestamp
        self.beforeTimestamp = beforeTimestamp
        self.storageIDs = storageIDs
        self.runIDs = runIDs
    }

    /// Whether `record` matches (the in-memory driver's check; SQL drivers build a query instead).
    public func matches(_ record: EventLogRecord) -> Bool {
        let entry = record.entry
        if let eventType, entry.eventType != eventType { return false }
        if let assetKey, record.assetKey != assetKey { return false }
        if let assetPartitions, !assetPartitions.contains(where: { $0 == record.partition }) { return false }
        if let afterStorageID, record.storageID <= afterStorageID { return false }
        if let beforeStorageID, record.storageID >= beforeStorageID { return false }
        if let afterTimestamp, entry.timestamp <= afterTimestamp { return false }
        if let beforeTimestamp, entry.timestamp >= beforeTimestamp { return false }
        if let storageIDs, !storageIDs.contains(record.storageID) { return false }
        if let runIDs, !runIDs.contains(entry.runID) { return false }
        return true
    }
}

/// A page of event records and the cursor to continue from.
public struct EventRecordsResult: Sendable, Hashable {
    /// The records of this page.
    public var records: [EventLogRecord]
    /// Pass this back to continue after the last record of this page.
    public var cursor: String
    /// Whether more records follow.
    public var hasMore: Bool

    /// Creates a page.
    public init(records: [EventLogRecord], cursor: String, hasMore: Bool) {
        self.records = records
        self.cursor = cursor
        self.hasMore = hasMore
    }
}
