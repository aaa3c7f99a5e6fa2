import DagsterCore
import Foundation

/// The opaque cursors of paged event queries, in Dagster's form: base64 of
/// `{"type": "STORAGE_ID", "value": N}`.
enum EventLogCursor {
    /// The cursor pointing after the record with `storageID`.
    static func make(storageID: Int64) -> String {
        Data("{\"type\": \"STORAGE_ID\", \"value\": \(storageID)}".utf8).base64EncodedString()
    }

    /// The storage id a cursor points after.
    /// - Throws: `DagsterError(.invalidInput)` when `cursor` is not such a cursor.
    static func storageID(from cursor: String) throws -> Int64 {
        guard let data = Data(base64Encoded: cursor),
            let json = try? JSONParser.parse(String(decoding: data, as: UTF8.self)),
            json["type"]?.stringValue == "STORAGE_ID", let value = json["value"]?.intValue
        else {
            throw DagsterError(.invalidInput, "\"\(cursor)\" is not an event log cursor; pass the cursor of an earlier page")
        }
        return Int64(value)
    }
}
