import DagsterCore

/// Dagster's own text for each config error, word for word, so that tools which must print what
/// Dagster prints (the `dagster.yaml` loader, the CLI) can. Every `ConfigValidationError` carries
/// it as `dagsterMessage`; `message` stays swift-dagster's friendlier wording.
enum DagsterWording {
    static func missingField(_ name: String, of type: ConfigType, at path: ConfigPath) -> String {
        let example = JSONValue.object([name: minimalExample(for: type.fields?[name]?.type ?? .any)])
        return "Missing required config entry \"\(name)\" \(path.locationPhrase). You must provide this value in your"
            + " run config. Example config for the missing entry: \(PythonText.repr(example))"
    }

    static func missingFields(_ sortedNames: [String], of type: ConfigType, at path: ConfigPath) -> String {
        var example = OrderedDictionary<String, JSONValue>()
        for name in sortedNames {
            example[name] = minimalExample(for: type.fields?[name]?.type ?? .any)
        }
        return "Missing required config entries \(PythonText.list(sortedNames)) \(path.locationPhrase). You must provide"
            + " these values in your run config. Example config for the missing entries: \(PythonText.repr(.object(example)))"
    }

    static func fieldNotDefined(_ name: String, in type: ConfigType, at path: ConfigPath) -> String {
        "Received unexpected config entry \"\(name)\" \(path.locationPhrase). Expected: \"\(type.typeDescription)\"."
    }

    static func fieldsNotDefined(_ sortedNames: [String], in type: ConfigType, at path: ConfigPath) -> String {
        let defined = Array(type.fields?.keys ?? []).pythonSorted()
        return "Received unexpected config entries \"\(PythonText.list(sortedNames))\" \(path.locationPhrase)."
            + " Expected: \"\(PythonText.list(defined)).\""
    }

    static func noneNotAllowed(_ type: ConfigType, at path: ConfigPath) -> String {
        "Value \(path.locationPhrase) must not be None. Expected \"\(type.typeDescription)\""
    }

    static func scalarMismatch(_ value: JSONValue, expected type: ConfigType, at path: ConfigPath) -> String {
        "Invalid scalar \(path.locationPhrase). Value \"\(PythonText.str(value))\" of type \"\(PythonText.typeName(value))\""
            + " is not valid for expected type \"\(type.scalarName ?? type.typeDescription)\"."
    }

    /// A map ends without a period, a shape with one, as in Dagster.
    static func objectExpected(for type: ConfigType, at path: ConfigPath) -> String {
        let period = if case .map = type { "" } else { "." }
        return "Value \(path.locationPhrase) must be dict. Expected: \"\(type.typeDescription)\"\(period)"
    }

    static func listExpected(for type: ConfigType, at path: ConfigPath) -> String {
        "Value \(path.locationPhrase) must be list. Expected: \"\(type.typeDescription)\""
    }

    static func selectorNotObject(at path: ConfigPath) -> String {
        "Value for selector type \(path.locationPhrase) must be a dict"
    }

    static func selectorMultipleFields(_ sortedIncoming: [String], in type: ConfigType, at path: ConfigPath) -> String {
        let defined = Array(type.fields?.keys ?? []).pythonSorted()
        return "You can only specify a single field \(path.locationPhrase). You specified \(PythonText.list(sortedIncoming))."
            + " The available fields are \(PythonText.list(defined))"
    }

    /// Dagster words it differently for a selector of one required field.
    static func selectorNoFieldSelected(in type: ConfigType, at path: ConfigPath) -> String {
        let defined = Array(type.fields?.keys ?? []).pythonSorted()
        if defined.count == 1 {
            return "Must specify the required field \(path.locationPhrase). Defined fields: \(PythonText.list(defined))"
        }
        return "Must specify a field \(path.locationPhrase) if more than one field is defined."
            + " Defined fields: \(PythonText.list(defined))"
    }

    static func enumNotString(for type: ConfigType, at path: ConfigPath) -> String {
        "Value \(path.locationPhrase) for enum type \(type.scalarName ?? "") must be a string"
    }

    static func enumValueMissing(_ value: String, for type: ConfigType, at path: ConfigPath) -> String {
        "Value \(path.locationPhrase) not in enum type \(type.scalarName ?? "") got \(value)"
    }

    /// Dagster follows this with the Python stack trace of the failure, which has no counterpart here.
    static func postProcessingFailed(variable name: String, problem: String, at path: ConfigPath) -> String {
        let original = PythonText.repr(.object(["env": .string(name)]))
        return "Post processing \(path.locationPhrase) of original value \(original) failed:\n"
            + "dagster._config.errors.PostProcessingError: \(problem)"
    }

    static func environmentVariableUnset(_ name: String) -> String {
        "You have attempted to fetch the environment variable \"\(name)\" which is not set."
            + " In order for this execution to succeed it must be set in this environment."
    }

    static func environmentVariableNotParsed(_ name: String, as typeName: String) -> String {
        "Value stored in env variable \"\(name)\" cannot be coerced into \(typeName)."
    }

    /// The example config Dagster shows for a missing entry (`minimal_config_for_type_snap`):
    /// required fields only, in name order; `<selector>` for a selector.
    static func minimalExample(for type: ConfigType) -> JSONValue {
        switch type {
        case .any: return "AnyType"
        case .string: return "..."
        case .int: return 0
        case .float: return 0.0
        case .bool: return true
        case .stringSource, .intSource, .boolSource: return minimalExample(for: type.expandingSource)
        case .array: return []
        case .map: return .emptyObject
        case .enumeration(_, let values): return values.first.map { .string($0.configValue) } ?? "<unknown>"
        case .scalarUnion(let scalar, _): return minimalExample(for: scalar)
        case .noneable: return "<unknown>"
        case .selector: return "<selector>"
        case .shape(let fields), .permissive(let fields):
            var members = OrderedDictionary<String, JSONValue>()
            for name in Array(fields.keys).pythonSorted() {
                guard let field = fields[name], field.isRequired else { continue }
                members[name] = minimalExample(for: field.type)
            }
            return .object(members)
        }
    }
}
