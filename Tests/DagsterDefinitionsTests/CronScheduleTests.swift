import DagsterCore
import DagsterDefinitions
import Foundation
import Testing

/// What users see of cron schedules beyond the oracle: error messages that name the field and the
/// reason, the grammar's corners, reverse iteration, and the printed form.
struct CronScheduleTests {
    static let newYork = try! ZoneResolver(identifier: "America/New_York")

    /// A cron string Dagster rejects, and words the error must contain.
    static let invalidSchedules: [(cron: String, phrases: [String])] = [
        ("0 25 * * *", ["hour field", "'25' is out of range (0-23)"]),
        ("* * * * 8", ["day-of-week field", "'8' is out of range (0-7)"]),
        ("* * 32 * *", ["day-of-month field", "out of range"]),
        ("* * * 13 *", ["month field", "out of range"]),
        ("0 0 30 2 *", ["never fires", "February has no day 30"]),
        ("a * * * *", ["minute field", "'a' is not a valid value"]),
        ("* * * * funday", ["day-of-week field", "SUN-SAT"]),
        ("1,2,,3 * * * *", ["minute field", "empty value"]),
        ("*/0 * * * *", ["minute field", "step of 0"]),
        ("-1 * * * *", ["negative"]),
        ("0 0 * * 1#6", ["day-of-week field", "1 to 5"]),
        ("0 0 * * mon#1,tue", ["cannot be mixed"]),
        ("? * * * *", ["'?' is only allowed in the day-of-month and day-of-week fields"]),
        ("H * * * *", ["hash id"]),
        ("0 0 * * * 2024", ["expected 5 fields", "found 6 fields"]),
        ("", ["found an empty string"]),
        ("@reboot", ["found 1 field"]),
    ]

    @Test("invalid cron strings name the field and the reason", arguments: invalidSchedules.map(\.cron))
    func invalidCron(_ cron: String) {
        let phrases = Self.invalidSchedules.first { $0.cron == cron }?.phrases ?? []
        let error = #expect(throws: DagsterError.self) { try CronSchedule(cron) }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.message.hasPrefix("invalid cron schedule '\(cron)': ") == true)
        for phrase in phrases {
            #expect(error?.message.contains(phrase) == true, "'\(error?.message ?? "")' should mention \(phrase)")
        }
    }

    @Test func aListNamesItsBadItem() {
        let error = #expect(throws: DagsterError.self) { try CronSchedule(["0 0 * * *", "bad cron"]) }
        #expect(error?.message.contains("['0 0 * * *', 'bad cron'], item 2") == true)
        #expect(throws: DagsterError.self) { try CronSchedule([String]()) }
    }

    @Test func namesRangesAndAliasesMeanWhatCronMeans() throws {
        let monday = LocalDateTime(year: 2024, month: 1, day: 1, hour: 9)
        let saturday = LocalDateTime(year: 2024, month: 1, day: 6, hour: 9)
        let sunday = LocalDateTime(year: 2024, month: 1, day: 7, hour: 9)
        #expect(try CronExpression("0 9 * * MON-FRI").matches(monday))
        #expect(try !CronExpression("0 9 * * mon-fri").matches(saturday))
        #expect(try CronExpression("0 9 * * FRI-MON").matches(sunday))
        #expect(try CronExpression("0 9 * * 7").matches(sunday))
        #expect(try CronExpression("0 9 * JAN *").matches(monday))
        #expect(try CronExpression("0 9 ? * ?").matches(saturday))
        #expect(try CronExpression("@DAILY").matches(LocalDateTime(year: 2024, month: 5, day: 3)))
        // Both day fields restricted: either one matches (the 1st, or any Saturday).
        #expect(try CronExpression("0 9 1 * 6").matches(saturday))
        #expect(try CronExpression("0 9 1 * 6").matches(monday))
        #expect(try !CronExpression("0 9 1 * 6").matches(sunday))
    }

    @Test func lastDayAndNthWeekday() throws {
        let zone = ZoneResolver.utc
        let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00Z
        let lastDays = try CronSchedule("0 0 L * *").ticks(from: start, in: zone).prefix(3).map(zone.isoString(for:))
        #expect(lastDays == ["2024-01-31T00:00:00+00:00", "2024-02-29T00:00:00+00:00", "2024-03-31T00:00:00+00:00"])
        let secondTuesdays = try CronSchedule("0 0 * * TUE#2").ticks(from: start, in: zone).prefix(2).map(zone.isoString(for:))
        #expect(secondTuesdays == ["2024-01-09T00:00:00+00:00", "2024-02-13T00:00:00+00:00"])
        let lastFridays = try CronSchedule("0 0 * * L5").ticks(from: start, in: zone).prefix(2).map(zone.isoString(for:))
        #expect(lastFridays == ["2024-01-26T00:00:00+00:00", "2024-02-23T00:00:00+00:00"])
    }

