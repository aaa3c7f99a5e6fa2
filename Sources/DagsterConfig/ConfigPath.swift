/// Where a value sits in a config document, rendered the way Dagster renders it:
/// `root`, `root:ops:my_op:config:n`, `root:ops:my_op:config:items[0]:tags[0]`,
/// `root:ops:my_op:config:'a':value` for a map value.
public struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
    /// One step from a value to a value inside it.
    public enum Component: Sendable, Hashable {
        /// The field of a shape, permissive shape or selector.
        case field(String)
        /// The element of an array.
        case index(Int)
        /// The key of a map entry itself (validated against the map's key type).
        case mapKey(String, keyType: MapKeyKind)
        /// The value of a map entry.
        case mapValue(String, keyType: MapKeyKind)
    }

    /// How a map key is rendered in a path: Python's `repr` of the key.
    public enum MapKeyKind: Sendable, Hashable {
        /// String keys are quoted: `'a'`.
        case string
        /// Integer keys are written bare when they are integers: `1`.
        case int
    }

    /// The steps from the root, outermost first.
    public private(set) var components: [Component]

    /// Creates a path from its steps.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The root of a config document.
    public static let root = ConfigPath()

    /// This path extended by a field name.
    public func appending(field name: String) -> ConfigPath {
        var copy = self
        copy.components.append(.field(name))
        return copy
    }

    /// This path extended by an array index.
    public func appending(index: Int) -> ConfigPath {
        var copy = self
        copy.components.append(.index(index))
        return copy
    }

    /// This path extended by any step.
    public func appending(_ component: Component) -> ConfigPath {
        var copy = self
        copy.components.append(component)
        return copy
    }

    /// Whether this is the root.
    public var isRoot: Bool { components.isEmpty }

    /// The field names along the path, Dagster's `stack_levels` (indexes and map entries left out).
    public var stackLevels: [String] {
        components.compactMap { component in
            if case .field(let name) = component { return name }
            return nil
        }
    }

    /// The path as Dagster writes it, e.g. `root:ops:my_op:config:items[0]`.
    public var description: String {
        var text = "root"
        for component in components {
            switch component {
            case .field(let name): text += ":" + name
            case .index(let index): text += "[\(index)]"
            case .mapKey(let key, let kind): text += ":" + Self.keyRepresentation(key, kind) + ":key"
            case .mapValue(let key, let kind): text += ":" + Self.keyRepresentation(key, kind) + ":value"
            }
        }
        return text
    }

    /// `at the root` or `at path root:…`, as used in messages.
    public var locationPhrase: String {
        isRoot ? "at the root" : "at path \(description)"
    }

    private static func keyRepresentation(_ key: String, _ kind: MapKeyKind) -> String {
        if kind == .int, Int(key) != nil { return key }
        return pythonRepr(key)
    }

    /// Python's `repr` of a string: single quotes unless the text has a single quote and no double quote.
    static func pythonRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }
}
