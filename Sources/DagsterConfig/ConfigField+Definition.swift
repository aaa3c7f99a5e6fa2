import DagsterCore

extension ConfigField {
    /// Checks the field and every field nested in it the way Dagster does when a `Field` is
    /// constructed, so a bad schema fails at load time.
    ///
    /// - Throws: `DagsterError` `.invalidConfig` when a default does not validate against its
    ///   type (listing every error), `.invalidDefinition` when a field is both required and
    ///   defaulted or a map key type is neither `.string` nor `.int`.
    public func validateDefinition() throws(DagsterError) {
        try validateDefinition(at: [])
    }

    fileprivate func validateDefinition(at fieldPath: [String]) throws(DagsterError) {
        try type.validateDefinition(at: fieldPath)
        let location = fieldPath.isEmpty ? "" : " at \(fieldPath.joined(separator: "."))"
        if explicitIsRequired == true, defaultValue != nil {
            throw DagsterError(
                .invalidDefinition,
                "Config field\(location) is required and also has a default value; a required field must not specify a default. Remove the default or set isRequired: false.")
        }
        if let defaultValue {
            let errors = ConfigValidator.check(defaultValue, against: type)
            if !errors.isEmpty {
                let list = errors.enumerated().map { "\n    Error \($0.offset + 1): \($0.element.message)" }.joined()
                throw DagsterError(
                    .invalidConfig,
                    "Invalid default value for config field\(location) of type \(type.typeDescription): \(defaultValue.jsonText()). Ensure all required config entries are provided and all values match the expected types.\(list)",
                    cause: ConfigValidationErrors(errors, subject: "default value"))
            }
        }
    }
}

extension ConfigType {
    fileprivate func validateDefinition(at fieldPath: [String]) throws(DagsterError) {
        switch self {
        case .shape(let fields), .permissive(let fields), .selector(let fields):
            for (name, field) in fields {
                try field.validateDefinition(at: fieldPath + [name])
            }
        case .noneable(let inner), .array(let inner):
            try inner.validateDefinition(at: fieldPath)
        case .map(let key, let value):
            guard key == .string || key == .int else {
                let location = fieldPath.isEmpty ? "" : " at \(fieldPath.joined(separator: "."))"
                throw DagsterError(
                    .invalidDefinition,
                    "Map config type\(location) has key type \(key.typeDescription); map keys must be String or Int.")
            }
            try value.validateDefinition(at: fieldPath)
        case .scalarUnion(let scalar, let nonScalar):
            try scalar.validateDefinition(at: fieldPath)
            try nonScalar.validateDefinition(at: fieldPath)
        case .enumeration(let name, let values):
            var seen = Set<String>()
            for value in values where !seen.insert(value.configValue).inserted {
                throw DagsterError(
                    .invalidDefinition, "Enum config type \(name) lists the value \"\(value.configValue)\" twice.")
            }
        case .any, .bool, .int, .float, .string, .stringSource, .intSource, .boolSource:
            break
        }
    }
}
