import DagsterConfig
import DagsterCore

/// One produced value of a run: the step, the output and, for dynamic outputs, the mapping key.
public struct OutputRef: Sendable, Hashable, CustomStringConvertible {
    /// The producing step.
    public let stepKey: StepKey
    /// The output's name.
    public let output: String
    /// The mapping key of a dynamic output's element.
    public let mappingKey: String?

    /// Creates a reference.
    public init(stepKey: StepKey, output: String, mappingKey: String? = nil) {
        self.stepKey = stepKey
        self.output = output
        self.mappingKey = mappingKey
    }

    public var description: String { "\(stepKey).\(output)" + (mappingKey.map { "[\($0)]" } ?? "") }
}
