import Dagster
import Foundation
import Synchronization
import Testing

/// Runs covering a range of partitions, and inputs reading several upstream partitions as a
/// dictionary.
@Suite("Partition ranges and dictionary inputs")
struct PartitionRangeTests {
    private let daily = try! PartitionsDefinition.daily(startDate: "2024-01-01")

    /// What the asset's body saw.
    private final class Seen: Sendable {
        let values = Mutex<[String]>([])
    }

    private func rebuild(policy: BackfillPolicy?, seen: Seen? = nil) -> Asset<MaterializeResult> {
        Asset("rebuild", partitions: daily, backfillPolicy: policy) { (context: AssetContext) in
            seen?.values.withLock { $0 = context.partitionKeys + [context.partitionKeyRange?.description ?? "-", context.partitionKey ?? "nil"] }
            return MaterializeResult(metadata: ["days": .int(context.partitionKeys.count)])
        }
    }

    @Test func aSingleRunPolicyMaterializesEveryPartitionOfTheRangeInOneRun() async throws {
        let instance = try DagsterInstance.localTemp()
        let seen = Seen()
        let result = try await materialize(
            [rebuild(policy: .singleRun, seen: seen)], partitionRange: PartitionKeyRange(start: "2024-01-01", end: "2024-01-03"),
            instance: instance)
        #expect(seen.values.withLock { $0 } == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-01...2024-01-03", "nil"])
        #expect(result.run.tags["dagster/asset_partition_range_start"] == "2024-01-01")
        #expect(result.run.tags["dagster/asset_partition_range_end"] == "2024-01-03")
        let partitions = result.allEvents.filter { $0.eventType == .assetMaterialization }.map(\.dagsterEvent?.assetPartition)
        #expect(partitions == ["2024-01-01", "2024-01-02", "2024-01-03"])
        let planned = try await instance.allLogs(result.runID).filter { $0.eventType == .assetMaterializationPlanned }
        #expect(planned.count == 3)
        #expect(
            try await instance.statusByPartition("rebuild", partitionKeys: ["2024-01-02", "2024-01-04"]) == ["2024-01-02": .materialized])
    }

    @Test func aRangeIsRefusedWithoutTheSingleRunPolicyOrWhenItIsNotOneOfPartitions() async throws {
        let instance = try DagsterInstance.localTemp()
        let range = PartitionKeyRange(start: "2024-01-01", end: "2024-01-03")
        let noPolicy = await #expect(throws: DagsterError.self) {
            _ = try await materialize([rebuild(policy: nil)], partitionRange: range, instance: instance)
        }
        #expect(noPolicy?.message.contains("backfillPolicy: .singleRun, which rebuild does not have") == true)
        let unknown = await #expect(throws: DagsterError.self) {
            _ = try await materialize(
                [rebuild(policy: .singleRun)], partitionRange: PartitionKeyRange(start: "2023-12-01", end: "2024-01-02"),
                instance: instance)
        }
        #expect(unknown?.code == .unknownPartition)
        #expect(unknown?.message.contains("asset rebuild has no partition range 2023-12-01...2024-01-02") == true)
        let reversed = await #expect(throws: DagsterError.self) {
            _ = try await materialize(
                [rebuild(policy: .singleRun)], partitionRange: PartitionKeyRange(start: "2024-01-03", end: "2024-01-01"),
                instance: instance)
        }
        #expect(reversed?.message.contains("is empty") == true)
        #expect(try await instance.getRunsCount() == 0)
    }

    @Test func theFilesystemIOManagerRefusesAValueCoveringSeveralPartitions() async throws {
        let counts = Asset("counts", partitions: daily, backfillPolicy: .singleRun) { (context: AssetContext) in context.partitionKeys.count }
        let result = try await materialize(
            [counts], partitionRange: PartitionKeyRange(start: "2024-01-01", end: "2024-01-02"), instance: try .localTemp(),
            raiseOnError: false)
        let failure = try #require(result.allEvents.first { $0.eventType == .stepFailure })
        #expect(failure.dagsterEvent?.stepFailureData?.error?.description.contains("covers 2 partitions (2024-01-01...2024-01-02)") == true)
        #expect(!result.allEvents.contains { $0.eventType == .assetMaterialization })
    }

    @Test func anInputTakesSeveralUpstreamPartitionsAsADictionary() async throws {
        let instance = try DagsterInstance.localTemp()
        let visits = Asset("visits", partitions: daily) { (context: AssetContext) in (context.partitionKey ?? "").count }
        let threeDays = Asset(
            "three_days", ins: visits.byPartition, partitions: daily,
            partitionMappings: ["visits": TimeWindowPartitionMapping(startOffset: -2)]
        ) { (_: AssetContext, visits: [String: Int]) in visits.keys.sorted() }
        let everything = Asset("all_visits", ins: visits.byPartition) { (_: AssetContext, visits: [String: Int]) in visits.count }
        let plain = Asset("plain", ins: visits, partitions: daily, partitionMappings: ["visits": TimeWindowPartitionMapping(startOffset: -2)]) {
            (_: AssetContext, visits: Int) in visits
        }
        let assets: [any AssetDefinitionConvertible] = [visits, threeDays, everything, plain]
        for day in ["2024-01-01", "2024-01-02", "2024-01-03"] {
            _ = try await materialize(assets, selection: ["visits"], partitionKey: day, instance: instance)
        }
        let window = try await materialize(assets, selection: ["three_days"], partitionKey: "2024-01-03", instance: instance)
        #expect(try window.output(forNode: "three_days", as: [String].self) == ["2024-01-01", "2024-01-02", "2024-01-03"])
        let clipped = try await materialize(assets, selection: ["three_days"], partitionKey: "2024-01-01", instance: instance)
        #expect(try clipped.output(forNode: "three_days", as: [String].self) == ["2024-01-01"])

        let plainRun = try await materialize(assets, selection: ["plain"], partitionKey: "2024-01-03", instance: instance, raiseOnError: false)
        let failure = try #require(plainRun.allEvents.first { $0.eventType == .stepFailure })
        #expect(failure.dagsterEvent?.stepFailureData?.error?.description.contains("take them as a dictionary of partition key → value with `ins: visits.byPartition`") == true)

        let missing = try await materialize(assets, selection: ["all_visits"], instance: instance, raiseOnError: false)
        #expect(missing.allEvents.contains { $0.eventType == .stepFailure })
    }
}
