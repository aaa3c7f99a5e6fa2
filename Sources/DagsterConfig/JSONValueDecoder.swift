import DagsterCore
import Foundation

/// Decodes any `Decodable` directly from a `JSONValue`, without going through JSON text.
///
/// Numbers convert where no information is lost (`3` decodes as `Double`, `3.0` as `Int`);
/// `Date` reads seconds since 1970 or an ISO 8601 string, `Data` a base64 string, `URL` a
/// string, and `JSONValue` is passed through. Errors name the coding path:
///
/// ```swift
/// struct FetchConfig: Decodable { var limit: Int }
/// let config = try JSONValueDecoder().decode(FetchConfig.self, from: ["limit": 10])
/// // decoding ["limit": "ten"] throws: at limit: expected Int, got string "ten"
/// ```
public struct JSONValueDecoder: Sendable {
    /// Values handed to the types' `init(from:)` through `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder.
    public init() {}

    /// Decodes a value of `type` from `value`.
    /// - Throws: `DagsterError` `.invalidInput` naming the coding path and what was found;
    ///   its cause is the underlying `DecodingError`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(DagsterError) -> T {
        do {
            let decoder = ValueDecoder(value: value, path: nil, userInfo: userInfo)
            return try decoder.decodeValue(T.self)
        } catch let error as DecodingError {
            throw DagsterError(.invalidInput, Self.describe(error), cause: SendableDecodingError(error))
        } catch let error as DagsterError {
            throw error
        } catch {
            throw DagsterError(.invalidInput, "could not decode \(T.self): \(error)")
        }
    }

    /// `at db.port: expected Int, got string "x"`.
    static func describe(_ error: DecodingError) -> String {
        let (context, what): (DecodingError.Context, String)
        switch error {
        case .typeMismatch(_, let ctx): (context, what) = (ctx, ctx.debugDescription)
        case .valueNotFound(_, let ctx): (context, what) = (ctx, ctx.debugDescription)
        case .keyNotFound(let key, let ctx):
            (context, what) = (ctx, "missing required entry \"\(key.stringValue)\"")
        case .dataCorrupted(let ctx): (context, what) = (ctx, ctx.debugDescription)
        @unknown default: return "\(error)"
        }
        let path = context.codingPath.dottedPath
        return path.isEmpty ? "at the root: \(what)" : "at \(path): \(what)"
    }
}

/// A `DecodingError` carried as the `Sendable` cause of a `DagsterError`; the description keeps
/// what went wrong and where.
public struct SendableDecodingError: Error, Sendable, CustomStringConvertible {
    /// The coding path of the failure, dotted (`db.port`, `items.0`).
    public let codingPath: String
    /// What went wrong.
    public let description: String

    init(_ error: DecodingError) {
        switch error {
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .keyNotFound(_, let ctx), .dataCorrupted(let ctx):
            codingPath = ctx.codingPath.dottedPath
        @unknown default:
            codingPath = ""
        }
        description = JSONValueDecoder.describe(error)
    }
}

extension [any CodingKey] {
    /// `db.port`, `items.0`.
    var dottedPath: String {
        map { key in key.intValue.map(String.init) ?? key.stringValue }.joined(separator: ".")
    }
}

/// One step of a coding path, linked to its parent so the path is only built on demand.
final class CodingPathNode {
    let parent: CodingPathNode?
    let key: any CodingKey

    init(parent: CodingPathNode?, key: any CodingKey) {
        self.parent = parent
        self.key = key
    }

    /// The keys from the root to this node.
    var keys: [any CodingKey] {
        var result: [any CodingKey] = []
        var node: CodingPathNode? = self
        while let current = node {
            result.append(current.key)
            node = current.parent
        }
        return result.reversed()
    }
}

/// A coding key for array indexes and dictionary keys.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
