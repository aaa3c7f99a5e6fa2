import DagsterCore

/// One value of an enumeration config type: the string written in config and the value the op sees.
///
/// Dagster's `EnumValue("RED", python_value="red")` is `ConfigEnumValue("RED", resolved: "red")`.
public struct ConfigEnumValue: Sendable, Hashable {
    /// The string a user writes in run config.
    public var configValue: String
    /// The value the op receives after validation; by default the config string itself.
    public var resolved: JSONValue
    /// A human description of the value.
    public var description: String?

    /// Creates an enum value; `resolved` defaults to `configValue` as a string.
    public init(_ configValue: String, resolved: JSONValue? = nil, description: String? = nil) {
        self.configValue = configValue
        self.resolved = resolved ?? .string(configValue)
        self.description = description
    }
}

extension ConfigEnumValue: ExpressibleByStringLiteral {
    /// An enum value that resolves to its own config string.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}
