import Dagster
@testable import DagsterCLI
import Foundation
import Testing

/// `asset list | materialize | wipe` of the code-location binary, as real processes.
@Suite("Asset CLI", .serialized)
struct AssetCLITests {
    @Test func listMaterializeAndWipeAssets() async throws {
        let cli = try CodeLocationProcess()
        let list = try await cli.run(["asset", "list"])
        #expect(list.status == 0 && list.stdout == "daily_rollup\nmart/doubled\nraw_numbers\n")
        #expect(try await cli.run(["job", "list"]).stdout.contains("__ASSET_JOB"))

        let all = try await cli.run(["asset", "materialize", "--select", "raw_numbers,mart/doubled", "--no-color"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("ASSET_MATERIALIZATION - Materialized value mart/doubled."))
        let instance = try cli.instance()
        #expect(Set(try await instance.getAssetKeys()) == [AssetKey("raw_numbers"), AssetKey(["mart", "doubled"])])

        let status = try await cli.run(["asset", "status"])
        #expect(status.stdout.contains("mart/doubled: materialized ") && status.stdout.contains("; fresh"))
        #expect(status.stdout.contains(#/mart/doubled: materialized \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4} in run /#))
        _ = try await cli.run(["asset", "materialize", "--select", "raw_numbers"])
        let stale = try await cli.run(["asset", "status", "--select", "mart/doubled"])
        #expect(stale.stdout.hasSuffix("stale: upstream raw_numbers has newer data\n"), "\(stale.stdout)")

        let downstream = try await cli.run(["asset", "materialize", "--select", "mart/doubled", "--no-color"])
        #expect(downstream.status == 0, "\(downstream.stderr)")
        #expect(downstream.stdout.contains("Loaded input \"raw_numbers\" using input manager \"io_manager\""))
        #expect(!downstream.stdout.contains("raw_numbers - STEP_START"))

        let unknown = try await cli.run(["asset", "materialize", "--select", "nope"])
        #expect(unknown.status == 1 && unknown.stderr.contains("Asset key \"nope\" was selected, but no asset of the graph has this key."))
        let ingest = try await cli.run(["asset", "list", "--select", "group:ingest"])
        #expect(ingest.stdout == "raw_numbers\n")
        let upstream = try await cli.run(["asset", "list", "--select", "+key:mart/doubled"])
        #expect(upstream.stdout == "mart/doubled\nraw_numbers\n")
        let broken = try await cli.run(["asset", "list", "--select", "group:ingest and ("])
        #expect(broken.status == 1 && broken.stderr.contains("at column 19: expected a selection"))

        let declined = try await cli.run(["asset", "wipe", "--select", "raw_numbers"], input: "no\n")
        #expect(declined.status == 1 && declined.stderr.contains("Exiting without removing asset indexes"))
        #expect(declined.stdout == "Are you sure you want to remove the asset key indexes for raw_numbers from the event logs? Type DELETE to confirm: ")
        let wipe = try await cli.run(["asset", "wipe", "--select", "raw_numbers", "--noprompt"])
        #expect(wipe.status == 0 && wipe.stdout.contains("Removed asset indexes from event logs"))
        #expect(try await instance.getAssetKeys() == [AssetKey(["mart", "doubled"])])
    }

    @Test func materializeARangeOfPartitionsInOneRun() async throws {
        let cli = try CodeLocationProcess()
        let range = try await cli.run([
            "asset", "materialize", "--select", "daily_rollup", "--partition-range", "2024-01-01...2024-01-03", "--no-color",
        ])
        #expect(range.status == 0, "\(range.stderr)")
        let instance = try cli.instance()
        #expect(try await instance.materializedPartitions("daily_rollup") == ["2024-01-01", "2024-01-02", "2024-01-03"])
        let run = try #require(try await instance.getRuns().first)
        #expect(run.tags["dagster/asset_partition_range_end"] == "2024-01-03")

        let both = try await cli.run([
            "asset", "materialize", "--select", "daily_rollup", "--partition", "2024-01-01", "--partition-range", "2024-01-01...2024-01-02",
        ])
        #expect(both.status == 1 && both.stderr.contains("give either --partition or --partition-range, not both"))
        let malformed = try await cli.run(["asset", "materialize", "--select", "daily_rollup", "--partition-range", "2024-01-01..2024-01-02"])
        #expect(malformed.status == 1 && malformed.stderr.contains("write it START...END"))
        for text in ["2024-01-01", "...2024-01-02", "2024-01-01...", "2024-01-01...2024-01-02...2024-01-03"] {
            let error = try #require(throws: CLIError.self) { try PartitionRangeArgument.range(text) }
            #expect(error.description == "--partition-range '\(text)' is not a range; write it START...END, e.g. 2024-01-01...2024-01-07")
        }
        #expect(try PartitionRangeArgument.range("a...b") == PartitionKeyRange(start: "a", end: "b"))
        let early = try await cli.run(["asset", "materialize", "--select", "daily_rollup", "--partition-range", "2023-01-01...2024-01-02"])
        #expect(early.status == 1 && early.stderr.contains("asset daily_rollup has no partition range 2023-01-01...2024-01-02"), "\(early.stderr)")
        #expect(try await instance.getRunsCount() == 1)
    }
}
