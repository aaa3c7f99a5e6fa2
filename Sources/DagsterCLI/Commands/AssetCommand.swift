import ArgumentParser
import Dagster
import Foundation

/// `asset list | materialize | wipe`: the code location's software-defined assets.
struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "Commands for working with assets.",
        subcommands: [List.self, Materialize.self, Status.self, Wipe.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the assets of the code location.")

        @Option(help: "Only these assets: an asset selection, e.g. 'group:ingest' or 'key:mart/*'.") var select: String?

        func run() async throws {
            let definitions = try DagsterCLI.loadDefinitions()
            for key in try AssetSelectionArgument.keys(select, in: definitions).sorted() { print(key.userString) }
        }
    }

    struct Materialize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "materialize",
            abstract: "Materialize assets in this process, recording the run in the instance.",
            discussion: "Upstream assets outside the selection are read from storage. Exit status 0 when the run succeeds.")

        @Option(help: "The assets to materialize: an asset selection, e.g. '+mart/revenue' or 'orders,revenue'.") var select: String
        @Option(help: "The partition to materialize, for partitioned assets.") var partition: String?
        @Option(
            name: .customLong("partition-range"),
            help: "A range of partitions to materialize in one run, START...END (assets need backfillPolicy: .singleRun).")
        var partitionRange: String?
        @OptionGroup var options: RunOptions
        @Flag(name: .customLong("no-color"), help: "Print log lines without colors.")
        var noColor = false

        func run() async throws {
            let definitions = try DagsterCLI.loadDefinitions()
            let selection = try AssetSelectionArgument.materializable(select, in: definitions)
            let job = try Job.materializing(
                definitions.assets, checks: definitions.assetChecks, selection: selection, resources: definitions.resources)
            var request = try options.request()
            if let partition { request.tags[AssetContext.partitionTag] = partition }
            if let partitionRange {
                guard partition == nil else { throw CLIError("give either --partition or --partition-range, not both") }
                let range = try PartitionRangeArgument.range(partitionRange)
                try BackfillPolicy.checkSingleRun(definitions.assets.filter { selection.contains($0.key) })
                request.tags.merge(RunPartitions.rangeTags(range)) { _, range in range }
            }
            try await ExecuteCommandRunner.execute(job, request: &request, instance: try InstanceLocator.open(), noColor: noColor)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show each asset's latest materialization, materialized partitions, and whether it is stale.")

        @Option(help: "Only these assets: an asset selection.") var select: String?

        func run() async throws {
            let definitions = try DagsterCLI.loadDefinitions()
            let keys = try AssetSelectionArgument.keys(select, in: definitions)
            let assets = definitions.assets.filter { keys.contains($0.key) }.sorted { $0.key < $1.key }
            for status in try await InstanceLocator.open().assetStatus(of: assets) {
                print(AssetStatusLine.describe(status))
            }
        }
    }

    struct Wipe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wipe", abstract: "Wipe the materialization history of assets. Warning: Cannot be undone.")

        @Option(help: "The assets to wipe: an asset selection.") var select: String
        @Flag(name: .customLong("noprompt"), help: "Do not ask for confirmation.") var noPrompt = false

        func run() async throws {
            let keys = try AssetSelectionArgument.keys(select, in: try DagsterCLI.loadDefinitions()).sorted()
            let names = keys.map(\.userString).joined(separator: ", ")
            if !noPrompt {
                guard Confirmation.ask("Are you sure you want to remove the asset key indexes for \(names) from the event logs?")
                else { throw CLIError("Exiting without removing asset indexes") }
            }
            try await InstanceLocator.open().wipeAssets(keys)
            print("Removed asset indexes from event logs")
        }
    }
}

/// Reads `--select`: Dagster's asset selection syntax (`key:mart/*`, `group:ingest`,
/// `+orders`, `tag:tier=gold and not kind:sql`, …) or comma-separated selections; no
/// `--select` means every asset.
enum AssetSelectionArgument {
    static func keys(_ text: String?, in definitions: Definitions) throws -> Set<AssetKey> {
        guard let text else { return Set(definitions.assets.map(\.key)) }
        return try definitions.selectAssets(text)
    }

    /// The selected assets this code location computes (external ones are produced elsewhere).
    static func materializable(_ text: String, in definitions: Definitions) throws -> Set<AssetKey> {
        let selected = try keys(text, in: definitions)
        let materializable = selected.subtracting(definitions.assets.filter(\.isExternal).map(\.key))
        guard !materializable.isEmpty else {
            throw CLIError("the selection '\(text)' matches no asset this code location materializes")
        }
        return materializable
    }
}

/// Reads `--partition-range`: `START...END`, both keys given, as Dagster's CLI wants it.
enum PartitionRangeArgument {
    /// The range `text` names.
    /// - Throws: `CLIError` when `text` is not `START...END` with both keys given.
    static func range(_ text: String) throws -> PartitionKeyRange {
        let range = PartitionKeyRange(parsing: text)
        // `PartitionKeyRange(parsing:)` reads a lone key as a range of one, and everything after
        // the first `...` as the end; the option takes exactly two keys.
        guard text.contains("..."), !range.start.isEmpty, !range.end.isEmpty, !range.end.contains("...") else {
            throw CLIError("--partition-range '\(text)' is not a range; write it START...END, e.g. 2024-01-01...2024-01-07")
        }
        return range
    }
}

/// One line of `asset status`.
enum AssetStatusLine {
    static func describe(_ status: AssetStatus) -> String {
        var parts: [String] = []
        if let record = status.latestMaterialization {
            parts.append("materialized \(LogLineFormatter.timestamp(record.entry.timestamp)) in run \(record.entry.runID)")
        } else {
            parts.append("never materialized")
        }
        if let partitions = status.partitions {
            let listed = partitions.materialized.prefix(5).joined(separator: ", ")
            let more = partitions.materialized.count > 5 ? ", …" : ""
            parts.append("\(partitions.materialized.count)/\(partitions.count) partitions" + (listed.isEmpty ? "" : " (\(listed)\(more))"))
        }
        switch status.staleness {
        case .missing: parts.append("missing")
        case .fresh: parts.append("fresh")
        case .stale(let causes): parts.append("stale: " + causes.joined(separator: "; "))
        }
        return "\(status.key.userString): " + parts.joined(separator: "; ")
    }
}
