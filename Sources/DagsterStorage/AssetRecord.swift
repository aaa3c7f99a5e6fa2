import DagsterCore

/// What the event log's asset index knows about one asset key.
public struct AssetRecord: Sendable, Hashable {
    /// The asset's key.
    public var assetKey: AssetKey
    /// The latest materialization event, if any since the last wipe.
    public var lastMaterialization: EventLogRecord?
    /// The latest observation event, if any since the last wipe.
    public var lastObservation: EventLogRecord?
    /// The run of the latest event about the asset.
    public var lastRunID: RunID?
    /// When the asset's history was last wiped (seconds since the epoch).
    public var wipeTimestamp: Double?

    /// The data version of the newest materialization or observation (its
    /// `dagster/data_version` tag), with that event's storage id.
    public var latestDataVersion: AssetDataVersion? {
        let events = [lastMaterialization, lastObservation].compactMap { $0 }
        guard let newest = events.max(by: { $0.storageID < $1.storageID }), let event = newest.entry.dagsterEvent else { return nil }
        let tags = event.assetMaterialization?.tags ?? event.assetObservation?.tags
        return tags?[AssetEventTags.dataVersion].map { AssetDataVersion(version: $0, storageID: newest.storageID) }
    }

    /// Creates a record.
    public init(
        assetKey: AssetKey, lastMaterialization: EventLogRecord? = nil, lastObservation: EventLogRecord? = nil,
        lastRunID: RunID? = nil, wipeTimestamp: Double? = nil
    ) {
        self.assetKey = assetKey
        self.lastMaterialization = lastMaterialization
        self.lastObservation = lastObservation
        self.lastRunID = lastRunID
        self.wipeTimestamp = wipeTimestamp
    }
}
