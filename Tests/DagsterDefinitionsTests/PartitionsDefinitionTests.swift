import DagsterCore
import DagsterDefinitions
import Foundation
import Testing

/// Static, dynamic, multi and time-window partitions as users meet them: keys, ranges, membership
/// and the errors for keys that are not partitions (behaviour checked with Dagster 1.13.27).
struct PartitionsDefinitionTests {
    static let march20 = PartitionLoadingContext(currentTime: Date(timeIntervalSince1970: 1_710_892_800))
    static let daily = try! TimeWindowPartitionsDefinition.daily(startDate: "2024-01-01")
    static let letters = PartitionsDefinition.static(try! StaticPartitionsDefinition(["a", "b", "c", "d"]))

    @Test func staticKeysMustBeUniqueAndDisplayable() {
        let invalid: [([String], String)] = [
            (["a", "b", "a", "b", "a"], "static partitions: partition keys must be unique; repeated: ['a', 'b']"),
            (["2024-01-01...2024-01-02"], "'...'"),
            (["line\nbreak"], "\\n"),
            (["tab\there"], "\\t"),
        ]
        for (keys, phrase) in invalid {
            let error = #expect(throws: DagsterError.self) { try StaticPartitionsDefinition(keys) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "") should mention \(phrase)")
        }
        #expect(throws: Never.self) { try StaticPartitionsDefinition(["b|c", "é", "日本", "x,y"]) }
    }

