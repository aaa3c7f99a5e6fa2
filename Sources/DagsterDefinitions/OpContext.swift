import DagsterConfig
import DagsterCore

/// What a running op sees: its run, config, resources, logger, retry count, and ways to log
/// materializations, observations and expectation results.
public final class OpContext: Sendable, PartitionAccess {
    /// The run's id.
    public let runID: RunID
    /// The job's name.
    public let jobName: String
    /// The node handle of the op (`graph.op`).
    public let opHandle: String
    /// The step key (the handle plus a mapping key for dynamic steps).
    public let stepKey: StepKey
    /// The mapping key of a step in a dynamic fan-out.
    public let mappingKey: String?
    /// The op's resolved config (defaults applied).
    public let opConfig: JSONValue
    /// The run's tags.
    public let runTags: [String: String]
    /// 0 on the first attempt, then the number of the retry.
    public let retryNumber: Int
    /// The resources the op required.
    public let resources: Resources
    /// The partitions the run materializes, when it materializes partitioned assets.
    public let partitions: RunPartitions?
    /// The run's logger: `context.log.info("…")`.
    public let log: DagsterLogger
    private let sink: any OpEventSink

    /// Creates a context; the engine does this for every step.
    public init(
        runID: RunID, jobName: String, opHandle: String, stepKey: StepKey, mappingKey: String? = nil,
        opConfig: JSONValue = .null, runTags: [String: String] = [:], retryNumber: Int = 0,
        resources: Resources = Resources([:]), partitions: RunPartitions? = nil, sink: any OpEventSink
    ) {
        self.partitions = partitions
        self.runID = runID
        self.jobName = jobName
        self.opHandle = opHandle
        self.stepKey = stepKey
        self.mappingKey = mappingKey
        self.opConfig = opConfig
        self.runTags = runTags
        self.retryNumber = retryNumber
        self.resources = resources
        self.log = DagsterLogger(sink: sink)
        self.sink = sink
    }

    /// The op's config decoded as `C`.
    public func config<C: Decodable>(as type: C.Type = C.self) throws -> C {
        try JSONValueDecoder().decode(C.self, from: opConfig)
    }

    /// The resource under `key`, as `R`.
    public func resource<R>(_ key: String, as type: R.Type = R.self) throws -> R {
        try resources.get(key, as: R.self)
    }

    /// Whether the run has tag `key`.
    public func hasTag(_ key: String) -> Bool { runTags[key] != nil }

    /// Logs that an asset was materialized (an `ASSET_MATERIALIZATION` event).
    public func logEvent(_ materialization: AssetMaterialization) {
        sink.record(
            .assetMaterialization, message: "Materialized value \(materialization.assetKey.userString).",
            payload: .assetMaterialization(materialization))
    }

    /// Logs that an asset was observed (an `ASSET_OBSERVATION` event).
    public func logEvent(_ observation: AssetObservation) {
        sink.record(
            .assetObservation, message: "Observed asset \(observation.assetKey.userString).",
            payload: .assetObservation(observation))
    }

    /// Records the evaluation of an asset check (`ASSET_CHECK_EVALUATION`), with Dagster's message.
    public func logEvent(_ evaluation: AssetCheckEvaluation) {
        sink.record(
            .assetCheckEvaluation,
            message: "Asset check '\(evaluation.checkName)' on '\(evaluation.assetKey.userString)' "
                + (evaluation.passed ? "passed." : "did not pass.")
                + (evaluation.description.map { " Description: '\($0)'" } ?? ""),
            payload: .assetCheckEvaluation(evaluation))
    }

    /// Logs the result of a data-quality expectation (a `STEP_EXPECTATION_RESULT` event).
    public func logEvent(_ expectation: ExpectationResult) {
        let verdict = expectation.success ? "passed" : "failed"
        sink.record(
            .stepExpectationResult, message: "Expectation\(expectation.label.map { " \($0)" } ?? "") \(verdict).",
            payload: .expectationResult(expectation))
    }
}
