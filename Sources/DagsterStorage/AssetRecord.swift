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
