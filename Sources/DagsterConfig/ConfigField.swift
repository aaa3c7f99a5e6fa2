import DagsterCore

/// A config field: a type plus whether it must be given, its default and a description.
///
/// Dagster's rule decides required-ness when `isRequired` is not given explicitly: a field is
/// required unless it has a default, is noneable, or is a shape (or single-field selector)
/// whose own fields are all optional. Such implicitly optional fields get an implied default,
/// the type's defaults resolved from nothing (`{}` with every field default filled in, or
/// `null` for a noneable type).
///
/// ```swift
/// let field = ConfigField(.shape([
///     "name": ConfigField(.string),                   // required
///     "count": ConfigField(.int, defaultValue: 3),    // optional, defaults to 3
///     "tag": ConfigField(.string, isRequired: false), // optional, absent when not given
/// ]))
/// try field.validateDefinition()
/// ```
public struct ConfigField: Sendable, Hashable {
    /// The type of the value.
    public var type: ConfigType
    /// The default given explicitly, written as config (enum config strings, not resolved values).
    public var defaultValue: JSONValue?
    /// `isRequired` as given explicitly; `nil` lets Dagster's rule decide.
    public var explicitIsRequired: Bool?
    /// A human description of the field.
    public var description: String?

    /// Creates a field.
    /// - Parameters:
    ///   - type: the type of the value.
    ///   - defaultValue: the value used when the field is absent; makes the field optional.
    ///   - isRequired: overrides Dagster's rule for whether the field must be given.
    ///   - description: a human description.
    public init(
        _ type: ConfigType, defaultValue: JSONValue? = nil, isRequired: Bool? = nil, description: String? = nil
    ) {
        self.type = type
        self.defaultValue = defaultValue
        self.explicitIsRequired = isRequired
        self.description = description
    }

    /// Whether a value must be given for this field.
    public var isRequired: Bool {
        if let explicitIsRequired { return explicitIsRequired }
        return !(defaultValue != nil || type.hasImplicitDefault)
    }

    /// The default used when the field is absent: the explicit default or, for an implicitly
    /// optional field, the implied one; `nil` when the field has none.
    public var effectiveDefault: JSONValue? {
        if let defaultValue { return defaultValue }
        guard explicitIsRequired == nil, type.hasImplicitDefault else { return nil }
        return ConfigResolver(environment: [:], postProcess: false).impliedDefault(of: type)
    }

    /// Whether the field has a default, explicit or implied (Dagster's `default_provided`).
    public var hasDefault: Bool { effectiveDefault != nil }
}

extension ConfigField {
    /// A field accepting anything, optional and without a default: the config of an op or
    /// resource that declares no schema.
    public static let anyOptional = ConfigField(.any, isRequired: false)

    /// A required field of `type`, or an optional one when Dagster's rule says so.
    public static func field(_ type: ConfigType, description: String? = nil) -> ConfigField {
        ConfigField(type, description: description)
    }

    /// An optional field of `type` that takes `defaultValue` when absent.
    public static func optional(
        _ type: ConfigType, default defaultValue: JSONValue, description: String? = nil
    ) -> ConfigField {
        ConfigField(type, defaultValue: defaultValue, isRequired: false, description: description)
    }

    /// An optional field of `type` without a default: absent from the resolved config when not given.
    public static func optional(_ type: ConfigType, description: String? = nil) -> ConfigField {
        ConfigField(type, isRequired: false, description: description)
    }

    /// A required field of a shape with the given fields.
    public static func shape(
        _ fields: OrderedDictionary<String, ConfigField>, description: String? = nil
    ) -> ConfigField {
        ConfigField(.shape(fields), description: description)
    }
}
