import DagsterCore

/// Typed config for an op or resource: a `Codable` struct whose schema is derived from its
/// properties, so the body receives a checked value instead of a `JSONValue`.
///
/// ```swift
/// struct FetchConfig: Config {
///     var limit: Int            // required Int (or {env: VAR})
///     var ratio: Double         // required Float
///     var source: String?       // noneable String, may be left out
///     var tags: [String]        // required list of strings
/// }
/// ```
///
/// Derivation reads the type's `Decodable` conformance, mapping types as Dagster's Pythonic
/// config does: a non-optional property becomes a required field; `String`, integers and
/// `Bool` become `StringSource`, `IntSource` and `BoolSource` (the value, or `{env: VAR}`),
/// `Double`/`Float` `Float`, arrays and sets `[T]`, nested structs a nested shape,
/// `[String: T]` / `[Int: T]` a map, `CaseIterable` string enums an enum, `Date` a `Float` of
/// seconds since 1970. An optional property becomes a noneable field that is not required and
/// absent when not given. For defaults, conform to `DefaultedConfig` (every property has a
/// default and `init()` gives them) or declare `configSchema` with `derivedSchema(defaults:)`;
/// or write the schema by hand.
public protocol Config: Codable, Sendable {
    /// The schema run config for this type is validated against.
    static var configSchema: ConfigField { get }
}

/// A `Config` whose `init()` gives the defaults: every property present in the encoded
/// `Self()` becomes optional with that default.
///
/// ```swift
/// struct FetchConfig: DefaultedConfig { var limit = 100; var source = "api" }
/// // { limit?: Int source?: String }, resolving {} to {"limit": 100, "source": "api"}
/// ```
public protocol DefaultedConfig: Config {
    /// The config with every default.
    init()
}

extension Config {
    /// The schema derived from the type's `Decodable` conformance (see `Config`).
    public static var configSchema: ConfigField { derivedSchema() }

    /// The schema derived from the type's `Decodable` conformance, without defaults.
    public static func derivedSchema() -> ConfigField {
        ConfigSchemaProbe.schema(of: Self.self)
    }

    /// The derived schema with `defaults` filled in: every field present in the encoded
    /// `defaults` becomes optional with that default, nested shapes field by field.
    public static func derivedSchema(defaults: Self) -> ConfigField {
        let schema = derivedSchema()
        guard let encoded = try? JSONValueEncoder().encode(defaults) else { return schema }
        return schema.applyingDefaults(encoded)
    }

    /// Decodes a resolved config value into this type.
    /// - Throws: `DagsterError` `.invalidInput` naming the coding path.
    public init(configValue: JSONValue) throws(DagsterError) {
        self = try JSONValueDecoder().decode(Self.self, from: configValue)
    }

    /// This config as a config value, e.g. to put into run config.
    public func configValue() throws(DagsterError) -> JSONValue {
        try JSONValueEncoder().encode(self)
    }
}

extension DefaultedConfig {
    /// The schema derived from the type, with the defaults of `init()`.
    public static var configSchema: ConfigField { derivedSchema(defaults: Self()) }
}

extension ConfigField {
    /// This field with defaults taken from `value`: a shape's fields present in `value` become
    /// optional with that default (nested shapes recursively); other fields take `value` itself.
    func applyingDefaults(_ value: JSONValue) -> ConfigField {
        switch (type, value) {
        case (.shape(let fields), .object(let members)):
            var updated = fields
            for (name, field) in fields {
                guard let member = members[name] else { continue }
                updated[name] = field.applyingDefaults(member)
            }
            var copy = self
            copy.type = .shape(updated)
            if copy.explicitIsRequired == true { copy.explicitIsRequired = nil }
            return copy
        default:
            var copy = self
            copy.defaultValue = value
            copy.explicitIsRequired = nil
            return copy
        }
    }
}