    @Test func leapDaySchedulesFollowDagsterHoweverTheyAreSpelled() throws {
        // Dagster reads `29 2 *` as "28 February, a day later in leap years": from midday on
        // 28 February 2028 the 29th of that year is skipped. Other spellings of the same fields
        // are read the same way, so one schedule does not tick differently by how it is written.
        let midday = Date(timeIntervalSince1970: 1_835_352_000)  // 2028-02-28T12:00Z
        for cron in ["0 0 29 2 *", "0 0 29 feb *", "0 0 29 FEB ?", "0  0  29  2  *"] {
            let ticks = try CronSchedule(cron).ticks(from: midday, in: .utc).prefix(2).map(ZoneResolver.utc.isoString(for:))
            #expect(ticks == ["2032-02-29T00:00:00+00:00", "2036-02-29T00:00:00+00:00"], "\(cron)")
        }
        // Restricting the weekday too makes the days combine with "or": not a leap-day-only schedule.
        let either = try CronSchedule("0 0 29 2 mon").ticks(from: midday, in: .utc).prefix(2).map(ZoneResolver.utc.isoString(for:))
        #expect(either == ["2028-02-29T00:00:00+00:00", "2029-02-05T00:00:00+00:00"])
    }

    @Test func reverseTicksAreTheForwardTicksBackwards() throws {
        let start = Date(timeIntervalSince1970: 1_730_520_000)  // 2024-11-02T04:00Z, before the fall-back
        for cron in ["*/20 * * * *", "30 1 * * *", "0 * * * *", "15 2 * * SUN", "0 0 1 * *"] {
            let schedule = try CronSchedule(cron)
            let forward = Array(schedule.ticks(from: start, in: Self.newYork).prefix(40))
            let last = try #require(forward.last)
            let backward = Array(schedule.ticks(through: last, in: Self.newYork).prefix(while: { $0 >= start }))
            #expect(backward == forward.reversed(), "\(cron)")
            #expect(schedule.previousTick(atOrBefore: last, in: Self.newYork) == last)
            #expect(schedule.nextTick(atOrAfter: forward[0], in: Self.newYork) == forward[0])
        }
    }

    @Test func aScheduleThatNeverFiresEnds() throws {
        let schedule = try CronSchedule("0 0 31 4 *")
        #expect(schedule.nextTick(atOrAfter: Date(timeIntervalSince1970: 0), in: .utc) == nil)
    }

    @Test func randomValuesAreStableAndInRange() throws {
        let first = try CronSchedule("R * * * *")
        let again = try CronSchedule("R * * * *")
        #expect(first == again)
        let minute = try #require(first.nextTick(atOrAfter: Date(timeIntervalSince1970: 0), in: .utc))
        #expect(Int(minute.timeIntervalSince1970) % 3600 / 60 < 60)
        #expect(throws: DagsterError.self) { try CronSchedule("R(5-5) * * * *") }
    }

    @Test func outOfRangeStepsAreFlagged() throws {
        #expect(try CronSchedule("*/90 * * * *").hasOutOfRangeInterval)
        #expect(try CronSchedule(["0 0 * * *", "0 */30 * * *"]).hasOutOfRangeInterval)
        #expect(try !CronSchedule("*/15 * * * *").hasOutOfRangeInterval)
        // `L` ends a day-of-month range at 31; a day-of-week `*` spans 0-7, as in Dagster's check.
        #expect(try CronSchedule("0 0 1-L/40 * *").hasOutOfRangeInterval)
        #expect(try !CronSchedule("0 0 1-L/31 * *").hasOutOfRangeInterval)
        #expect(try CronSchedule("0 0 * * */8").hasOutOfRangeInterval)
        #expect(try !CronSchedule("0 0 * * */7").hasOutOfRangeInterval)
    }

    @Test func descriptionIsTheCronStringOrPythonList() throws {
        #expect(try CronSchedule("0 0 * * *").description == "0 0 * * *")
        #expect(try CronSchedule(["0 0 * * *", "0 12 * * *"]).description == "['0 0 * * *', '0 12 * * *']")
    }

    @Test func timeZonesAreIANANames() {
        #expect((try? ZoneResolver(identifier: "utc")) != nil)
        #expect((try? ZoneResolver(identifier: "US/Eastern")) != nil)
        for name in ["PST", "GMT+5", "america/new_york", "Mars/Olympus", ""] {
            let error = #expect(throws: DagsterError.self) { try ZoneResolver(identifier: name) }
            #expect(error?.message.contains("unknown time zone '\(name)'") == true)
        }
    }

    @Test func wallClockReadingsAroundTransitions() throws {
        let gap = Self.newYork.resolve(LocalDateTime(year: 2024, month: 3, day: 10, hour: 2, minute: 30))
        #expect(gap == .gap(transition: 1_710_054_000))  // 03:00 EDT
        let repeated = Self.newYork.resolve(LocalDateTime(year: 2024, month: 11, day: 3, hour: 1, minute: 30))
        #expect(repeated == .ambiguous(earlier: 1_730_611_800, later: 1_730_615_400))
        #expect(Self.newYork.isSecondOccurrence(1_730_615_400))
        #expect(!Self.newYork.isSecondOccurrence(1_730_611_800))
    }
}
