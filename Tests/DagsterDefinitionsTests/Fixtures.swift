import DagsterCore
import Foundation

/// Loads a JSON fixture copied from the oracle into this test target.
enum Fixture {
    static func load(_ name: String) throws -> JSONValue {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw DagsterError(.notFound, "fixture \(name).json is missing from the test bundle")
        }
        return try JSONParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    static func cases(_ name: String) throws -> [JSONValue] {
        try load(name)["cases"]?.arrayValue ?? []
    }
}
