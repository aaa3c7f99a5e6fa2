import Dagster
import Foundation
import Testing

/// Op jobs with partitions: each partition's run config, and the partition in the op context.
@Suite("Partitioned op jobs")
struct PartitionedJobTests {
    private struct DayConfig: Config { var day: String }

    private func job() throws -> Job {
        let daily = try PartitionsDefinition.daily(startDate: "2024-01-01")
        let fetch = Op("fetch", config: DayConfig.self) { (context: OpContext, config: DayConfig) in
            "\(config.day) for \(try context.requirePartitionKey())"
        }
        let config = try PartitionedConfig.timeWindow(daily) { window in
            let day = ISO8601DateFormatter().string(from: window.start).prefix(10)
            return ["ops": ["fetch": ["config": ["day": .string(String(day))]]]]
        }
        return try Definitions(jobs: [Job("load", partitionedConfig: config) { _ = fetch() }]).jobs[0]
    }

    @Test func eachPartitionRunsWithItsOwnConfigAndSeesItsKey() async throws {
        let result = try await job().executeInProcess(partitionKey: "2024-01-05")
        #expect(try result.output(forNode: "fetch", as: String.self) == "2024-01-05 for 2024-01-05")
        #expect(result.run.tags["dagster/partition"] == "2024-01-05")
        #expect(result.run.runConfig["ops"]?["fetch"]?["config"]?["day"] == "2024-01-05")
        let overridden = try await job().executeInProcess(
            runConfig: ["ops": ["fetch": ["config": ["day": "custom"]]]], partitionKey: "2024-01-05")
        #expect(try overridden.output(forNode: "fetch", as: String.self) == "custom for 2024-01-05")
    }

    @Test func aMissingOrUnknownPartitionIsRefusedBeforeTheRun() async throws {
        let instance = try DagsterInstance.localTemp()
        let unknown = await #expect(throws: DagsterError.self) {
            _ = try await job().executeInProcess(instance: instance, partitionKey: "2023-12-31")
        }
        #expect(unknown?.code == .unknownPartition)
        #expect(unknown?.message.contains("job load has no partition '2023-12-31'") == true)
        #expect(try await instance.getRunsCount() == 0)
        // Without a partition, the run gets no partition's config: the op's config is missing.
        let missing = await #expect(throws: DagsterError.self) { _ = try await job().executeInProcess(instance: instance) }
        #expect(missing?.code == .invalidConfig)
    }
}
