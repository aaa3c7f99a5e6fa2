import DagsterConfig
import DagsterCore

/// Builds the events of a run with Dagster's messages, in one place.
struct EventFactory: Sendable {
    let jobName: String
    let pid: Int32

    func run(_ type: DagsterEventType, _ message: String, _ payload: EventPayload? = nil) -> DagsterEvent {
        DagsterEvent(type, jobName: jobName, message: message, payload: payload, pid: pid)
    }

    func step(_ type: DagsterEventType, _ key: StepKey, handle: String, _ message: String, _ payload: EventPayload? = nil)
        -> DagsterEvent
    {
        DagsterEvent(type, jobName: jobName, stepKey: key, nodeHandle: handle, message: message, payload: payload, pid: pid)
    }

    func stepStart(_ key: StepKey, handle: String) -> DagsterEvent {
        step(.stepStart, key, handle: handle, "Started execution of step \"\(key)\".")
    }

    func stepRestarted(_ key: StepKey, handle: String, attempt: Int) -> DagsterEvent {
        step(.stepRestarted, key, handle: handle, "Started re-execution (attempt # \(attempt)) of step \"\(key)\".")
    }

    func stepSkipped(_ key: StepKey, handle: String) -> DagsterEvent {
        step(.stepSkipped, key, handle: handle, "Skipped execution of step \"\(key)\".")
    }

    func stepSuccess(_ key: StepKey, handle: String, milliseconds: Double) -> DagsterEvent {
        step(
            .stepSuccess, key, handle: handle,
            "Finished execution of step \"\(key)\" in \(Self.format(milliseconds: milliseconds)).",
            .stepSuccess(durationMilliseconds: milliseconds))
    }

    func stepFailure(_ key: StepKey, handle: String, _ data: StepFailureData) -> DagsterEvent {
        step(.stepFailure, key, handle: handle, "Execution of step \"\(key)\" failed.", .stepFailure(data))
    }

    func stepUpForRetry(_ key: StepKey, handle: String, _ data: StepFailureData) -> DagsterEvent {
        let wait = data.secondsToWait.map { " in \($0) seconds" } ?? ""
        return step(
            .stepUpForRetry, key, handle: handle, "Execution of step \"\(key)\" failed and has requested a retry\(wait).",
            .stepFailure(data))
    }

    static func format(milliseconds: Double) -> String {
        milliseconds < 1000 ? "\(Int(milliseconds.rounded()))ms" : "\((milliseconds / 10).rounded() / 100)s"
    }
}
