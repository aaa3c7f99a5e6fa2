import Dagster
import Foundation
import Testing

/// The status of each partition of an asset, from the instance's indexes and run statuses.
@Suite("Partition status")
struct PartitionStatusTests {
    private let letters = PartitionsDefinition.static(try! StaticPartitionsDefinition(["a", "b", "c", "d"]))
    private struct Broken: Error {}

    private func letter(failingOn failing: String?) -> Asset<String> {
        Asset("letter", partitions: letters) { (context: AssetContext) in
            if context.partitionKey == failing { throw Broken() }
            return context.partitionKey ?? ""
        }
    }

    @Test func partitionsAreMaterializedFailedInProgressOrLeftOut() async throws {
        let instance = try DagsterInstance.localTemp()
        let keys = ["a", "b", "c", "d"]
        _ = try await materialize([letter(failingOn: "b")], partitionKey: "a", instance: instance)
        _ = try await materialize([letter(failingOn: "b")], partitionKey: "b", instance: instance, raiseOnError: false)
        let job = try Job.materializing([letter(failingOn: nil)])
        _ = try await JobExecution.createRun(job, request: RunRequest(tags: ["dagster/partition": "c"]), instance: instance)
        #expect(
            try await instance.statusByPartition("letter", partitionKeys: keys)
                == ["a": .materialized, "b": .failed, "c": .inProgress])
        #expect(try await instance.materializedPartitions("letter") == ["a"])

        _ = try await materialize([letter(failingOn: nil)], partitionKey: "b", instance: instance)
        _ = try await materialize([letter(failingOn: "a")], partitionKey: "a", instance: instance, raiseOnError: false)
        #expect(try await instance.statusByPartition("letter", partitionKeys: ["a", "b"]) == ["a": .failed, "b": .materialized])
        #expect(try await instance.materializedPartitions("letter") == ["a", "b"])
    }
}
