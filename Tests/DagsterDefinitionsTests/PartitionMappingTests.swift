import DagsterCore
import DagsterDefinitions
import Foundation
import Testing

/// Partition mappings resolve downstream keys to upstream ones and back as Dagster does; every
/// expectation here was checked against Dagster 1.13.27 with the current time 2024-03-20T00:00Z.
struct PartitionMappingTests {
    static let context = PartitionLoadingContext(currentTime: Date(timeIntervalSince1970: 1_710_892_800))

    static let daily = try! PartitionsDefinition.daily(startDate: "2024-01-01")
    static let dailyFromFebruary = try! PartitionsDefinition.daily(startDate: "2024-02-01")
    static let hourly = try! PartitionsDefinition.hourly(startDate: "2024-01-01-00:00")
    static let weekly = try! PartitionsDefinition.weekly(startDate: "2024-01-01")
    static let dailyNewYork = try! PartitionsDefinition.daily(startDate: "2024-01-01", timezone: "America/New_York")
    static let hourlyNewYork = try! PartitionsDefinition.hourly(startDate: "2024-01-01-00:00", timezone: "America/New_York")
    static let abc = PartitionsDefinition.static(try! StaticPartitionsDefinition(["a", "b", "c"]))
    static let bcd = PartitionsDefinition.static(try! StaticPartitionsDefinition(["b", "c", "d"]))
    static let colors = PartitionsDefinition.static(try! StaticPartitionsDefinition(["red", "blue"]))
    static let colorByDay = PartitionsDefinition.multi(try! MultiPartitionsDefinition(["color": colors, "date": daily]))

    static func hours(of day: String, skipping skipped: Set<Int> = []) -> [String] {
        (0..<24).filter { !skipped.contains($0) }.map { "\(day)-\($0 < 10 ? "0" : "")\($0):00" }
    }

    struct UpstreamCase: Sendable, CustomTestStringConvertible {
        let name: String
        let mapping: any PartitionMapping
        let downstream: PartitionsDefinition
        let upstream: PartitionsDefinition
        let downstreamKeys: [String]
        let expected: [String]
        var missing: [String] = []
        var testDescription: String { name }
    }

    static let upstreamCases: [UpstreamCase] = [
        .init(name: "same day", mapping: TimeWindowPartitionMapping(), downstream: daily, upstream: daily,
              downstreamKeys: ["2024-03-02"], expected: ["2024-03-02"]),
        .init(name: "previous and same day", mapping: TimeWindowPartitionMapping(startOffset: -1), downstream: daily,
              upstream: daily, downstreamKeys: ["2024-03-02"], expected: ["2024-03-01", "2024-03-02"]),
        .init(name: "same and next day", mapping: TimeWindowPartitionMapping(endOffset: 1), downstream: daily,
              upstream: daily, downstreamKeys: ["2024-03-02"], expected: ["2024-03-02", "2024-03-03"]),
        .init(name: "previous day only", mapping: TimeWindowPartitionMapping(startOffset: -1, endOffset: -1),
              downstream: daily, upstream: daily, downstreamKeys: ["2024-03-02", "2024-03-05"],
              expected: ["2024-03-01", "2024-03-04"]),
        .init(name: "hours to their day", mapping: TimeWindowPartitionMapping(), downstream: hourly, upstream: daily,
              downstreamKeys: ["2024-03-02-05:00", "2024-03-02-23:00"], expected: ["2024-03-02"]),
        .init(name: "day to its hours", mapping: TimeWindowPartitionMapping(), downstream: daily, upstream: hourly,
              downstreamKeys: ["2024-03-02"], expected: hours(of: "2024-03-02")),
        .init(name: "spring-forward day to its 23 hours", mapping: TimeWindowPartitionMapping(), downstream: dailyNewYork,
              upstream: hourlyNewYork, downstreamKeys: ["2024-03-10"], expected: hours(of: "2024-03-10", skipping: [2])),
        .init(name: "week to its days", mapping: TimeWindowPartitionMapping(), downstream: weekly, upstream: daily,
              downstreamKeys: ["2024-03-03"], expected: (3...9).map { "2024-03-0\($0)" }),
        .init(name: "before the upstream starts", mapping: TimeWindowPartitionMapping(), downstream: daily,
              upstream: dailyFromFebruary, downstreamKeys: ["2024-01-15", "2024-02-01"], expected: ["2024-02-01"],
              missing: ["2024-01-15"]),
        .init(name: "before the upstream starts, allowed",
              mapping: TimeWindowPartitionMapping(allowNonexistentUpstreamPartitions: true), downstream: daily,
              upstream: dailyFromFebruary, downstreamKeys: ["2024-01-15", "2024-02-01"], expected: ["2024-02-01"]),
        .init(name: "an offset stops at the upstream's first partition", mapping: TimeWindowPartitionMapping(startOffset: -2),
              downstream: dailyFromFebruary, upstream: dailyFromFebruary, downstreamKeys: ["2024-02-01"],
              expected: ["2024-02-01"]),
        .init(name: "an offset stops at the upstream's last partition", mapping: TimeWindowPartitionMapping(endOffset: 2),
              downstream: daily, upstream: daily, downstreamKeys: ["2024-03-18"], expected: ["2024-03-18", "2024-03-19"]),
        .init(name: "identity, same definition", mapping: IdentityPartitionMapping(), downstream: abc, upstream: abc,
              downstreamKeys: ["a", "c"], expected: ["a", "c"]),
        .init(name: "identity, other keys", mapping: IdentityPartitionMapping(), downstream: bcd, upstream: abc,
              downstreamKeys: ["b", "d"], expected: ["b"], missing: ["d"]),
        .init(name: "all", mapping: AllPartitionMapping(), downstream: bcd, upstream: abc, downstreamKeys: ["b"],
              expected: ["a", "b", "c"]),
        .init(name: "last", mapping: LastPartitionMapping(), downstream: bcd, upstream: daily, downstreamKeys: ["b"],
              expected: ["2024-03-19"]),
        .init(name: "static", mapping: StaticPartitionMapping(["a": ["b", "c"], "b": ["d"]]), downstream: bcd,
              upstream: abc, downstreamKeys: ["c", "d"], expected: ["a", "b"]),
        .init(name: "single day to every color of that day", mapping: MultiToSingleDimensionPartitionMapping(),
              downstream: daily, upstream: colorByDay, downstreamKeys: ["2024-01-02"],
              expected: ["red|2024-01-02", "blue|2024-01-02"]),
        .init(name: "multi keys to their days", mapping: MultiToSingleDimensionPartitionMapping(), downstream: colorByDay,
              upstream: daily, downstreamKeys: ["red|2024-01-02", "blue|2024-01-03"], expected: ["2024-01-02", "2024-01-03"]),
        .init(name: "multi key to its color", mapping: MultiToSingleDimensionPartitionMapping(partitionDimensionName: "color"),
              downstream: colorByDay, upstream: colors, downstreamKeys: ["red|2024-01-02"], expected: ["red"]),
    ]

