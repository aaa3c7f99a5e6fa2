import DagsterCore
import Foundation

/// A type used inside a `Config` that declares its own config type, for types whose
/// `Decodable` conformance the schema probe cannot run (e.g. a `RawRepresentable` that is not
/// `CaseIterable`, or a type that validates its values while decoding).
///
/// ```swift
/// struct Port: Codable, ConfigTypeProviding {
///     static let configType = ConfigType.int
///     static let configPlaceholder = Port(8080)
///     …
/// }
/// ```
public protocol ConfigTypeProviding {
    /// The config type of values of this type.
    static var configType: ConfigType { get }
    /// Any valid value, returned while deriving the schema of an enclosing `Config`.
    static var configPlaceholder: Self { get }
}

/// Derives a config schema from a `Decodable` type by decoding it with a recording `Decoder`
/// that hands out placeholder values and notes every field asked for, its type, and whether it
/// was asked for with `decodeIfPresent`.
///
/// When a nested type cannot be built from placeholders, the fields seen up to that point are
/// kept and the enclosing shapes become permissive, so config still reaches the type's own
/// decoding, which reports the problem.
enum ConfigSchemaProbe {
    static func schema<T: Decodable>(of type: T.Type) -> ConfigField {
        let root = ProbeNode()
        _ = try? ProbeDecoder(node: root, codingPath: []).probe(T.self, isRoot: true)
        return ConfigField(root.configType)
    }
}

/// What the probe learned about one value.
final class ProbeNode {
    enum Kind {
        case unknown
        case fixed(ConfigType)
        case declared(ConfigField)
        case keyed(OrderedDictionary<String, (node: ProbeNode, optional: Bool)>)
        case unkeyed(ProbeNode)
        case map(key: ConfigType, value: ProbeNode)
    }

    var kind: Kind = .unknown
    /// `decodeNil()` was asked: the value may be `null`.
    var nullable = false
    /// The type's `init(from:)` returned, so every field was seen.
    var complete = false

    var field: ConfigField {
        if case .declared(let field) = kind { return field }
        return ConfigField(configType)
    }

    var configType: ConfigType {
        let type: ConfigType
        switch kind {
        case .unknown: type = .any
        case .fixed(let fixed): type = fixed
        case .declared(let field): type = field.type
        case .unkeyed(let element): type = .array(element.configType)
        case .map(let key, let value): type = .map(key: key, value: value.configType)
        case .keyed(let entries):
            var fields = OrderedDictionary<String, ConfigField>()
            for (name, entry) in entries {
                var field = entry.node.field
                if entry.optional {
                    // Dagster's Pythonic `Optional[T]`: `Noneable(T)`, not required, no default.
                    if !field.type.isNoneable { field.type = .noneable(field.type) }
                    if field.defaultValue == nil { field.explicitIsRequired = false }
                }
                fields[name] = field
            }
            type = complete ? .shape(fields) : .permissive(fields)
        }
        return nullable && !type.isNoneable && type != .any ? .noneable(type) : type
    }

    func entry(_ key: String, optional: Bool) -> ProbeNode {
        var entries: OrderedDictionary<String, (node: ProbeNode, optional: Bool)> = [:]
        if case .keyed(let existing) = kind { entries = existing }
        let node = ProbeNode()
        entries[key] = (node, optional)
        kind = .keyed(entries)
        return node
    }
}

struct ProbeFailure: Error {
    let description: String
}

