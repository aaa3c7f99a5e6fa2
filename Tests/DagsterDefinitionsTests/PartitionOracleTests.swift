import DagsterCore
import DagsterDefinitions
import Foundation
import Testing

/// Every public case of the oracle's partitions.json: time-window keys as of a time (with
/// daylight-saving transitions, offsets and end offsets), first and last keys, key → window,
/// membership, definition errors, and static and multi-partition key formats.
struct PartitionOracleTests {
    static let cases: [JSONValue] = (try? Fixture.cases("partitions")) ?? []

    static func caseIDs(kinds: Set<String>) -> [String] {
        cases.filter { kinds.contains($0["kind"]?.stringValue ?? "") }.compactMap { $0["id"]?.stringValue }
    }

    static func oracleCase(_ id: String) throws -> JSONValue {
        try #require(cases.first { $0["id"]?.stringValue == id })
    }

    static func strings(_ value: JSONValue?) -> [String]? {
        value?.arrayValue?.compactMap(\.stringValue)
    }

    /// Builds the case's definition, or checks that building fails when the oracle says it does.
    static func definitionOrExpectedError(_ oracle: JSONValue) throws -> PartitionsDefinition? {
        if let error = oracle["definition_error"], !error.isNull {
            #expect(throws: DagsterError.self, "\(error)") { try OraclePartitions.definition(oracle["definition"]) }
            return nil
        }
        return try OraclePartitions.definition(oracle["definition"])
    }

    @Test("partitions.json time windows", arguments: caseIDs(kinds: ["time_window"]))
    func timeWindow(_ id: String) throws {
        let oracle = try Self.oracleCase(id)
        guard let definition = try Self.definitionOrExpectedError(oracle) else { return }
        guard case .timeWindow(let timeWindows) = definition else {
            Issue.record("expected time-window partitions, got \(definition)")
            return
        }
        let now = try OraclePartitions.date(oracle["current_time"]?.stringValue)
        let context = PartitionLoadingContext(currentTime: now)
        if let resolved = oracle["resolved"], !resolved.isNull {
            #expect(timeWindows.cronSchedule == resolved["cron_schedule"]?.stringValue)
            #expect(timeWindows.fmt == resolved["fmt"]?.stringValue)
            #expect(timeWindows.timezone == resolved["timezone"]?.stringValue)
            #expect(timeWindows.endOffset == resolved["end_offset"]?.intValue)
            #expect(timeWindows.start.timeIntervalSince1970 == resolved["start"]?["unix"]?.doubleValue)
            #expect(timeWindows.end?.timeIntervalSince1970 == resolved["end"]?["unix"]?.doubleValue)
        }
        if let validationError = oracle["validate_partition_definition_error"] {
            if validationError.isNull {
                #expect(throws: Never.self) { try timeWindows.validate(currentTime: now) }
            } else {
                #expect(throws: DagsterError.self) { try timeWindows.validate(currentTime: now) }
            }
        }
        let keys = try definition.partitionKeys(context: context)
        if let expected = Self.strings(oracle["partition_keys"]) { #expect(keys == expected) }
        if let count = oracle["num_partition_keys"]?.intValue { #expect(try definition.partitionCount(context: context) == count) }
        if let first = oracle["first_partition_key"] {
            #expect(try definition.firstPartitionKey(context: context) == first.stringValue)
        }
        if let last = oracle["last_partition_key"] {
            #expect(try definition.lastPartitionKey(context: context) == last.stringValue)
        }
        for window in oracle["time_windows"]?.arrayValue ?? [] {
            let key = try #require(window["key"]?.stringValue)
            let actual = try timeWindows.timeWindow(forPartitionKey: key)
            #expect(actual.start.timeIntervalSince1970 == window["window_start"]?["unix"]?.doubleValue, "start of \(key)")
            #expect(actual.end.timeIntervalSince1970 == window["window_end"]?["unix"]?.doubleValue, "end of \(key)")
            if let index = window["index"]?.intValue { #expect(keys.firstIndex(of: key) == index, "index of \(key)") }
            #expect(timeWindows.partitionKey(for: actual.start) == key, "key at the start of \(key)")
        }
        for membership in oracle["has_partition_key"]?.arrayValue ?? [] {
            let key = try #require(membership["key"]?.stringValue)
            #expect(definition.hasPartitionKey(key, context: context) == membership["has_partition_key"]?.boolValue, "\(key)")
        }
    }

    @Test("partitions.json static and multi definitions", arguments: caseIDs(kinds: ["static", "multi"]))
    func keyedDefinition(_ id: String) throws {
        let oracle = try Self.oracleCase(id)
        guard let definition = try Self.definitionOrExpectedError(oracle) else { return }
        let context = PartitionLoadingContext(currentTime: try OraclePartitions.date(oracle["current_time"]?.stringValue ?? "2024-01-01T00:00:00+00:00"))
        if let expected = Self.strings(oracle["partition_keys"]) {
            #expect(try definition.partitionKeys(context: context) == expected)
        }
        guard case .multi(let multi) = definition else { return }
        if let names = Self.strings(oracle["dimension_names_in_order"]) { #expect(multi.dimensionNames == names) }
        if let expected = oracle["keys_by_dimension"]?.arrayValue {
            let actual = try multi.partitionKeys(context: context).map(\.keysByDimension)
            #expect(actual == expected.map(Self.keysByDimension))
        }
        if let parseBack = oracle["parse_back_last_key"], let input = parseBack["input"]?.stringValue {
            let key = try multi.partitionKey(parsing: input)
            #expect(key.keysByDimension == Self.keysByDimension(parseBack["keys_by_dimension"] ?? .null))
            #expect(key.description == input)
        }
    }

    @Test("partitions.json multi-partition keys", arguments: caseIDs(kinds: ["multi_partition_key"]))
    func multiPartitionKey(_ id: String) throws {
        let oracle = try Self.oracleCase(id)
        let key = MultiPartitionKey(keysByDimension: Self.keysByDimension(oracle["keys_by_dimension_input"] ?? .null))
        #expect(key.description == oracle["str"]?.stringValue)
        #expect(key.keysByDimension == Self.keysByDimension(oracle["keys_by_dimension"] ?? .null))
        let order = oracle["keys_by_dimension"]?.objectValue.map { Array($0.keys) } ?? []
        #expect(key.dimensionKeys.map(\.dimensionName) == order)
    }

    static func keysByDimension(_ json: JSONValue) -> [String: String] {
        (json.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = $1.value.stringValue }
    }

    @Test func everyCaseKindIsCovered() {
        let known: Set<String> = ["time_window", "static", "multi", "multi_partition_key"]
        let kinds = Set(Self.cases.compactMap { $0["kind"]?.stringValue })
        #expect(kinds.isSubset(of: known), "unhandled kinds: \(kinds.subtracting(known))")
        #expect(Self.caseIDs(kinds: known).count >= 29)
    }
}