    @Test("upstream partitions", arguments: upstreamCases)
    func upstream(_ testCase: UpstreamCase) throws {
        try testCase.mapping.validate(upstream: testCase.upstream, downstream: testCase.downstream)
        let result = try testCase.mapping.upstreamPartitions(
            forDownstreamKeys: testCase.downstreamKeys, downstream: testCase.downstream, upstream: testCase.upstream,
            context: Self.context)
        #expect(result.partitionKeys == testCase.expected)
        #expect(result.requiredButNonexistentPartitionKeys == testCase.missing)
    }

    struct DownstreamCase: Sendable, CustomTestStringConvertible {
        let name: String
        let mapping: any PartitionMapping
        let upstream: PartitionsDefinition
        let downstream: PartitionsDefinition
        let upstreamKeys: [String]
        let expected: [String]
        var testDescription: String { name }
    }

    static let downstreamCases: [DownstreamCase] = [
        .init(name: "day to its hours", mapping: TimeWindowPartitionMapping(), upstream: daily, downstream: hourly,
              upstreamKeys: ["2024-03-02"], expected: hours(of: "2024-03-02")),
        .init(name: "hour to its day", mapping: TimeWindowPartitionMapping(), upstream: hourly, downstream: daily,
              upstreamKeys: ["2024-03-02-07:00"], expected: ["2024-03-02"]),
        .init(name: "a day feeds itself and the next day", mapping: TimeWindowPartitionMapping(startOffset: -1),
              upstream: daily, downstream: daily, upstreamKeys: ["2024-03-02"], expected: ["2024-03-02", "2024-03-03"]),
        .init(name: "a day feeds itself and the previous day", mapping: TimeWindowPartitionMapping(endOffset: 1),
              upstream: daily, downstream: daily, upstreamKeys: ["2024-03-02"], expected: ["2024-03-01", "2024-03-02"]),
        .init(name: "identity keeps shared keys", mapping: IdentityPartitionMapping(), upstream: abc, downstream: bcd,
              upstreamKeys: ["a", "b", "c"], expected: ["b", "c"]),
        .init(name: "all", mapping: AllPartitionMapping(), upstream: abc, downstream: bcd, upstreamKeys: ["a"],
              expected: ["b", "c", "d"]),
        .init(name: "all, from nothing", mapping: AllPartitionMapping(), upstream: abc, downstream: bcd, upstreamKeys: [],
              expected: []),
        .init(name: "last, when the last partition changed", mapping: LastPartitionMapping(), upstream: daily,
              downstream: bcd, upstreamKeys: ["2024-03-19"], expected: ["b", "c", "d"]),
        .init(name: "last, when an older partition changed", mapping: LastPartitionMapping(), upstream: daily,
              downstream: bcd, upstreamKeys: ["2024-03-18"], expected: []),
        .init(name: "static", mapping: StaticPartitionMapping(["a": ["b", "c"], "b": ["d"]]), upstream: abc,
              downstream: bcd, upstreamKeys: ["a"], expected: ["b", "c"]),
        .init(name: "multi key to its day", mapping: MultiToSingleDimensionPartitionMapping(), upstream: colorByDay,
              downstream: daily, upstreamKeys: ["red|2024-01-02"], expected: ["2024-01-02"]),
    ]

