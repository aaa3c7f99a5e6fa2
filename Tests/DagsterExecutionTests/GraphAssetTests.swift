import Dagster
import Foundation
import Testing

/// Graph-backed assets: several ops computing one asset, each a step.
@Suite("Graph-backed assets")
struct GraphAssetTests {
    private let raw = Asset("raw") { (_: AssetContext) -> [Int] in [3, -1, 4, -1, 5] }
    private let dropNegative = Op("drop_negative", ins: "values") { (_: OpContext, values: [Int]) in values.filter { $0 >= 0 } }
    private struct ScaleConfig: Config { var factor: Int }
    private var scale: Op<[Int], [Int]> {
        Op("scale", config: ScaleConfig.self, ins: "values") { (_: OpContext, config: ScaleConfig, values: [Int]) in
            values.map { $0 * config.factor }
        }
    }

    private var cleaned: Asset<[Int]> {
        Asset<[Int]>.graph("cleaned", ins: raw, group: "prep") { (raw: OutputHandle<[Int]>) in scale(dropNegative(raw)) }
    }

    @Test func eachInnerOpIsAStepAndTheLastOneMaterializesTheAsset() async throws {
        let total = Asset("total", ins: cleaned) { (_: AssetContext, values: [Int]) in values.reduce(0, +) }
        let config: JSONValue = ["ops": ["cleaned": ["ops": ["scale": ["config": ["factor": 10]]]]]]
        let result = try await materialize([raw, cleaned, total], instance: try .localTemp(), runConfig: config)
        #expect(
            result.allEvents.filter { $0.eventType == .stepStart }.compactMap(\.stepKey)
                == ["raw", "cleaned.drop_negative", "cleaned.scale", "total"])
        let materialized = result.allEvents.filter { $0.eventType == .assetMaterialization }
        #expect(materialized.compactMap(\.stepKey) == ["raw", "cleaned.scale", "total"])
        #expect(materialized.compactMap(\.dagsterEvent?.assetKey) == [AssetKey("raw"), AssetKey("cleaned"), AssetKey("total")])
        #expect(try result.output(forNode: "total", as: Int.self) == 120)
    }

    @Test func theAssetReadsAndIsReadFromStorageWhenOutsideTheSelection() async throws {
        let instance = try DagsterInstance.localTemp()
        let total = Asset("total", ins: cleaned) { (_: AssetContext, values: [Int]) in values.reduce(0, +) }
        let config: JSONValue = ["ops": ["cleaned": ["ops": ["scale": ["config": ["factor": 2]]]]]]
        _ = try await materialize([raw, cleaned, total], selection: [AssetKey("raw")], instance: instance)
        _ = try await materialize([raw, cleaned, total], selection: [AssetKey("cleaned")], instance: instance, runConfig: config)
        let result = try await materialize([raw, cleaned, total], selection: [AssetKey("total")], instance: instance)
        #expect(try result.output(forNode: "total", as: Int.self) == 24)
        let latest = try #require(try await instance.getLatestMaterializationEvent(AssetKey("cleaned")))
        #expect(latest.stepKey == "cleaned.scale")
        #expect(latest.dagsterEvent?.assetMaterialization?.tags["dagster/input_data_version/raw"] != nil)
    }

    @Test func itIsInTheAssetGraphWithItsGroupAndUpstream() throws {
        let definitions = try Definitions(assets: [raw, cleaned])
        #expect(try definitions.selectAssets("group:prep") == [AssetKey("cleaned")])
        let daily = Asset("daily", partitions: try .daily(startDate: "2024-01-01")) { (_: AssetContext) in 1 }
        let partitioned = try Definitions(assets: [raw, cleaned, daily])
        #expect(try partitioned.selectAssets("partitions:time") == [AssetKey("daily")])
        #expect(try partitioned.selectAssets("partitions:none") == [AssetKey("raw"), AssetKey("cleaned")])
        #expect(definitions.assetGraph.parents(of: AssetKey("cleaned")) == [AssetKey("raw")])
    }

    @Test func aGraphReturningItsInputIsRefusedWhenDefinitionsLoad() throws {
        let passThrough = Asset<[Int]>.graph("same", ins: raw) { (raw: OutputHandle<[Int]>) in raw }
        let error = try #require(throws: DagsterError.self) { try Definitions(assets: [raw, passThrough]) }
        #expect(error.message.contains("graph-backed asset same must return the output of one of its ops"))
    }
}

/// Assets read by the ops of ordinary jobs.
@Suite("Assets as op inputs")
struct AssetInputTests {
    @Test func anOpOfAJobReadsTheStoredValueOfAnAsset() async throws {
        let instance = try DagsterInstance.localTemp()
        let prices = Asset("prices") { (_: AssetContext) in [3, 4] }
        let regions = PartitionsDefinition.static(try StaticPartitionsDefinition(["eu", "us"]))
        let sales = Asset("sales", partitions: regions) { (context: AssetContext) in context.partitionKey == "eu" ? 10 : 20 }
        _ = try await materialize([prices], instance: instance)
        _ = try await materialize([sales], partitionKey: "us", instance: instance)
        let total = Op("total", ins: "prices", "sales") { (_: OpContext, prices: [Int], sales: Int) in prices.reduce(sales, +) }
        let job = try Definitions(jobs: [Job("report") { total(prices.stored, sales.stored) }]).jobs[0]
        let result = try await job.executeInProcess(instance: instance, tags: ["dagster/partition": "us"])
        #expect(try result.output(forNode: "total", as: Int.self) == 27)
        let loaded = result.allEvents.filter { $0.eventType == .loadedInput }.map(\.userMessage)
        #expect(loaded == ["Loaded input \"prices\" using input manager \"io_manager\"", "Loaded input \"sales\" using input manager \"io_manager\""])
    }
}

extension AssetInputTests {
    @Test func anAssetNeverMaterializedIsNamedWhenAnInputNeedsIt() async throws {
        let instance = try DagsterInstance.localTemp()
        let prices = Asset("prices") { (_: AssetContext) in [3, 4] }
        let total = Asset("total", ins: prices) { (_: AssetContext, prices: [Int]) in prices.reduce(0, +) }
        let result = try await materialize([prices, total], selection: ["total"], instance: instance, raiseOnError: false)
        let failure = try #require(result.allEvents.first { $0.eventType == .stepFailure })
        #expect(
            failure.dagsterEvent?.stepFailureData?.error?.description.contains(
                "asset prices has no stored value at") == true)
        #expect(failure.dagsterEvent?.stepFailureData?.error?.description.contains("materialize it first, or include it in the selection") == true)
    }

    @Test func rematerializingReplacesTheStoredValueLeavingNoTemporaryFile() async throws {
        let instance = try DagsterInstance.localTemp()
        let storage = try #require(instance.storageDirectory)
        for values in [[1], [2, 3]] {
            let numbers = Asset("numbers") { (_: AssetContext) in values }
            _ = try await materialize([numbers], instance: instance)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: storage.path).filter { UUID(uuidString: $0) == nil } == ["numbers"])
        #expect(try String(contentsOf: storage.appendingPathComponent("numbers"), encoding: .utf8) == "[2,3]")
    }
}
