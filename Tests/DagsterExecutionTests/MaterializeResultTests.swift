import Dagster
import Foundation
import Testing

/// Assets that store their data themselves (`MaterializeResult`, `Void`) and the data version
/// tags of every materialization.
@Suite("Materialize results and data versions")
struct MaterializeResultTests {
    private func materializations(_ result: ExecuteInProcessResult) -> [AssetMaterialization] {
        result.allEvents.compactMap(\.dagsterEvent?.assetMaterialization)
    }

    @Test func aMaterializeResultRecordsItsMetadataAndVersionWithoutStoringAValue() async throws {
        let instance = try DagsterInstance.localTemp()
        let table = Asset("table") { (_: AssetContext) in
            MaterializeResult(metadata: ["rows": .int(3)], dataVersion: "abc")
        }
        let result = try await materialize([table], instance: instance)
        #expect(!result.allEvents.contains { $0.eventType == .handledOutput })
        let materialization = try #require(materializations(result).first)
        #expect(materialization.metadata["rows"] == .int(3))
        #expect(
            materialization.tags == [
                "dagster/code_version": result.runID.rawValue, "dagster/data_version": "abc",
                "dagster/data_version_is_user_provided": "true",
            ])
        let storage = try #require(instance.storageDirectory)
        #expect(!FileManager.default.fileExists(atPath: storage.appendingPathComponent("table").path))
    }

    @Test func derivedVersionsFollowTheCodeVersionAndInputsAndPointAtTheInputEvents() async throws {
        let instance = try DagsterInstance.localTemp()
        let table = Asset("table") { (_: AssetContext) in MaterializeResult(dataVersion: "abc") }
        let report = Asset("report", deps: ["table"], codeVersion: "v1") { (_: AssetContext) in }
        let result = try await materialize([table, report], instance: instance)
        let reported = try #require(materializations(result).last)
        let pointer = try #require(try await instance.getAssetRecords([AssetKey("table")]).first?.lastMaterialization).storageID
        #expect(
            reported.tags == [
                "dagster/code_version": "v1", "dagster/input_data_version/table": "abc",
                "dagster/input_event_pointer/table": String(pointer),
                // SHA-256 of "v1" + "abc", as Dagster derives it.
                "dagster/data_version": "300c7a2d68d07130807aeb7c7146ec30f946f582720b9cc7fd694e0708d5f02e",
            ])
    }
}
