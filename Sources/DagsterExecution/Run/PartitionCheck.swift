import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// A run's partitions, resolved once per process, with the partition-loading context (the
/// instance's dynamic keys) that partition mappings read by.
struct RunPartitioning: Sendable {
    /// The partitions the run materializes; `nil` for an unpartitioned run.
    let partitions: RunPartitions?
    /// The context for partition logic during the run.
    let loadingContext: PartitionLoadingContext
}

/// Checks and resolves the partitions a run of partitioned assets (or of a partitioned job)
/// materializes: one partition (the `dagster/partition` tag) or a range
/// (`dagster/asset_partition_range_start` and `_end`), which every partitioned definition of
/// the run must have as of now (dynamic keys read from the instance). Done before the run is
/// created; the process executing it resolves again (keys may have changed), step workers get
/// the result in their handoff.
enum PartitionCheck {
    /// The run's partitioning. Its partitions are `nil` when the run is not partitioned or names
    /// no partition.
    /// - Throws: `DagsterError(.invalidConfig)` when both a partition and a range are named, or
    ///   half a range; `DagsterError(.unknownPartition)` when a key is not a partition of an
    ///   asset (or of the job), naming it.
    static func resolve(plan: ExecutionPlan, job: Job, tags: [String: String], instance: DagsterInstance) async throws
        -> RunPartitioning
    {
        let context = try await loadingContext(plan: plan, job: job, instance: instance)
        return RunPartitioning(partitions: try resolve(plan: plan, job: job, tags: tags, context: context), loadingContext: context)
    }

    /// The partitioning of a step worker, whose partitions the run's process resolved.
    static func known(_ partitions: RunPartitions?, plan: ExecutionPlan, job: Job, instance: DagsterInstance) async throws
        -> RunPartitioning
    {
        RunPartitioning(partitions: partitions, loadingContext: try await loadingContext(plan: plan, job: job, instance: instance))
    }

    /// Throws `DagsterError(.unknownPartition)` naming `label` (`asset x`, `job y`) when `key`
    /// is not one of `partitions`.
    static func validate(_ key: String, of partitions: PartitionsDefinition, label: String, context: PartitionLoadingContext)
        throws
    {
        do {
            try partitions.validatePartitionKey(key, context: context)
        } catch {
            throw DagsterError(.unknownPartition, "\(label) has no partition '\(key)': \(error.message)")
        }
    }

    /// The partitioned definitions of the run, each once, labelled by the first asset (or the
    /// job) partitioned so.
    private static func partitioned(plan: ExecutionPlan, job: Job) -> [(label: String, partitions: PartitionsDefinition)] {
        var found: [(label: String, partitions: PartitionsDefinition)] = []
        var seen: Set<PartitionsDefinition> = []
        for node in plan.nodes {
            for output in node.op.outputs {
                guard let partitions = output.assetPartitions, seen.insert(partitions).inserted else { continue }
                found.append(("asset \(output.assetKey?.userString ?? node.handle)", partitions))
            }
        }
        if let partitions = job.partitionedConfig?.partitions, seen.insert(partitions).inserted {
            found.append(("job \(job.name)", partitions))
        }
        return found
    }

    /// A context holding the instance's keys of every dynamic partitions definition the run's
    /// outputs, inputs or job use.
    private static func loadingContext(plan: ExecutionPlan, job: Job, instance: DagsterInstance) async throws
        -> PartitionLoadingContext
    {
        var definitions = partitioned(plan: plan, job: job).map(\.partitions)
        for node in plan.nodes {
            definitions += node.op.inputs.compactMap { $0.assetPartitions?.upstream }
        }
        return try await instance.partitionLoadingContext(for: definitions)
    }

    private static func resolve(plan: ExecutionPlan, job: Job, tags: [String: String], context: PartitionLoadingContext) throws
        -> RunPartitions?
    {
        let partitioned = partitioned(plan: plan, job: job)
        guard !partitioned.isEmpty else { return nil }
        let (single, start, end) = (tags[AssetContext.partitionTag], tags[RunPartitions.rangeStartTag], tags[RunPartitions.rangeEndTag])
        guard single == nil || (start == nil && end == nil) else {
            throw DagsterError(
                .invalidConfig,
                "the run names both a partition (\(AssetContext.partitionTag)) and a partition range "
                    + "(\(RunPartitions.rangeStartTag), \(RunPartitions.rangeEndTag)); give only one")
        }
        if start != nil || end != nil {
            guard let start, let end else {
                throw DagsterError(
                    .invalidConfig,
                    "a partition range needs both tags \(RunPartitions.rangeStartTag) and \(RunPartitions.rangeEndTag)")
            }
            return try resolve(PartitionKeyRange(start: start, end: end), of: partitioned, context: context)
        }
        // Like Dagster, a run naming no partition is an unpartitioned run of partitioned
        // definitions: values are stored whole, and bodies see no partition key.
        guard let key = single else { return nil }
        for (label, partitions) in partitioned { try validate(key, of: partitions, label: label, context: context) }
        return RunPartitions(key: key)
    }

    /// The keys of `range`, the same for every partitioned definition of the run.
    private static func resolve(
        _ range: PartitionKeyRange, of partitioned: [(label: String, partitions: PartitionsDefinition)],
        context: PartitionLoadingContext
    ) throws -> RunPartitions {
        var keys: [String]?
        for (label, partitions) in partitioned {
            let definitionKeys: [String]
            do {
                definitionKeys = try partitions.partitionKeys(in: range, context: context)
            } catch {
                throw DagsterError(.unknownPartition, "\(label) has no partition range \(range): \(error.message)")
            }
            if let keys, keys != definitionKeys {
                throw DagsterError(
                    .invalidConfig,
                    "the assets of a partition range run must be partitioned alike, but \(range) covers different "
                        + "partitions of \(partitioned.map(\.label).joined(separator: " and ")); materialize them in separate runs")
            }
            keys = definitionKeys
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
