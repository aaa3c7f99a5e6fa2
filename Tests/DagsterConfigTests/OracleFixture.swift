import DagsterCore
import Foundation
import Testing

/// One case of an oracle fixture file, loaded from the test bundle.
struct OracleCase: Sendable, CustomTestStringConvertible {
    let id: String
    let json: JSONValue
    let environment: [String: String]

    var testDescription: String {
        "\(id) \(json["schema_name"]?.stringValue ?? "")"
    }
}

enum OracleFixture {
    /// The cases of `Fixtures/<name>.json`, with the environment the fixture was generated in.
    static func cases(_ name: String) -> [OracleCase] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let document = try? JSONParser.parse(String(decoding: data, as: UTF8.self))
        else { return [] }
        var environment: [String: String] = [:]
        for (key, value) in document["environment"]?["set"]?.objectValue ?? [:] {
            environment[key] = value.stringValue
        }
        return (document["cases"]?.arrayValue ?? []).map { json in
            OracleCase(id: json["id"]?.stringValue ?? "?", json: json, environment: environment)
        }
    }
}
