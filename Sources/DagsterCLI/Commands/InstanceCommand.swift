import ArgumentParser
import Dagster
import DagsterSQLite
import Foundation

struct InstanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instance", abstract: "Commands for working with the instance.",
        subcommands: [Info.self, Migrate.self])

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Show where the instance keeps its data and its settings.")

        func run() async throws {
            let (home, _) = InstanceLocator.home()
            let settings = try InstanceLocator.settings(home: home)
            let configFile = home.appendingPathComponent("dagster.yaml")
            var lines = ["$DAGSTER_HOME: \(home.path)", ""]
            lines.append(
                "dagster.yaml: " + configFile.path
                    + (FileManager.default.fileExists(atPath: configFile.path) ? "" : " (absent: defaults apply)"))
            do {
                let path = try DagsterInstance.sqlitePath(home: home, settings: settings)
                lines.append("Storage: SQLite, \(path)")
                if FileManager.default.fileExists(atPath: path) {
                    let pending = try SQLiteDatabase.openForMigration(path: path).pendingMigrations()
                    lines.append(
                        "Schema: " + (pending.isEmpty ? "up to date" : "needs `instance migrate` (pending: \(pending.joined(separator: ", ")))"))
                } else {
                    lines.append("Schema: not created yet (created by the first run)")
                }
            } catch let error as DagsterError {
                lines.append("Storage: \(error.message)")
            }
            lines.append("Local artifacts: \(settings.artifactDirectory(home: home)?.path ?? "-")")
            lines.append("Compute logs: \(settings.computeLogsDirectory(home: home)?.path ?? "not captured")")
            switch settings.runCoordinator {
            case .immediate: lines.append("Run coordinator: DefaultRunCoordinator (launches runs at once)")
            case .queued(let queue):
                lines.append(
                    "Run coordinator: QueuedRunCoordinator (max_concurrent_runs: "
                        + (queue.maxConcurrentRuns.map(String.init) ?? "unlimited")
                        + ", \(queue.tagConcurrencyLimits.count) tag limits)")
            }
            lines.append("Run launcher: DefaultRunLauncher (a run worker process per run)")
            lines.append("Telemetry: " + (settings.telemetryEnabled ? "enabled (nothing is sent by swift-dagster)" : "disabled"))
            print(lines.joined(separator: "\n"))
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Upgrade the instance's storage schema to this version.")

        func run() async throws {
            let (home, _) = InstanceLocator.home()
            let settings = try InstanceLocator.settings(home: home)
            let path = try DagsterInstance.sqlitePath(home: home, settings: settings)
            print("$DAGSTER_HOME: \(home.path)\n")
            let applied = try SQLiteDatabase.openForMigration(path: path).migrate()
            print(applied.isEmpty ? "Storage is up to date." : "Applied migrations: \(applied.joined(separator: ", ")).")
        }
    }
}
