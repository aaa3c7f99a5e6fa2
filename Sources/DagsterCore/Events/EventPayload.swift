import OrderedCollections

/// The typed data carried by a `DagsterEvent`; each event type has one payload kind.
public enum EventPayload: Sendable, Hashable, Codable {
    case stepOutput(StepOutputData)
    case stepInput(StepInputData)
    case loadedInput(LoadedInputData)
    case handledOutput(HandledOutputData)
    case stepFailure(StepFailureData)
    case engine(EngineEventData)
    case hook(HookEventData)
    case logsCaptured(LogsCapturedData)
    case assetMaterialization(AssetMaterialization)
    case assetObservation(AssetObservation)
    case expectationResult(ExpectationResult)
    case assetCheckEvaluation(AssetCheckEvaluation)
    case assetMaterializationPlanned(AssetMaterializationPlannedData)
    /// `STEP_SUCCESS`: how long the step took.
    case stepSuccess(durationMilliseconds: Double)
}
