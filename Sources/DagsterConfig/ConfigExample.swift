import DagsterCore

/// Example values for messages: the smallest config a type accepts, written compactly.
enum ConfigExample {
    /// The smallest value of `type` with every required entry filled with a placeholder,
    /// like Dagster's `minimal_config_for_type_snap` (a selector shows its first choice).
    static func minimal(for type: ConfigType) -> JSONValue {
        switch type {
        case .any: return "AnyType"
        case .string, .stringSource: return "..."
        case .int, .intSource: return 0
        case .float: return 0.0
        case .bool, .boolSource: return true
        case .array: return []
        case .map: return .emptyObject
        case .noneable(let inner): return minimal(for: inner)
        case .enumeration(_, let values): return values.first.map { .string($0.configValue) } ?? "<unknown>"
        case .scalarUnion(let scalar, _): return minimal(for: scalar)
        case .selector(let fields):
            guard let (name, field) = fields.elements.first else { return .emptyObject }
            return .object([name: minimal(for: field.type)])
        case .shape(let fields), .permissive(let fields):
            var members = OrderedDictionary<String, JSONValue>()
            for (name, field) in fields where field.isRequired {
                members[name] = minimal(for: field.type)
            }
            return .object(members)
        }
    }

    /// A value in YAML flow style: `{db: {host: "..."}}`, `[1, 2]`, `"text"`.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .object(let members):
            return "{" + members.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
        case .array(let elements):
            return "[" + elements.map(render).joined(separator: ", ") + "]"
        default:
            return value.jsonText()
        }
    }
}
