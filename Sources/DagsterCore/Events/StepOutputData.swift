import OrderedCollections

/// Payload of `STEP_OUTPUT`: which output (and mapping key) a step produced, and its type check.
public struct StepOutputData: Sendable, Hashable, Codable {
    /// The output's name (`result` by default).
    public var outputName: String
    /// The mapping key of a dynamic output.
    public var mappingKey: String?
    /// The Dagster type check of the value.
    public var typeCheck: TypeCheckData
    /// Metadata attached to the output.
    public var metadata: Metadata

    /// Creates the payload.
    public init(outputName: String, mappingKey: String? = nil, typeCheck: TypeCheckData, metadata: Metadata = [:]) {
        self.outputName = outputName
        self.mappingKey = mappingKey
        self.typeCheck = typeCheck
        self.metadata = metadata
    }
}
