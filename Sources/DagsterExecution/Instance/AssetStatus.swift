import DagsterCore
import DagsterDefinitions
import DagsterStorage
import Foundation

/// Where an asset stands in an instance: its latest materialization, which partitions exist,
/// and whether it is stale and why.
public struct AssetStatus: Sendable {
    /// Whether the stored value reflects the current definition and upstream data.
    public enum Staleness: Sendable, Equatable {
        /// Never materialized (for a partitioned asset: no partition is).
        case missing
        /// Up to date.
        case fresh
        /// Out of date, with the causes (`code version changed from "1" to "2"`, `upstream orders
        /// has newer data`).
        case stale([String])
    }

    /// The asset.
    public let key: AssetKey
    /// Its latest materialization, if any.
    public let latestMaterialization: EventLogRecord?
    /// For a partitioned asset: the partitions materialized so far, and how many there are now.
    public let partitions: (materialized: [String], count: Int)?
    /// Whether it is stale.
    public let staleness: Staleness
}

extension DagsterInstance {
    /// The status of each of `assets` (external ones included), judged against the current
    /// definitions: missing, fresh, or stale because the code version changed or an upstream
    /// asset was materialized since.
    public func assetStatus(of assets: [AssetsDefinition]) async throws -> [AssetStatus] {
        let keys = Set(assets.map(\.key) + assets.flatMap(\.dependencies))
        let records = Dictionary(try await eventLogStorage.getAssetRecords(keys.sorted()).map { ($0.assetKey, $0) }) { a, _ in a }
        var statuses: [AssetStatus] = []
        for asset in assets {
            let materialization = records[asset.key]?.lastMaterialization
            let partitions = try await partitionStatus(of: asset)
            statuses.append(
                AssetStatus(
                    key: asset.key, latestMaterialization: materialization, partitions: partitions,
                    staleness: try await staleness(
                        of: asset, materialization: materialization, partitions: partitions, records: records)))
        }
        return statuses
    }

    /// The partitions of a partitioned asset materialized since it was last wiped, in partition
    /// order, and the current number of partitions.
    private func partitionStatus(of asset: AssetsDefinition) async throws -> (materialized: [String], count: Int)? {
        guard let definition = asset.spec.partitions else { return nil }
        let materialized = try await materializedPartitions(asset.key)
        let keys = try definition.partitionKeys(context: try await partitionLoadingContext(for: [definition]))
        return (keys.filter(materialized.contains), keys.count)
    }

    private func staleness(
        of asset: AssetsDefinition, materialization: EventLogRecord?, partitions: (materialized: [String], count: Int)?,
        records: [AssetKey: AssetRecord]
    ) async throws -> AssetStatus.Staleness {
        guard let materialization, partitions.map({ !$0.materialized.isEmpty }) ?? true else { return .missing }
        if let partitions {
            return try await partitionsStaleness(of: asset, partitions: partitions.materialized)
        }
        var upstream: [AssetKey: UpstreamState] = [:]
        for key in asset.dependencies { upstream[key] = UpstreamState(records[key]) }
        let causes = AssetStatus.causes(of: asset, materialization: materialization, upstream: upstream)
        return causes.isEmpty ? .fresh : .stale(causes)
    }
}

/// What an upstream asset holds now, as far as a downstream materialization's staleness goes:
/// its current data version (when one partition or an unpartitioned asset is read) and its
/// latest materialization's storage id.
struct UpstreamState {
    var version: String?
    var latestMaterializationID: Int64?

    init(version: String?, latestMaterializationID: Int64?) {
        self.version = version
        self.latestMaterializationID = latestMaterializationID
    }

    /// The state of an unpartitioned asset (its newest materialization or observation).
    init(_ record: AssetRecord?) {
        version = record?.latestDataVersion?.version
        latestMaterializationID = record?.lastMaterialization?.storageID
    }
}

extension EventLogEntry {
    /// The code version a materialization recorded; `nil` when it recorded none, or the run id
    /// an asset without a code version records in its place.
    var materializationCodeVersion: String? {
        let tag = dagsterEvent?.assetMaterialization?.tags[AssetEventTags.codeVersion]
        return tag == runID.rawValue ? nil : tag
    }
}

extension AssetStatus {
    /// Why `materialization` of `asset` is out of date: its code version changed, or an upstream
    /// asset's data differs from the version it read (or, without a recorded version, was
    /// materialized after it).
    static func causes(of asset: AssetsDefinition, materialization: EventLogRecord, upstream: [AssetKey: UpstreamState])
        -> [String]
    {
        var causes: [String] = []
        let tags = materialization.entry.dagsterEvent?.assetMaterialization?.tags ?? [:]
        let storedVersion = materialization.entry.materializationCodeVersion
        if let current = asset.op?.codeVersion, current != storedVersion {
            causes.append("code version changed from \(storedVersion.map { "\"\($0)\"" } ?? "none") to \"\(current)\"")
        }
        for key in asset.dependencies.sorted() {
            let state = upstream[key]
            let newer: Bool
            if let recorded = tags[AssetEventTags.inputDataVersionPrefix + key.userString], let current = state?.version {
                newer = current != recorded
            } else {
                newer = (state?.latestMaterializationID ?? 0) > materialization.storageID
            }
            if newer { causes.append("upstream \(key.userString) has newer data") }
        }
        return causes
    }
}
