import Dagster
import Foundation
import Testing

/// Multi-assets: one step materializing several assets, subset when it allows it.
@Suite("Multi-assets")
struct MultiAssetTests {
    private let orders = Asset("orders") { (_: AssetContext) -> [Int] in [1, 2, 3, 4] }
    private let evens = AssetOut<[Int]>("evens")
    private let odds = AssetOut<[Int]>(["numbers", "odds"])

    private func split(canSubset: Bool) -> MultiAsset {
        MultiAsset("split", outs: [evens, odds], ins: orders, canSubset: canSubset) { (context: AssetContext, orders: [Int]) in
            var outputs = Outputs()
            if context.selectedAssetKeys.contains(evens.key) { outputs.set(evens.out, orders.filter { $0 % 2 == 0 }) }
            if context.selectedAssetKeys.contains(odds.key) { outputs.set(odds.out, orders.filter { $0 % 2 == 1 }) }
            return outputs
        }
    }

    @Test func oneStepMaterializesEveryAssetOfTheMultiAsset() async throws {
        let multi = split(canSubset: false)
        let total = Asset("total_odds", ins: multi[odds]) { (_: AssetContext, odds: [Int]) in odds.reduce(0, +) }
        let result = try await materialize([orders, multi, total], instance: try .localTemp())
        #expect(result.allEvents.filter { $0.eventType == .stepStart }.compactMap(\.stepKey) == ["orders", "split", "total_odds"])
        let materialized = result.allEvents.filter { $0.stepKey == "split" && $0.eventType == .assetMaterialization }
        #expect(materialized.compactMap(\.dagsterEvent?.assetKey) == [AssetKey("evens"), AssetKey(["numbers", "odds"])])
        #expect(try result.output(forNode: "total_odds", as: Int.self) == 4)
    }

    @Test func aSubsettableMultiAssetRunsForTheSelectedKeysOnly() async throws {
        let instance = try DagsterInstance.localTemp()
        let multi = split(canSubset: true)
        _ = try await materialize([orders, multi], instance: instance)
        let result = try await materialize([orders, multi], selection: [AssetKey(["numbers", "odds"])], instance: instance)
        let materialized = result.allEvents.filter { $0.eventType == .assetMaterialization }.compactMap(\.dagsterEvent?.assetKey)
        #expect(materialized == [AssetKey(["numbers", "odds"])])
    }

    @Test func aMultiAssetThatCannotBeSubsetNamesTheKeysToAdd() throws {
        let error = try #require(throws: DagsterError.self) {
            try Job.materializing([orders, split(canSubset: false)], selection: [AssetKey("evens")])
        }
        #expect(error.message.contains("multi-asset 'split' cannot be subset: it materializes evens, numbers/odds together; add numbers/odds to the selection"))
    }
}

/// Asset jobs defined by a selection.
@Suite("Asset jobs")
struct AssetJobDefinitionTests {
    private let raw = Asset("raw", group: "ingest") { (_: AssetContext) in [1, 2] }
    private var clean: Asset<[Int]> { Asset("clean", ins: raw, group: "prep") { (_: AssetContext, raw: [Int]) in raw } }

    @Test func aSelectionNamesTheAssetsTheJobMaterializes() async throws {
        let definitions = try Definitions(
            assets: [raw, clean], assetJobs: [AssetJobDefinition("prep_job", selection: "group:prep", tags: ["team": "data"])])
        let job = try definitions.job(named: "prep_job")
        let instance = try DagsterInstance.localTemp()
        _ = try await materialize([raw], instance: instance)
        let result = try await job.executeInProcess(instance: instance)
        #expect(result.allEvents.filter { $0.eventType == .stepStart }.compactMap(\.stepKey) == ["clean"])
        #expect(result.run.tags["team"] == "data")
    }

    @Test func aSelectionThatDoesNotResolveIsRefusedNamingTheJob() throws {
        let error = try #require(throws: DagsterError.self) {
            try Definitions(assets: [raw, clean], assetJobs: [AssetJobDefinition("broken", selection: "group:prep and (")])
        }
        #expect(error.message.hasPrefix("asset job 'broken': selection 'group:prep and ('"))
        let empty = try #require(throws: DagsterError.self) {
            try Definitions(assets: [raw, clean], assetJobs: [AssetJobDefinition("empty", selection: "group:nothing")])
        }
        #expect(empty.message.contains("selects no asset this code location materializes"))
    }
}

extension AssetJobDefinitionTests {
    @Test func aKeyPrefixNestsTheKeyAndNamesTheStep() async throws {
        let orders = Asset(AssetKey("orders").prefixed(by: ["mart", "sales"])) { (_: AssetContext) in 3 }
        #expect(orders.key.userString == "mart/sales/orders")
        let result = try await materialize([orders], instance: try .localTemp())
        #expect(result.allEvents.first { $0.eventType == .stepStart }?.stepKey == "mart__sales__orders")
    }
}

extension MultiAssetTests {
    @Test func aPartitionedMultiAssetMaterializesThePartitionOfEachOfItsAssets() async throws {
        let instance = try DagsterInstance.localTemp()
        let regions = PartitionsDefinition.static(try StaticPartitionsDefinition(["eu", "us"]))
        let sales = Asset("sales", partitions: regions) { (context: AssetContext) in context.partitionKey == "eu" ? [1, 2, 3] : [4] }
        let small = AssetOut<[Int]>("small"), large = AssetOut<[Int]>("large")
        let split = MultiAsset("split", outs: [small, large], ins: sales, partitions: regions) { (context: AssetContext, sales: [Int]) in
            Outputs().with(small.out, sales.filter { $0 < 3 }).with(large.out, sales.filter { $0 >= 3 }, metadata: ["region": .text(context.partitionKey ?? "")])
        }
        _ = try await materialize([sales, split], partitionKey: "eu", instance: instance)
        let result = try await materialize([sales, split], selection: ["small", "large"], partitionKey: "eu", instance: instance)
        let materialized = result.allEvents.compactMap(\.dagsterEvent?.assetMaterialization)
        #expect(materialized.map(\.partition) == ["eu", "eu"])
        #expect(materialized.last?.metadata["region"] == .text("eu"))
        #expect(try await instance.materializedPartitions("large") == ["eu"])
    }
}
