import OrderedCollections

/// The kinds of structured events a run emits, named as in Dagster's `DagsterEventType`.
///
/// `rawValue` is the Dagster name (`RUN_START`); `storedValue` is the string Dagster writes to
/// storage, which differs for run events (`PIPELINE_START`). The mapping lives here only.
public enum DagsterEventType: String, Sendable, Codable, CaseIterable {
    case stepOutput = "STEP_OUTPUT"
    case stepInput = "STEP_INPUT"
    case stepFailure = "STEP_FAILURE"
    case stepStart = "STEP_START"
    case stepSuccess = "STEP_SUCCESS"
    case stepSkipped = "STEP_SKIPPED"
    case stepWorkerStarting = "STEP_WORKER_STARTING"
    case stepWorkerStarted = "STEP_WORKER_STARTED"
    case stepUpForRetry = "STEP_UP_FOR_RETRY"
    case stepRestarted = "STEP_RESTARTED"
    case resourceInitStarted = "RESOURCE_INIT_STARTED"
    case resourceInitSuccess = "RESOURCE_INIT_SUCCESS"
    case resourceInitFailure = "RESOURCE_INIT_FAILURE"
    case assetMaterialization = "ASSET_MATERIALIZATION"
    case assetMaterializationPlanned = "ASSET_MATERIALIZATION_PLANNED"
    case assetFailedToMaterialize = "ASSET_FAILED_TO_MATERIALIZE"
    case assetObservation = "ASSET_OBSERVATION"
    case assetCheckEvaluationPlanned = "ASSET_CHECK_EVALUATION_PLANNED"
    case assetCheckEvaluation = "ASSET_CHECK_EVALUATION"
    case stepExpectationResult = "STEP_EXPECTATION_RESULT"
    case runEnqueued = "RUN_ENQUEUED"
    case runDequeued = "RUN_DEQUEUED"
    case runStarting = "RUN_STARTING"
    case runStart = "RUN_START"
    case runSuccess = "RUN_SUCCESS"
    case runFailure = "RUN_FAILURE"
    case runCanceling = "RUN_CANCELING"
    case runCanceled = "RUN_CANCELED"
    case loadedInput = "LOADED_INPUT"
    case handledOutput = "HANDLED_OUTPUT"
    case engineEvent = "ENGINE_EVENT"
    case hookCompleted = "HOOK_COMPLETED"
    case hookErrored = "HOOK_ERRORED"
    case hookSkipped = "HOOK_SKIPPED"
    case logsCaptured = "LOGS_CAPTURED"

    /// The name Dagster stores for this event type (`PIPELINE_START` for `.runStart`).
    public var storedValue: String {
        switch self {
        case .runEnqueued: "PIPELINE_ENQUEUED"
        case .runDequeued: "PIPELINE_DEQUEUED"
        case .runStarting: "PIPELINE_STARTING"
        case .runStart: "PIPELINE_START"
        case .runSuccess: "PIPELINE_SUCCESS"
        case .runFailure: "PIPELINE_FAILURE"
        case .runCanceling: "PIPELINE_CANCELING"
        case .runCanceled: "PIPELINE_CANCELED"
        default: rawValue
        }
    }

    /// The event type for a stored name, accepting both the stored and the Dagster name: the
    /// Dagster name first (every type but the run events is stored under it), then the few
    /// stored names that differ. It runs for every event read back, so it does not scan the cases.
    public init?(storedValue: String) {
        guard let type = Self(rawValue: storedValue) ?? Self.byRenamedStoredValue[storedValue] else { return nil }
        self = type
    }

    /// The types whose stored name is not their Dagster name, by stored name (`PIPELINE_START`).
    private static let byRenamedStoredValue: [String: DagsterEventType] = Dictionary(
        uniqueKeysWithValues: allCases.filter { $0.storedValue != $0.rawValue }.map { ($0.storedValue, $0) })

    /// Whether the event belongs to a step (has a step key).
    public var isStepEvent: Bool {
        switch self {
        case .stepOutput, .stepInput, .stepFailure, .stepStart, .stepSuccess, .stepSkipped, .stepUpForRetry,
            .stepRestarted, .stepWorkerStarting, .stepWorkerStarted, .loadedInput, .handledOutput,
            .stepExpectationResult, .hookCompleted, .hookErrored, .hookSkipped:
            true
        default: false
        }
    }

    /// The run status that an event of this type moves its run to, if any.
    public var runStatus: DagsterRunStatus? {
        switch self {
        case .runEnqueued: .queued
        case .runStarting: .starting
        case .runStart: .started
        case .runSuccess: .success
        case .runFailure: .failure
        case .runCanceling: .canceling
        case .runCanceled: .canceled
        default: nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let type = DagsterEventType(storedValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown event type \(text)"))
        }
        self = type
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storedValue)
    }
}
