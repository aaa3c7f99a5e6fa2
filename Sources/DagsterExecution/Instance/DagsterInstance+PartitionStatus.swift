import DagsterCore
import DagsterDefinitions
import DagsterStorage

/// Where one partition of an asset stands (Dagster's `AssetPartitionStatus`).
public enum AssetPartitionStatus: String, Sendable, Hashable, CaseIterable {
    /// Materialized, and no later attempt is pending or failed.
    case materialized = "MATERIALIZED"
    /// A run that plans to materialize it has not finished.
    case inProgress = "IN_PROGRESS"
    /// The latest run that planned to materialize it ended without doing so.
    case failed = "FAILED"
}

extension DagsterInstance {
    /// The status of each of `partitionKeys` of an asset (Dagster's `get_status_by_partition`):
    /// in progress while a run planning it is unfinished, failed when the latest such run ended
    /// without materializing it, else materialized when it ever was. Partitions with none of
    /// these (never attempted) are left out.
    public func statusByPartition(_ assetKey: AssetKey, partitionKeys: [String]) async throws
        -> [String: AssetPartitionStatus]
    {
        let states = try await eventLogStorage.getPartitionMaterializations(assetKey)
        let wanted = Set(partitionKeys)
        let pendingRuns = Set(states.filter { wanted.contains($0.key) }.values.compactMap(\.pendingRunID))
        var runStatuses: [RunID: DagsterRunStatus] = [:]
        if !pendingRuns.isEmpty {
            for run in try await runStorage.getRuns(filters: RunsFilter(runIDs: pendingRuns.sorted { $0.rawValue < $1.rawValue })) {
                runStatuses[run.runID] = run.status
            }
        }
        var statuses: [String: AssetPartitionStatus] = [:]
        for key in partitionKeys {
            guard let state = states[key] else { continue }
            if let runID = state.pendingRunID, let status = runStatuses[runID] {
                statuses[key] = status.isFinished ? .failed : .inProgress
            } else if state.lastMaterializationID != nil {
                statuses[key] = .materialized
            }
        }
        return statuses
    }

    /// The partitions of `assetKey` materialized since it was last wiped.
    public func materializedPartitions(_ assetKey: AssetKey) async throws -> Set<String> {
        Set(try await eventLogStorage.getPartitionMaterializations(assetKey).filter { $0.value.lastMaterializationID != nil }.keys)
    }
}
