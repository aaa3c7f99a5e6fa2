import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation

/// An error raised inside a step, with where it came from.
struct StepError: Error {
    let error: SerializableError
    let source: ErrorSource
    /// The user's error, for retry decisions.
    let underlying: any Error
}

extension RunContext {
    /// Runs one step in this process: loads inputs, runs the op inside the user-code error
    /// boundary, stores outputs, emits the step's events, applies the retry policy, runs hooks,
    /// and flushes the step's events to the instance before returning.
    /// - Throws: only when the instance cannot store events.
    public func runStep(_ key: StepKey) async throws {
        guard let (node, step) = execution.withLock({ state in state.node(of: key).flatMap { node in state.steps[key].map { (node, $0) } } })
        else { return }
        let sink = StepEventSink(recorder: recorder, events: events, stepKey: key, handle: node.handle)
        if step.attempts <= 1 {
            recorder.record(events.stepStart(key, handle: node.handle))
        } else {
            recorder.record(events.stepRestarted(key, handle: node.handle, attempt: step.attempts))
        }
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let inputs = try await loadInputs(node, key: key, sink: sink)
            let context = OpContext(
                runID: run.runID, jobName: job.name, opHandle: node.handle, stepKey: key, mappingKey: step.mappingKey,
                opConfig: opConfig(forHandle: node.handle), runTags: run.tags, retryNumber: step.attempts - 1,
                resources: resources, partitions: partitions, sink: sink)
            let produced = try await userCode("executing op \"\(node.handle)\"") { try await node.op.compute(context, inputs) }
            let refs = try await handleOutputs(produced, node: node, key: key, mappingKey: step.mappingKey)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            recorder.record(events.stepSuccess(key, handle: node.handle, milliseconds: milliseconds))
            execution.withLock { $0.complete(key, .succeeded(produced: refs)) }
            await runHooks(node, key: key, failure: nil)
        } catch where Task.isCancelled {
            let interrupted = SerializableError(
                className: "DagsterExecutionInterruptedError", message: "Execution of step \"\(key)\" was interrupted.",
                cause: (error as? StepError)?.error)
            await fail(key, node: node, attempts: step.attempts, StepError(error: interrupted, source: .interrupt, underlying: error))
        } catch let failure as StepError {
            await fail(key, node: node, attempts: step.attempts, failure)
        } catch {
            let failure = StepError(error: SerializableError(error), source: .frameworkError, underlying: error)
            await fail(key, node: node, attempts: step.attempts, failure)
        }
        try await flush()
    }

    private func fail(_ key: StepKey, node: PlanNode, attempts: Int, _ failure: StepError) async {
        if failure.source != .interrupt, let retryWait = retryDelay(node: node, attempts: attempts, error: failure.underlying) {
            let wrapped = SerializableError(
                className: "RetryRequestedFromPolicy", message: "Retry requested by the op's retry policy",
                cause: failure.error.cause?.error ?? failure.error)
            recorder.record(
                events.stepUpForRetry(key, handle: node.handle, StepFailureData(error: wrapped, secondsToWait: retryWait)))
            let readyAt = now + retryWait
            execution.withLock { $0.complete(key, .upForRetry(readyAt: readyAt)) }
            return
        }
        var metadata: Metadata = [:]
        if let userFailure = failure.underlying as? Failure { metadata = userFailure.metadata }
        recorder.record(
            events.stepFailure(key, handle: node.handle, StepFailureData(error: failure.error, errorSource: failure.source, metadata: metadata)),
            level: .error)
        execution.withLock { $0.complete(key, .failed) }
        await runHooks(node, key: key, failure: failure.error)
    }

    /// Seconds to wait before retrying, or `nil` when the step must fail now.
    private func retryDelay(node: PlanNode, attempts: Int, error: any Error) -> Double? {
        if let request = error as? RetryRequested {
            return attempts <= request.maxRetries ? request.secondsToWait : nil
        }
        if let failure = error as? Failure, !failure.allowRetries { return nil }
        guard let policy = node.retryPolicy, attempts <= policy.maxRetries else { return nil }
        return policy.secondsToWait(beforeRetry: attempts)
    }

    /// Runs user code; an error it throws becomes a `StepError` saying what was being done.
    func userCode<T>(_ what: @autoclosure () -> String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw StepError(error: userCodeError(error, doing: what()), source: .userCodeError, underlying: error)
        }
    }

    func userCodeError(_ error: any Error, doing what: String) -> SerializableError {
        SerializableError(className: "DagsterExecutionStepExecutionError", message: "Error occurred while \(what):", cause: SerializableError(error))
    }
}
