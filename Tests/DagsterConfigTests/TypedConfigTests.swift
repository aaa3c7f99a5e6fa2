import DagsterConfig
import DagsterCore
import Foundation
import Testing

private enum Mode: String, Codable, CaseIterable, Sendable {
    case fast = "FAST"
    case slow = "SLOW"
}

private enum Level: Int, Codable, CaseIterable, Sendable {
    case low = 1, high = 2
}

private struct Database: Codable, Sendable, Equatable {
    var host: String
    var port: Int?
}

private struct FetchConfig: Config, Equatable {
    var limit: Int
    var ratio: Double
    var enabled: Bool
    var source: String?
    var tags: [String]
    var database: Database
    var headers: [String: String]
    var byID: [Int: Double]
    var mode: Mode
    var level: Level
    var when: Date
}

private struct Tuning: DefaultedConfig, Equatable {
    var retries = 3
    var backoff = 1.5
    var label: String? = nil
    var nested = Inner()

    struct Inner: Codable, Sendable, Equatable {
        var depth = 2
        var name = "n"
    }
}

private struct WithTuning: Config {
    var name: String
    var tuning: Tuning
}

/// `RawRepresentable` but not `CaseIterable`: the probe cannot make a placeholder.
private struct Token: RawRepresentable, Codable, Sendable {
    var rawValue: String
    init?(rawValue: String) {
        guard rawValue.hasPrefix("tok_") else { return nil }
        self.rawValue = rawValue
    }
}

private struct Opaque: Config {
    var first: Int
    var token: Token
    var last: String
}

private struct Port: Codable, Sendable, ConfigTypeProviding {
    static let configType = ConfigType.intSource
    static let configPlaceholder = Port(number: 1)
    var number: Int
    init(number: Int) { self.number = number }
    init(from decoder: any Decoder) throws { number = try decoder.singleValueContainer().decode(Int.self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(number)
    }
}

private struct Server: Config {
    var port: Port
}

@Suite struct TypedConfigTests {
    @Test func derivesTypesAndRequiredness() throws {
        let schema = FetchConfig.configSchema
        let fields = try #require(schema.type.fields)
        #expect(fields.keys.elements == [
            "limit", "ratio", "enabled", "source", "tags", "database", "headers", "byID", "mode", "level", "when",
        ])
        #expect(fields["limit"] == ConfigField(.intSource))
        #expect(fields["ratio"] == ConfigField(.float))
        #expect(fields["enabled"] == ConfigField(.boolSource))
        #expect(fields["source"] == ConfigField(.noneable(.stringSource), isRequired: false))
        #expect(fields["tags"] == ConfigField(.array(.stringSource)))
        #expect(fields["database"]?.type == .shape([
            "host": ConfigField(.stringSource), "port": ConfigField(.noneable(.intSource), isRequired: false),
        ]))
        #expect(fields["headers"]?.type == .map(key: .string, value: .stringSource))
        #expect(fields["byID"]?.type == .map(key: .int, value: .float))
        #expect(fields["mode"]?.type == .enumeration(name: "Mode", values: ["FAST", "SLOW"]))
        #expect(fields["level"]?.type == .int)
        #expect(fields["when"]?.type == .float)
        #expect(schema.isRequired)
        #expect(schema.type.typeDescription.hasPrefix(
            "{ byID: { [Int]: Float } database: { host: (String | { env: String }) port?: (Int | { env: String })? }"))
    }

    @Test func validatedConfigDecodesIntoTheType() throws {
        let runConfig: JSONValue = [
            "limit": 5, "ratio": 2, "enabled": true, "tags": ["a"], "database": ["host": "h"],
            "headers": ["x": "y"], "byID": ["7": 0.5], "mode": "SLOW", "level": 2, "when": 86400,
        ]
        let resolved = try ConfigValidator.validate(runConfig, against: FetchConfig.configSchema, environment: [:]).get()
        #expect(resolved["source"] == nil, "an optional property left out stays absent")
        let config = try FetchConfig(configValue: resolved)
        #expect(config == FetchConfig(
            limit: 5, ratio: 2, enabled: true, source: nil, tags: ["a"], database: Database(host: "h", port: nil),
            headers: ["x": "y"], byID: [7: 0.5], mode: .slow, level: .high, when: Date(timeIntervalSince1970: 86400)))
        let invalid = ConfigValidator.validate(["limit": "5"], against: FetchConfig.configSchema, environment: [:])
        #expect(invalid.errors.map(\.path).contains("root:limit"))
    }

    @Test func defaultsComeFromAnInstance() throws {
        let schema = Tuning.configSchema
        #expect(!schema.isRequired)
        let fields = try #require(schema.type.fields)
        #expect(fields["retries"] == ConfigField(.intSource, defaultValue: 3))
        #expect(fields["backoff"]?.defaultValue == 1.5)
        #expect(fields["label"] == ConfigField(.noneable(.stringSource), isRequired: false))
        #expect(fields["nested"]?.type.fields?["depth"]?.defaultValue == 2)
        let resolved = try ConfigValidator.validate(["nested": ["name": "m"]], against: schema, environment: [:]).get()
        #expect(resolved == ["retries": 3, "backoff": 1.5, "nested": ["depth": 2, "name": "m"]])
        #expect(try Tuning(configValue: resolved) == Tuning(nested: .init(depth: 2, name: "m")))

        let explicit = FetchConfig.derivedSchema(defaults: FetchConfig(
            limit: 1, ratio: 0, enabled: false, source: nil, tags: [], database: Database(host: "h"), headers: [:],
            byID: [:], mode: .fast, level: .low, when: Date(timeIntervalSince1970: 0)))
        #expect(explicit.type.fields?["limit"]?.isRequired == false)
        #expect(explicit.type.fields?["mode"]?.defaultValue == "FAST")
        #expect(explicit.type.fields?["source"]?.defaultValue == nil)
        #expect(!explicit.isRequired)
        #expect(throws: Never.self) { try explicit.validateDefinition() }
    }

    @Test func nestedConfigTypesUseTheirOwnSchema() throws {
        let fields = try #require(WithTuning.configSchema.type.fields)
        #expect(fields["tuning"] == Tuning.configSchema)
        #expect(fields["name"] == ConfigField(.stringSource))
        #expect(Server.configSchema.type == .shape(["port": ConfigField(.intSource)]))
    }

    @Test func undecodablePlaceholderFallsBackToPermissive() {
        let type = Opaque.configSchema.type
        guard case .permissive(let fields) = type else {
            Issue.record("expected a permissive shape, got \(type)")
            return
        }
        #expect(fields.keys.elements == ["first", "token"])
        #expect(fields["token"]?.type == .stringSource)
    }

    @Test func environmentVariablesReachTypedConfig() throws {
        let resolved = try ConfigValidator.validate(
            ["name": ["env": "NAME"], "tuning": ["retries": ["env": "RETRIES"]]], against: WithTuning.configSchema,
            environment: ["NAME": "warehouse", "RETRIES": "7"]
        ).get()
        let config = try WithTuning(configValue: resolved)
        #expect(config.name == "warehouse")
        #expect(config.tuning.retries == 7)
    }

    @Test func configValueRoundTrips() throws {
        let tuning = Tuning(retries: 9, backoff: 0.25, label: "x", nested: .init(depth: 1, name: "q"))
        let value = try tuning.configValue()
        #expect(value == ["retries": 9, "backoff": 0.25, "label": "x", "nested": ["depth": 1, "name": "q"]])
        #expect(try Tuning(configValue: value) == tuning)
    }
}
