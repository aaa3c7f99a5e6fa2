import DagsterCore

/// Stores op outputs and loads them as downstream inputs. IO managers are resources: bind one
/// under `io_manager` (the default key) or under the key an output names.
public protocol IOManager: Sendable {
    /// Stores `value`, returning metadata to show on the `HANDLED_OUTPUT` event.
    func handleOutput(_ context: OutputContext, _ value: any Sendable) async throws -> Metadata
    /// Loads the value an upstream step stored, for the input described by `context`.
    func loadInput(_ context: InputContext) async throws -> any Sendable
}

/// What an IO manager knows about an output it stores.
public struct OutputContext: Sendable {
    /// The run that produced the output.
    public let runID: RunID
    /// The job.
    public let jobName: String
    /// The step key, mapping key included.
    public let stepKey: StepKey
    /// The output's name.
    public let name: String
    /// The mapping key of a dynamic output.
    public let mappingKey: String?
    /// The Swift type of the value.
    public let valueType: ValueType
    /// Metadata declared on the output.
    public let metadata: Metadata
    /// The asset the output materializes, if any.
    public let assetKey: AssetKey?
    /// The partition of that asset, when it is partitioned and the run materializes one partition.
    public let partitionKey: String?
    /// Every partition of the asset the value covers: the one partition, or the keys of a run
    /// materializing a range of partitions at once.
    public let partitionKeys: [String]

    /// Creates a context.
    public init(
        runID: RunID, jobName: String, stepKey: StepKey, name: String, mappingKey: String? = nil,
        valueType: ValueType, metadata: Metadata = [:], assetKey: AssetKey? = nil, partitionKey: String? = nil,
        partitionKeys: [String]? = nil
    ) {
        self.partitionKey = partitionKey
        self.partitionKeys = partitionKeys ?? partitionKey.map { [$0] } ?? []
        self.runID = runID
        self.jobName = jobName
        self.stepKey = stepKey
        self.name = name
        self.mappingKey = mappingKey
        self.valueType = valueType
        self.metadata = metadata
        self.assetKey = assetKey
    }

    /// Refuses a value covering several partitions, for IO managers that store one value per
    /// partition.
    /// - Throws: `DagsterError(.invariantViolation)` saying how to avoid the IO manager.
    public func requireOnePartition(storedBy manager: String) throws {
        guard partitionKeys.count > 1 else { return }
        throw DagsterError(
            .invariantViolation,
            "the \(manager) stores one value per partition, but output \"\(name)\" of step \"\(stepKey)\" covers "
                + "\(partitionKeys.count) partitions (\(partitionKeys.first ?? "")...\(partitionKeys.last ?? "")) of a run "
                + "materializing a range at once; return MaterializeResult (or nothing) and store the data yourself, "
                + "or materialize one partition per run")
    }

    /// A stable identifier of the output: run, step and output name (and mapping key).
    public var identifier: [String] {
        [runID.rawValue, stepKey, name] + (mappingKey.map { [$0] } ?? [])
    }
}

/// What an IO manager knows about an input it loads.
public struct InputContext: Sendable {
    /// The input's name.
    public let name: String
    /// The step loading it.
    public let stepKey: StepKey
    /// The output it comes from.
    public let upstreamOutput: OutputContext
    /// The Swift type the input expects.
    public let valueType: ValueType

    /// Creates a context.
    public init(name: String, stepKey: StepKey, upstreamOutput: OutputContext, valueType: ValueType) {
        self.name = name
        self.stepKey = stepKey
        self.upstreamOutput = upstreamOutput
        self.valueType = valueType
    }
}
