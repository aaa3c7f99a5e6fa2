import Dagster
import Foundation
import Synchronization
import Testing

/// Asset status from the instance: latest materialization, partitions, staleness and its causes.
@Suite("Asset status")
struct AssetStatusTests {
    private func assets(version: String) -> [AssetsDefinition] {
        let raw = Asset("raw") { (_: AssetContext) in [1, 2] }
        let model = Asset("model", ins: raw, codeVersion: version) { (_: AssetContext, raw: [Int]) in raw.count }
        return [raw.definition, model.definition]
    }

    @Test func assetsGoFromMissingToFreshAndBecomeStaleWithTheirCauses() async throws {
        let instance = try DagsterInstance.localTemp()
        let v1 = assets(version: "1")
        #expect(try await instance.assetStatus(of: v1).map(\.staleness) == [.missing, .missing])
        _ = try await materialize(v1, instance: instance)
        let fresh = try await instance.assetStatus(of: v1)
        #expect(fresh.map(\.staleness) == [.fresh, .fresh])
        #expect(fresh.first?.latestMaterialization != nil)

        _ = try await materialize(v1, selection: [AssetKey("raw")], instance: instance)
        let codeVersions = try await instance.getLatestMaterializationCodeVersions(["raw", "model", "never"])
        let expected: [AssetKey: String?] = ["raw": nil, "model": "1", "never": nil]
        #expect(codeVersions == expected)
        let v2 = assets(version: "2")
        let stale = try await instance.assetStatus(of: v2)
        #expect(stale[0].staleness == .fresh)
        #expect(stale[1].staleness == .stale(["code version changed from \"1\" to \"2\"", "upstream raw has newer data"]))
    }

    @Test func partitionedAssetsCountTheirMaterializedPartitions() async throws {
        let instance = try DagsterInstance.localTemp()
        let days = PartitionsDefinition.static(try StaticPartitionsDefinition(["mon", "tue", "wed"]))
        let visits = Asset("visits", partitions: days) { (context: AssetContext) in context.partitionKey ?? "" }
        _ = try await materialize([visits], partitionKey: "tue", instance: instance)
        _ = try await materialize([visits], partitionKey: "mon", instance: instance)
        let status = try #require(try await instance.assetStatus(of: [visits.definition]).first)
        #expect(status.partitions?.materialized == ["mon", "tue"])
        #expect(status.partitions?.count == 3)
        #expect(status.staleness == .fresh)
    }
}

extension AssetStatusTests {
    @Test func dataVersionsMakeStalenessFollowTheDataNotTheRuns() async throws {
        let instance = try DagsterInstance.localTemp()
        let raw = Asset("raw", codeVersion: "1") { (_: AssetContext) in [1, 2] }
        let model = Asset("model", ins: raw, codeVersion: "1") { (_: AssetContext, raw: [Int]) in raw.count }
        let first = try await materialize([raw, model], instance: instance)
        let tags = first.allEvents.compactMap(\.dagsterEvent?.assetMaterialization).map(\.tags)
        #expect(tags.count == 2 && tags.allSatisfy { $0["dagster/data_version"]?.count == 64 })
        #expect(tags[1]["dagster/input_data_version/raw"] == tags[0]["dagster/data_version"])

        // Same code and inputs give the same version: rematerializing raw leaves model fresh.
        _ = try await materialize([raw, model], selection: [AssetKey("raw")], instance: instance)
        #expect(try await instance.assetStatus(of: [raw.definition, model.definition]).map(\.staleness) == [.fresh, .fresh])
    }

    @Test func aNewObservationOfASourceMakesItsDownstreamStale() async throws {
        let instance = try DagsterInstance.localTemp()
        let version = Mutex("v1")
        let source = ObservableSourceAsset("source") { _ in ObserveResult(dataVersion: DataVersion(version.withLock { $0 })) }
        let report = Asset("report", deps: [AssetKey("source")]) { (_: AssetContext) in 1 }
        let reading = Asset("reading", ins: source.asset(of: Int.self)) { (_: AssetContext, value: Int) in value }
        let storage = try #require(instance.storageDirectory)
        try FileManager.default.createDirectory(at: storage, withIntermediateDirectories: true)
        try "5".write(to: storage.appendingPathComponent("source"), atomically: false, encoding: .utf8)
        _ = try await observe([source], instance: instance)
        _ = try await materialize([source, report, reading], instance: instance)
        #expect(try await instance.assetStatus(of: [reading.definition]).map(\.staleness) == [.fresh])
        version.withLock { $0 = "v2" }
        _ = try await observe([source], instance: instance)
        #expect(try await instance.assetStatus(of: [reading.definition]).map(\.staleness) == [.stale(["upstream source has newer data"])])
    }
}

extension AssetStatusTests {
    @Test func eachPartitionIsJudgedAgainstTheUpstreamPartitionsItRead() async throws {
        let instance = try DagsterInstance.localTemp()
        let daily = try PartitionsDefinition.daily(startDate: "2024-01-01")
        let events = Asset("events", partitions: daily) { (context: AssetContext) in context.partitionKey ?? "" }
        let sessions = Asset("sessions", ins: events, partitions: daily) { (_: AssetContext, events: String) in events.count }
        let previous = Asset(
            "previous", ins: events, partitions: daily,
            partitionMappings: ["events": TimeWindowPartitionMapping(startOffset: -1, endOffset: -1)]
        ) { (_: AssetContext, events: String) in events }
        let assets: [any AssetDefinitionConvertible] = [events, sessions, previous]
        _ = try await materialize(assets, selection: ["events", "sessions"], partitionKey: "2024-01-01", instance: instance)
        _ = try await materialize(assets, partitionKey: "2024-01-02", instance: instance)
        let days = ["2024-01-01", "2024-01-02", "2024-01-03"]
        #expect(
            try await instance.partitionStaleness(of: sessions.definition, partitionKeys: days)
                == ["2024-01-01": .fresh, "2024-01-02": .fresh, "2024-01-03": .missing])

        _ = try await materialize(assets, selection: ["events"], partitionKey: "2024-01-01", instance: instance)
        let stale = try await instance.partitionStaleness(of: sessions.definition, partitionKeys: days)
        #expect(stale["2024-01-01"] == .stale(["upstream events has newer data"]))
        #expect(stale["2024-01-02"] == .fresh)
        // previous[2024-01-02] read events[2024-01-01], which changed.
        #expect(
            try await instance.partitionStaleness(of: previous.definition, partitionKeys: ["2024-01-02"])
                == ["2024-01-02": .stale(["upstream events has newer data"])])
        let status = try await instance.assetStatus(of: [sessions.definition])
        #expect(status.first?.staleness == .stale(["upstream events has newer data (partition 2024-01-01)"]))
    }
}
