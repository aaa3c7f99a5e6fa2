import DagsterCore
import DagsterDefinitions
import Foundation
import Testing

/// Every public case of the oracle's cron.json: the first ticks of a schedule from a start instant
/// in a time zone (daylight-saving transitions included), and Dagster's validity verdicts.
struct CronOracleTests {
    static let cases: [JSONValue] = (try? Fixture.cases("cron")) ?? []

    static func caseIDs(kind: String) -> [String] {
        cases.filter { $0["kind"]?.stringValue == kind }.compactMap { $0["id"]?.stringValue }
    }

    static func oracleCase(_ id: String) throws -> JSONValue {
        try #require(cases.first { $0["id"]?.stringValue == id })
    }

    /// A schedule from the case's `cron_schedule`, a string or a list of strings.
    static func schedule(_ value: JSONValue?) throws -> CronSchedule {
        if let list = value?.arrayValue {
            return try CronSchedule(list.compactMap(\.stringValue))
        }
        return try CronSchedule(try #require(value?.stringValue))
    }

    @Test("cron.json ticks", arguments: caseIDs(kind: "ticks"))
    func ticks(_ id: String) throws {
        let oracle = try Self.oracleCase(id)
        let schedule = try Self.schedule(oracle["cron_schedule"])
        let zone = try ZoneResolver(identifier: try #require(oracle["execution_timezone"]?.stringValue))
        let start = Date(timeIntervalSince1970: try #require(oracle["start"]?["unix"]?.doubleValue))
        let expected = oracle["ticks"]?.arrayValue ?? []
        let actual = Array(schedule.ticks(from: start, in: zone).prefix(expected.count))
        #expect(actual.map(\.timeIntervalSince1970) == expected.compactMap { $0["unix"]?.doubleValue })
        #expect(actual.map(zone.isoString(for:)) == expected.compactMap { $0["iso"]?.stringValue })
        if let warning = oracle["out_of_range_interval_warning"]?.boolValue {
            #expect(schedule.hasOutOfRangeInterval == warning)
        }
    }

    @Test("cron.json validity", arguments: caseIDs(kind: "validity"))
    func validity(_ id: String) throws {
        let oracle = try Self.oracleCase(id)
        let valid: Bool = try #require(oracle["valid"]?.boolValue)
        if valid {
            let schedule = try Self.schedule(oracle["cron_schedule"])
            if let warning = oracle["out_of_range_interval_warning"]?.boolValue {
                #expect(schedule.hasOutOfRangeInterval == warning)
            }
        } else {
            let error = #expect(throws: DagsterError.self) { try Self.schedule(oracle["cron_schedule"]) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.message.contains("invalid cron schedule") == true)
        }
    }

    @Test("cron.json time zone validity", arguments: caseIDs(kind: "timezone_validity"))
    func timeZoneValidity(_ id: String) throws {
        let oracle = try Self.oracleCase(id)
        let name = try #require((oracle["execution_timezone"] ?? oracle["timezone"])?.stringValue)
        let valid: Bool = try #require(oracle["valid"]?.boolValue)
        #expect(((try? ZoneResolver(identifier: name)) != nil) == valid, "time zone '\(name)'")
    }

    @Test func fixtureIsLoaded() {
        #expect(Self.caseIDs(kind: "ticks").count >= 46)
        #expect(Self.caseIDs(kind: "validity").count >= 18)
    }
}
