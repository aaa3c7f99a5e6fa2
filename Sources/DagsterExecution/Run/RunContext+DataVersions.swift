import DagsterConfig
import DagsterCore
import DagsterDefinitions
import DagsterStorage
import Synchronization

/// Data versions of assets (Dagster's `dagster/data_version` tags, `AssetEventTags`): a
/// materialization records its own version and the versions of the upstream assets it read, so
/// staleness can tell when an upstream changed since.
enum DataVersionTags {
    /// The derived data version of a materialization, as Dagster derives it: the SHA-256 of the
    /// code version (the run id when the asset has none) followed by the upstream versions in
    /// key order. Equal code and inputs give equal versions.
    static func version(codeVersion: String, inputs: [AssetKey: String]) -> String {
        SHA256.hex(([codeVersion] + inputs.sorted { $0.key < $1.key }.map(\.value)).joined())
    }
}

/// The data versions of the upstream assets a step read, and the materialization tags
/// recording them (`dagster/input_data_version/K`, `dagster/input_event_pointer/K`).
struct UpstreamDataVersions {
    var versions: [AssetKey: String] = [:]
    var tags: [String: String] = [:]
}

extension RunContext {
    /// The data versions of the upstream assets a step reads (its inputs' and `deps:`), as
    /// version tags with the events they came from; read once per step, for all its outputs.
    func upstreamDataVersions(of node: PlanNode) async throws -> UpstreamDataVersions {
        var upstream = UpstreamDataVersions()
        let upstreamAssets = try upstreamAssets(of: node)
        // The unpartitioned upstreams' versions in one query.
        let wholeKeys = upstreamAssets.filter { $0.partitions == nil }.map(\.key)
        let current = wholeKeys.isEmpty ? [:] : try await instance.eventLogStorage.getLatestDataVersions(wholeKeys)
        for (key, upstreamPartitions) in upstreamAssets {
            guard let (version, pointer) = try await dataVersion(of: key, partitions: upstreamPartitions, current: current[key])
            else { continue }
            upstream.versions[key] = version
            upstream.tags[AssetEventTags.inputDataVersionPrefix + key.userString] = version
            if let pointer { upstream.tags[AssetEventTags.inputEventPointerPrefix + key.userString] = String(pointer) }
        }
        return upstream
    }

    /// The tags of a materialization of `assetKey` by `node`: the code version (the run id when
    /// the asset has none), the versions of its `upstream` assets, and its data version (`given`
    /// by the body, else derived from those).
    func materializationTags(for assetKey: AssetKey, node: PlanNode, upstream: UpstreamDataVersions, given: DataVersion?)
        -> [String: String]
    {
        let codeVersion = node.op.codeVersion ?? run.runID.rawValue
        var tags = upstream.tags
        tags[AssetEventTags.codeVersion] = codeVersion
        let version = given?.value ?? DataVersionTags.version(codeVersion: codeVersion, inputs: upstream.versions)
        dataVersions.withLock { $0[assetKey] = version }
        tags[AssetEventTags.dataVersion] = version
        if given != nil { tags[AssetEventTags.dataVersionIsUserProvided] = "true" }
        return tags
    }

    /// The current data version of an asset (of the one partition read, for a partitioned
    /// asset) and the storage id of the event recording it: the version produced earlier in this
    /// run (its event may not be stored yet), else the latest one the instance recorded. `nil`
    /// when none is known, or when several partitions are read. `current` is the version of an
    /// unpartitioned asset, read beforehand.
    private func dataVersion(of assetKey: AssetKey, partitions upstreamPartitions: [String]?, current: AssetDataVersion?) async throws
        -> (version: String, pointer: Int64?)?
    {
        let stored: (version: String, storageID: Int64)?
        if let upstreamPartitions {
            guard upstreamPartitions.count == 1 else { return nil }
            let latest = try await instance.eventLogStorage.getEventRecords(
                EventRecordsFilter(eventType: .assetMaterialization, assetKey: assetKey, assetPartitions: upstreamPartitions),
                limit: 1, ascending: false
            ).first
            stored = latest.flatMap { record in
                record.entry.dagsterEvent?.assetMaterialization?.tags[AssetEventTags.dataVersion].map { ($0, record.storageID) }
            }
        } else {
            stored = current.map { ($0.version, $0.storageID) }
        }
        // This run's version is of the run's partitions: usable only when those are what is read.
        let producedHere = upstreamPartitions == nil || upstreamPartitions == partitions?.keys
        guard producedHere, let produced = dataVersions.withLock({ $0[assetKey] }) else {
            return stored.map { ($0.version, $0.storageID) }
        }
        return (produced, stored?.version == produced ? stored?.storageID : nil)
    }

    /// The assets the node depends on, with the partitions of each it reads (`nil` for an
    /// unpartitioned one): those whose values its inputs read, directly or through ops that are
    /// not assets themselves (the inner ops of a graph-backed asset), then those it runs after
    /// without reading (the run's own partitions, for partitioned ones).
    private func upstreamAssets(of node: PlanNode) throws -> [(key: AssetKey, partitions: [String]?)] {
        var visited: Set<String> = [node.handle]
        var found: [(key: AssetKey, partitions: [String]?)] = []
        func add(_ key: AssetKey, partitioned: Bool, readBy input: InputDefinition?) throws {
            guard !found.contains(where: { $0.key == key }) else { return }
            guard partitioned else { return found.append((key, nil)) }
            if let partitioning = input?.assetPartitions {
                let downstreamKeys = partitioning.downstream == nil ? nil : partitions?.keys
                found.append((key, try partitioning.upstreamPartitions(for: downstreamKeys, context: self.partitioning.loadingContext)))
            } else {
                found.append((key, partitions?.keys ?? []))
            }
        }
        func collect(_ node: PlanNode) throws {
            for input in node.inputs { try collect(input.source, readBy: node.op.input(named: input.name)) }
        }
        func collect(_ source: PlanSource, readBy input: InputDefinition?) throws {
            switch source {
            case .output(let handle, let output), .mappedElement(let handle, let output), .collected(let handle, let output):
                guard let upstream = plan.node(handle), let definition = upstream.op.output(named: output) else { return }
                if let key = definition.assetKey {
                    try add(key, partitioned: definition.assetPartitions != nil, readBy: input)
                } else if visited.insert(handle).inserted {
                    try collect(upstream)
                }
            case .fanIn(let sources): for source in sources { try collect(source, readBy: input) }
            case .asset(let stored): try add(stored.key, partitioned: stored.isPartitioned, readBy: input)
            case .jobInput, .config: return
            }
        }
        try collect(node)
        // Assets it depends on without reading them (`deps:`).
        for handle in node.after {
            for output in plan.node(handle)?.op.outputs ?? [] {
                if let key = output.assetKey { try add(key, partitioned: output.assetPartitions != nil, readBy: nil) }
            }
        }
        return found
    }
}
