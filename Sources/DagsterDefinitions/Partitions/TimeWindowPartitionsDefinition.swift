import DagsterCore
import Foundation

/// Partitions that each cover the time between two ticks of a cron schedule, keyed by the start
/// of their window written in a date format (Dagster's `TimeWindowPartitionsDefinition`).
///
/// The first partition starts at the first tick at or after `start`; the last one ends at or
/// before the current time, moved by `endOffset` partitions (1 includes the partition in
/// progress), and never after `end`. In a repeated fall-back hour, the second partition's key gets
/// the UTC offset appended (`2024-11-03-01:00-0500`) unless the format already has `%z`.
///
/// ```swift
/// let daily = try TimeWindowPartitionsDefinition.daily(startDate: "2024-01-01", timezone: "Europe/Berlin")
/// let keys = daily.partitionKeys(currentTime: Date())   // ["2024-01-01", "2024-01-02", …]
/// ```
public struct TimeWindowPartitionsDefinition: Sendable, Hashable {
    /// The cron schedule whose ticks bound the windows, as written, e.g. `0 0 * * *` for daily partitions.
    public var cronSchedule: String { schedule.description }
    /// The IANA time zone the schedule and the keys are read in, as written.
    public var timezone: String { zone.identifier }
    /// The Python date format of the keys, as written, e.g. `%Y-%m-%d`.
    public var fmt: String { format.pattern }
    /// The instant at or after which the first window starts.
    public let start: Date
    /// The instant after which no window ends, if any.
    public let end: Date?
    /// Partitions added past (positive) or removed before (negative) the current time.
    public let endOffset: Int

    // The schedule, zone and format keep the text they were read from, so the definition stores
    // each once and compares by them (equal texts read the same).
    let schedule: CronSchedule
    let zone: ZoneResolver
    let format: StrftimeFormat

    /// A definition from a cron schedule; throws `DagsterError(.invalidDefinition)` for an invalid
    /// schedule, time zone or date format, or a start/end that does not match the format.
    public init(
        cronSchedule: String, start: TimeWindowBound, end: TimeWindowBound? = nil, timezone: String = "UTC",
        fmt: String, endOffset: Int = 0
    ) throws(DagsterError) {
        do throws(DagsterError) {
            schedule = try CronSchedule(cronSchedule)
            zone = try ZoneResolver(identifier: timezone)
            format = try StrftimeFormat(fmt)
        } catch {
            throw DagsterError(.invalidDefinition, "time-window partitions: \(error.message)")
        }
        self.endOffset = endOffset
        self.start = Date(timeIntervalSince1970: try Self.instant(of: start, named: "start", zone: zone, format: format))
        if let end, end != .formatted("") {
            self.end = Date(timeIntervalSince1970: try Self.instant(of: end, named: "end", zone: zone, format: format))
        } else {
            self.end = nil
        }
    }

    private static func instant(
        of bound: TimeWindowBound, named name: String, zone: ZoneResolver, format: StrftimeFormat
    ) throws(DagsterError) -> Double {
        switch bound {
        case .instant(let date):
            return date.timeIntervalSince1970
        case .wallClock(let local):
            return Double(zone.instantBeforeTransition(for: local))
        case .formatted(let text):
            do {
                return Double(try parseKeyTime(text, zone: zone, format: format))
            } catch {
                throw DagsterError(
                    .invalidDefinition,
                    "time-window partitions: the \(name) '\(text)' does not match the date format '\(format.pattern)'"
                        + " (\(error.message)); write it in that format, e.g. '\(format.format(LocalDateTime(year: 2024, month: 1, day: 1)))'")
            }
        }
    }

    /// Dagster's `dst_safe_strptime`: the text in the format, or in the format followed by `%z`;
    /// without an offset a repeated wall time means its first occurrence.
    static func parseKeyTime(_ text: String, zone: ZoneResolver, format: StrftimeFormat) throws(DagsterError) -> Int64 {
        let parsed: StrftimeFormat.Parsed
        do {
            parsed = try format.parse(text)
        } catch {
            guard let withOffset = try? format.appendingUTCOffset().parse(text) else { throw error }
            parsed = withOffset
        }
        if let offset = parsed.utcOffset { return parsed.local.localSeconds - Int64(offset) }
        return zone.instantBeforeTransition(for: parsed.local)
    }
}

extension ZoneResolver {
    /// The instant of a wall-clock reading as Python reads a naive time in a zone (`fold=0`): the
    /// first occurrence of a repeated time, and for a time in a spring-forward gap, the reading
    /// taken with the offset in force before the gap.
    func instantBeforeTransition(for local: LocalDateTime) -> Int64 {
        switch resolve(local) {
        case .unique(let instant): return instant
        case .ambiguous(let earlier, _): return earlier
        case .gap(let transition): return local.localSeconds - Int64(utcOffset(at: transition - 1))
        }
    }
}
