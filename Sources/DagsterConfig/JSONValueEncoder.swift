import DagsterCore
import Foundation

/// Encodes any `Encodable` directly into a `JSONValue`, keeping object keys in the order the
/// type encodes them (declaration order for synthesized conformances).
///
/// `Date` becomes seconds since 1970, `Data` base64 text, `URL` its absolute string,
/// `OrderedDictionary<String, _>` an object in its order, and `JSONValue` itself is inserted as is.
///
/// ```swift
/// struct FetchConfig: Encodable { var limit = 10; var source = "api" }
/// let value = try JSONValueEncoder().encode(FetchConfig())  // {"limit":10,"source":"api"}
/// ```
public struct JSONValueEncoder: Sendable {
    /// Values handed to the types' `encode(to:)` through `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates an encoder.
    public init() {}

    /// Encodes `value`.
    /// - Throws: `DagsterError` `.invalidInput` when the value's encoding fails or encodes nothing.
    public func encode<T: Encodable>(_ value: T) throws(DagsterError) -> JSONValue {
        do {
            let root = EncodingNode()
            try ValueEncoder(node: root, codingPath: [], userInfo: userInfo).encodeValue(value)
            return root.value
        } catch let error as DagsterError {
            throw error
        } catch let error as EncodingError {
            throw DagsterError(.invalidInput, Self.describe(error))
        } catch {
            throw DagsterError(.invalidInput, "could not encode \(T.self): \(error)")
        }
    }

    private static func describe(_ error: EncodingError) -> String {
        switch error {
        case .invalidValue(_, let context):
            let path = context.codingPath.dottedPath
            return (path.isEmpty ? "at the root: " : "at \(path): ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

/// A value under construction: a leaf, or an object or list whose members are still being encoded.
final class EncodingNode {
    enum Content {
        case empty
        case leaf(JSONValue)
        case object(OrderedDictionary<String, EncodingNode>)
        case array([EncodingNode])
    }

    var content: Content = .empty

    init() {}

    init(_ value: JSONValue) {
        content = .leaf(value)
    }

    /// The finished value; an object or list nobody wrote into is empty, a node nobody wrote is `null`.
    var value: JSONValue {
        switch content {
        case .empty: return .null
        case .leaf(let value): return value
        case .object(let members): return .object(members.mapValues(\.value))
        case .array(let elements): return .array(elements.map(\.value))
        }
    }

    func makeObject() {
        if case .object = content { return }
        content = .object([:])
    }

    func makeArray() {
        if case .array = content { return }
        content = .array([])
    }

    func member(_ key: String) -> EncodingNode {
        makeObject()
        guard case .object(var members) = content else { return EncodingNode() }
        if let existing = members[key] { return existing }
        let node = EncodingNode()
        members[key] = node
        content = .object(members)
        return node
    }

    func appendElement() -> EncodingNode {
        makeArray()
        guard case .array(var elements) = content else { return EncodingNode() }
        let node = EncodingNode()
        elements.append(node)
        content = .array(elements)
        return node
    }

    var elementCount: Int {
        if case .array(let elements) = content { return elements.count }
        return 0
    }

    var memberCount: Int {
        if case .object(let members) = content { return members.count }
        return 0
    }
}
