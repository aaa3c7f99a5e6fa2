import DagsterCore

/// Dagster's config type system: what a config value must look like.
///
/// Schemas are plain values, built like Dagster's Python ones:
///
/// ```swift
/// let schema = ConfigType.shape([
///     "url": ConfigField(.stringSource),
///     "timeout": ConfigField(.int, defaultValue: 30),
///     "mode": ConfigField(.selector([
///         "csv": ConfigField(.shape(["path": ConfigField(.string)])),
///         "parquet": ConfigField(.shape(["path": ConfigField(.string)])),
///     ])),
/// ])
/// ```
public indirect enum ConfigType: Sendable, Hashable {
    /// Anything, including `null`; passed on unchanged.
    case any
    /// `true` or `false`.
    case bool
    /// An integer; `true` and `1.0` are rejected.
    case int
    /// A number; integers and booleans are accepted and resolved to a float, as in Dagster.
    case float
    /// A string.
    case string
    /// A string, or `{env: VAR}` read from the environment at validation time.
    case stringSource
    /// An integer, or `{env: VAR}` whose value is parsed as an integer.
    case intSource
    /// A boolean, or `{env: VAR}` whose value is read as a boolean (`false`, `none`, `0` and empty are false).
    case boolSource
    /// A fixed set of fields; unknown keys are rejected (Dagster's `Shape`).
    case shape(OrderedDictionary<String, ConfigField>)
    /// A set of fields that also lets other keys through unchecked (Dagster's `Permissive`).
    case permissive(OrderedDictionary<String, ConfigField>)
    /// Exactly one of the fields must be given (Dagster's `Selector`).
    case selector(OrderedDictionary<String, ConfigField>)
    /// The inner type or `null` (Dagster's `Noneable`).
    case noneable(ConfigType)
    /// A list whose elements all have the inner type (Dagster's `Array`).
    case array(ConfigType)
    /// An object with arbitrary keys of the key type (`.string` or `.int`) and typed values (Dagster's `Map`).
    case map(key: ConfigType, value: ConfigType)
    /// One of a fixed set of strings, each resolved to the value the op sees (Dagster's `Enum`).
    case enumeration(name: String, values: [ConfigEnumValue])
    /// A scalar of one type or a list/object of another (Dagster's `ScalarUnion`).
    case scalarUnion(scalar: ConfigType, nonScalar: ConfigType)
}

extension ConfigType {
    /// The fields of a shape, permissive shape or selector; `nil` for other types.
    public var fields: OrderedDictionary<String, ConfigField>? {
        switch self {
        case .shape(let fields), .permissive(let fields), .selector(let fields): return fields
        default: return nil
        }
    }

    /// Whether this is a type with fields (shape, permissive shape or selector).
    public var hasFields: Bool { fields != nil }

    /// Whether this is a selector.
    public var isSelector: Bool {
        if case .selector = self { return true }
        return false
    }

    /// Whether this is a noneable type.
    public var isNoneable: Bool {
        if case .noneable = self { return true }
        return false
    }

    /// Whether a field of this type with no explicit `isRequired` and no default is optional,
    /// Dagster's `has_implicit_default`: a noneable type, a shape whose fields are all optional,
    /// or a selector with a single optional field.
    public var hasImplicitDefault: Bool {
        switch self {
        case .noneable: return true
        case .shape(let fields), .permissive(let fields):
            return fields.values.allSatisfy { !$0.isRequired }
        case .selector(let fields):
            return fields.count == 1 && fields.values.allSatisfy { !$0.isRequired }
        default: return false
        }
    }

    /// The `{env: VAR}` alternative of the environment-capable scalars, as Dagster defines it.
    static let environmentSelector = ConfigType.selector(["env": ConfigField(.string)])

    /// The environment-capable scalars written out as the scalar union Dagster defines them as;
    /// other types are returned unchanged.
    var expandingSource: ConfigType {
        switch self {
        case .stringSource: return .scalarUnion(scalar: .string, nonScalar: Self.environmentSelector)
        case .intSource: return .scalarUnion(scalar: .int, nonScalar: Self.environmentSelector)
        case .boolSource: return .scalarUnion(scalar: .bool, nonScalar: Self.environmentSelector)
        default: return self
        }
    }
}
