import Dagster
import Foundation
import Testing

/// Software-defined assets materialized in process: the asset job, stored values by key,
/// materialization events and the instance's asset index.
@Suite("Asset materialization")
struct AssetMaterializationTests {
    private let orders = Asset("orders") { (_: AssetContext) -> [Int] in [3, 4, 5] }
    private var revenue: Asset<Int> {
        Asset("revenue", ins: orders, group: "finance") { (_: AssetContext, orders: [Int]) in orders.reduce(0, +) }
    }
    private var report: Asset<String> {
        Asset(["mart", "report"], ins: revenue) { (context: AssetContext, revenue: Int) in
            "\(context.assetKey.userString): \(revenue)"
        }
    }

    @Test func materializingStoresEachAssetUnderItsKeyAndIndexesIt() async throws {
        let instance = try DagsterInstance.localTemp()
        let result = try await materialize([orders, revenue, report], instance: instance)
        #expect(result.success)
        #expect(try result.output(forNode: "mart__report", as: String.self) == "mart/report: 12")
        let materialized = result.allEvents.filter { $0.eventType == .assetMaterialization }
        #expect(materialized.compactMap(\.dagsterEvent?.assetKey) == [AssetKey("orders"), AssetKey("revenue"), AssetKey(["mart", "report"])])
        #expect(materialized.first?.userMessage == "Materialized value orders.")
        let steps = result.allEvents.filter { $0.stepKey == "revenue" }.compactMap(\.eventType)
        #expect(Array(steps.suffix(4)) == [.stepOutput, .assetMaterialization, .handledOutput, .stepSuccess])
        let storage = try #require(instance.storageDirectory)
        let stored = try String(contentsOf: storage.appendingPathComponent("mart/report"), encoding: .utf8)
        #expect(stored == "\"mart/report: 12\"")
        #expect(Set(try await instance.getAssetKeys()) == [AssetKey("orders"), AssetKey("revenue"), AssetKey(["mart", "report"])])
        let latest = try await instance.getLatestMaterializationEvent(AssetKey("revenue"))
        #expect(latest?.runID == result.runID)
    }

    @Test func aSelectionReadsUnselectedUpstreamAssetsFromStorage() async throws {
        let instance = try DagsterInstance.localTemp()
        _ = try await materialize([orders, revenue, report], instance: instance)
        let changedOrders = Asset("orders") { (_: AssetContext) -> [Int] in [100] }
        let rerun = try await materialize([changedOrders, revenue, report], selection: [AssetKey("revenue"), AssetKey(["mart", "report"])], instance: instance)
        #expect(try rerun.output(forNode: "mart__report", as: String.self) == "mart/report: 12")
        #expect(!rerun.allEvents.contains { $0.stepKey == "orders" })
        let loaded = try #require(rerun.allEvents.first { $0.eventType == .loadedInput && $0.stepKey == "revenue" })
        #expect(loaded.userMessage == "Loaded input \"orders\" using input manager \"io_manager\"")
    }

    @Test func externalAssetsAreReadFromStorageAndNeverMaterialized() async throws {
        let instance = try DagsterInstance.localTemp()
        let events = AssetSpec(["raw", "events"], group: "sources", description: "Loaded by the ingestion service")
        let storage = try #require(instance.storageDirectory)
        try FileManager.default.createDirectory(at: storage.appendingPathComponent("raw"), withIntermediateDirectories: true)
        try "[4, 5]".write(to: storage.appendingPathComponent("raw/events"), atomically: false, encoding: .utf8)
        let total = Asset("total", ins: Asset<[Int]>(external: events)) { (_: AssetContext, events: [Int]) in events.reduce(0, +) }
        let result = try await materialize([events, total], instance: instance)
        #expect(try result.output(forNode: "total", as: Int.self) == 9)
        #expect(result.allEvents.filter { $0.eventType == .assetMaterialization }.compactMap(\.dagsterEvent?.assetKey) == [AssetKey("total")])
        let refused = try #require(throws: DagsterError.self) {
            try Job.materializing([events, total], selection: [AssetKey(["raw", "events"])])
        }
        #expect(refused.message.contains("raw/events cannot be materialized: external assets are produced outside this code location"))
    }

    @Test func definitionsMakeOneJobOfAllTheirAssets() throws {
        let definitions = try Definitions(assets: [orders, revenue, report])
        let job = try definitions.job(named: Job.implicitAssetJobName)
        #expect(job.graph.nodes.map(\.name) == ["orders", "revenue", "mart__report"])
        #expect(definitions.assets.map(\.groupName) == ["default", "finance", "default"])
    }

    @Test func anUndefinedUpstreamOrACycleIsALoadTimeErrorNamingTheKeys() throws {
        let orphan = Asset("orphan", deps: [AssetKey(["raw", "events"])]) { (_: AssetContext) in 1 }
        let missing = try #require(throws: DagsterError.self) { try Definitions(assets: [orphan]) }
        #expect(missing.message.contains(#"asset "orphan" depends on "raw/events", which is not an asset of the graph"#))
        let first = Asset("first", deps: [AssetKey("second")]) { (_: AssetContext) in 1 }
        let second = Asset("second", deps: [AssetKey("first")]) { (_: AssetContext) in 2 }
        let cycle = try #require(throws: DagsterError.self) { try Definitions(assets: [first, second]) }
        #expect(cycle.message.contains(#"dependency cycle: "first" → "second" → "first""#))
        // An asset may depend on itself (its own earlier partitions): no cycle, no self-wait.
        let rolling = Asset("rolling", deps: ["rolling"], partitions: try .daily(startDate: "2024-01-01")) { (_: AssetContext) in 1 }
        #expect(try Job.materializing([rolling]).graph.nodes.first?.after.isEmpty == true)
        let unknown = try #require(throws: DagsterError.self) {
            try Job.materializing([orders], selection: [AssetKey("nope")])
        }
        #expect(unknown.message.contains("no asset with key nope; defined: orders"))
        let misspelt = try #require(throws: DagsterError.self) {
            try Job.materializing([orders], selection: [AssetKey("order")])
        }
        #expect(misspelt.message.hasSuffix("; for order, did you mean orders?"))
    }
}

extension AssetMaterializationTests {
    struct ScaleConfig: Config { var factor: Int }

    @Test func anAssetWithTypedConfigReadsItFromRunConfig() async throws {
        let numbers = Asset("numbers") { (_: AssetContext) in [1, 2] }
        let scaled = Asset("scaled", config: ScaleConfig.self, ins: numbers) { (_: AssetContext, config: ScaleConfig, numbers: [Int]) in
            numbers.map { $0 * config.factor }
        }
        let result = try await materialize([numbers, scaled], runConfig: ["ops": ["scaled": ["config": ["factor": 10]]]])
        #expect(try result.output(forNode: "scaled", as: [Int].self) == [10, 20])
        let missing = await #expect(throws: DagsterError.self) { _ = try await materialize([numbers, scaled]) }
        #expect(missing?.message.contains("missing required config entry \"ops\". Add it, e.g. ops: {scaled: {config: {factor: 0}}}") == true)
    }
}