    @Test("downstream partitions", arguments: downstreamCases)
    func downstream(_ testCase: DownstreamCase) throws {
        let keys = try testCase.mapping.downstreamPartitions(
            forUpstreamKeys: testCase.upstreamKeys, upstream: testCase.upstream, downstream: testCase.downstream,
            context: Self.context)
        #expect(keys == testCase.expected)
    }

    @Test func aColorFeedsThatColorOnEveryDay() throws {
        let keys = try MultiToSingleDimensionPartitionMapping(partitionDimensionName: "color").downstreamPartitions(
            forUpstreamKeys: ["blue"], upstream: Self.colors, downstream: Self.colorByDay, context: Self.context)
        #expect(keys.count == 79)
        #expect(keys.prefix(2) == ["blue|2024-01-01", "blue|2024-01-02"])
    }

    @Test func aSingleTimeWindowMapsOntoTheTimeDimension() throws {
        // Weekly and daily partitions differ, so the time dimension is found by its kind, named or not,
        // and mapped like TimeWindowPartitionMapping ("week to its days").
        let week = (3...9).map { "2024-03-0\($0)" }
        for mapping in [MultiToSingleDimensionPartitionMapping(), .init(partitionDimensionName: "date")] {
            try mapping.validate(upstream: Self.colorByDay, downstream: Self.weekly)
            let result = try mapping.upstreamPartitions(
                forDownstreamKeys: ["2024-03-03"], downstream: Self.weekly, upstream: Self.colorByDay, context: Self.context)
            #expect(result.partitionKeys == week.map { "red|\($0)" } + week.map { "blue|\($0)" })
        }
        let color = #expect(throws: DagsterError.self) {
            try MultiToSingleDimensionPartitionMapping(partitionDimensionName: "color").validate(
                upstream: Self.colorByDay, downstream: Self.weekly)
        }
        #expect(color?.message.contains("needs the single-dimension partitions to be one of the multi-partition dimensions") == true)
    }

    @Test func aStaticMappingIsCheckedWholeAtValidationAndByItsResultsWhenCalled() throws {
        let mapping = StaticPartitionMapping(["a": "b", "z": "c"])
        let invalid = #expect(throws: DagsterError.self) { try mapping.validate(upstream: Self.abc, downstream: Self.bcd) }
        #expect(invalid?.message == "StaticPartitionMapping maps from keys the upstream partitions do not have: ['z']; "
            + "the upstream asset has the static partitions ['a', 'b', 'c']. Map only keys it has, or add the keys to its partitions")
        // Called without validation, keys the upstream has are mapped; a key it lacks is named when returned.
        let result = try mapping.upstreamPartitions(
            forDownstreamKeys: ["b"], downstream: Self.bcd, upstream: Self.abc, context: Self.context)
        #expect(result.partitionKeys == ["a"])
        let missing = #expect(throws: DagsterError.self) {
            try mapping.upstreamPartitions(forDownstreamKeys: ["c"], downstream: Self.bcd, upstream: Self.abc, context: Self.context)
        }
        #expect(missing?.message.contains("maps from keys the upstream partitions do not have: ['z']") == true)
        let toMissing = #expect(throws: DagsterError.self) {
            try StaticPartitionMapping(["a": "x"]).downstreamPartitions(
                forUpstreamKeys: ["a"], upstream: Self.abc, downstream: Self.bcd, context: Self.context)
        }
        #expect(toMissing?.message.contains("maps to keys the downstream partitions do not have: ['x']") == true)
    }

    static let weeklyABC = PartitionsDefinition.multi(
        try! MultiPartitionsDefinition(["abc": abc, "weekly": weekly]))
    static let daily123 = PartitionsDefinition.multi(
        try! MultiPartitionsDefinition(["123": .static(try! StaticPartitionsDefinition(["1", "2", "3"])), "daily": daily]))
    static let byDimension = MultiPartitionMapping([
        "abc": DimensionPartitionMapping(dimensionName: "123", partitionMapping: StaticPartitionMapping(["a": "1", "b": "2", "c": "3"])),
        "weekly": DimensionPartitionMapping(dimensionName: "daily", partitionMapping: TimeWindowPartitionMapping()),
    ])

    @Test func multiToMultiByDimension() throws {
        try Self.byDimension.validate(upstream: Self.weeklyABC, downstream: Self.daily123)
        let downstream = try Self.byDimension.downstreamPartitions(
            forUpstreamKeys: ["a|2024-03-03"], upstream: Self.weeklyABC, downstream: Self.daily123, context: Self.context)
        #expect(downstream == (3...9).map { "1|2024-03-0\($0)" })
        let upstream = try Self.byDimension.upstreamPartitions(
            forDownstreamKeys: ["2|2024-03-05"], downstream: Self.daily123, upstream: Self.weeklyABC, context: Self.context)
        #expect(upstream.partitionKeys == ["b|2024-03-03"])
    }

    @Test func unmappedDimensionsDependOnEveryKey() throws {
        let dailyABC = PartitionsDefinition.multi(try MultiPartitionsDefinition(["abc": Self.abc, "daily": Self.daily]))
        let sameDay = MultiPartitionMapping([
            "daily": DimensionPartitionMapping(dimensionName: "daily", partitionMapping: IdentityPartitionMapping())
        ])
        let upstream = try sameDay.upstreamPartitions(
            forDownstreamKeys: ["1|2024-01-02"], downstream: Self.daily123, upstream: dailyABC, context: Self.context)
        #expect(upstream.partitionKeys == ["a|2024-01-02", "b|2024-01-02", "c|2024-01-02"])
        let downstream = try sameDay.downstreamPartitions(
            forUpstreamKeys: ["b|2024-01-02"], upstream: dailyABC, downstream: Self.daily123, context: Self.context)
        #expect(downstream == ["1|2024-01-02", "2|2024-01-02", "3|2024-01-02"])
    }

    @Test func upstreamEndDateMakesLaterKeysNonexistent() throws {
        let untilMarch = try PartitionsDefinition.daily(startDate: "2024-01-01", endDate: "2024-03-01")
        let result = try TimeWindowPartitionMapping().upstreamPartitions(
            forDownstreamKeys: ["2024-03-01", "2024-02-29"], downstream: Self.daily, upstream: untilMarch, context: Self.context)
        #expect(result.partitionKeys == ["2024-02-29"])
        #expect(result.requiredButNonexistentPartitionKeys == ["2024-03-01"])
    }

    @Test func mappingsRejectDefinitionsTheyCannotConnect() {
        let mismatches: [(any PartitionMapping, PartitionsDefinition, PartitionsDefinition?, String)] = [
            (IdentityPartitionMapping(), Self.abc, Self.daily, "same kind of partitions"),
            (TimeWindowPartitionMapping(), Self.abc, Self.daily, "time-window partitions upstream"),
            (TimeWindowPartitionMapping(), Self.daily, Self.dailyNewYork, "time zones"),
            (StaticPartitionMapping(["z": "b"]), Self.abc, Self.bcd, "'z'"),
            (StaticPartitionMapping(["a": "z"]), Self.abc, Self.bcd, "'z'"),
            (MultiToSingleDimensionPartitionMapping(), Self.abc, Self.bcd, "multi-partitioned"),
            (MultiToSingleDimensionPartitionMapping(partitionDimensionName: "size"), Self.colorByDay, Self.daily, "'size'"),
            (Self.byDimension, Self.daily123, Self.weeklyABC, "no dimension"),
            (Self.byDimension, Self.weeklyABC, nil, "MultiPartitionMapping needs a partitioned downstream asset"),
            (MultiToSingleDimensionPartitionMapping(), Self.colorByDay, nil,
             "needs a partitioned downstream asset; the downstream asset has no partitions. Partition it, or use "
                + "AllPartitionMapping (every partition) or LastPartitionMapping (the latest one) instead"),
            (MultiPartitionMapping([
                "abc": DimensionPartitionMapping(dimensionName: "daily", partitionMapping: IdentityPartitionMapping()),
                "weekly": DimensionPartitionMapping(dimensionName: "daily", partitionMapping: TimeWindowPartitionMapping()),
            ]), Self.weeklyABC, Self.daily123,
             "maps both upstream dimensions 'abc' and 'weekly' onto the downstream dimension 'daily'; map each downstream "
                + "dimension from one upstream dimension at most"),
            (MultiToSingleDimensionPartitionMapping(), Self.colorByDay, Self.colorByDay, "use MultiPartitionMapping"),
        ]
        for (mapping, upstream, downstream, phrase) in mismatches {
            let error = #expect(throws: DagsterError.self) { try mapping.validate(upstream: upstream, downstream: downstream) }
            #expect(error?.code == .invalidDefinition)
            #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "") should mention \(phrase)")
        }
    }
}
