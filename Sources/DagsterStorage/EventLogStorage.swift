import DagsterCore

/// Stores every event of every run, append-only, in order, with indexes of asset events and
/// dynamic partitions. Implemented in memory here and by the SQLite and Postgres drivers.
public protocol EventLogStorage: Sendable {
    /// Appends entries in one batch (one transaction in persistent drivers) and returns their
    /// storage ids, in order.
    @discardableResult
    func storeEvents(_ entries: [EventLogEntry]) async throws -> [Int64]
    /// The records of a run after `cursor` (a storage id), in order, of the given types only
    /// when `types` is set.
    func getRecordsForRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        async throws -> [EventLogRecord]
    /// Records across runs matching `filter`, newest first unless `ascending`.
    func getEventRecords(_ filter: EventRecordsFilter, limit: Int?, ascending: Bool) async throws -> [EventLogRecord]
    /// Deletes a run's events (asset indexes forget what only that run recorded).
    func deleteEvents(for runID: RunID) async throws
    /// Deletes every event, asset index entry and dynamic partition.
    func wipe() async throws

    /// Every asset key with a stored materialization or observation that was not wiped, in key order.
    func getAssetKeys(prefix: [String]?, limit: Int?, after cursor: AssetKey?) async throws -> [AssetKey]
    /// The index entries of `keys` (all keys when `nil`); unknown keys are left out.
    func getAssetRecords(_ keys: [AssetKey]?) async throws -> [AssetRecord]
    /// Forgets the history of `keys`: later queries see no event stored before the wipe.
    func wipeAssets(_ keys: [AssetKey]) async throws
    /// The latest materialization of an asset that was not wiped, or `nil`.
    func getLatestMaterialization(_ key: AssetKey) async throws -> EventLogRecord?
    /// The current data versions of `keys` (of their newest materialization or observation);
    /// keys without one are left out.
    func getLatestDataVersions(_ keys: [AssetKey]) async throws -> [AssetKey: AssetDataVersion]
    /// For each partition of an asset with a materialization or planned materialization since
    /// it was last wiped: the latest of each.
    func getPartitionMaterializations(_ key: AssetKey) async throws -> [String: PartitionMaterializationState]

    /// Adds partition keys to a dynamic partitions definition, skipping keys it already has.
    func addDynamicPartitions(_ definitionName: String, keys: [String]) async throws
    /// Removes one key; a key that is not there is ignored.
    func deleteDynamicPartition(_ definitionName: String, key: String) async throws
    /// The keys of a dynamic partitions definition, in the order they were added.
    func getDynamicPartitions(_ definitionName: String) async throws -> [String]
}

extension EventLogStorage {
    /// Reads the asset's index entry (drivers with a cheaper query provide their own).
    public func getLatestMaterialization(_ key: AssetKey) async throws -> EventLogRecord? {
        try await getAssetRecords([key]).first?.lastMaterialization
    }

    /// Reads the assets' index records (drivers with a cheaper query provide their own).
    public func getLatestDataVersions(_ keys: [AssetKey]) async throws -> [AssetKey: AssetDataVersion] {
        var versions: [AssetKey: AssetDataVersion] = [:]
        for record in try await getAssetRecords(keys) { versions[record.assetKey] = record.latestDataVersion }
        return versions
    }

    /// All entries of a run, in order.
    public func getLogsForRun(_ runID: RunID) async throws -> [EventLogEntry] {
        try await getRecordsForRun(runID, after: nil, ofTypes: nil, limit: nil).map(\.entry)
    }

    /// Whether an asset has stored events that were not wiped.
    public func hasAssetKey(_ key: AssetKey) async throws -> Bool {
        try await !getAssetRecords([key]).isEmpty
    }

    /// Whether a dynamic partitions definition has `key`.
    public func hasDynamicPartition(_ definitionName: String, key: String) async throws -> Bool {
        try await getDynamicPartitions(definitionName).contains(key)
    }
}
