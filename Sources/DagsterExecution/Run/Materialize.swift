import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// Materializes assets in this process (Dagster's `materialize`): the `selection` of `assets`
/// (all when `nil`), one step per asset, recorded in `instance` (an ephemeral one by default);
/// partitioned assets materialize `partitionKey`, or every partition of `partitionRange` in this
/// one run (which their `.singleRun` backfill policy must allow).
/// Upstream assets outside the selection are read from their IO managers' storage.
///
/// ```swift
/// let instance = try DagsterInstance.localTemp()  // its folder goes when `instance` does
/// let result = try await materialize([orders, revenue], instance: instance)
/// let total: Double = try result.output(forNode: "revenue")
/// ```
/// - Throws: `DagsterError(.invalidDefinition)` for an invalid asset graph or an unknown selected
///   key, config errors before anything runs, and the first step failure unless `raiseOnError`
///   is false.
public func materialize(
    _ assets: [any AssetDefinitionConvertible], checks: [AssetCheck] = [], selection: Set<AssetKey>? = nil,
    partitionKey: String? = nil, partitionRange: PartitionKeyRange? = nil, instance: DagsterInstance? = nil,
    resources: [String: ResourceDefinition] = [:], runConfig: JSONValue = .emptyObject, tags: [String: String] = [:],
    raiseOnError: Bool = true
) async throws -> ExecuteInProcessResult {
    if partitionRange != nil {
        let definitions = assets.flatMap(\.assetDefinitions)
        try BackfillPolicy.checkSingleRun(definitions.filter { selection?.contains($0.key) ?? !$0.isExternal })
    }
    let job = try Definitions(jobs: [
        Job.materializing(assets, checks: checks, selection: selection, name: "__ephemeral_asset_job__", resources: resources)
    ]).jobs[0]
    var runTags = tags
    if let partitionRange { runTags.merge(RunPartitions.rangeTags(partitionRange)) { _, range in range } }
    if let partitionKey { runTags[AssetContext.partitionTag] = partitionKey }
    return try await job.executeInProcess(runConfig: runConfig, instance: instance, tags: runTags, raiseOnError: raiseOnError)
}

/// Observes observable source assets in this process (Dagster's `observe`): the `selection` of
/// them (all when `nil`), recording an `ASSET_OBSERVATION` with each one's data version.
/// - Throws: `DagsterError(.invalidDefinition)` when a selected key is not observable.
public func observe(
    _ assets: [any AssetDefinitionConvertible], selection: Set<AssetKey>? = nil, instance: DagsterInstance? = nil,
    resources: [String: ResourceDefinition] = [:]
) async throws -> ExecuteInProcessResult {
    let job = try Definitions(jobs: [
        Job.observing(assets, selection: selection, name: "__ephemeral_asset_observation_job__", resources: resources)
    ]).jobs[0]
    return try await job.executeInProcess(instance: instance)
}
