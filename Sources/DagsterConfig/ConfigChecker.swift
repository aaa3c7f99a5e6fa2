import DagsterCore

/// The first pass of validation, Dagster's `validate_config`: finds every structural and type
/// error without resolving anything. Errors come in Dagster's order: for a shape, unexpected
/// keys, then missing required fields, then the errors inside each given field, fields taken
/// in name order.
struct ConfigChecker {
    private(set) var errors: [ConfigValidationError] = []

    mutating func check(_ value: JSONValue, against type: ConfigType, at path: ConfigPath) {
        switch type {
        case .noneable(let inner):
            if !value.isNull { check(value, against: inner, at: path) }
            return
        case .any:
            return
        default:
            break
        }
        if value.isNull {
            errors.append(.noneNotAllowed(type, at: path))
            return
        }
        switch type {
        case .any, .noneable:
            return
        case .int, .float, .bool, .string:
            if !Self.scalar(value, matches: type) {
                errors.append(.scalarMismatch(value, expected: type, at: path))
            }
        case .stringSource, .intSource, .boolSource:
            check(value, against: type.expandingSource, at: path)
        case .scalarUnion(let scalar, let nonScalar):
            switch value {
            case .object, .array: check(value, against: nonScalar, at: path)
            default: check(value, against: scalar, at: path)
            }
        case .selector(let fields):
            checkSelector(value, fields: fields, type: type, at: path)
        case .shape(let fields):
            checkShape(value, fields: fields, type: type, strict: true, at: path)
        case .permissive(let fields):
            checkShape(value, fields: fields, type: type, strict: false, at: path)
        case .map(let keyType, let valueType):
            guard case .object(let members) = value else {
                errors.append(.objectExpected(value, for: type, at: path))
                return
            }
            let kind: ConfigPath.MapKeyKind = keyType == .int ? .int : .string
            for key in members.keys {
                check(Self.mapKey(key, as: keyType), against: keyType, at: path.appending(.mapKey(key, keyType: kind)))
            }
            for (key, member) in members {
                check(member, against: valueType, at: path.appending(.mapValue(key, keyType: kind)))
            }
        case .array(let inner):
            guard case .array(let elements) = value else {
                errors.append(.listExpected(value, for: type, at: path))
                return
            }
            for (index, element) in elements.enumerated() {
                check(element, against: inner, at: path.appending(index: index))
            }
        case .enumeration(_, let values):
            guard case .string(let text) = value else {
                errors.append(.enumNotString(value, for: type, at: path))
                return
            }
            if !values.contains(where: { $0.configValue == text }) {
                errors.append(.enumValueMissing(text, for: type, at: path))
            }
        }
    }

    /// Dagster's scalar rules: `Int` rejects booleans and floats, `Float` accepts integers and
    /// booleans (Python's `bool` is an `int`), `Bool` and `String` accept only their own kind.
    static func scalar(_ value: JSONValue, matches type: ConfigType) -> Bool {
        switch (type, value) {
        case (.int, .int), (.string, .string), (.bool, .bool): return true
        case (.float, .double), (.float, .int), (.float, .bool): return true
        default: return false
        }
    }

    /// A map key as a value of the map's key type: object keys are strings, so an integer key
    /// type reads keys written as integers.
    static func mapKey(_ key: String, as keyType: ConfigType) -> JSONValue {
        if keyType == .int, let number = Int(key) { return .int(number) }
        return .string(key)
    }

    private mutating func checkSelector(
        _ value: JSONValue, fields: OrderedDictionary<String, ConfigField>, type: ConfigType, at path: ConfigPath
    ) {
        guard case .object(let members) = value else {
            errors.append(.selectorNotObject(value, for: type, at: path))
            return
        }
        if members.isEmpty {
            if fields.count != 1 {
                errors.append(.selectorNoFieldSelected(in: type, at: path))
            } else if let only = fields.values.first, only.isRequired {
                errors.append(.selectorNoFieldSelected(in: type, at: path))
            }
            return
        }
        if members.count > 1 {
            errors.append(.selectorMultipleFields(Array(members.keys), in: type, at: path))
            return
        }
        let (name, member) = (members.keys[0], members.values[0])
        guard let field = fields[name] else {
            errors.append(.fieldNotDefined(name, in: type, at: path))
            return
        }
        // `storage: {filesystem: }` selects a branch and lets its defaults fill in.
        let given: JSONValue = member.isNull && field.type.hasFields ? .emptyObject : member
        check(given, against: field.type, at: path.appending(field: name))
    }

    private mutating func checkShape(
        _ value: JSONValue, fields: OrderedDictionary<String, ConfigField>, type: ConfigType, strict: Bool,
        at path: ConfigPath
    ) {
        guard case .object(let members) = value else {
            errors.append(.objectExpected(value, for: type, at: path))
            return
        }
        if strict {
            let extra = members.keys.elements.filter { fields[$0] == nil }
            if extra.count == 1 {
                errors.append(.fieldNotDefined(extra[0], in: type, at: path))
            } else if extra.count > 1 {
                errors.append(.fieldsNotDefined(extra, in: type, at: path))
            }
        }
        let sortedNames = Array(fields.keys).pythonSorted()
        let missing = sortedNames.filter { name in fields[name]?.isRequired == true && members[name] == nil }
        if missing.count == 1 {
            errors.append(.missingField(missing[0], of: type, at: path))
        } else if missing.count > 1 {
            errors.append(.missingFields(missing, of: type, at: path))
        }
        for name in sortedNames {
            guard let member = members[name], let field = fields[name] else { continue }
            check(member, against: field.type, at: path.appending(field: name))
        }
    }
}
