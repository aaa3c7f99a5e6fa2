import OrderedCollections

/// Payload of `LOADED_INPUT`: an IO manager loaded an input from an upstream output.
public struct LoadedInputData: Sendable, Hashable, Codable {
    /// The input's name.
    public var inputName: String
    /// The resource key of the IO manager that loaded it.
    public var managerKey: String
    /// The upstream output's name, when the input comes from a step.
    public var upstreamOutputName: String?
    /// The upstream step key, when the input comes from a step.
    public var upstreamStepKey: StepKey?
    /// Metadata the IO manager reported.
    public var metadata: Metadata

    /// Creates the payload.
    public init(
        inputName: String, managerKey: String, upstreamOutputName: String? = nil, upstreamStepKey: StepKey? = nil,
        metadata: Metadata = [:]
    ) {
        self.inputName = inputName
        self.managerKey = managerKey
        self.upstreamOutputName = upstreamOutputName
        self.upstreamStepKey = upstreamStepKey
        self.metadata = metadata
    }
}
