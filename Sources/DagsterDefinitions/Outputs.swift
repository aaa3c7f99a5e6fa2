import DagsterCore

/// Declares one named output of an op that produces several (or optional) outputs. The token
/// is also the typed key to set the value in the body and to wire the output downstream.
///
/// ```swift
/// let evens = Out<[Int]>("evens"), odds = Out<[Int]>("odds", isRequired: false)
/// let split = Op("split", ins: "numbers", outs: [evens, odds]) { (ctx: OpContext, numbers: [Int]) in
///     Outputs().with(evens, numbers.filter { $0 % 2 == 0 })
/// }
/// Job("numbers") { let parts = split(load()); report(parts[evens]) }
/// ```
public struct Out<Value: Sendable>: Sendable {
    /// The output's name.
    public let name: String
    /// The output's definition.
    public let definition: OutputDefinition

    /// Declares an output.
    public init(
        _ name: String, isRequired: Bool = true, dagsterType: DagsterType? = nil, ioManagerKey: String = "io_manager",
        description: String? = nil
    ) {
        self.name = name
        self.definition = OutputDefinition(
            name: name, dagsterType: dagsterType ?? DagsterType(valueType: .of(Value.self)), valueType: .of(Value.self),
            isRequired: isRequired, isDynamic: false, ioManagerKey: ioManagerKey, description: description)
    }
}

/// Anything that declares an output, whatever its value type.
public protocol OutputDeclaration: Sendable {
    /// The declared output.
    var definition: OutputDefinition { get }
}

extension Out: OutputDeclaration {}

/// The values an op with declared `outs` produced; outputs not set are "not produced".
public struct Outputs: Sendable {
    /// What was produced, in order.
    public private(set) var produced: [ProducedOutput] = []

    /// No outputs yet.
    public init() {}

    /// Sets the value of `output`, with optional metadata and, for an asset's output, the data
    /// version of the value.
    public mutating func set<T>(_ output: Out<T>, _ value: T, metadata: Metadata = [:], dataVersion: DataVersion? = nil) {
        produced.append(ProducedOutput(outputName: output.name, value: value, metadata: metadata, dataVersion: dataVersion))
    }

    /// A copy with the value of `output` set.
    public func with<T>(_ output: Out<T>, _ value: T, metadata: Metadata = [:], dataVersion: DataVersion? = nil) -> Outputs {
        var copy = self
        copy.set(output, value, metadata: metadata, dataVersion: dataVersion)
        return copy
    }

    /// The value produced for `output`, if any.
    public subscript<T>(_ output: Out<T>) -> T? {
        produced.first { $0.outputName == output.name }?.value as? T
    }
}

extension OutputHandle where Value == Outputs {
    /// The handle of one declared output of a multi-output op.
    public subscript<T>(_ output: Out<T>) -> OutputHandle<T> {
        guard case .output(let node, _) = source else { return OutputHandle<T>(source: source) }
        return OutputHandle<T>(source: .output(node: node, output: output.name))
    }
}
