import DagsterCore
import Foundation

/// Event log storage in memory, for ephemeral instances and tests.
public actor InMemoryEventLogStorage: EventLogStorage {
    /// One run's log: entries and their storage ids, index for index.
    private struct RunLog {
        var entries: [EventLogEntry] = []
        var storageIDs: [Int64] = []
    }

    private var logs: [RunID: RunLog] = [:]
    private var nextID: Int64 = 1
    /// The asset events that are still indexed (not wiped), by storage id.
    private var assetEvents: [Int64: EventLogRecord] = [:]
    private var assets: [AssetKey: AssetRecord] = [:]
    private var dynamicPartitions: [String: OrderedSet<String>] = [:]

    /// An empty storage.
    public init() {}

    @discardableResult
    public func storeEvents(_ entries: [EventLogEntry]) -> [Int64] {
        let firstID = nextID
        nextID += Int64(entries.count)
        var index = 0
        while index < entries.count {
            let runID = entries[index].runID
            var end = index + 1
            while end < entries.count && entries[end].runID == runID { end += 1 }
            var log = logs.removeValue(forKey: runID) ?? RunLog()
            log.entries.append(contentsOf: entries[index..<end])
            log.storageIDs.append(contentsOf: (index..<end).map { firstID + Int64($0) })
            logs[runID] = log
            index = end
        }
        for (offset, entry) in entries.enumerated() where entry.dagsterEvent?.assetKey != nil {
            indexAssetEvent(EventLogRecord(storageID: firstID + Int64(offset), entry: entry))
        }
        return (0..<entries.count).map { firstID + Int64($0) }
    }

    /// Indexes an event about an asset; materializations and observations also update the
    /// asset's record.
    private func indexAssetEvent(_ record: EventLogRecord) {
        guard let key = record.assetKey, let type = record.entry.eventType else { return }
        assetEvents[record.storageID] = record
        guard type == .assetMaterialization || type == .assetObservation else { return }
        var asset = assets[key] ?? AssetRecord(assetKey: key)
        if type == .assetMaterialization { asset.lastMaterialization = record }
        if type == .assetObservation { asset.lastObservation = record }
        asset.lastRunID = record.entry.runID
        assets[key] = asset
    }

    public func getRecordsForRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        -> [EventLogRecord]
    {
        guard let log = logs[runID] else { return [] }
        let after = cursor ?? 0
        let maximum = limit ?? Int.max
        var result: [EventLogRecord] = []
        for index in log.entries.indices where log.storageIDs[index] > after && Self.matches(log.entries[index], types) {
            result.append(EventLogRecord(storageID: log.storageIDs[index], entry: log.entries[index]))
            if result.count >= maximum { break }
        }
        return result
    }

    public func getLogsForRun(_ runID: RunID) -> [EventLogEntry] { logs[runID]?.entries ?? [] }

    public func getEventRecords(_ filter: EventRecordsFilter, limit: Int?, ascending: Bool) -> [EventLogRecord] {
        let candidates: [EventLogRecord]
        if filter.assetKey != nil {
            candidates = Array(assetEvents.values)
        } else {
            let runIDs = filter.runIDs ?? Array(logs.keys)
            candidates = runIDs.flatMap { runID in
                getRecordsForRun(runID, after: nil, ofTypes: nil, limit: nil)
            }
        }
        var matching = candidates.filter(filter.matches)
        matching.sort { ascending ? $0.storageID < $1.storageID : $0.storageID > $1.storageID }
        return limit.map { Array(matching.prefix($0)) } ?? matching
    }

    private static func matches(_ entry: EventLogEntry, _ types: Set<DagsterEventType>?) -> Bool {
        guard let types else { return true }
        guard let type = entry.dagsterEvent?.eventType else { return false }
        return types.contains(type)
    }

    public func deleteEvents(for runID: RunID) {
        guard let log = logs.removeValue(forKey: runID) else { return }
        let touched = Set(log.storageIDs.compactMap { assetEvents.removeValue(forKey: $0)?.assetKey })
        for key in touched { rebuildAssetRecord(key) }
    }

    /// Recomputes an asset's latest events from the events still indexed.
    private func rebuildAssetRecord(_ key: AssetKey) {
        let wipeTimestamp = assets[key]?.wipeTimestamp
        let events = assetEvents.values.filter { $0.assetKey == key }.sorted { $0.storageID < $1.storageID }
        let recorded = events.contains { $0.entry.eventType == .assetMaterialization || $0.entry.eventType == .assetObservation }
        guard recorded || wipeTimestamp != nil else {
            assets[key] = nil
            return
        }
        assets[key] = AssetRecord(assetKey: key, wipeTimestamp: wipeTimestamp)
        for event in events { indexAssetEvent(event) }
    }

    public func wipe() {
        logs.removeAll()
        assetEvents.removeAll()
        assets.removeAll()
        dynamicPartitions.removeAll()
    }

    public func getAssetKeys(prefix: [String]?, limit: Int?, after cursor: AssetKey?) -> [AssetKey] {
        let keys = getAssetRecords(nil).map(\.assetKey)
            .filter { key in prefix.map { key.path.starts(with: $0) } ?? true }
            .filter { key in cursor.map { key > $0 } ?? true }
        return limit.map { Array(keys.prefix($0)) } ?? keys
    }

    public func getAssetRecords(_ keys: [AssetKey]?) -> [AssetRecord] {
        let isLive = { (record: AssetRecord) in record.lastMaterialization != nil || record.lastObservation != nil }
        guard let keys else { return assets.values.filter(isLive).sorted { $0.assetKey < $1.assetKey } }
        return keys.compactMap { assets[$0] }.filter(isLive)
    }

    public func wipeAssets(_ keys: [AssetKey]) {
        let wanted = Set(keys)
        assetEvents = assetEvents.filter { _, record in !wanted.contains(record.assetKey ?? AssetKey([])) }
        let now = Date().timeIntervalSince1970
        for key in wanted where assets[key] != nil {
            assets[key] = AssetRecord(assetKey: key, wipeTimestamp: now)
        }
    }

    public func addDynamicPartitions(_ definitionName: String, keys: [String]) {
        var existing = dynamicPartitions[definitionName] ?? []
        for key in keys { existing.append(key) }
        dynamicPartitions[definitionName] = existing
    }

    public func deleteDynamicPartition(_ definitionName: String, key: String) {
        dynamicPartitions[definitionName]?.remove(key)
    }

    public func getDynamicPartitions(_ definitionName: String) -> [String] {
        Array(dynamicPartitions[definitionName] ?? [])
    }
}
