import DagsterCore

/// The second pass of validation, Dagster's `post_process_config`: on a value that passed
/// `ConfigChecker`, fills in defaults, reads `{env: VAR}` sources, resolves enum values and
/// widens numbers to floats. Errors here are `FAILED_POST_PROCESSING` (an unset variable, a
/// variable that is not an integer), collected for every field.
struct ConfigResolver {
    /// The environment `{env: VAR}` reads from.
    let environment: EnvironmentVariables
    /// Whether to post-process (sources, enums, floats); `false` only resolves defaults, as
    /// Dagster does to compute a field's implied default.
    let postProcess: Bool
    private(set) var errors: [ConfigValidationError] = []

    init(environment: EnvironmentVariables, postProcess: Bool = true) {
        self.environment = environment
        self.postProcess = postProcess
    }

    /// The implied default of an implicitly optional type: its defaults resolved from nothing.
    func impliedDefault(of type: ConfigType) -> JSONValue {
        var resolver = self
        return resolver.resolve(.null, as: type, at: .root)
    }

    mutating func resolve(_ value: JSONValue, as type: ConfigType, at path: ConfigPath) -> JSONValue {
        switch type {
        case .any, .bool, .int, .string:
            return value
        case .float:
            guard postProcess else { return value }
            switch value {
            case .int(let number): return .double(Double(number))
            case .bool(let flag): return .double(flag ? 1 : 0)
            default: return value
            }
        case .enumeration(_, let values):
            guard postProcess, case .string(let text) = value,
                let match = values.first(where: { $0.configValue == text })
            else { return value }
            return match.resolved
        case .noneable(let inner):
            return value.isNull ? .null : resolve(value, as: inner, at: path)
        case .scalarUnion(let scalar, let nonScalar):
            switch value {
            case .object, .array: return resolve(value, as: nonScalar, at: path)
            default: return resolve(value, as: scalar, at: path)
            }
        case .stringSource, .intSource, .boolSource:
            let resolved = resolve(value, as: type.expandingSource, at: path)
            guard postProcess else { return resolved }
            return readSource(resolved, as: type, at: path)
        case .selector(let fields):
            return resolveSelector(value, fields: fields, at: path)
        case .shape(let fields):
            return resolveShape(value, fields: fields, permissive: false, at: path)
        case .permissive(let fields):
            return resolveShape(value, fields: fields, permissive: true, at: path)
        case .array(let inner):
            guard case .array(let elements) = value else { return .array([]) }
            return .array(elements.enumerated().map { index, element in
                resolve(element, as: inner, at: path.appending(index: index))
            })
        case .map(let keyType, let valueType):
            guard case .object(let members) = value else { return .emptyObject }
            let kind: ConfigPath.MapKeyKind = keyType == .int ? .int : .string
            var resolved = OrderedDictionary<String, JSONValue>()
            for (key, member) in members {
                let normalizedKey = keyType == .int ? Int(key).map(String.init) ?? key : key
                resolved[normalizedKey] = resolve(member, as: valueType, at: path.appending(.mapValue(key, keyType: kind)))
            }
            return .object(resolved)
        }
    }

    private mutating func resolveSelector(
        _ value: JSONValue, fields: OrderedDictionary<String, ConfigField>, at path: ConfigPath
    ) -> JSONValue {
        let name: String
        let given: JSONValue
        if case .object(let members) = value, let first = members.elements.first {
            (name, given) = (first.key, first.value)
        } else if let only = fields.elements.first {
            (name, given) = (only.key, only.value.effectiveDefault ?? .null)
        } else {
            return .emptyObject
        }
        guard let field = fields[name] else { return value }
        let input: JSONValue = given.isNull && field.type.hasFields ? .emptyObject : given
        return .object([name: resolve(input, as: field.type, at: path.appending(field: name))])
    }

    private mutating func resolveShape(
        _ value: JSONValue, fields: OrderedDictionary<String, ConfigField>, permissive: Bool, at path: ConfigPath
    ) -> JSONValue {
        let members = value.objectValue ?? [:]
        var resolved = OrderedDictionary<String, JSONValue>()
        for (name, field) in fields {
            if let member = members[name] {
                resolved[name] = resolve(member, as: field.type, at: path.appending(field: name))
            } else if let fallback = field.effectiveDefault {
                resolved[name] = resolve(fallback, as: field.type, at: path.appending(field: name))
            }
        }
        if permissive {
            for (name, member) in members where fields[name] == nil {
                resolved[name] = member
            }
        }
        return .object(resolved)
    }

    /// Reads `{env: VAR}` for a source type; scalars pass through.
    private mutating func readSource(_ value: JSONValue, as type: ConfigType, at path: ConfigPath) -> JSONValue {
        guard case .object(let members) = value, case .string(let name)? = members["env"] else { return value }
        guard let text = environment[name] else {
            errors.append(.environmentVariableUnset(name, at: path))
            return value
        }
        switch type {
        case .intSource:
            guard let number = Self.pythonInt(text) else {
                errors.append(.environmentVariableNotParsed(name, as: "an Int", at: path))
                return value
            }
            return .int(number)
        case .boolSource:
            return .bool(!["false", "none", "0", ""].contains(text.lowercased()))
        default:
            return .string(text)
        }
    }

    /// Parses an integer the way Python's `int(text)` does: surrounding whitespace, a sign, and
    /// single underscores between digits are allowed.
    static func pythonInt(_ text: String) -> Int? {
        var body = Substring(text.trimmingWhitespace)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber, body.last?.isNumber == true,
            !body.contains("__")
        else { return nil }
        let digits = body.filter { $0 != "_" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let magnitude = Int(digits) else { return nil }
        return negative ? -magnitude : magnitude
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
