import DagsterConfig
import DagsterCore

/// The Swift type of an input or output value, with a way to decode it from stored JSON when the
/// type is `Decodable` (what persistent IO managers need).
public struct ValueType: Sendable, CustomStringConvertible {
    /// The Swift type's name.
    public let name: String
    /// Whether the value carries no data (`Void`, Dagster's `Nothing`).
    public let isNothing: Bool
    private let decoder: (@Sendable (JSONValue) throws -> any Sendable)?

    /// The value type of Swift type `T`.
    public static func of<T: Sendable>(_ type: T.Type) -> ValueType {
        ValueType(name: "\(T.self)", isNothing: T.self == Void.self, decoder: decodingClosure(for: T.self))
    }

    /// Whether stored JSON can be decoded back to this type.
    public var isDecodable: Bool { decoder != nil }

    /// Decodes a stored value.
    /// - Throws: `DagsterError(.invariantViolation)` when the type is not `Decodable`.
    public func decode(_ json: JSONValue) throws -> any Sendable {
        guard let decoder else {
            throw DagsterError(
                .invariantViolation,
                "values of type \(name) cannot be loaded from storage: \(name) is not Decodable. "
                    + "Make it Codable or use the in-memory IO manager.")
        }
        return try decoder(json)
    }

    public var description: String { name }

    private static func decodingClosure<T: Sendable>(for type: T.Type) -> (@Sendable (JSONValue) throws -> any Sendable)? {
        guard let decodable = T.self as? any Decodable.Type else { return nil }
        return { json in try decodeValue(decodable, as: T.self, from: json) }
    }

    private static func decodeValue<D: Decodable, T: Sendable>(_ type: D.Type, as: T.Type, from json: JSONValue) throws -> T {
        guard let value = try JSONValueDecoder().decode(D.self, from: json) as? T else {
            throw DagsterError(.invariantViolation, "decoded value of type \(D.self) is not a \(T.self)")
        }
        return value
    }
}
