import DagsterCore

/// A job materializing a selection of the code location's assets (Dagster's
/// `define_asset_job`): the selection is resolved against the assets when `Definitions` are
/// built.
///
/// ```swift
/// let defs = try Definitions(
///     assets: [orders, revenue, report], assetJobs: [AssetJobDefinition("sales", selection: "group:sales")])
/// ```
public struct AssetJobDefinition: Sendable {
    /// The job's name.
    public let name: String
    /// The asset selection (Dagster's syntax, e.g. `group:sales and not kind:sql`, or keys
    /// separated by commas).
    public let selection: String
    /// Run tags of the job.
    public let tags: [String: String]
    /// The executor; the Definitions' when `nil`.
    public let executor: ExecutorDefinition?

    /// Declares an asset job.
    public init(_ name: String, selection: String, tags: [String: String] = [:], executor: ExecutorDefinition? = nil) {
        self.name = name
        self.selection = selection
        self.tags = tags
        self.executor = executor
    }

    /// The job over `assets` (and the checks of the selected ones).
    /// - Throws: `DagsterError(.invalidDefinition)` naming the job when the selection does not
    ///   parse, names an unknown key, or selects no asset that can be materialized.
    func job(assets graph: AssetDependencyGraph, checks: [AssetCheck]) throws -> Job {
        let keys: Set<AssetKey>
        do {
            keys = try AssetSelection.fromCommandLine(selection).resolve(in: graph.assetGraph)
        } catch let error as DagsterError {
            throw DagsterError(.invalidDefinition, "asset job '\(name)': selection '\(selection)': \(error.message)")
        }
        let materializable = keys.intersection(graph.assetGraph.materializableKeys)
        guard !materializable.isEmpty else {
            throw DagsterError(
                .invalidDefinition, "asset job '\(name)': selection '\(selection)' selects no asset this code location materializes")
        }
        return try Job.materializing(graph, checks: checks, selection: materializable, name: name, tags: tags, executor: executor)
    }
}
