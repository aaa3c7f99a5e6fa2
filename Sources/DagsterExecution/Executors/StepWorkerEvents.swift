import DagsterCore
import DagsterStorage
import Foundation

/// The multiprocess executor's view of what its step workers stored: reads the run's new
/// records, hands them to the run's recorder (listener and result), and applies each step's
/// outcome (outputs, success, failure, retry request) to the run's state.
struct StepWorkerEvents {
    let run: RunContext
    /// The highest storage id read so far.
    private(set) var cursor: Int64
    /// Outputs stored by steps that have not finished yet.
    private var pendingOutputs: [StepKey: [OutputRef]] = [:]

    init(run: RunContext, cursor: Int64) {
        self.run = run
        self.cursor = cursor
    }

    /// Reads the records stored since the last read and applies the step outcomes among them.
    /// - Throws: the storage's error.
    mutating func readNewEvents() async throws {
        let records = try await run.instance.eventLogStorage.getRecordsForRun(
            run.run.runID, after: cursor, ofTypes: nil, limit: nil)
        guard let last = records.last else { return }
        cursor = last.storageID
        for record in run.recorder.adopt(records) {
            guard let key = record.entry.stepKey, let event = record.entry.dagsterEvent else { continue }
            switch event.eventType {
            case .stepOutput:
                if let data = event.stepOutputData {
                    pendingOutputs[key, default: []].append(OutputRef(stepKey: key, output: data.outputName, mappingKey: data.mappingKey))
                }
            case .stepSuccess:
                let produced = pendingOutputs.removeValue(forKey: key) ?? []
                completeIfRunning(key, .succeeded(produced: produced))
            case .stepFailure:
                pendingOutputs[key] = nil
                completeIfRunning(key, .failed)
            case .stepUpForRetry:
                pendingOutputs[key] = nil
                completeIfRunning(key, .upForRetry(readyAt: run.now + (event.stepFailureData?.secondsToWait ?? 0)))
            default:
                continue
            }
        }
    }

    /// Applies the first outcome a worker stored for a step; a later one (a worker whose last
    /// flush failed after its success was stored reports a failure too) does not undo it.
    private func completeIfRunning(_ key: StepKey, _ outcome: ActiveExecution.Outcome) {
        run.execution.withLock { state in
            if state.steps[key]?.state == .running { state.complete(key, outcome) }
        }
    }

    /// Fails `key` when its worker ended without recording how the step finished (it crashed,
    /// was killed, or could not run the step), saying how the process ended.
    func reportIfCrashed(_ key: StepKey, exit: ProcessExit) {
        let (stillRunning, handle) = run.execution.withLock { state in
            (state.steps[key]?.state == .running, state.node(of: key)?.handle ?? key)
        }
        guard stillRunning else { return }
        let ending = if case .exited(let code) = exit { "unexpectedly exited with code \(code)" } else { exit.description }
        var explanation = "Multiprocess executor: child process for step \(key) \(ending)."
        if exit == .signaled(SIGKILL) {
            explanation += " This usually indicates that the process was killed by the operating system due to running out "
                + "of memory. Possible solutions include increasing the amount of memory available to the run, reducing the "
                + "amount of memory used by the ops in the run, or configuring the executor to run fewer ops concurrently."
        }
        let error = SerializableError(className: "ChildProcessCrashException", message: explanation)
        run.recorder.record(
            run.events.step(.engineEvent, key, handle: handle, explanation, .engine(EngineEventData(error: error))),
            level: .error)
        run.failStep(key, handle: handle, error: error)
    }
}
