import Dagster
import Foundation
import Testing

/// Partitioned assets: one partition per run, stored and indexed by partition, checked before
/// the run is created.
@Suite("Partitioned assets")
struct PartitionedAssetTests {
    private let regions = PartitionsDefinition.static(try! StaticPartitionsDefinition(["eu", "us"]))
    private var sales: Asset<[Int]> {
        Asset("sales", partitions: regions) { (context: AssetContext) -> [Int] in
            context.partitionKey == "eu" ? [1, 2] : [10]
        }
    }
    private var total: Asset<String> {
        Asset("total", ins: sales, partitions: regions) { (context: AssetContext, sales: [Int]) in
            "\(context.partitionKey ?? "-"): \(sales.reduce(0, +))"
        }
    }

    @Test func eachRunMaterializesOnePartitionStoredUnderItsKey() async throws {
        let instance = try DagsterInstance.localTemp()
        let eu = try await materialize([sales, total], partitionKey: "eu", instance: instance)
        #expect(try eu.output(forNode: "total", as: String.self) == "eu: 3")
        #expect(eu.run.tags["dagster/partition"] == "eu")
        let partitions = eu.allEvents.filter { $0.eventType == .assetMaterialization }.compactMap(\.dagsterEvent?.assetPartition)
        #expect(partitions == ["eu", "eu"])
        let storage = try #require(instance.storageDirectory)
        #expect(FileManager.default.fileExists(atPath: storage.appendingPathComponent("sales/eu").path))
        _ = try await materialize([sales, total], selection: [AssetKey("sales")], partitionKey: "us", instance: instance)
        let usTotal = try await materialize([sales, total], selection: [AssetKey("total")], partitionKey: "us", instance: instance)
        #expect(try usTotal.output(forNode: "total", as: String.self) == "us: 10")
    }

    @Test func anUnknownPartitionIsRefusedBeforeAnyRun() async throws {
        let instance = try DagsterInstance.localTemp()
        let unknown = await #expect(throws: DagsterError.self) {
            _ = try await materialize([sales], partitionKey: "asia", instance: instance)
        }
        #expect(unknown?.code == .unknownPartition)
        #expect(unknown?.message.contains("asset sales has no partition 'asia'") == true)
        #expect(try await instance.getRunsCount() == 0)
    }

    @Test func withoutAPartitionKeyTheRunIsUnpartitionedAsInDagster() async throws {
        let instance = try DagsterInstance.localTemp()
        let whole = try await materialize([sales], instance: instance)
        let materialization = try #require(whole.allEvents.first { $0.eventType == .assetMaterialization })
        #expect(materialization.dagsterEvent?.assetPartition == nil)
        #expect(whole.run.tags["dagster/partition"] == nil)
        let needsKey = Asset("needs_key", partitions: regions) { (context: AssetContext) in try context.requirePartitionKey() }
        let failed = try await materialize([needsKey], instance: instance, raiseOnError: false)
        let failure = try #require(failed.allEvents.first { $0.eventType == .stepFailure })
        #expect(failure.dagsterEvent?.stepFailureData?.error?.description.contains("Cannot access partition_key for a non-partitioned run") == true)
    }

    @Test func dynamicPartitionKeysComeFromTheInstance() async throws {
        let instance = try DagsterInstance.localTemp()
        let customers = Asset("customers", partitions: .dynamic(DynamicPartitionsDefinition(name: "customers"))) {
            (context: AssetContext) in context.partitionKey ?? ""
        }
        await #expect(throws: DagsterError.self) { _ = try await materialize([customers], partitionKey: "acme", instance: instance) }
        try await instance.addDynamicPartitions("customers", keys: ["acme"])
        let result = try await materialize([customers], partitionKey: "acme", instance: instance)
        #expect(try result.output(forNode: "customers", as: String.self) == "acme")
        // A reader of every partition sees the instance's keys too.
        try await instance.addDynamicPartitions("customers", keys: ["globex"])
        _ = try await materialize([customers], partitionKey: "globex", instance: instance)
        let everyone = Asset("everyone", ins: customers.byPartition) { (_: AssetContext, all: [String: String]) in all.keys.sorted() }
        let read = try await materialize([customers, everyone], selection: ["everyone"], instance: instance)
        #expect(try read.output(forNode: "everyone", as: [String].self) == ["acme", "globex"])
    }

    @Test func readingAPartitionedAssetNeedsTheSamePartitions() throws {
        let unpartitioned = Asset("report", ins: sales) { (_: AssetContext, sales: [Int]) in sales.count }
        let error = try #require(throws: DagsterError.self) { try Definitions(assets: [sales, unpartitioned]) }
        #expect(error.message.contains("asset report reads partitioned asset sales but is not partitioned the same way; give it the same partitions or a partition mapping"))
    }
}

