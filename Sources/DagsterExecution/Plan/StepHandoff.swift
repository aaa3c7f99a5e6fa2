import DagsterCore
import DagsterDefinitions

/// What a step worker in another process needs to run one step of a run: the step, which
/// attempt this is, and the upstream values its inputs read (with the earlier run that stored
/// each, for re-executions). The run's executor hands it to the worker as JSON on stdin.
public struct StepHandoff: Sendable, Codable, Equatable {
    /// One upstream value: the output, and the run that stored it when not this one.
    public struct Upstream: Sendable, Codable, Equatable {
        /// The producing step.
        public var stepKey: StepKey
        /// The output's name.
        public var output: String
        /// The dynamic element's mapping key.
        public var mappingKey: String?
        /// The earlier run of the re-execution chain that stored the value; `nil` for this run.
        public var sourceRunID: RunID?

        enum CodingKeys: String, CodingKey {
            case stepKey = "step_key", output, mappingKey = "mapping_key", sourceRunID = "source_run_id"
        }
    }

    /// The step to run (`op` or `op[mapping_key]`).
    public var stepKey: StepKey
    /// The step's mapping key, for a mapped step.
    public var mappingKey: String?
    /// The attempt this is: 1 for the first run of the step, 2 for its first retry, …
    public var attempt: Int
    /// The values the step's inputs read, in the order a collect input gathers them.
    public var upstream: [Upstream]
    /// The run's partitions, as the run's process resolved them.
    public var partitions: RunPartitions?

    enum CodingKeys: String, CodingKey {
        case stepKey = "step_key", mappingKey = "mapping_key", attempt, upstream, partitions
    }

    /// Creates a handoff.
    public init(stepKey: StepKey, mappingKey: String?, attempt: Int, upstream: [Upstream], partitions: RunPartitions? = nil) {
        self.stepKey = stepKey
        self.mappingKey = mappingKey
        self.attempt = attempt
        self.upstream = upstream
        self.partitions = partitions
    }

    /// The upstream values as output references, with the earlier runs that stored some of them.
    var outputs: (refs: [OutputRef], priorRuns: [OutputRef: RunID]) {
        var refs: [OutputRef] = []
        var priorRuns: [OutputRef: RunID] = [:]
        for value in upstream {
            let ref = OutputRef(stepKey: value.stepKey, output: value.output, mappingKey: value.mappingKey)
            refs.append(ref)
            if let run = value.sourceRunID { priorRuns[ref] = run }
        }
        return (refs, priorRuns)
    }
}

extension ActiveExecution {
    /// The handoff for running `key` (taken by `takeReady`) in a step worker; `priorRuns` names
    /// the earlier runs that stored upstream values this run did not produce.
    public func handoff(for key: StepKey, priorRuns: [OutputRef: RunID], partitions: RunPartitions?) -> StepHandoff? {
        guard let step = steps[key] else { return nil }
        let node = plan.nodes[step.nodeIndex]
        var upstream: [StepHandoff.Upstream] = []
        var seen: Set<OutputRef> = []
        for input in node.inputs {
            for ref in upstreamOutputs(of: input.source, for: key) where seen.insert(ref).inserted {
                upstream.append(
                    StepHandoff.Upstream(
                        stepKey: ref.stepKey, output: ref.output, mappingKey: ref.mappingKey, sourceRunID: priorRuns[ref]))
            }
        }
        return StepHandoff(
            stepKey: key, mappingKey: step.mappingKey, attempt: step.attempts, upstream: upstream, partitions: partitions)
    }

    /// The state of a step worker: only the handed-off step, running, with the upstream values
    /// it reads already produced.
    /// - Throws: `DagsterError(.invariantViolation)` when the plan has no node for the step.
    public init(plan: ExecutionPlan, handoff: StepHandoff) throws {
        let handle = ExecutionPlan.handle(ofStepKey: handoff.stepKey)
        guard let nodeIndex = plan.indexByHandle[handle] else {
            throw DagsterError(
                .invariantViolation, "step '\(handoff.stepKey)' is not in the plan of this job; was the job changed since the run started?")
        }
        let refs = handoff.outputs.refs
        self.init(plan: plan, onlyHandles: [], produced: Set(refs))
        // The mapping keys of the mapped steps a collect input reads, in collect order.
        var collected: [DynamicScope: [String]] = [:]
        var seen: [DynamicScope: Set<String>] = [:]
        for ref in refs where ref.mappingKey == nil {
            guard let mappingKey = ExecutionPlan.mappingKey(ofStepKey: ref.stepKey),
                let scope = plan.node(ExecutionPlan.handle(ofStepKey: ref.stepKey))?.scope,
                seen[scope, default: []].insert(mappingKey).inserted
            else { continue }
            collected[scope, default: []].append(mappingKey)
        }
        adoptRunningStep(
            key: handoff.stepKey, nodeIndex: nodeIndex, mappingKey: handoff.mappingKey, attempts: handoff.attempt,
            mappingKeys: collected)
    }
}
