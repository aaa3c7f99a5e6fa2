import DagsterConfig
import DagsterCore
import DagsterDefinitions

extension RunRequest {
    /// The request of a run of a partitioned op job for the partition its `dagster/partition`
    /// tag names: that partition's run config, with the request's own run config merged over it.
    /// Requests naming no partition, and requests of other jobs, are returned as they are.
    /// - Throws: `DagsterError(.unknownPartition)` when the job has no such partition (as of the
    ///   instance's dynamic keys); the config function's error.
    func applyingPartitionedConfig(of job: Job, instance: DagsterInstance) async throws -> RunRequest {
        guard let partitionedConfig = job.partitionedConfig,
            let key = tags[AssetContext.partitionTag] ?? job.tags[AssetContext.partitionTag]
        else { return self }
        // Checked before its config is computed; the run's partitions are resolved later.
        let context = try await instance.partitionLoadingContext(for: [partitionedConfig.partitions])
        try PartitionCheck.validate(key, of: partitionedConfig.partitions, label: "job \(job.name)", context: context)
        var request = self
        request.runConfig = try partitionedConfig.runConfig(forPartition: key).deepMerged(with: runConfig)
        return request
    }
}