extension PartitionedAssetTests {
    @Test func aRunRecordsWhichAssetsItIntendsToMaterializeBeforeItStarts() async throws {
        let instance = try DagsterInstance.localTemp()
        let result = try await materialize([sales, total], selection: [AssetKey("sales")], partitionKey: "us", instance: instance)
        let logs = try await instance.allLogs(result.runID)
        let planned = logs.filter { $0.eventType == .assetMaterializationPlanned }
        #expect(planned.map(\.userMessage) == ["__ephemeral_asset_job__ intends to materialize asset [\"sales\"]"])
        #expect(planned.first?.dagsterEvent?.assetPartition == "us")
        let firstStart = try #require(logs.firstIndex { $0.eventType == .runStart })
        #expect(logs.firstIndex { $0.eventType == .assetMaterializationPlanned } ?? .max < firstStart)
        #expect(!result.allEvents.contains { $0.eventType == .assetMaterializationPlanned })
    }
}

extension PartitionedAssetTests {
    @Test func aPartitionMappingChoosesTheUpstreamPartitionAnInputReads() async throws {
        let instance = try DagsterInstance.localTemp()
        let daily = try PartitionsDefinition.daily(startDate: "2024-01-01")
        let events = Asset("events", partitions: daily) { (context: AssetContext) in "events of \(context.partitionKey ?? "?")" }
        let previousDay = Asset(
            "previous_day", ins: events, partitions: daily,
            partitionMappings: [AssetKey("events"): TimeWindowPartitionMapping(startOffset: -1, endOffset: -1)]
        ) { (_: AssetContext, events: String) in events }
        _ = try await materialize([events, previousDay], selection: [AssetKey("events")], partitionKey: "2024-01-01", instance: instance)
        let result = try await materialize(
            [events, previousDay], selection: [AssetKey("previous_day")], partitionKey: "2024-01-02", instance: instance)
        #expect(try result.output(forNode: "previous_day", as: String.self) == "events of 2024-01-01")

        let firstDay = try await materialize(
            [events, previousDay], selection: [AssetKey("previous_day")], partitionKey: "2024-01-01", instance: instance,
            raiseOnError: false)
        let failure = try #require(firstDay.allEvents.first { $0.eventType == .stepFailure })
        #expect(failure.dagsterEvent?.stepFailureData?.error?.description.contains("maps to no upstream partition") == true)
    }

    @Test func anUnpartitionedAssetCanReadTheLastPartition() async throws {
        let instance = try DagsterInstance.localTemp()
        let latest = Asset("latest", ins: sales, partitionMappings: [AssetKey("sales"): LastPartitionMapping()]) {
            (_: AssetContext, sales: [Int]) in sales.reduce(0, +)
        }
        _ = try await materialize([sales], partitionKey: "us", instance: instance)
        let result = try await materialize([sales, latest], selection: [AssetKey("latest")], instance: instance)
        #expect(try result.output(forNode: "latest", as: Int.self) == 10)
    }
}
