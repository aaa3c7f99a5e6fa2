import DagsterConfig
import DagsterCore

/// The run coordinator: `run_queue`, `run_coordinator`, and the run limits of `concurrency.runs`.
extension InstanceConfigReader {
    /// How submitted runs start. `run_queue` and `QueuedRunCoordinator` queue them; so does
    /// `concurrency.runs` when no coordinator is named (Dagster queues by default, swift-dagster
    /// launches at once unless limits are asked for).
    func runCoordinator() throws -> InstanceSettings.RunCoordinator {
        var queue: InstanceSettings.QueueSettings
        if let runQueue = self["run_queue"] {
            queue = try queueSettings(classConfig(.queuedRunCoordinator, config: runQueue, at: "run_queue"), at: "run_queue")
        } else if self["run_coordinator"] != nil {
            let (coordinator, config) = try loadClass(at: "run_coordinator")
            guard coordinator.name == InstanceClass.queuedRunCoordinator.name else { return .immediate }
            queue = try queueSettings(config, at: "run_coordinator.config")
        } else if Self.pluck(self["concurrency"], ["runs"]) != nil {
            queue = InstanceSettings.QueueSettings()
        } else {
            return .immediate
        }
        applyConcurrency(to: &queue)
        return .queued(queue)
    }

    /// `QueuedRunCoordinator`'s resolved config as settings, with its checks.
    private func queueSettings(_ config: JSONValue, at location: String) throws -> InstanceSettings.QueueSettings {
        var queue = InstanceSettings.QueueSettings()
        if let limit = config["max_concurrent_runs"]?.intValue {
            guard limit >= -1 else {
                throw DagsterError(
                    .invalidConfig,
                    "Negative values other than -1 (which disables the limit) for max_concurrent_runs are disallowed: "
                        + "`\(location).max_concurrent_runs` is \(limit) in \(path).")
            }
            queue.maxConcurrentRuns = limit == -1 ? nil : limit
        }
        queue.tagConcurrencyLimits = Self.tagLimits(config["tag_concurrency_limits"])
        queue.dequeueIntervalSeconds = config["dequeue_interval_seconds"]?.doubleValue ?? queue.dequeueIntervalSeconds
        queue.dequeueUseThreads = config["dequeue_use_threads"]?.boolValue ?? queue.dequeueUseThreads
        queue.dequeueNumWorkers = config["dequeue_num_workers"]?.intValue
        queue.maxUserCodeFailureRetries = config["max_user_code_failure_retries"]?.intValue ?? queue.maxUserCodeFailureRetries
        queue.userCodeFailureRetryDelaySeconds =
            config["user_code_failure_retry_delay"]?.intValue ?? queue.userCodeFailureRetryDelaySeconds
        let blocking = config["block_op_concurrency_limited_runs"] ?? .emptyObject
        queue.blockOpConcurrencyLimitedRuns = !Self.isTruthy(blocking) || (blocking["enabled"]?.boolValue ?? true)
        queue.opConcurrencySlotBuffer = blocking["op_concurrency_slot_buffer"]?.intValue ?? 0
        if queue.opConcurrencySlotBuffer != 0, !queue.blockOpConcurrencyLimitedRuns {
            throw DagsterError(
                .invalidConfig,
                "op_concurrency_slot_buffer can only be set if block_op_concurrency_limited_runs is enabled: "
                    + "`\(location).block_op_concurrency_limited_runs` in \(path) sets a buffer with `enabled: false`.")
        }
        return queue
    }

    /// `concurrency.runs` replaces the coordinator's run limits, and `concurrency.pools`'
    /// `op_granularity_run_buffer` its slot buffer (Dagster's `ConcurrencyConfig`).
    private func applyConcurrency(to queue: inout InstanceSettings.QueueSettings) {
        if let runs = Self.pluck(self["concurrency"], ["runs"]) {
            if let limit = runs["max_concurrent_runs"]?.intValue {
                queue.maxConcurrentRuns = limit == -1 ? nil : limit
            }
            if runs["tag_concurrency_limits"] != nil {
                queue.tagConcurrencyLimits = Self.tagLimits(runs["tag_concurrency_limits"])
            }
        }
        if let buffer = Self.pluck(self["concurrency"], ["pools", "op_granularity_run_buffer"])?.intValue {
            queue.opConcurrencySlotBuffer = buffer
        }
    }

    /// `[{key, value?, limit}]`, where `value: {applyLimitPerUniqueValue: true}` limits each value apart.
    static func tagLimits(_ value: JSONValue?) -> [InstanceSettings.TagConcurrencyLimit] {
        (value?.arrayValue ?? []).compactMap { entry in
            guard let key = entry["key"]?.stringValue, let limit = entry["limit"]?.intValue else { return nil }
            switch entry["value"] {
            case .string(let text)?:
                return InstanceSettings.TagConcurrencyLimit(key: key, value: text, limit: limit)
            case .object(let options)?:
                let perValue = options["applyLimitPerUniqueValue"]?.boolValue ?? false
                return InstanceSettings.TagConcurrencyLimit(key: key, perUniqueValue: perValue, limit: limit)
            default:
                return InstanceSettings.TagConcurrencyLimit(key: key, limit: limit)
            }
        }
    }
}
