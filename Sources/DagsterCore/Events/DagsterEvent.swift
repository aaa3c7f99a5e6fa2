import OrderedCollections

/// A structured event of a run: its type, the step it belongs to, and its typed payload.
public struct DagsterEvent: Sendable, Hashable, Codable {
    /// What happened.
    public var eventType: DagsterEventType
    /// The job that ran.
    public var jobName: String
    /// The step the event belongs to; `nil` for run-level events.
    public var stepKey: StepKey?
    /// The node handle (`graph.op`) of the step, without a mapping key.
    public var nodeHandle: String?
    /// A human-readable summary, as shown in logs.
    public var message: String
    /// The typed payload.
    public var payload: EventPayload?
    /// The process that emitted the event.
    public var pid: Int32?

    /// Creates an event.
    public init(
        _ eventType: DagsterEventType, jobName: String, stepKey: StepKey? = nil, nodeHandle: String? = nil,
        message: String, payload: EventPayload? = nil, pid: Int32? = nil
    ) {
        self.eventType = eventType
        self.jobName = jobName
        self.stepKey = stepKey
        self.nodeHandle = nodeHandle
        self.message = message
        self.payload = payload
        self.pid = pid
    }

    /// The `STEP_OUTPUT` payload, if this is one.
    public var stepOutputData: StepOutputData? {
        if case .stepOutput(let data) = payload { return data }
        return nil
    }

    /// The failure payload of `STEP_FAILURE` / `STEP_UP_FOR_RETRY`, if this is one.
    public var stepFailureData: StepFailureData? {
        if case .stepFailure(let data) = payload { return data }
        return nil
    }

    /// The materialization of an `ASSET_MATERIALIZATION` event.
    public var assetMaterialization: AssetMaterialization? {
        if case .assetMaterialization(let data) = payload { return data }
        return nil
    }

    /// The `LOADED_INPUT` payload, if this is one.
    public var loadedInputData: LoadedInputData? {
        if case .loadedInput(let data) = payload { return data }
        return nil
    }

    /// The hook payload of a `HOOK_*` event.
    public var hookData: HookEventData? {
        if case .hook(let data) = payload { return data }
        return nil
    }

    /// The engine payload of `ENGINE_EVENT`, `RESOURCE_INIT_*` and `RUN_FAILURE`.
    public var engineData: EngineEventData? {
        if case .engine(let data) = payload { return data }
        return nil
    }
}
