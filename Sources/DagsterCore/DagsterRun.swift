import OrderedCollections

/// The lifecycle state of a run, with Dagster's stored names.
public enum DagsterRunStatus: String, Sendable, Codable, CaseIterable {
    case queued = "QUEUED"
    case notStarted = "NOT_STARTED"
    case managed = "MANAGED"
    case starting = "STARTING"
    case started = "STARTED"
    case success = "SUCCESS"
    case failure = "FAILURE"
    case canceling = "CANCELING"
    case canceled = "CANCELED"

    /// Whether the run has reached a final state.
    public var isFinished: Bool { [.success, .failure, .canceled].contains(self) }
}

/// One run of a job: what ran, with which config and tags, and where it stands.
public struct DagsterRun: Sendable, Hashable, Codable {
    /// The run's id.
    public var runID: RunID
    /// The name of the job that runs.
    public var jobName: String
    /// The run config as the user gave it.
    public var runConfig: JSONValue
    /// The current status.
    public var status: DagsterRunStatus
    /// Run tags (`dagster/...` system tags and user tags).
    public var tags: [String: String]
    /// The op selection the run was started with, if any.
    public var opSelection: [String]?
    /// The step keys to execute, when only a subset of the plan runs.
    public var stepKeysToExecute: [StepKey]?
    /// The run this one re-executes, if any.
    public var parentRunID: RunID?
    /// The first run of a re-execution chain, if any.
    public var rootRunID: RunID?
    /// The content id of the snapshot of the job that ran, once stored.
    public var jobSnapshotID: String?

    /// Creates a run record.
    public init(
        runID: RunID = .make(), jobName: String, runConfig: JSONValue = .emptyObject,
        status: DagsterRunStatus = .notStarted, tags: [String: String] = [:], opSelection: [String]? = nil,
        stepKeysToExecute: [StepKey]? = nil, parentRunID: RunID? = nil, rootRunID: RunID? = nil,
        jobSnapshotID: String? = nil
    ) {
        self.runID = runID
        self.jobName = jobName
        self.runConfig = runConfig
        self.status = status
        self.tags = tags
        self.opSelection = opSelection
        self.stepKeysToExecute = stepKeysToExecute
        self.parentRunID = parentRunID
        self.rootRunID = rootRunID
        self.jobSnapshotID = jobSnapshotID
    }
}
