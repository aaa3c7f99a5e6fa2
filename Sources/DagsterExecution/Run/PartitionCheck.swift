import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// Checks, before a run is created, the partition a run of partitioned assets materializes:
/// there must be one (the `dagster/partition` tag), and every partitioned asset of the run must
/// have it as of now (dynamic keys read from the instance).
enum PartitionCheck {
    /// - Throws: `DagsterError(.invalidConfig)` when the key is missing or not a partition of an
    ///   asset, naming the asset and how to give a key.
    static func validate(plan: ExecutionPlan, tags: [String: String], instance: DagsterInstance) async throws {
        let partitioned = plan.nodes.flatMap { node in
            node.op.outputs.compactMap { output in output.assetPartitions.map { (output.assetKey, $0) } }
        }
        guard !partitioned.isEmpty else { return }
        guard let key = tags[AssetContext.partitionTag] else {
            let names = partitioned.compactMap { $0.0?.userString }.sorted().joined(separator: ", ")
            throw DagsterError(
                .invalidConfig,
                "the run materializes partitioned assets (\(names)) but names no partition: pass a partition key "
                    + "(materialize(partitionKey:), `asset materialize --partition KEY`, or the tag \(AssetContext.partitionTag))")
        }
        let context = try await instance.partitionLoadingContext(for: partitioned.map(\.1))
        for (assetKey, partitions) in partitioned {
            do {
                try partitions.validatePartitionKey(key, context: context)
            } catch {
                throw DagsterError(
                    .invalidConfig, "asset \(assetKey?.userString ?? "?") has no partition '\(key)': \(error.message)")
            }
        }
    }
}

extension PartitionsDefinition {
    /// The names of the dynamic partitions definitions in this one (itself, or a dimension).
    var dynamicPartitionsNames: [String] {
        switch self {
        case .dynamic(let definition): [definition.name]
        case .multi(let definition): definition.dimensions.flatMap(\.partitionsDefinition.dynamicPartitionsNames)
        case .static, .timeWindow: []
        }
    }
}

extension DagsterInstance {
    /// A partition-loading context whose dynamic partitions are the instance's current keys of
    /// every dynamic partitions definition among `definitions` (partition logic is synchronous).
    func partitionLoadingContext(for definitions: [PartitionsDefinition]) async throws -> PartitionLoadingContext {
        var store = InMemoryDynamicPartitionsStore()
        for name in Set(definitions.flatMap(\.dynamicPartitionsNames)) {
            store.addPartitions(try await getDynamicPartitions(name), named: name)
        }
        return PartitionLoadingContext(dynamicPartitionsStore: store)
    }
}
