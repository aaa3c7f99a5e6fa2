import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// Routes a step's `context.log` lines and user events into the run's recorder.
struct StepEventSink: OpEventSink {
    let recorder: RunEventRecorder
    let events: EventFactory
    let stepKey: StepKey
    let handle: String

    func log(_ level: LogLevel, _ message: String) {
        recorder.log(level, message, stepKey: stepKey)
    }

    func record(_ eventType: DagsterEventType, message: String, payload: EventPayload) {
        recorder.record(events.step(eventType, stepKey, handle: handle, message, payload), level: .info)
    }
}
