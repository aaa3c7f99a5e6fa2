import DagsterCore

/// What the event log knows about one partition of an asset: its latest materialization and
/// its latest planned materialization (recorded when a run targeting it was created).
public struct PartitionMaterializationState: Sendable, Hashable {
    /// The storage id of the latest materialization, if any since the asset was last wiped.
    public var lastMaterializationID: Int64?
    /// The storage id and run of the latest planned materialization, if any.
    public var lastPlanned: PlannedMaterialization?

    /// A planned materialization: where it is stored and which run planned it.
    public struct PlannedMaterialization: Sendable, Hashable {
        /// The planned event's storage id.
        public var storageID: Int64
        /// The run that planned it.
        public var runID: RunID

        /// Describes a planned materialization.
        public init(storageID: Int64, runID: RunID) {
            self.storageID = storageID
            self.runID = runID
        }
    }

    /// Creates a state.
    public init(lastMaterializationID: Int64? = nil, lastPlanned: PlannedMaterialization? = nil) {
        self.lastMaterializationID = lastMaterializationID
        self.lastPlanned = lastPlanned
    }

    /// The run of a planned materialization that has not materialized since it was planned:
    /// in progress, or failed, depending on that run's status.
    public var pendingRunID: RunID? {
        guard let lastPlanned, lastPlanned.storageID > (lastMaterializationID ?? 0) else { return nil }
        return lastPlanned.runID
    }
}

extension EventLogStorage {
    /// Reads every materialization and planned materialization of the asset (drivers with a
    /// grouped query provide their own).
    public func getPartitionMaterializations(_ key: AssetKey) async throws -> [String: PartitionMaterializationState] {
        var states: [String: PartitionMaterializationState] = [:]
        for eventType in [DagsterEventType.assetMaterialization, .assetMaterializationPlanned] {
            let records = try await getEventRecords(
                EventRecordsFilter(eventType: eventType, assetKey: key), limit: nil, ascending: true)
            for record in records {
                guard let partition = record.partition else { continue }
                if eventType == .assetMaterialization {
                    states[partition, default: .init()].lastMaterializationID = record.storageID
                } else {
                    states[partition, default: .init()].lastPlanned = .init(storageID: record.storageID, runID: record.entry.runID)
                }
            }
        }
        return states
    }
}
