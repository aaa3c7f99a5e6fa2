import ArgumentParser
import Dagster
import Foundation
import Synchronization

/// The command line of a code-location binary, mirroring the `dagster` CLI.
///
/// ```swift
/// @main struct Quickstart {
///     static func main() async { await DagsterCLI.main { try Definitions(jobs: [etl]) } }
/// }
/// ```
/// Then `quickstart job list`, `quickstart job execute etl -c config.yaml`, …
public enum DagsterCLI {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    @TaskLocal static var definitions: (@Sendable () throws -> Definitions)?
    @TaskLocal static var environmentOverride: [String: String]?

    /// The environment commands read (`DAGSTER_HOME`, `{env: VAR}` sources).
    static var environment: [String: String] { environmentOverride ?? ProcessInfo.processInfo.environment }

    /// Parses the process arguments and runs the command against `makeDefinitions`, exiting
    /// with the command's status.
    public static func main(_ makeDefinitions: @escaping @Sendable () throws -> Definitions) async {
        // A process-wide value, not a task-local: binding a task-local in the async top-level
        // code of `main.swift` crashed release builds (Swift 6.3.1, swift_task_localValuePush).
        processDefinitions.withLock { $0 = makeDefinitions }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 3, arguments[0] == "api", arguments[1] == "execute-step" {
            // A step worker starts once per step: skip the argument parser's start-up work.
            do {
                try await APICommand.ExecuteStep.execute(runID: arguments[2])
                exit(0)
            } catch {
                FileHandle.standardError.write(Data("Error: \(CLIError.reporting(error))\n".utf8))
                exit(1)
            }
        }
        do {
            try await runCommand(arguments)
        } catch {
            RootCommand.exit(withError: CLIError.reporting(error))
        }
    }

    private static let processDefinitions = Mutex<(@Sendable () throws -> Definitions)?>(nil)

    /// Runs one command line (without the program name) and returns its exit code; for tests.
    /// `environment` replaces the process environment when given (e.g. to set `DAGSTER_HOME`).
    public static func run(
        _ arguments: [String], environment: [String: String]? = nil,
        definitions makeDefinitions: @escaping @Sendable () throws -> Definitions
    ) async -> Int32 {
        await $environmentOverride.withValue(environment) {
            await run(arguments, makeDefinitions)
        }
    }

    private static func run(_ arguments: [String], _ makeDefinitions: @escaping @Sendable () throws -> Definitions)
        async -> Int32
    {
        await $definitions.withValue(makeDefinitions) {
            do {
                try await runCommand(arguments)
                return 0
            } catch {
                let error = CLIError.reporting(error)
                let code = RootCommand.exitCode(for: error)
                if code != .success { FileHandle.standardError.write(Data((RootCommand.message(for: error) + "\n").utf8)) }
                else { print(RootCommand.fullMessage(for: error)) }
                return code.rawValue
            }
        }
    }

    /// Parses `arguments` and runs the command they name. Commands let a `DagsterError` through
    /// as it comes; callers report it with `CLIError.reporting(_:)`.
    private static func runCommand(_ arguments: [String]) async throws {
        var command = try await RootCommand.asyncParseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    /// The definitions of this code location, built and validated.
    static func loadDefinitions() throws -> Definitions {
        guard let definitions = definitions ?? processDefinitions.withLock({ $0 }) else {
            throw ValidationError("no definitions were given to DagsterCLI.main")
        }
        do {
            return try definitions()
        } catch let error as DagsterError {
            throw CLIError("Invalid definitions: \(error.message)")
        }
    }
}

/// An error the CLI reports as one line and a non-zero exit code.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }

    /// A command's error as the CLI reports it: a `DagsterError` by its message (what went wrong
    /// and where, without the chain of causes), any other error as it is. The one place
    /// swift-dagster's errors become CLI errors; commands do not translate them themselves.
    static func reporting(_ error: any Error) -> any Error {
        guard let error = error as? DagsterError else { return error }
        return CLIError(error.message)
    }
}

struct RootCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: ProcessInfo.processInfo.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "dagster",
        abstract: "A swift-dagster code location: list, inspect and execute its jobs.",
        version: DagsterCLI.version,
        subcommands: [
            JobCommand.self, AssetCommand.self, RunCommand.self, InstanceCommand.self, DefinitionsCommand.self, APICommand.self,
        ])
}
