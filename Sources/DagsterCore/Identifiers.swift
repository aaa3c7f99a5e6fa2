import OrderedCollections

import Foundation

/// The id of a run: a lowercase UUID string, as Dagster uses.
public struct RunID: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral, Comparable {
    /// The id text.
    public let rawValue: String

    /// Wraps an existing id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// A new random id.
    public static func make() -> RunID { RunID(UUID().uuidString.lowercased()) }

    public var description: String { rawValue }
    public static func < (lhs: RunID, rhs: RunID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The key of a step in an execution plan: the node handle (`graph.op`), with a mapping key in
/// brackets for steps of a dynamic fan-out (`op[alpha]`).
public typealias StepKey = String

/// The key of an asset: a path of one or more components, written `a/b` in strings.
public struct AssetKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The path components.
    public let path: [String]

    /// A key with the given path components.
    public init(_ path: [String]) { self.path = path }
    /// A key with one component.
    public init(_ name: String) { self.path = [name] }
    public init(stringLiteral value: String) { self.path = [value] }

    /// Parses the user string form, `a/b/c`, into components.
    public static func fromUserString(_ text: String) -> AssetKey {
        AssetKey(text.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    /// This key under `prefix` (Dagster's `key_prefix`): `AssetKey("orders").prefixed(by: ["mart"])`
    /// is `mart/orders`.
    public func prefixed(by prefix: [String]) -> AssetKey { AssetKey(prefix + path) }

    /// The user string form, components joined by `/`.
    public var userString: String { path.joined(separator: "/") }
    public var description: String { userString }
    public static func < (lhs: AssetKey, rhs: AssetKey) -> Bool { lhs.path.lexicographicallyPrecedes(rhs.path) }

    public init(from decoder: any Decoder) throws {
        path = try decoder.singleValueContainer().decode([String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(path)
    }
}

extension AssetKey: ExpressibleByArrayLiteral {
    /// A key from its path components: `["mart", "orders"]`.
    public init(arrayLiteral components: String...) { self.path = components }
}
