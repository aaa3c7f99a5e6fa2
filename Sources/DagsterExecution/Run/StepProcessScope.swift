import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation

/// Resource initialization failed; its events are recorded.
struct ResourceInitFailed: Error {
    let error: SerializableError
}

/// What a process that runs steps opens around them, the run process of an in-process executor
/// or a step worker alike: the initialized resources (`RESOURCE_INIT_STARTED`/`SUCCESS`/
/// `FAILURE`) and the capture of its stdout and stderr (`LOGS_CAPTURED`).
struct StepProcessScope {
    let resources: Resources
    private let initialized: [(key: String, value: any Sendable)]
    private let initializer: ResourceInitializer
    private let capture: ComputeLogCapture?
    private let recorder: RunEventRecorder
    private let events: EventFactory
    private let stepKey: StepKey?

    /// Initializes the resources `keys` and starts capturing output for `stepKeys`; the events
    /// carry `stepKey` when the process runs that one step.
    /// - Throws: `ResourceInitFailed` after recording `RESOURCE_INIT_FAILURE`.
    static func open(
        keys: [String], definitions: [String: ResourceDefinition], config: ResolvedRunConfig, run: DagsterRun,
        instance: DagsterInstance, recorder: RunEventRecorder, events: EventFactory, stepKeys: [StepKey], stepKey: StepKey?
    ) async throws -> StepProcessScope {
        func event(_ type: DagsterEventType, _ message: String, _ payload: EventPayload) -> DagsterEvent {
            guard let stepKey else { return events.run(type, message, payload) }
            return events.step(type, stepKey, handle: ExecutionPlan.handle(ofStepKey: stepKey), message, payload)
        }
        let initializer = ResourceInitializer(definitions: definitions)
        let keyList = "[" + keys.map { "'\($0)'" }.joined(separator: ", ") + "]"
        let log = DagsterLogger(sink: StepEventSink(recorder: recorder, events: events, stepKey: stepKey ?? "", handle: ""))
        recorder.record(event(.resourceInitStarted, "Starting initialization of resources \(keyList).", .engine(EngineEventData())))
        let initialized: [(key: String, value: any Sendable)]
        do {
            initialized = try await initializer.initialize(keys, config: { config.resourceConfig($0) ?? .null }, runID: run.runID, log: log)
        } catch {
            let serialized = SerializableError(error)
            recorder.record(
                event(.resourceInitFailure, "Initialization of resources \(keyList) failed.", .engine(EngineEventData(error: serialized))),
                level: .error)
            throw ResourceInitFailed(error: serialized)
        }
        recorder.record(event(.resourceInitSuccess, "Finished initialization of resources \(keyList).", .engine(EngineEventData())))
        let capture = startCapture(run: run, instance: instance, recorder: recorder, events: events)
        recorder.record(
            events.run(
                .logsCaptured, "Capturing logs for process (pid: \(events.pid)).",
                .logsCaptured(
                    LogsCapturedData(
                        fileKey: capture?.fileKey ?? ComputeLogCapture.makeFileKey(), stepKeys: stepKeys,
                        stdoutPath: capture?.stdoutURL.path, stderrPath: capture?.stderrURL.path))))
        return StepProcessScope(
            resources: Resources(Dictionary(initialized.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })),
            initialized: initialized, initializer: initializer, capture: capture, recorder: recorder, events: events,
            stepKey: stepKey)
    }

    /// Stops the capture (marking it complete unless the steps were interrupted) and tears the
    /// resources down, recording teardown errors.
    func close(complete: Bool) async {
        capture?.stop(complete: complete)
        let (recorder, events) = (recorder, events)
        await initializer.teardown(initialized) { key, error in
            recorder.record(
                events.run(.engineEvent, "Error while tearing down resource \"\(key)\": \(error)", .engine(EngineEventData(error: SerializableError(error)))),
                level: .error)
        }
    }

    /// Starts capturing stdout and stderr for a run of a persistent instance; a capture that
    /// cannot start is reported as an engine event and the steps go on without it.
    private static func startCapture(
        run: DagsterRun, instance: DagsterInstance, recorder: RunEventRecorder, events: EventFactory
    ) -> ComputeLogCapture? {
        guard !instance.isEphemeral, let base = instance.computeLogsDirectory else { return nil }
        do {
            return try ComputeLogCapture.start(base: base, runID: run.runID)
        } catch {
            recorder.record(
                events.run(.engineEvent, "Could not capture compute logs: \(error)", .engine(EngineEventData(error: SerializableError(error)))),
                level: .warning)
            return nil
        }
    }
}
