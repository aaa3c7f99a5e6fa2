import DagsterCore
import DagsterDefinitions
import Foundation
import Testing

/// Builds partitions definitions from the oracle's `{"class": …, "args": {…}}` descriptions, with
/// Dagster's class and argument names.
enum OraclePartitions {
    static func definition(_ json: JSONValue?) throws -> PartitionsDefinition {
        let className = try #require(json?["class"]?.stringValue)
        let args = json?["args"]?.objectValue ?? [:]
        func text(_ name: String) -> String? { args[name]?.stringValue }
        func number(_ name: String) -> Int? { args[name]?.intValue }
        func bound(_ name: String) throws -> TimeWindowBound? {
            guard let value = args[name], !value.isNull else { return nil }
            if let naive = value["$datetime_naive"]?.stringValue { return .wallClock(try localDateTime(naive)) }
            return .formatted(try #require(value.stringValue))
        }
        let timezone = text("timezone") ?? "UTC"
        let endOffset = number("end_offset") ?? 0
        switch className {
        case "StaticPartitionsDefinition":
            return .static(try StaticPartitionsDefinition(args["partition_keys"]?.arrayValue?.compactMap(\.stringValue) ?? []))
        case "DynamicPartitionsDefinition":
            return .dynamic(DynamicPartitionsDefinition(name: try #require(text("name"))))
        case "MultiPartitionsDefinition":
            var dimensions: [String: PartitionsDefinition] = [:]
            for (name, dimension) in args["partitions_defs"]?.objectValue ?? [:] {
                dimensions[name] = try definition(dimension)
            }
            return .multi(try MultiPartitionsDefinition(dimensions))
        case "TimeWindowPartitionsDefinition":
            return .timeWindow(
                try TimeWindowPartitionsDefinition(
                    cronSchedule: try #require(text("cron_schedule")), start: try #require(try bound("start")),
                    end: try bound("end"), timezone: timezone, fmt: try #require(text("fmt")), endOffset: endOffset))
        case "HourlyPartitionsDefinition":
            return try .hourly(
                startDate: try #require(try bound("start_date")), endDate: try bound("end_date"),
                minuteOffset: number("minute_offset") ?? 0, timezone: timezone, fmt: text("fmt"), endOffset: endOffset)
        case "DailyPartitionsDefinition":
            return try .daily(
                startDate: try #require(try bound("start_date")), endDate: try bound("end_date"),
                minuteOffset: number("minute_offset") ?? 0, hourOffset: number("hour_offset") ?? 0, timezone: timezone,
                fmt: text("fmt"), endOffset: endOffset)
        case "WeeklyPartitionsDefinition":
            return try .weekly(
                startDate: try #require(try bound("start_date")), endDate: try bound("end_date"),
                minuteOffset: number("minute_offset") ?? 0, hourOffset: number("hour_offset") ?? 0,
                dayOffset: number("day_offset") ?? 0, timezone: timezone, fmt: text("fmt"), endOffset: endOffset)
        case "MonthlyPartitionsDefinition":
            return try .monthly(
                startDate: try #require(try bound("start_date")), endDate: try bound("end_date"),
                minuteOffset: number("minute_offset") ?? 0, hourOffset: number("hour_offset") ?? 0,
                dayOffset: number("day_offset") ?? 1, timezone: timezone, fmt: text("fmt"), endOffset: endOffset)
        default:
            Issue.record("unknown partitions definition class \(className)")
            throw DagsterError(.invalidInput, "unknown class \(className)")
        }
    }

    /// `2024-01-01T00:00:00` (no offset) as a wall-clock reading.
    static func localDateTime(_ iso: String) throws -> LocalDateTime {
        let numbers = iso.split(whereSeparator: { "-T:. ".contains($0) }).compactMap { Int($0) }
        try #require(numbers.count >= 3, "naive datetime \(iso)")
        func part(_ index: Int) -> Int { index < numbers.count ? numbers[index] : 0 }
        return LocalDateTime(year: part(0), month: part(1), day: part(2), hour: part(3), minute: part(4), second: part(5))
    }

    /// An ISO 8601 time with an offset, e.g. `2024-03-15T10:00:00+00:00`.
    static func date(_ iso: String?) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let text = try #require(iso)
        return try #require(formatter.date(from: text), "ISO time \(text)")
    }
}