/// The recording `Decoder`.
struct ProbeDecoder: Decoder {
    let node: ProbeNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        if case .keyed = node.kind {} else { node.kind = .keyed([:]) }
        return KeyedDecodingContainer(ProbeKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() -> any UnkeyedDecodingContainer {
        let element = ProbeNode()
        node.kind = .unkeyed(element)
        return ProbeUnkeyedContainer(decoder: ProbeDecoder(node: element, codingPath: codingPath))
    }

    func singleValueContainer() -> any SingleValueDecodingContainer {
        ProbeSingleValueContainer(decoder: self)
    }

    /// Records the schema of `T` into this decoder's node and returns a placeholder `T`.
    func probe<T: Decodable>(_ type: T.Type, isRoot: Bool = false) throws -> T {
        if let (configType, placeholder) = Self.leaf(T.self) {
            node.kind = .fixed(configType)
            return placeholder
        }
        if let provider = T.self as? any ConfigTypeProviding.Type {
            node.kind = .fixed(provider.configType)
            if let placeholder = provider.configPlaceholder as? T { return placeholder }
        }
        if let container = T.self as? any ProbeContainer.Type, let value = try container.probe(self) as? T {
            return value
        }
        if let enumeration = T.self as? any (CaseIterable & RawRepresentable).Type,
            let (configType, first) = Self.enumerationLeaf(enumeration), let placeholder = first as? T
        {
            node.kind = .fixed(configType)
            return placeholder
        }
        if !isRoot, let config = T.self as? any Config.Type {
            node.kind = .declared(config.configSchema)
            if let defaulted = T.self as? any DefaultedConfig.Type, let value = defaulted.init() as? T {
                return value
            }
            return try T(from: ProbeDecoder(node: ProbeNode(), codingPath: codingPath))
        }
        let value = try T(from: self)
        node.complete = true
        return value
    }

    private static func leaf<T>(_ type: T.Type) -> (ConfigType, T)? {
        func typed(_ configType: ConfigType, _ value: Any) -> (ConfigType, T)? {
            (value as? T).map { (configType, $0) }
        }
        // As in Dagster's Pythonic config, strings, integers and booleans may come from `{env: VAR}`.
        if T.self == String.self { return typed(.stringSource, "") }
        if T.self == Bool.self { return typed(.boolSource, false) }
        if let integer = T.self as? any FixedWidthInteger.Type { return typed(.intSource, integer.zero) }
        if let floating = T.self as? any BinaryFloatingPoint.Type { return typed(.float, floating.zero) }
        if T.self == Date.self { return typed(.float, Date(timeIntervalSince1970: 0)) }
        if T.self == URL.self { return typed(.string, URL(fileURLWithPath: "/")) }
        if T.self == UUID.self { return typed(.string, UUID()) }
        if T.self == Data.self { return typed(.string, Data()) }
        if T.self == Decimal.self { return typed(.float, Decimal.zero) }
        if T.self == JSONValue.self { return typed(.any, JSONValue.null) }
        return nil
    }

    private static func enumerationLeaf<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> (ConfigType, E)? {
        guard let first = E.allCases.first else { return nil }
        if E.RawValue.self == String.self {
            let values = E.allCases.map { ConfigEnumValue("\($0.rawValue)") }
            return (.enumeration(name: String(describing: E.self), values: values), first)
        }
        if E.RawValue.self is any FixedWidthInteger.Type { return (.int, first) }
        return nil
    }
}

/// Containers whose schema comes from their element types, without decoding elements.
protocol ProbeContainer {
    static func probe(_ decoder: ProbeDecoder) throws -> Any
}

extension Array: ProbeContainer where Element: Decodable {
    static func probe(_ decoder: ProbeDecoder) throws -> Any {
        let element = ProbeNode()
        _ = try? ProbeDecoder(node: element, codingPath: decoder.codingPath).probe(Element.self)
        decoder.node.kind = .unkeyed(element)
        return [Element]()
    }
}

extension Set: ProbeContainer where Element: Decodable {
    static func probe(_ decoder: ProbeDecoder) throws -> Any {
        let element = ProbeNode()
        _ = try? ProbeDecoder(node: element, codingPath: decoder.codingPath).probe(Element.self)
        decoder.node.kind = .unkeyed(element)
        return Set<Element>()
    }
}

extension Optional: ProbeContainer where Wrapped: Decodable {
    static func probe(_ decoder: ProbeDecoder) throws -> Any {
        _ = try? decoder.probe(Wrapped.self)
        decoder.node.nullable = true
        return Wrapped?.none as Any
    }
}

extension Dictionary: ProbeContainer where Key: Decodable, Value: Decodable {
    static func probe(_ decoder: ProbeDecoder) throws -> Any {
        let value = ProbeNode()
        _ = try? ProbeDecoder(node: value, codingPath: decoder.codingPath).probe(Value.self)
        decoder.node.kind = .map(key: Key.self is any FixedWidthInteger.Type ? .int : .string, value: value)
        return [Key: Value]()
    }
}

extension OrderedDictionary: ProbeContainer where Key: Decodable, Value: Decodable {
    static func probe(_ decoder: ProbeDecoder) throws -> Any {
        let value = ProbeNode()
        _ = try? ProbeDecoder(node: value, codingPath: decoder.codingPath).probe(Value.self)
        decoder.node.kind = .map(key: Key.self is any FixedWidthInteger.Type ? .int : .string, value: value)
        return OrderedDictionary<Key, Value>()
    }
}
