import DagsterConfig
import DagsterCore
import Foundation

/// When a schedule fires: one cron string, or several whose ticks are merged (Dagster accepts a
/// list of cron strings for schedules whose times one string cannot express).
///
/// Ticks are computed in an IANA time zone with Dagster's daylight-saving behaviour (see
/// ``CronExpression/repeatsEveryHour``), and the iteration is inclusive: a start that falls
/// exactly on a tick yields that tick first.
///
/// ```swift
/// let schedule = try CronSchedule("30 2 * * *")
/// let zone = try ZoneResolver(identifier: "America/New_York")
/// for tick in schedule.ticks(from: Date(), in: zone).prefix(3) { print(tick) }
/// ```
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The cron expressions whose ticks are merged, in the order given.
    public let expressions: [CronExpression]
    /// Whether the schedule was given as a list of cron strings (it prints as a list).
    public let isList: Bool

    /// A schedule from one cron string; throws `DagsterError(.invalidDefinition)` naming the field.
    public init(_ cronString: String) throws(DagsterError) {
        expressions = [try CronExpression(cronString)]
        isList = false
    }

    /// A schedule firing at the ticks of any of the cron strings; the list may not be empty.
    public init(_ cronStrings: [String]) throws(DagsterError) {
        let listText = PythonText.list(cronStrings)
        guard !cronStrings.isEmpty else {
            throw DagsterError(.invalidDefinition, "invalid cron schedule \(listText): give at least one cron string")
        }
        var expressions: [CronExpression] = []
        for (index, cronString) in cronStrings.enumerated() {
            do {
                expressions.append(try CronExpression(cronString))
            } catch {
                throw DagsterError(
                    .invalidDefinition, "invalid cron schedule \(listText), item \(index + 1): \(error.message)")
            }
        }
        self.expressions = expressions
        self.isList = true
    }

    /// The cron strings as written.
    public var cronStrings: [String] { expressions.map(\.text) }

    /// The cron string, or the list in Python's notation (`['0 0 * * *', '0 12 * * *']`).
    public var description: String {
        isList ? PythonText.list(cronStrings) : expressions[0].text
    }

    /// Whether a step is larger than its field (e.g. `*/90` in the minute field), which Dagster
    /// warns about because such a schedule fires more often than it reads.
    public var hasOutOfRangeInterval: Bool {
        expressions.contains { CronIntervalCheck.hasOutOfRangeStep($0.text) }
    }

    /// The ticks at or after `start`, in increasing order.
    public func ticks(from start: Date, in zone: ZoneResolver) -> CronTicks {
        CronTicks(schedule: self, zone: zone, from: start.timeIntervalSince1970)
    }

    /// The ticks at or before `end`, in decreasing order.
    public func ticks(through end: Date, in zone: ZoneResolver) -> CronReverseTicks {
        CronReverseTicks(schedule: self, zone: zone, through: end.timeIntervalSince1970)
    }

    /// The first tick at or after `date`.
    public func nextTick(atOrAfter date: Date, in zone: ZoneResolver) -> Date? {
        var ticks = ticks(from: date, in: zone)
        return ticks.next()
    }

    /// Whether `instant` is a tick whose wall time happens exactly once in `zone`, decided from the
    /// wall time alone, without iterating ticks. `false` also when only iterating can tell: a
    /// repeated or skipped wall time, or a schedule firing only on 29 February.
    func firesUnambiguously(at instant: Int64, in zone: ZoneResolver) -> Bool {
        let local = zone.localTime(at: instant)
        guard local.second == 0, expressions.contains(where: { !$0.firesOnlyOnLeapDay && $0.matches(local) }) else {
            return false
        }
        return zone.resolve(local) == .unique(instant)
    }

    /// The last tick at or before `date`.
    public func previousTick(atOrBefore date: Date, in zone: ZoneResolver) -> Date? {
        var ticks = ticks(through: date, in: zone)
        return ticks.next()
    }
}

/// The ticks of a ``CronSchedule`` from a start instant onwards (inclusive), as dates.
public struct CronTicks: Sequence, IteratorProtocol, Sendable {
    private var cursors: [CronTickCursor]
    private var heads: [Int64?]

    init(schedule: CronSchedule, zone: ZoneResolver, from start: Double) {
        cursors = schedule.expressions.map { CronTickCursor(expression: $0, zone: zone, from: start) }
        heads = []
        for index in cursors.indices { heads.append(cursors[index].next()) }
    }

    /// The next tick in seconds since 1970, or `nil` when the schedule never fires again.
    mutating func nextInstant() -> Int64? {
        var earliest: Int64?
        for case let head? in heads where earliest.map({ head < $0 }) ?? true { earliest = head }
        guard let earliest else { return nil }
        for index in heads.indices where heads[index] == earliest {
            heads[index] = cursors[index].next()
        }
        return earliest
    }

    /// The next tick, or `nil` when the schedule never fires again.
    public mutating func next() -> Date? {
        nextInstant().map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

/// The ticks of a ``CronSchedule`` at or before an instant, latest first, as dates.
///
/// Computed by walking forward over windows that grow backwards from the end, so it yields
/// exactly the ticks ``CronTicks`` would, in reverse.
public struct CronReverseTicks: Sequence, IteratorProtocol, Sendable {
    private let schedule: CronSchedule
    private let zone: ZoneResolver
    private var upperBound: Double
    private var window: Int64 = 4 * 3600
    private var buffered: [Int64] = []
    private static let maximumWindow: Int64 = Int64(CronExpression.searchHorizonYears) * 366 * 86_400

    init(schedule: CronSchedule, zone: ZoneResolver, through end: Double) {
        self.schedule = schedule
        self.zone = zone
        self.upperBound = end
    }

    /// The previous tick in seconds since 1970, or `nil` when there is none within the horizon.
    mutating func nextInstant() -> Int64? {
        while buffered.isEmpty {
            guard window <= Self.maximumWindow else { return nil }
            let lower = Int64(upperBound.rounded(.down)) - window
            var forward = CronTicks(schedule: schedule, zone: zone, from: Double(lower))
            while let tick = forward.nextInstant(), Double(tick) <= upperBound {
                buffered.append(tick)
            }
            upperBound = Double(lower - 1)
            if buffered.isEmpty { window *= 2 }
        }
        return buffered.popLast()
    }

    /// The previous tick, or `nil` when there is none within the search horizon.
    public mutating func next() -> Date? {
        nextInstant().map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
