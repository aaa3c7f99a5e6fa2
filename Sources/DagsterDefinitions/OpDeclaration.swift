import DagsterConfig
import DagsterCore

/// What the kind of an op's return type says about its outputs.
enum OutputShape {
    /// A single `result` output of this value type.
    case single(ValueType)
    /// No value: a `Nothing` output.
    case nothing
    /// No value, but a `MaterializeResult` with the materialization's metadata and data version.
    case materializeResult
    /// Declared outputs, set through `Outputs`.
    case declared
    /// A dynamic `result` output of this element type.
    case dynamic(ValueType)

    var isDeclared: Bool {
        if case .declared = self { return true }
        return false
    }

    static func of<Out: Sendable>(_ type: Out.Type) -> OutputShape {
        if Out.self == Void.self { return .nothing }
        if Out.self == MaterializeResult.self { return .materializeResult }
        if Out.self == Outputs.self { return .declared }
        if let dynamic = Out.self as? any DynamicOutputsConvertible.Type { return .dynamic(dynamic.elementValueType) }
        return .single(.of(Out.self))
    }

    /// What a body's return value produced; casts only for the shapes that need it.
    func produced<Out: Sendable>(by value: Out) -> [ProducedOutput] {
        switch self {
        case .nothing:
            return [ProducedOutput(outputName: "result", value: ())]
        case .materializeResult:
            let result = value as? MaterializeResult
            return [ProducedOutput(outputName: "result", value: (), metadata: result?.metadata ?? [:], dataVersion: result?.dataVersion)]
        case .single:
            return [ProducedOutput(outputName: "result", value: value)]
        case .declared:
            return (value as? Outputs)?.produced ?? []
        case .dynamic:
            let items = (value as? any DynamicOutputsConvertible)?.erasedItems ?? []
            return items.map { ProducedOutput(outputName: "result", mappingKey: $0.mappingKey, value: $0.value) }
        }
    }
}

/// The declared parts of an op, turned into an `OpDefinition` once the types are known.
struct OpDeclaration {
    var name: String
    var inputNames: [String]
    var inputTypes: [String: DagsterType]
    var outs: [any OutputDeclaration]
    var outputType: DagsterType?
    var configField: ConfigField?
    var requiredResources: Set<String>
    var tags: [String: String]
    var description: String?
    var codeVersion: String?
    var retryPolicy: RetryPolicy?
    var ioManagerKey: String
    /// The asset the single `result` output materializes (asset ops).
    var assetKey: AssetKey? = nil
    /// How that asset is partitioned.
    var assetPartitions: PartitionsDefinition? = nil
    /// For asset inputs reading partitioned upstream assets: which partition each reads, by input.
    var inputPartitions: [String: AssetInputPartitions] = [:]

    func definition(
        inputValueTypes: [ValueType], outputShape: OutputShape,
        compute: @escaping @Sendable (OpContext, [any Sendable]) async throws -> [ProducedOutput]
    ) -> OpDefinition {
        var errors: [String] = []
        if inputNames.count != inputValueTypes.count {
            errors.append(
                "op '\(name)' takes \(inputValueTypes.count) input(s) but names \(inputNames.count) in ins:; "
                    + "give one name per input, in order")
        }
        if Set(inputNames).count != inputNames.count { errors.append("op '\(name)' names an input twice in ins:") }
        let inputs = inputValueTypes.enumerated().map { index, valueType in
            let inputName = index < inputNames.count ? inputNames[index] : "input_\(index)"
            return InputDefinition(
                name: inputName, dagsterType: inputTypes[inputName] ?? DagsterType(valueType: valueType),
                valueType: valueType, assetPartitions: inputPartitions[inputName])
        }
        for typedName in inputTypes.keys where !inputNames.contains(typedName) {
            errors.append("op '\(name)' gives a type for input '\(typedName)', which it does not have")
        }
        let outputs: [OutputDefinition]
        switch outputShape {
        case .single(let valueType):
            outputs = [
                OutputDefinition(
                    dagsterType: outputType ?? DagsterType(valueType: valueType), valueType: valueType,
                    ioManagerKey: ioManagerKey, assetKey: assetKey, assetPartitions: assetPartitions)
            ]
        case .nothing, .materializeResult:
            outputs = [
                OutputDefinition(
                    dagsterType: .nothing, valueType: .of(Void.self), ioManagerKey: ioManagerKey, assetKey: assetKey,
                    assetPartitions: assetPartitions)
            ]
        case .dynamic(let valueType):
            outputs = [
                OutputDefinition(
                    dagsterType: outputType ?? DagsterType(valueType: valueType), valueType: valueType,
                    isDynamic: true, ioManagerKey: ioManagerKey)
            ]
        case .declared:
            outputs = outs.map(\.definition)
            if outputs.isEmpty { errors.append("op '\(name)' returns Outputs but declares no outs:") }
        }
        if !outs.isEmpty, !outputShape.isDeclared {
            errors.append("op '\(name)' declares outs: but its body does not return Outputs")
        }
        return OpDefinition(
            name: name, inputs: inputs, outputs: outputs, configField: configField,
            requiredResourceKeys: requiredResources, tags: tags, description: description, codeVersion: codeVersion,
            retryPolicy: retryPolicy, declarationErrors: errors, compute: compute)
    }
}
