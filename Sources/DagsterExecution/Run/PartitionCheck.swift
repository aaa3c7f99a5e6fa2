import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// Checks and resolves the partitions a run of partitioned assets materializes: one partition
/// (the `dagster/partition` tag) or a range (`dagster/asset_partition_range_start` and `_end`),
/// which every partitioned asset of the run must have as of now (dynamic keys read from the
/// instance). Done before the run is created, and again when it executes.
enum PartitionCheck {
    /// The run's partitions; `nil` when it materializes no partitioned asset or names no
    /// partition.
    /// - Throws: `DagsterError(.invalidConfig)` when both a partition and a range are named, or
    ///   half a range; `DagsterError(.unknownPartition)` when a key is not a partition of an
    ///   asset (or of the job), naming it.
    static func resolve(plan: ExecutionPlan, job: Job, tags: [String: String], instance: DagsterInstance) async throws
        -> RunPartitions?
    {
        var partitioned = plan.nodes.flatMap { node in
            node.op.outputs.compactMap { output in
                output.assetPartitions.map { (label: "asset \(output.assetKey?.userString ?? node.handle)", partitions: $0) }
            }
        }
        if let jobPartitions = job.partitionedConfig?.partitions { partitioned.append(("job \(job.name)", jobPartitions)) }
        guard !partitioned.isEmpty else { return nil }
        let names = Set(partitioned.map(\.label)).sorted().joined(separator: ", ")
        let (single, start, end) = (tags[AssetContext.partitionTag], tags[RunPartitions.rangeStartTag], tags[RunPartitions.rangeEndTag])
        guard single == nil || (start == nil && end == nil) else {
            throw DagsterError(
                .invalidConfig,
                "the run names both a partition (\(AssetContext.partitionTag)) and a partition range "
                    + "(\(RunPartitions.rangeStartTag), \(RunPartitions.rangeEndTag)); give only one")
        }
        let context = try await instance.partitionLoadingContext(for: partitioned.map(\.partitions))
        if start != nil || end != nil {
            guard let start, let end else {
                throw DagsterError(
                    .invalidConfig,
                    "a partition range needs both tags \(RunPartitions.rangeStartTag) and \(RunPartitions.rangeEndTag)")
            }
            return try resolve(PartitionKeyRange(start: start, end: end), of: partitioned, names: names, context: context)
        }
        // Like Dagster, a run naming no partition is an unpartitioned run of partitioned
        // definitions: values are stored whole, and bodies see no partition key.
        guard let key = single else { return nil }
        for (label, partitions) in partitioned {
            do {
                try partitions.validatePartitionKey(key, context: context)
            } catch {
                throw DagsterError(.unknownPartition, "\(label) has no partition '\(key)': \(error.message)")
            }
        }
        return RunPartitions(key: key)
    }

    /// The keys of `range`, the same for every partitioned asset of the run.
    private static func resolve(
        _ range: PartitionKeyRange, of partitioned: [(label: String, partitions: PartitionsDefinition)], names: String,
        context: PartitionLoadingContext
    ) throws -> RunPartitions {
        var keys: [String]?
        for (label, partitions) in partitioned {
            let assetKeys: [String]
            do {
                assetKeys = try partitions.partitionKeys(in: range, context: context)
            } catch {
                throw DagsterError(.unknownPartition, "\(label) has no partition range \(range): \(error.message)")
            }
            if let keys, keys != assetKeys {
                throw DagsterError(
                    .invalidConfig,
                    "the assets of a partition range run must be partitioned alike, but \(range) covers different "
                        + "partitions of \(names); materialize them in separate runs")
            }
            keys = assetKeys
        }
        guard let keys, !keys.isEmpty else {
            throw DagsterError(.invalidConfig, "partition range \(range) is empty: its start comes after its end")
        }
        return RunPartitions(range: range, keys: keys)
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
