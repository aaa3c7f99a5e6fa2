import ArgumentParser
import Dagster
@testable import DagsterCLI
import DagsterTesting
import Foundation
import Synchronization
import Testing

/// The code-location CLI end to end: commands, exit codes, config files and errors.
struct CLITests {
    struct CountConfig: Config { var count: Int }

    static let executed = Mutex<[Int]>([])

    /// A fresh `DAGSTER_HOME` per test process, so runs are recorded outside the repository.
    static let environment = [
        "DAGSTER_HOME": try! TestFolders.make("dagster-cli").path  // cannot fail but for a full or read-only disk
    ]

    static func definitions() throws -> Definitions {
        let produce = Op("produce", config: CountConfig.self) { (_: OpContext, config: CountConfig) in
            executed.withLock { $0.append(config.count) }
            return config.count
        }
        let fail = Op("fail") { (_: OpContext) -> Int in throw Failure("deliberate") }
        return try Definitions(jobs: [Job("counting") { produce() }, Job("failing") { fail() }])
    }

    @Test func listAndValidate() async {
        #expect(await DagsterCLI.run(["job", "list"], environment: Self.environment, definitions: Self.definitions) == 0)
        #expect(await DagsterCLI.run(["definitions", "validate"], environment: Self.environment, definitions: Self.definitions) == 0)
        #expect(await DagsterCLI.run(["job", "print", "counting"], environment: Self.environment, definitions: Self.definitions) == 0)
        #expect(await DagsterCLI.run(["--version"], environment: Self.environment, definitions: Self.definitions) == 0)
    }

    @Test func executeWithMergedConfigFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = directory.appendingPathComponent("base.yaml")
        let override = directory.appendingPathComponent("override.json")
        try "ops:\n  produce:\n    config:\n      count: 1\n".write(to: base, atomically: false, encoding: .utf8)
        try #"{"ops": {"produce": {"config": {"count": 734}}}}"#.write(to: override, atomically: false, encoding: .utf8)
        let code = await DagsterCLI.run(
            ["job", "execute", "counting", "-c", base.path, "-c", override.path, "--no-color"],
            environment: Self.environment, definitions: Self.definitions)
        #expect(code == 0)
        #expect(Self.executed.withLock { $0.contains(734) })
    }

    @Test func failuresExitNonZero() async {
        #expect(await DagsterCLI.run(["job", "execute", "failing", "--no-color"], environment: Self.environment, definitions: Self.definitions) == 1)
        #expect(await DagsterCLI.run(["job", "execute", "counting", "--config-json", #"{"ops": {"produce": {"config": {"count": "x"}}}}"#], environment: Self.environment, definitions: Self.definitions) != 0)
        #expect(await DagsterCLI.run(["job", "execute", "missing_job"], environment: Self.environment, definitions: Self.definitions) != 0)
        #expect(await DagsterCLI.run(["job", "execute", "counting", "-c", "/nonexistent/run.yaml"], environment: Self.environment, definitions: Self.definitions) != 0)
    }

    @Test func dagsterErrorsAreReportedByTheirMessageAlone() {
        let error = DagsterError(.storage, "reading runs in /tmp/x.db failed: disk I/O error", cause: CLIError("SQLite error 10"))
        #expect(RootCommand.message(for: CLIError.reporting(error)) == "reading runs in /tmp/x.db failed: disk I/O error")
        #expect(RootCommand.exitCode(for: CLIError.reporting(error)) == .failure)
        #expect(CLIError.reporting(ExitCode(3)) as? ExitCode == ExitCode(3))
    }

    @Test func invalidDefinitionsAreReported() async {
        let broken: @Sendable () throws -> Definitions = {
            let needs = Op("needs", requiredResources: ["db"]) { (_: OpContext) in 1 }
            return try Definitions(jobs: [Job("broken") { needs() }])
        }
        #expect(await DagsterCLI.run(["definitions", "validate"], environment: Self.environment, definitions: broken) != 0)
    }
}

/// The console log line format.
struct LogLineTests {
    @Test func timestampHasDagstersShape() {
        let text = LogLineFormatter.timestamp(1_700_000_000.7)
        #expect(text.count == "2023-11-14 22:13:20 +0000".count)
        #expect(text.hasPrefix("2023-11-1"))
        #expect(text.contains(":13:20 "))
    }
}
