import DagsterConfig
import DagsterCore
import DagsterDefinitions

/// What `executeInProcess` returns: whether the run succeeded, its events, and the values its
/// ops produced.
public struct ExecuteInProcessResult: Sendable {
    /// The run as recorded.
    public let run: DagsterRun
    /// Whether the run succeeded.
    public let success: Bool
    /// Every entry of the run, structured events and log lines, in order.
    public let allEvents: [EventLogEntry]
    let outputs: [OutputRef: any Sendable]

    /// The run's id.
    public var runID: RunID { run.runID }

    /// One line saying that the run failed, in which step and why (the innermost error of the
    /// first step failure): `Run 1a2b… of job 'etl' failed in step 'load': file not found`.
    public var failureSummary: String {
        let failure = stepFailures.first
        return "Run \(runID) of job '\(run.jobName)' failed"
            + (failure?.stepKey.map { " in step '\($0)'" } ?? "")
            + (failure?.stepFailureData?.error.map { ": \($0.chain.last?.message ?? $0.message)" } ?? ".")
    }

    /// The structured events only, in order.
    public var dagsterEvents: [DagsterEvent] { allEvents.compactMap(\.dagsterEvent) }

    /// The structured events of one node (`op`, `graph.op`), mapped steps included.
    public func eventsForNode(_ handle: String) -> [DagsterEvent] {
        dagsterEvents.filter { event in
            guard let key = event.stepKey else { return false }
            return key == handle || ExecutionPlan.handle(ofStepKey: key) == handle
        }
    }

    /// The value a node produced for `output`. For a dynamic output or a mapped node, the
    /// values by mapping key, as `[(mappingKey, value)]` in order.
    /// - Throws: `DagsterError(.invariantViolation)` when the node produced no such output.
    public func outputValue(forNode handle: String, output: String = "result") throws -> any Sendable {
        if let value = outputs[OutputRef(stepKey: handle, output: output)] { return value }
        let mapped = outputs.filter { ref, _ in
            ref.output == output
                && ((ref.stepKey == handle && ref.mappingKey != nil) || ExecutionPlan.handle(ofStepKey: ref.stepKey) == handle && ref.stepKey != handle)
        }
        guard !mapped.isEmpty else {
            throw DagsterError(.invariantViolation, "No outputs found for output '\(output)' from node '\(handle)'.")
        }
        return mappedValues(mapped, handle: handle, output: output)
    }

    /// The value a node produced, as `T`.
    public func output<T>(forNode handle: String, output: String = "result", as type: T.Type = T.self) throws -> T {
        let value = try outputValue(forNode: handle, output: output)
        guard let typed = value as? T else {
            throw DagsterError(.invariantViolation, "output '\(output)' of node '\(handle)' is a \(Swift.type(of: value)), not a \(T.self)")
        }
        return typed
    }

    /// The values of a dynamic output or a mapped node, by mapping key in the order produced.
    public func dynamicOutputs<T>(forNode handle: String, output: String = "result", as type: T.Type = T.self) throws
        -> [(mappingKey: String, value: T)]
    {
        let value = try outputValue(forNode: handle, output: output)
        guard let pairs = value as? [(mappingKey: String, value: any Sendable)] else {
            throw DagsterError(.invariantViolation, "output '\(output)' of node '\(handle)' is not dynamic")
        }
        return try pairs.map { pair in
            guard let typed = pair.value as? T else {
                throw DagsterError(.invariantViolation, "a value of '\(handle).\(output)' is a \(Swift.type(of: pair.value)), not a \(T.self)")
            }
            return (pair.mappingKey, typed)
        }
    }

    private func mappedValues(_ mapped: [OutputRef: any Sendable], handle: String, output: String)
        -> [(mappingKey: String, value: any Sendable)]
    {
        let order = allEvents.compactMap { entry -> OutputRef? in
            guard let data = entry.dagsterEvent?.stepOutputData, let key = entry.stepKey, data.outputName == output else { return nil }
            return OutputRef(stepKey: key, output: output, mappingKey: data.mappingKey)
        }
        return order.compactMap { ref in
            guard let value = mapped[ref] else { return nil }
            let mappingKey = ref.mappingKey ?? String(ref.stepKey.dropFirst(handle.count + 1).dropLast())
            return (mappingKey, value)
        }
    }

    /// The failure events of the run's steps.
    public var stepFailures: [DagsterEvent] { dagsterEvents.filter { $0.eventType == .stepFailure } }
}
