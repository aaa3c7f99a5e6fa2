import DagsterConfig
import DagsterCore

/// An input of an op: its name, Dagster type and Swift value type.
public struct InputDefinition: Sendable {
    /// The input's name, as in events and run config.
    public let name: String
    /// The Dagster type checked on the value.
    public let dagsterType: DagsterType
    /// The Swift type the body receives.
    public let valueType: ValueType
    /// A human description.
    public let description: String?
    /// For an asset input reading a partitioned upstream asset: which partition it reads.
    public internal(set) var assetPartitions: AssetInputPartitions?

    /// Creates an input definition.
    public init(
        name: String, dagsterType: DagsterType, valueType: ValueType, description: String? = nil,
        assetPartitions: AssetInputPartitions? = nil
    ) {
        self.assetPartitions = assetPartitions
        self.name = name
        self.dagsterType = dagsterType
        self.valueType = valueType
        self.description = description
    }
}

/// An output of an op: name, types, whether it must be produced, whether it is dynamic, and
/// which IO manager stores it.
public struct OutputDefinition: Sendable {
    /// The output's name (`result` for a single output).
    public let name: String
    /// The Dagster type checked on the value.
    public let dagsterType: DagsterType
    /// The Swift type of the value.
    public let valueType: ValueType
    /// Whether the op must produce the output; optional outputs skip their downstream when absent.
    public internal(set) var isRequired: Bool
    /// Whether the output fans out into mapped steps (`DynamicOutputs`).
    public let isDynamic: Bool
    /// The resource key of the IO manager that stores the output.
    public let ioManagerKey: String
    /// A human description.
    public let description: String?
    /// The asset the output materializes (outputs of asset ops); stored under the asset's key.
    public internal(set) var assetKey: AssetKey?
    /// How that asset is partitioned: the run's partition key then names the stored partition.
    public internal(set) var assetPartitions: PartitionsDefinition?

    /// Creates an output definition.
    public init(
        name: String = "result", dagsterType: DagsterType, valueType: ValueType, isRequired: Bool = true,
        isDynamic: Bool = false, ioManagerKey: String = "io_manager", description: String? = nil, assetKey: AssetKey? = nil,
        assetPartitions: PartitionsDefinition? = nil
    ) {
        self.assetKey = assetKey
        self.assetPartitions = assetPartitions
        self.name = name
        self.dagsterType = dagsterType
        self.valueType = valueType
        self.isRequired = isRequired
        self.isDynamic = isDynamic
        self.ioManagerKey = ioManagerKey
        self.description = description
    }
}

/// One value an op body produced for one output.
public struct ProducedOutput: Sendable {
    /// The output's name.
    public let outputName: String
    /// The mapping key, for dynamic outputs.
    public let mappingKey: String?
    /// The value.
    public let value: any Sendable
    /// Metadata attached by the body.
    public let metadata: Metadata
    /// The data version the body gives the asset the output materializes (else one is derived).
    public let dataVersion: DataVersion?

    /// Creates a produced output.
    public init(
        outputName: String, mappingKey: String? = nil, value: any Sendable, metadata: Metadata = [:],
        dataVersion: DataVersion? = nil
    ) {
        self.outputName = outputName
        self.mappingKey = mappingKey
        self.value = value
        self.metadata = metadata
        self.dataVersion = dataVersion
    }
}

/// The untyped form of an op that the engine executes: everything the typed `Op` declared.
public struct OpDefinition: Sendable {
    /// The op's name.
    public let name: String
    /// Inputs, in the order the body takes them.
    public internal(set) var inputs: [InputDefinition]
    /// Outputs.
    public internal(set) var outputs: [OutputDefinition]
    /// The config schema, or `nil` when the op takes no config.
    public let configField: ConfigField?
    /// Resource keys the op needs.
    public let requiredResourceKeys: Set<String>
    /// Op tags.
    public let tags: [String: String]
    /// A human description.
    public let description: String?
    /// The code version, for staleness.
    public let codeVersion: String?
    /// The retry policy, overriding the job's.
    public let retryPolicy: RetryPolicy?
    /// Problems found when the op was declared, reported when `Definitions` is built.
    public let declarationErrors: [String]
    /// The body: takes the context and input values in order, returns what it produced.
    public let compute: @Sendable (OpContext, [any Sendable]) async throws -> [ProducedOutput]

    /// Creates an op definition.
    public init(
        name: String, inputs: [InputDefinition], outputs: [OutputDefinition], configField: ConfigField? = nil,
        requiredResourceKeys: Set<String> = [], tags: [String: String] = [:], description: String? = nil,
        codeVersion: String? = nil, retryPolicy: RetryPolicy? = nil, declarationErrors: [String] = [],
        compute: @escaping @Sendable (OpContext, [any Sendable]) async throws -> [ProducedOutput]
    ) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.configField = configField
        self.requiredResourceKeys = requiredResourceKeys
        self.tags = tags
        self.description = description
        self.codeVersion = codeVersion
        self.retryPolicy = retryPolicy
        self.declarationErrors = declarationErrors
        self.compute = compute
    }

    /// The output named `name`.
    public func output(named name: String) -> OutputDefinition? { outputs.first { $0.name == name } }

    /// The input named `name`.
    public func input(named name: String) -> InputDefinition? { inputs.first { $0.name == name } }
}
