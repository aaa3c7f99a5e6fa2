import DagsterConfig
import DagsterCore
import DagsterDefinitions
import DagsterStorage
import Synchronization

/// Data versions of assets (Dagster's `dagster/data_version` tags): a materialization records
/// its own version and the versions of the upstream assets it read, so staleness can tell when
/// an upstream changed since.
enum DataVersionTags {
    /// The asset's data version.
    static let dataVersion = "dagster/data_version"
    /// Prefix of the tag recording an upstream asset's data version, followed by its key.
    static let inputPrefix = "dagster/input_data_version/"

    /// The data version of a materialization: derived from the code version and the upstream
    /// versions when the asset has a code version (equal inputs and code give equal versions),
    /// otherwise unique to this step of this run.
    static func version(codeVersion: String?, inputs: [AssetKey: String], runID: RunID, stepKey: StepKey) -> String {
        guard let codeVersion else { return SHA256.hex("\(runID.rawValue)/\(stepKey)") }
        let parts = inputs.sorted { $0.key < $1.key }.map { "\($0.key.userString)=\($0.value)" }
        return SHA256.hex(([codeVersion] + parts).joined(separator: "\n"))
    }

    /// The latest data version recorded for an asset: of its newest materialization or observation.
    static func latest(_ record: AssetRecord?) -> String? {
        let events = [record?.lastMaterialization, record?.lastObservation].compactMap { $0 }
        guard let newest = events.max(by: { $0.storageID < $1.storageID })?.entry.dagsterEvent else { return nil }
        return newest.assetMaterialization?.tags[dataVersion] ?? newest.assetObservation?.tags[dataVersion]
    }
}

extension RunContext {
    /// The tags of a materialization of `assetKey` by the step `key`: its code version, its data
    /// version and the data versions of the upstream assets it read.
    func materializationTags(for assetKey: AssetKey, node: PlanNode, key: StepKey) async throws -> [String: String] {
        var inputs: [AssetKey: String] = [:]
        for upstream in upstreamAssetKeys(of: node) {
            if let version = try await dataVersion(of: upstream) { inputs[upstream] = version }
        }
        let version = DataVersionTags.version(codeVersion: node.op.codeVersion, inputs: inputs, runID: run.runID, stepKey: key)
        dataVersions.withLock { $0[assetKey] = version }
        var tags = [DataVersionTags.dataVersion: version]
        if let codeVersion = node.op.codeVersion { tags[AssetStatus.codeVersionTag] = codeVersion }
        for (upstream, upstreamVersion) in inputs { tags[DataVersionTags.inputPrefix + upstream.userString] = upstreamVersion }
        return tags
    }

    /// The current data version of an asset: produced earlier in this run, else the latest one
    /// the instance recorded.
    private func dataVersion(of assetKey: AssetKey) async throws -> String? {
        if let version = dataVersions.withLock({ $0[assetKey] }) { return version }
        return DataVersionTags.latest(try await instance.eventLogStorage.getAssetRecords([assetKey]).first)
    }

    /// The assets whose values the node's inputs read: directly, or through ops that are not
    /// assets themselves (the inner ops of a graph-backed asset).
    private func upstreamAssetKeys(of node: PlanNode) -> [AssetKey] {
        var visited: Set<String> = [node.handle]
        var found: [AssetKey] = []
        func collect(_ node: PlanNode) {
            for input in node.inputs { collect(input.source) }
        }
        func collect(_ source: PlanSource) {
            switch source {
            case .output(let handle, let output), .mappedElement(let handle, let output), .collected(let handle, let output):
                guard let upstream = plan.node(handle) else { return }
                if let key = upstream.op.output(named: output)?.assetKey {
                    if !found.contains(key) { found.append(key) }
                } else if visited.insert(handle).inserted {
                    collect(upstream)
                }
            case .fanIn(let sources): sources.forEach(collect)
            case .asset(let stored): if !found.contains(stored.key) { found.append(stored.key) }
            case .jobInput, .config: return
            }
        }
        collect(node)
        return found
    }
}
