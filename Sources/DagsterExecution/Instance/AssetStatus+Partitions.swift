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
        let own = try await eventLogStorage.getPartitionMaterializations(asset.key)
        let latest = try await records(withIDs: partitionKeys.compactMap { own[$0]?.lastMaterializationID })
        let inputs = asset.dependencies.map { (key: $0, partitioning: asset.inputPartitioning(named: AssetsDefinition.opName(for: $0))) }
        let context = try await partitionLoadingContext(
            for: ([asset.spec.partitions] + inputs.map { $0.partitioning?.upstream }).compactMap { $0 })
        // What each partition read of each upstream: the upstream partitions and their latest
        // materializations, then their versions, read together.
        var upstreamStates = UpstreamPartitionStates(instance: self, context: context)
        var reads: [String: [AssetKey: UpstreamRead]] = [:]
        for partition in partitionKeys where own[partition]?.lastMaterializationID != nil {
            for input in inputs {
                reads[partition, default: [:]][input.key] = try await upstreamStates.read(
                    of: input.key, by: partition, through: input.partitioning)
            }
        }
        let versions = try await records(withIDs: reads.values.flatMap(\.values).compactMap(\.singleMaterializationID))
        var result: [String: AssetStatus.Staleness] = [:]
        for partition in partitionKeys {
            guard let id = own[partition]?.lastMaterializationID, let materialization = latest[id] else {
                result[partition] = .missing
                continue
            }
            let upstream = (reads[partition] ?? [:]).mapValues { $0.state(versions: versions) }
            let causes = AssetStatus.causes(of: asset, materialization: materialization, upstream: upstream)
            result[partition] = causes.isEmpty ? .fresh : .stale(causes)
        }
        return result
    }

    /// The event records with `ids`, by id, in one query.
    private func records(withIDs ids: [Int64]) async throws -> [Int64: EventLogRecord] {
        guard !ids.isEmpty else { return [:] }
        let records = try await eventLogStorage.getEventRecords(
            EventRecordsFilter(storageIDs: Array(Set(ids))), limit: nil, ascending: true)
        return Dictionary(records.map { ($0.storageID, $0) }) { first, _ in first }
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

/// What one partition of a downstream asset read of an upstream asset: the whole (unpartitioned)
/// asset's state, or the upstream partitions its mapping gives and the latest materialization
/// among them.
private enum UpstreamRead {
    case whole(UpstreamState)
    case partitions(count: Int, latestMaterializationID: Int64?)

    /// The materialization whose version matters, when exactly one upstream partition is read.
    var singleMaterializationID: Int64? {
        if case .partitions(1, let id) = self { return id }
        return nil
    }

    /// The upstream's state, given the records of the single-partition reads.
    func state(versions: [Int64: EventLogRecord]) -> UpstreamState {
        switch self {
        case .whole(let state):
            return state
        case .partitions(let count, let id):
            let version = count == 1 ? id.flatMap { versions[$0]?.entry.dagsterEvent?.assetMaterialization?.tags[AssetEventTags.dataVersion] } : nil
            return UpstreamState(version: version, latestMaterializationID: id)
        }
    }
}

/// The current state of upstream assets as partitions of a downstream asset read them, with
/// each upstream's partitions (or record) looked up once.
private struct UpstreamPartitionStates {
    let instance: DagsterInstance
    let context: PartitionLoadingContext
    private var partitionStates: [AssetKey: [String: PartitionMaterializationState]] = [:]
    private var records: [AssetKey: AssetRecord?] = [:]

    init(instance: DagsterInstance, context: PartitionLoadingContext) {
        self.instance = instance
        self.context = context
    }

    /// What the downstream `partition` reads of `key`: the upstream partitions its mapping gives
    /// (the same key when the upstream is partitioned and no mapping is declared), or the whole
    /// asset when the upstream is not partitioned.
    mutating func read(of key: AssetKey, by partition: String, through partitioning: AssetInputPartitions?) async throws
        -> UpstreamRead
    {
        let states = try await partitions(of: key)
        guard !states.isEmpty || partitioning != nil else {
            if records[key] == nil { records[key] = try await instance.eventLogStorage.getAssetRecords([key]).first }
            return .whole(UpstreamState(records[key] ?? nil))
        }
        let keys = try partitioning?.upstreamPartitions(
            for: partitioning?.downstream == nil ? nil : [partition], context: context) ?? [partition]
        return .partitions(count: keys.count, latestMaterializationID: keys.compactMap { states[$0]?.lastMaterializationID }.max())
    }

    private mutating func partitions(of key: AssetKey) async throws -> [String: PartitionMaterializationState] {
        if let known = partitionStates[key] { return known }
        let states = try await instance.eventLogStorage.getPartitionMaterializations(key)
        partitionStates[key] = states
        return states
    }
}
