import OrderedCollections

/// Payload of `HANDLED_OUTPUT`: an IO manager stored an output.
public struct HandledOutputData: Sendable, Hashable, Codable {
    /// The output's name.
    public var outputName: String
    /// The resource key of the IO manager.
    public var managerKey: String
    /// Metadata the IO manager reported (e.g. the path written).
    public var metadata: Metadata

    /// Creates the payload.
    public init(outputName: String, managerKey: String, metadata: Metadata = [:]) {
        self.outputName = outputName
        self.managerKey = managerKey
        self.metadata = metadata
    }
}
