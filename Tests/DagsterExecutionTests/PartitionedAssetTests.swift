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

    @Test func aMissingOrUnknownPartitionIsRefusedBeforeAnyRun() async throws {
        let instance = try DagsterInstance.localTemp()
        let missing = await #expect(throws: DagsterError.self) { _ = try await materialize([sales], instance: instance) }
        #expect(missing?.message.contains("the run materializes partitioned assets (sales) but names no partition") == true)
        let unknown = await #expect(throws: DagsterError.self) {
            _ = try await materialize([sales], partitionKey: "asia", instance: instance)
        }
        #expect(unknown?.message.contains("asset sales has no partition 'asia'") == true)
        #expect(try await instance.getRunsCount() == 0)
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
    }

    @Test func readingAPartitionedAssetNeedsTheSamePartitions() throws {
        let unpartitioned = Asset("report", ins: sales) { (_: AssetContext, sales: [Int]) in sales.count }
        let error = try #require(throws: DagsterError.self) { try Definitions(assets: [sales, unpartitioned]) }
        #expect(error.message.contains("asset report reads partitioned asset sales but is not partitioned the same way"))
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