    @Test func staticRanges() throws {
        #expect(try Self.letters.partitionKeys(in: PartitionKeyRange(start: "b", end: "d")) == ["b", "c", "d"])
        #expect(try Self.letters.partitionKeys(in: PartitionKeyRange(start: "d", end: "b")) == [])
        #expect(try Self.letters.partitionKeys(in: PartitionKeyRange(parsing: "c")) == ["c"])
        let error = #expect(throws: DagsterError.self) {
            try Self.letters.partitionKeys(in: PartitionKeyRange(parsing: "b...z"))
        }
        #expect(error?.message == "partition range b...z is not valid: ['z'] not in the static partitions ['a', 'b', 'c', 'd']")
    }

    @Test func unknownStaticKeysAreNamed() {
        let error = #expect(throws: DagsterError.self) { try Self.letters.validatePartitionKey("e") }
        #expect(error?.code == .unknownPartition)
        #expect(error?.message == "partition key 'e' is not in the static partitions ['a', 'b', 'c', 'd']")
        #expect(Self.letters.hasPartitionKey("c"))
        // A long list is named by a sample, not printed whole.
        let many = PartitionsDefinition.static(try! StaticPartitionsDefinition((1...100).map { "k\($0)" }))
        let manyError = #expect(throws: DagsterError.self) { try many.validatePartitionKey("k0") }
        #expect(manyError?.message == "partition key 'k0' is not in the static partitions ['k1', 'k2', 'k3', 'k4', 'k5', …] (100 keys)")
        #expect(many.hasPartitionKey("k100") && !many.hasPartitionKey("k101"))
    }

    @Test func dynamicKeysComeFromTheStore() throws {
        let fruits = PartitionsDefinition.dynamic(DynamicPartitionsDefinition(name: "fruits"))
        let error = #expect(throws: DagsterError.self) { try fruits.partitionKeys() }
        #expect(error?.message.contains("pass a DynamicPartitionsStore") == true)
        var store = InMemoryDynamicPartitionsStore()
        store.addPartitions(["apple", "banana", "apple"], named: "fruits")
        store.addPartitions(["cherry"], named: "fruits")
        store.deletePartition("banana", named: "fruits")
        let context = PartitionLoadingContext(dynamicPartitionsStore: store)
        #expect(try fruits.partitionKeys(context: context) == ["apple", "cherry"])
        #expect(fruits.hasPartitionKey("cherry", context: context))
        #expect(!fruits.hasPartitionKey("banana", context: context))
        let error2 = #expect(throws: DagsterError.self) { try fruits.validatePartitionKey("banana", context: context) }
        #expect(error2?.code == .unknownPartition)
        #expect(error2?.message == "partition key 'banana' is not in the dynamic partitions 'fruits', whose keys are "
            + "['apple', 'cherry']; add it to the instance first (DagsterInstance.addDynamicPartitions)")
        #expect(try fruits.lastPartitionKey(context: context) == "cherry")
    }

    @Test func multiPartitionsHaveTwoDimensionsOrderedByName() throws {
        let sizes = PartitionsDefinition.static(try StaticPartitionsDefinition(["S", "M"]))
        let multi = try MultiPartitionsDefinition(["alpha": sizes, "Zeta": Self.letters, "date": .timeWindow(Self.daily)].filter { $0.key != "date" })
        #expect(multi.dimensionNames == ["Zeta", "alpha"])
        #expect(try multi.partitionKeys(context: Self.march20).prefix(3).map(\.description) == ["a|S", "a|M", "b|S"])
        let invalid: [([String: PartitionsDefinition], String)] = [
            (["only": sizes], "exactly 2 dimensions; got 1"),
            (["a": sizes, "b": sizes, "c": sizes], "got 3"),
            (["pipes": .static(try StaticPartitionsDefinition(["x|y"])), "sizes": sizes], "dimension 'pipes'"),
            (["nested": .multi(multi), "sizes": sizes], "static, time-window or dynamic"),
        ]
        for (dimensions, phrase) in invalid {
            let error = #expect(throws: DagsterError.self) { try MultiPartitionsDefinition(dimensions) }
            #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "") should mention \(phrase)")
        }
    }

    @Test func multiKeysRangesAndMembership() throws {
        let colors = PartitionsDefinition.static(try StaticPartitionsDefinition(["red", "blue", "green"]))
        let definition = PartitionsDefinition.multi(try MultiPartitionsDefinition(["color": colors, "date": .timeWindow(Self.daily)]))
        let range = PartitionKeyRange(start: "red|2024-01-02", end: "blue|2024-01-03")
        #expect(try definition.partitionKeys(in: range, context: Self.march20)
            == ["red|2024-01-02", "red|2024-01-03", "blue|2024-01-02", "blue|2024-01-03"])
        #expect(definition.hasPartitionKey("green|2024-03-19", context: Self.march20))
        let error = #expect(throws: DagsterError.self) {
            try definition.validatePartitionKey("green|2024-03-20", context: Self.march20)
        }
        #expect(error?.message.contains("dimension 'date'") == true)
        #expect(error?.message.contains("after the last partition '2024-03-19'") == true)
        let parseError = #expect(throws: DagsterError.self) {
            try definition.validatePartitionKey("green", context: Self.march20)
        }
        #expect(parseError?.message.contains("expected 2 joined by '|' (color|date)") == true)
    }

    @Test func multiKeysLeaveOutDimensionKeysContainingTheDelimiter() throws {
        let colors = PartitionsDefinition.static(try StaticPartitionsDefinition(["red", "blue"]))
        let fruits = PartitionsDefinition.dynamic(DynamicPartitionsDefinition(name: "fruits"))
        let multi = try MultiPartitionsDefinition(["color": colors, "fruit": fruits])
        let store = InMemoryDynamicPartitionsStore(["fruits": ["apple", "kiwi|lime", "plum"]])
        let keys = try multi.partitionKeys(context: PartitionLoadingContext(dynamicPartitionsStore: store))
        #expect(keys.map(\.description) == ["red|apple", "red|plum", "blue|apple", "blue|plum"])
        #expect(keys[1].keysByDimension == ["color": "red", "fruit": "plum"])
    }

    @Test func timeWindowKeysThatAreNotPartitionsSayWhy() throws {
        let reasons: [(key: String, phrase: String)] = [
            ("2023-12-31", "before the first partition '2024-01-01'"),
            ("2024-03-20", "after the last partition '2024-03-19'"),
            ("2024-1-5", "does not start a partition; the partition starting there is '2024-01-05'"),
            ("yesterday", "does not match the date format '%Y-%m-%d'; keys are written like '2024-01-01'"),
            ("2024-02-30", "day 30 is out of range for month 2 of 2024; keys are written like '2024-01-01'"),
        ]
        for (key, phrase) in reasons {
            let error = #expect(throws: DagsterError.self) {
                try Self.daily.validatePartitionKey(key, currentTime: Self.march20.currentTime)
            }
            #expect(error?.code == .unknownPartition)
            #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "") should mention \(phrase)")
        }
    }

    @Test func aKeyInTheMiddleOfAWindowIsNotAPartition() throws {
        // A format finer than the schedule can name times at which no partition starts.
        let daily = try TimeWindowPartitionsDefinition.daily(startDate: "2024-01-01-00", fmt: "%Y-%m-%d-%H")
        let now = Self.march20.currentTime
        #expect(daily.hasPartitionKey("2024-01-02-00", currentTime: now))
        #expect(!daily.hasPartitionKey("2024-01-01-05", currentTime: now))
        let error = #expect(throws: DagsterError.self) { try daily.validatePartitionKey("2024-01-01-05", currentTime: now) }
        #expect(error?.code == .unknownPartition)
        #expect(error?.message.contains("it does not start a partition; the next partition starts at '2024-01-02-00'") == true)
        #expect(try daily.partitionKeys(in: PartitionKeyRange(start: "2024-01-01-00", end: "2024-01-02-00"))
            == ["2024-01-01-00", "2024-01-02-00"])
        #expect(try daily.timeWindow(forPartitionKey: "2024-01-01-00").end.timeIntervalSince1970 == 1_704_153_600)
    }

    @Test func timeWindowRangesAndLookups() throws {
        let keys = try Self.daily.partitionKeys(in: PartitionKeyRange(start: "2024-01-30", end: "2024-02-02"))
        #expect(keys == ["2024-01-30", "2024-01-31", "2024-02-01", "2024-02-02"])
        // As in Dagster, a range may reach past the current time.
        #expect(try Self.daily.partitionKeys(in: PartitionKeyRange(start: "2024-03-19", end: "2024-03-21")).count == 3)
        let error = #expect(throws: DagsterError.self) {
            try Self.daily.partitionKeys(in: PartitionKeyRange(start: "2023-12-30", end: "2024-01-02"))
        }
        #expect(error?.message.contains("starts before the partitions start") == true)
        let march2 = Date(timeIntervalSince1970: 1_709_337_600)
        #expect(Self.daily.partitionKey(for: march2) == "2024-03-02")
        #expect(Self.daily.partitionKey(for: march2, endClosed: true) == "2024-03-01")
        #expect(try Self.daily.nextPartitionKey(after: "2024-03-18", currentTime: Self.march20.currentTime) == "2024-03-19")
        #expect(try Self.daily.nextPartitionKey(after: "2024-03-19", currentTime: Self.march20.currentTime) == nil)
    }

    @Test func repeatedFallBackHourKeysCarryTheOffset() throws {
        let hourly = try TimeWindowPartitionsDefinition.hourly(startDate: "2024-11-03-00:00", timezone: "America/New_York")
        let noon = Date(timeIntervalSince1970: 1_730_635_200)  // 2024-11-03T12:00Z
        #expect(hourly.partitionKeys(currentTime: noon).prefix(4)
            == ["2024-11-03-00:00", "2024-11-03-01:00", "2024-11-03-01:00-0500", "2024-11-03-02:00"])
        let second = try hourly.timeWindow(forPartitionKey: "2024-11-03-01:00-0500")
        #expect(second.start.timeIntervalSince1970 == 1_730_613_600)
        #expect(second.end.timeIntervalSince1970 == 1_730_617_200)
        let first = try hourly.timeWindow(forPartitionKey: "2024-11-03-01:00")
        #expect(first.end == second.start)
        #expect(hourly.partitionKey(for: Date(timeIntervalSince1970: 1_730_615_400)) == "2024-11-03-01:00-0500")
        #expect(try hourly.nextPartitionKey(after: "2024-11-03-01:00", currentTime: noon) == "2024-11-03-01:00-0500")
    }

    @Test func startsAndEndsCanBeWallClockTimesOrInstants() throws {
        let wallClock = try TimeWindowPartitionsDefinition.daily(
            startDate: .wallClock(LocalDateTime(year: 2024, month: 3, day: 1)), timezone: "Europe/Berlin")
        #expect(wallClock.start.timeIntervalSince1970 == 1_709_247_600)  // 2024-03-01T00:00+01:00
        let instant = try TimeWindowPartitionsDefinition.daily(
            startDate: .instant(Date(timeIntervalSince1970: 1_709_247_600)), timezone: "Europe/Berlin")
        #expect(instant == wallClock)
        #expect(wallClock.description == "daily, starting 2024-03-01 Europe/Berlin")
    }

    @Test func timeWindowDefinitionsAreEqualWhenWrittenAlike() throws {
        let daily = try TimeWindowPartitionsDefinition.daily(startDate: "2024-01-01", timezone: "Europe/Berlin")
        let spelledOut = try TimeWindowPartitionsDefinition(
            cronSchedule: "0 0 * * *", start: "2024-01-01", timezone: "Europe/Berlin", fmt: "%Y-%m-%d")
        #expect(daily == spelledOut && daily.hashValue == spelledOut.hashValue)
        #expect(daily.cronSchedule == "0 0 * * *" && daily.timezone == "Europe/Berlin" && daily.fmt == "%Y-%m-%d")
        #expect(try daily != .daily(startDate: "2024-01-01", endDate: "2024-02-01", timezone: "Europe/Berlin"))
        // As in Dagster, the texts are compared: an alias is another definition.
        let alias = try TimeWindowPartitionsDefinition(
            cronSchedule: "@daily", start: "2024-01-01", timezone: "Europe/Berlin", fmt: "%Y-%m-%d")
        #expect(alias != daily && alias.cronSchedule == "@daily")
    }

    @Test func definitionErrorsNameTheProblem() {
        let invalid: [(() throws(DagsterError) -> TimeWindowPartitionsDefinition, String)] = [
            ({ () throws(DagsterError) in try .hourly(startDate: "2024-05-01") }, "does not match the date format '%Y-%m-%d-%H:%M'"),
            ({ () throws(DagsterError) in try .daily(startDate: "2024-01-01", minuteOffset: 60) }, "minute field: '60' is out of range"),
            ({ () throws(DagsterError) in try .weekly(startDate: "2024-01-01", dayOffset: 8) }, "day-of-week field"),
            ({ () throws(DagsterError) in try .daily(startDate: "2024-01-01", timezone: "Mars/Olympus") }, "unknown time zone 'Mars/Olympus'"),
            ({ () throws(DagsterError) in try .daily(startDate: "2024-02-30") }, "day 30 is out of range"),
        ]
        for (make, phrase) in invalid {
            let error = #expect(throws: DagsterError.self) { try make() }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "") should mention \(phrase)")
        }
    }

    @Test func aFormatTooCoarseForTheScheduleIsRejected() throws {
        let hourlyByDay = try TimeWindowPartitionsDefinition(cronSchedule: "0 * * * *", start: "2024-01-01", fmt: "%Y-%m-%d")
        let error = #expect(throws: DagsterError.self) { try hourlyByDay.validate(currentTime: Self.march20.currentTime) }
        #expect(error?.message.contains("not fine enough for the cron schedule '0 * * * *'") == true)
        #expect(throws: Never.self) { try Self.daily.validate(currentTime: Self.march20.currentTime) }
    }

    @Test func endOffsetsMoveTheLastPartition() throws {
        let now = Self.march20.currentTime
        let ahead = try TimeWindowPartitionsDefinition.daily(startDate: "2024-03-01", endOffset: 2)
        let behind = try TimeWindowPartitionsDefinition.daily(startDate: "2024-03-01", endOffset: -2)
        #expect(ahead.lastPartitionKey(currentTime: now) == "2024-03-21")
        #expect(behind.lastPartitionKey(currentTime: now) == "2024-03-17")
        let ended = try TimeWindowPartitionsDefinition.daily(startDate: "2024-03-01", endDate: "2024-03-05", endOffset: 2)
        #expect(ended.partitionKeys(currentTime: now) == ["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"])
    }
}
