import DagsterCore
import DagsterDefinitions
import DagsterStorage

extension DagsterInstance {
    /// The staleness of each of `partitionKeys` of a partitioned asset: missing when never
    /// materialized, else judged from that partition's latest materialization against the
    /// partitions of its upstream assets that it reads (through its partition mappings).
    public func partitionStaleness(of asset: AssetsDefinition, partitionKeys: [String]) async throws
        -> [String: AssetStatus.Staleness]
    {
        var resolver = UpstreamPartitionStates(instance: self)
        var result: [String: AssetStatus.Staleness] = [:]
        for partition in partitionKeys {
            let latest = try await eventLogStorage.getEventRecords(
                EventRecordsFilter(eventType: .assetMaterialization, assetKey: asset.key, assetPartitions: [partition]),
                limit: 1, ascending: false
            ).first
            guard let latest else {
                result[partition] = .missing
                continue
            }
            var upstream: [AssetKey: UpstreamState] = [:]
            for key in asset.dependencies {
                let partitioning = asset.inputPartitioning(named: AssetsDefinition.opName(for: key))
                upstream[key] = try await resolver.state(of: key, readBy: partition, through: partitioning)
            }
            let causes = AssetStatus.causes(of: asset, materialization: latest, upstream: upstream)
            result[partition] = causes.isEmpty ? .fresh : .stale(causes)
        }
        return result
    }

    /// The staleness of a partitioned asset as a whole: stale when any of its materialized
    /// `partitions` is, each cause naming the partitions it applies to.
    func partitionsStaleness(of asset: AssetsDefinition, partitions: [String]) async throws
        -> AssetStatus.Staleness
    {
        let byPartition = try await partitionStaleness(of: asset, partitionKeys: partitions)
        var partitionsByCause: [String: [String]] = [:]
        for partition in partitions {
            guard case .stale(let causes)? = byPartition[partition] else { continue }
            for cause in causes { partitionsByCause[cause, default: []].append(partition) }
        }
        guard !partitionsByCause.isEmpty else { return .fresh }
        return .stale(
            partitionsByCause.keys.sorted().map { cause in
                let keys = partitionsByCause[cause] ?? []
                let listed = keys.prefix(3).joined(separator: ", ") + (keys.count > 3 ? ", …" : "")
                return "\(cause) (\(keys.count == 1 ? "partition" : "\(keys.count) partitions:") \(listed))"
            })
    }
}

/// The current state of upstream assets as partitions of a downstream asset read them, with
/// each upstream's partitions looked up once.
private struct UpstreamPartitionStates {
    let instance: DagsterInstance
    private var partitionStates: [AssetKey: [String: PartitionMaterializationState]] = [:]
    private var records: [AssetKey: AssetRecord?] = [:]

    init(instance: DagsterInstance) { self.instance = instance }

    /// What `key` holds for the downstream `partition`: the upstream partitions its mapping
    /// gives (the same key when the upstream is partitioned and no mapping is declared), or the
    /// whole asset when the upstream is not partitioned.
    mutating func state(of key: AssetKey, readBy partition: String, through partitioning: AssetInputPartitions?) async throws
        -> UpstreamState
    {
        let states = try await partitions(of: key)
        guard !states.isEmpty || partitioning != nil else {
            if records[key] == nil { records[key] = try await instance.eventLogStorage.getAssetRecords([key]).first }
            return UpstreamState(records[key] ?? nil)
        }
        let keys = try partitioning?.upstreamPartitions(
            for: partitioning?.downstream == nil ? nil : [partition], context: PartitionLoadingContext()) ?? [partition]
        let latest = keys.compactMap { states[$0]?.lastMaterializationID }.max()
        guard keys.count == 1, let latest else { return UpstreamState(version: nil, latestMaterializationID: latest) }
        let record = try await instance.eventLogStorage.getEventRecords(
            EventRecordsFilter(storageIDs: [latest]), limit: 1, ascending: false
        ).first
        let version = record?.entry.dagsterEvent?.assetMaterialization?.tags[AssetEventTags.dataVersion]
        return UpstreamState(version: version, latestMaterializationID: latest)
    }

    private mutating func partitions(of key: AssetKey) async throws -> [String: PartitionMaterializationState] {
        if let known = partitionStates[key] { return known }
        let states = try await instance.eventLogStorage.getPartitionMaterializations(key)
        partitionStates[key] = states
        return states
    }
}
