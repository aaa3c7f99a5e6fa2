import DagsterCore
import Foundation

/// The text forms of values kept in TEXT columns: JSON, written and read in one place.
enum StoredText {
    /// Tags as a JSON object with sorted keys.
    static func tags(_ tags: [String: String]) -> String {
        var object = OrderedDictionary<String, JSONValue>()
        for key in tags.keys.sorted() { object[key] = .string(tags[key] ?? "") }
        return JSONValue.object(object).jsonText()
    }

    /// Tags read back from `tags(_:)`'s text.
    static func tags(from text: String) throws -> [String: String] {
        guard let object = try JSONParser.parse(text).objectValue else { return [:] }
        var tags: [String: String] = [:]
        tags.reserveCapacity(object.count)
        for (key, value) in object { tags[key] = value.stringValue ?? value.jsonText() }
        return tags
    }

    /// A list of strings as a JSON array, or `nil`.
    static func strings(_ values: [String]?) -> String? {
        values.map { JSONValue.array($0.map(JSONValue.string)).jsonText() }
    }

    /// A list read back from `strings(_:)`'s text.
    static func strings(from text: String?) throws -> [String]? {
        guard let text else { return nil }
        return try JSONParser.parse(text).arrayValue?.compactMap(\.stringValue)
    }

    /// An asset key as its JSON array of path components (Dagster's stored form).
    static func assetKey(_ key: AssetKey) -> String { strings(key.path) ?? "[]" }

    /// An asset key read back from `assetKey(_:)`'s text.
    static func assetKey(from text: String) throws -> AssetKey { AssetKey(try strings(from: text) ?? []) }

    /// A Codable value as JSON text.
    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// A Codable value read back from JSON text.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
