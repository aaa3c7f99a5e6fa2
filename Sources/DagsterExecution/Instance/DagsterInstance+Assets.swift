import DagsterCore
import DagsterStorage

extension DagsterInstance {
    /// The run id Dagster gives asset events reported outside any run.
    public static let runlessRunID = RunID("")

    /// Records an asset materialization that happened outside any run (Dagster's
    /// `report_runless_asset_event`).
    public func reportRunlessAssetEvent(_ materialization: AssetMaterialization) async throws {
        try await reportRunless(.assetMaterialization, .assetMaterialization(materialization))
    }

    /// Records an asset observation made outside any run.
    public func reportRunlessAssetEvent(_ observation: AssetObservation) async throws {
        try await reportRunless(.assetObservation, .assetObservation(observation))
    }

    private func reportRunless(_ type: DagsterEventType, _ payload: EventPayload) async throws {
        let event = DagsterEvent(type, jobName: "", message: "", payload: payload)
        try await eventLogStorage.storeEvents([
            EventLogEntry(runID: Self.runlessRunID, level: .info, userMessage: "", jobName: "", dagsterEvent: event)
        ])
    }

    /// A page of an asset's materializations, newest first unless `ascending`.
    public func fetchMaterializations(
        _ assetKey: AssetKey, partitions: [String]? = nil, limit: Int, cursor: String? = nil, ascending: Bool = false
    ) async throws -> EventRecordsResult {
        try await fetchPage(
            EventRecordsFilter(eventType: .assetMaterialization, assetKey: assetKey, assetPartitions: partitions),
            limit: limit, cursor: cursor, ascending: ascending)
    }

    /// A page of an asset's observations, newest first unless `ascending`.
    public func fetchObservations(
        _ assetKey: AssetKey, partitions: [String]? = nil, limit: Int, cursor: String? = nil, ascending: Bool = false
    ) async throws -> EventRecordsResult {
        try await fetchPage(
            EventRecordsFilter(eventType: .assetObservation, assetKey: assetKey, assetPartitions: partitions),
            limit: limit, cursor: cursor, ascending: ascending)
    }

    /// The latest materialization event of an asset, or `nil`.
    public func getLatestMaterializationEvent(_ assetKey: AssetKey) async throws -> EventLogEntry? {
        try await eventLogStorage.getLatestMaterialization(assetKey)?.entry
    }

    /// Asset keys with recorded events, in key order, optionally under a prefix, after a cursor key.
    public func getAssetKeys(prefix: [String]? = nil, limit: Int? = nil, cursor: AssetKey? = nil) async throws
        -> [AssetKey]
    {
        try await eventLogStorage.getAssetKeys(prefix: prefix, limit: limit, after: cursor)
    }

    /// The code version each of `keys` was last materialized with (Dagster's
    /// `get_latest_materialization_code_versions`): `nil` for an asset never materialized, or
    /// materialized without a code version.
    public func getLatestMaterializationCodeVersions(_ keys: [AssetKey]) async throws -> [AssetKey: String?] {
        var versions: [AssetKey: String?] = Dictionary(uniqueKeysWithValues: keys.map { ($0, nil) })
        for record in try await eventLogStorage.getAssetRecords(keys) {
            guard let materialization = record.lastMaterialization else { continue }
            versions[record.assetKey] = materialization.entry.materializationCodeVersion
        }
        return versions
    }

    /// The asset index records of `keys` (every asset when `nil`).
    public func getAssetRecords(_ keys: [AssetKey]? = nil) async throws -> [AssetRecord] {
        try await eventLogStorage.getAssetRecords(keys)
    }

    /// Whether the instance has events of an asset.
    public func hasAssetKey(_ key: AssetKey) async throws -> Bool { try await eventLogStorage.hasAssetKey(key) }

    /// Forgets the history of assets.
    public func wipeAssets(_ keys: [AssetKey]) async throws { try await eventLogStorage.wipeAssets(keys) }

    /// Adds keys to a dynamic partitions definition, skipping those it has.
    public func addDynamicPartitions(_ definitionName: String, keys: [String]) async throws {
        try await eventLogStorage.addDynamicPartitions(definitionName, keys: keys)
    }

    /// Removes a key from a dynamic partitions definition; a missing key is ignored.
    public func deleteDynamicPartition(_ definitionName: String, key: String) async throws {
        try await eventLogStorage.deleteDynamicPartition(definitionName, key: key)
    }

    /// Whether a dynamic partitions definition has `key`.
    public func hasDynamicPartition(_ definitionName: String, key: String) async throws -> Bool {
        try await eventLogStorage.hasDynamicPartition(definitionName, key: key)
    }

    /// The keys of a dynamic partitions definition, in the order they were added.
    public func getDynamicPartitions(_ definitionName: String) async throws -> [String] {
        try await eventLogStorage.getDynamicPartitions(definitionName)
    }
}
