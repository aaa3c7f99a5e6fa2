import OrderedCollections

/// Payload of `STEP_INPUT`: an input a step received and its type check.
public struct StepInputData: Sendable, Hashable, Codable {
    /// The input's name.
    public var inputName: String
    /// The Dagster type check of the value.
    public var typeCheck: TypeCheckData

    /// Creates the payload.
    public init(inputName: String, typeCheck: TypeCheckData) {
        self.inputName = inputName
        self.typeCheck = typeCheck
    }
}
