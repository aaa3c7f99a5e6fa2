import Dagster
import Foundation
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
