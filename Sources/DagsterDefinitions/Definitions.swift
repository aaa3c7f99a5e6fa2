import DagsterConfig
import DagsterCore

/// Everything a code location defines, validated when built: assets, and jobs with their
/// resources bound.
///
/// ```swift
/// let defs = try Definitions(jobs: [etl], resources: ["warehouse": warehouse])
/// ```
public struct Definitions: Sendable {
    /// The jobs, each with the Definitions' resources bound where it had none of its own.
    public let jobs: [Job]
    /// Resources shared by all jobs.
    public let resources: [String: ResourceDefinition]
    /// The software-defined assets; all of them form the job `__ASSET_JOB`.
    public let assets: [AssetsDefinition]
    /// The checks of the assets, run with them.
    public let assetChecks: [AssetCheck]
    /// The graph of the code location's assets, for asset selections (checked once when the
    /// definitions were built, which refused duplicate keys, unknown upstreams and cycles).
    public let assetGraph: AssetGraph

    /// Binds resources to jobs and validates everything.
    /// - Throws: `DagsterError(.invalidDefinition)`: for the assets, the first problem found
    ///   (an unknown checked asset, duplicate keys, undefined upstreams, a cycle, a bad partition
    ///   mapping or asset job selection); for the jobs, every problem, each naming the job, node
    ///   and input or resource concerned.
    public init(
        assets: [any AssetDefinitionConvertible] = [], assetChecks: [AssetCheck] = [], jobs: [Job] = [],
        assetJobs: [AssetJobDefinition] = [], resources: [String: ResourceDefinition] = [:],
        executor: ExecutorDefinition? = nil
    ) throws {
        self.resources = resources
        let definitions = assets.flatMap(\.assetDefinitions)
        self.assets = definitions
        self.assetChecks = assetChecks
        let assetKeys = Set(definitions.map(\.key))
        let unknownChecks = assetChecks.filter { !assetKeys.contains($0.definition.assetKey) }
        guard unknownChecks.isEmpty else {
            throw DagsterError(
                .invalidDefinition,
                unknownChecks.map { "asset check '\($0.definition.name)' checks \($0.definition.assetKey.userString), which no asset defines" }
                    .joined(separator: "; ") + "; add that asset to Definitions(assets:) or correct the check's asset")
        }
        let graph = try AssetDependencyGraph(definitions)
        self.assetGraph = graph.assetGraph
        let implicitJob = definitions.contains { !$0.isExternal } || !assetChecks.isEmpty
            ? [try Job.materializing(graph, checks: assetChecks, selection: nil)] : []
        let selectedJobs = try assetJobs.map { try $0.job(assets: graph, checks: assetChecks) }
        self.jobs = (implicitJob + selectedJobs + jobs).map { job in
            job.with(
                resources: resources.merging(job.resources) { _, jobResource in jobResource },
                executor: .some(job.executor ?? executor))
        }
        let problems = DefinitionsValidator.problems(in: self.jobs)
        guard problems.isEmpty else {
            throw DagsterError(
                .invalidDefinition,
                "Invalid definitions (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
                    + problems.map { "  - \($0)" }.joined(separator: "\n"))
        }
    }

    /// The job named `name`.
    /// - Throws: `DagsterError(.notFound)` listing the job names there are.
    public func job(named name: String) throws -> Job {
        guard let job = jobs.first(where: { $0.name == name }) else {
            throw DagsterError(
                .notFound,
                "no job named '\(name)'; this code location has: \(jobs.map(\.name).sorted().joined(separator: ", "))")
        }
        return job
    }
}
