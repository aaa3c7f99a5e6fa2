import ArgumentParser
import Dagster

struct DefinitionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "definitions", abstract: "Commands about the code location's definitions.",
        subcommands: [Validate.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "Load and validate the definitions.")

        func run() async throws {
            let definitions = try DagsterCLI.loadDefinitions()
            print("Validation successful: \(definitions.jobs.count) job(s) loaded.")
        }
    }
}
