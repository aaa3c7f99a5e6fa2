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
            try ValueEncoder(node: root, path: nil, userInfo: userInfo).encodeValue(value)
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

/// A value under construction: a leaf, or an object or list whose members are still being
/// encoded. Members live in the node's own storage so appending is amortized O(1).
final class EncodingNode {
    enum Kind {
        case empty, leaf, object, array
    }

    private(set) var kind: Kind = .empty
    private var leafValue: JSONValue = .null
    private var members: OrderedDictionary<String, EncodingNode> = [:]
    private var elements: [EncodingNode] = []

    init() {}

    /// Makes this node a leaf holding `value`.
    func set(_ value: JSONValue) {
        kind = .leaf
        leafValue = value
        members = [:]
        elements = []
    }

    /// The finished value; an object or list nobody wrote into is empty, a node nobody wrote is `null`.
    var value: JSONValue {
        switch kind {
        case .empty: return .null
        case .leaf: return leafValue
        case .object: return .object(members.mapValues(\.value))
        case .array: return .array(elements.map(\.value))
        }
    }

    func makeObject() {
        guard kind != .object else { return }
        kind = .object
        members = [:]
    }

    func makeArray() {
        guard kind != .array else { return }
        kind = .array
        elements = []
    }

    func member(_ key: String) -> EncodingNode {
        makeObject()
        if let existing = members[key] { return existing }
        let node = EncodingNode()
        members[key] = node
        return node
    }

    func appendElement() -> EncodingNode {
        makeArray()
        let node = EncodingNode()
        elements.append(node)
        return node
    }

    var elementCount: Int { kind == .array ? elements.count : 0 }
}
