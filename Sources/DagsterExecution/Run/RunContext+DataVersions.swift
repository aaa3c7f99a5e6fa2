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
    /// Present (`true`) when the asset's body gave the data version.
    static let userProvided = "dagster/data_version_is_user_provided"
    /// Prefix of the tag recording an upstream asset's data version, followed by its key.
    static let inputPrefix = "dagster/input_data_version/"
    /// Prefix of the tag recording the storage id of the upstream event that version came from.
    static let inputPointerPrefix = "dagster/input_event_pointer/"

    /// The derived data version of a materialization, as Dagster derives it: the SHA-256 of the
    /// code version (the run id when the asset has none) followed by the upstream versions in
    /// key order. Equal code and inputs give equal versions.
    static func version(codeVersion: String, inputs: [AssetKey: String]) -> String {
        SHA256.hex(([codeVersion] + inputs.sorted { $0.key < $1.key }.map(\.value)).joined())
    }

    /// The latest data version recorded for an asset: of its newest materialization or
    /// observation, with that event's storage id.
    static func latest(_ record: AssetRecord?) -> (version: String, storageID: Int64)? {
        let events = [record?.lastMaterialization, record?.lastObservation].compactMap { $0 }
        guard let newest = events.max(by: { $0.storageID < $1.storageID }), let event = newest.entry.dagsterEvent else { return nil }
        guard let version = event.assetMaterialization?.tags[dataVersion] ?? event.assetObservation?.tags[dataVersion] else { return nil }
        return (version, newest.storageID)
    }
}

extension RunContext {
    /// The tags of a materialization of `assetKey` by the step `key`: the code version (the run
    /// id when the asset has none), the data version (`given` by the body, else derived) and the
    /// versions of the upstream assets it read, with the events they came from.
    func materializationTags(for assetKey: AssetKey, node: PlanNode, key: StepKey, given: DataVersion?) async throws
        -> [String: String]
    {
        let codeVersion = node.op.codeVersion ?? run.runID.rawValue
        var tags = [AssetStatus.codeVersionTag: codeVersion]
        var inputs: [AssetKey: String] = [:]
        for upstream in upstreamAssetKeys(of: node) {
            guard let (version, pointer) = try await dataVersion(of: upstream) else { continue }
            inputs[upstream] = version
            tags[DataVersionTags.inputPrefix + upstream.userString] = version
            if let pointer { tags[DataVersionTags.inputPointerPrefix + upstream.userString] = String(pointer) }
        }
        let version = given?.value ?? DataVersionTags.version(codeVersion: codeVersion, inputs: inputs)
        dataVersions.withLock { $0[assetKey] = version }
        tags[DataVersionTags.dataVersion] = version
        if given != nil { tags[DataVersionTags.userProvided] = "true" }
        return tags
    }

    /// The current data version of an asset and the storage id of the event recording it: the
    /// version produced earlier in this run (its event may not be stored yet), else the latest
    /// one the instance recorded.
    private func dataVersion(of assetKey: AssetKey) async throws -> (version: String, pointer: Int64?)? {
        let stored = DataVersionTags.latest(try await instance.eventLogStorage.getAssetRecords([assetKey]).first)
        guard let produced = dataVersions.withLock({ $0[assetKey] }) else { return stored.map { ($0.version, $0.storageID) } }
        return (produced, stored?.version == produced ? stored?.storageID : nil)
    }

    /// The assets the node depends on: those whose values its inputs read, directly or through
    /// ops that are not assets themselves (the inner ops of a graph-backed asset), then those it
    /// runs after without reading.
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
        // Assets it depends on without reading them (`deps:`).
        for handle in node.after {
            for key in plan.node(handle)?.op.outputs.compactMap(\.assetKey) ?? [] where !found.contains(key) { found.append(key) }
        }
        return found
    }
}
