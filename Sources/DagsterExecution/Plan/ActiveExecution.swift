import DagsterConfig
import DagsterCore

/// The pure state machine of a run's steps: which are waiting, ready, running, done; which
/// outputs were produced; which mapped steps exist once dynamic outputs are known. Executors
/// drive it; it does no I/O and never blocks.
public struct ActiveExecution: Sendable {
    /// The state of one step.
    public enum StepState: Sendable, Equatable {
        case waiting
        case ready
        case running
        case succeeded
        case failed
        case skipped
        /// Failed and waiting to be retried (the time it becomes ready is in `retryWaiting`).
        case retryWaiting
    }

    /// A concrete step: a plan node, with a mapping key for mapped steps.
    public struct Step: Sendable {
        /// The step key (`op` or `op[key]`).
        public let key: StepKey
        /// Index of its node in the plan.
        public let nodeIndex: Int
        /// The mapping key of a mapped step.
        public let mappingKey: String?
        /// The state.
        public internal(set) var state: StepState
        /// Unfinished dependencies.
        var remaining: Int
        /// Attempts made so far.
        public internal(set) var attempts: Int = 0
    }

    /// What finished a step.
    public enum Outcome: Sendable {
        case succeeded(produced: [OutputRef])
        case failed
        case upForRetry(readyAt: Double)
    }

    /// The plan being executed.
    public let plan: ExecutionPlan
    /// Every step created so far (plan steps and mapped steps), by key.
    public private(set) var steps: [StepKey: Step] = [:]
    /// Step keys in creation order (plan order, mapped steps as they appear).
    public private(set) var stepOrder: [StepKey] = []
    private var dependents: [StepKey: [StepKey]] = [:]
    private var readyKeys: [StepKey] = []
    private var produced: Set<OutputRef> = []
    /// Mapping keys of each dynamic output, in the order they were produced.
    private var mappingKeys: [DynamicScope: [String]] = [:]
    /// Handles of scoped nodes, by scope, in plan order.
    private let nodesByScope: [DynamicScope: [Int]]
    /// Collect steps waiting for a scope's mapped steps, by scope.
    private var collectorsByScope: [DynamicScope: [StepKey]] = [:]
    private let selectedHandles: Set<String>?
    /// Steps running now.
    private var runningCount = 0
    /// Steps waiting to be retried, with the time each becomes ready.
    private var retryWaiting: [StepKey: Double] = [:]

    /// Starts tracking `plan`; with `stepHandles`, only those nodes run. The others count as
    /// done: what they produced elsewhere (an earlier run of a re-execution chain) is `produced`.
    public init(plan: ExecutionPlan, onlyHandles stepHandles: Set<String>? = nil, produced: Set<OutputRef> = []) {
        self.plan = plan
        self.produced = produced
        self.selectedHandles = stepHandles
        var byScope: [DynamicScope: [Int]] = [:]
        for (index, node) in plan.nodes.enumerated() {
            if let scope = node.scope { byScope[scope, default: []].append(index) }
        }
        nodesByScope = byScope
        for (index, node) in plan.nodes.enumerated() where node.scope == nil {
            if let stepHandles, !stepHandles.contains(node.handle) { continue }
            addStep(key: node.handle, nodeIndex: index, mappingKey: nil)
        }
    }

    // MARK: - Queries

    /// Whether no step can make progress any more (all finished, or waiting on failed ones).
    public var isComplete: Bool {
        readyKeys.isEmpty && runningCount == 0 && retryWaiting.isEmpty
    }

    /// The earliest time a retrying step becomes ready, if any waits.
    public var nextRetryTime: Double? { retryWaiting.values.min() }

    /// The plan node of a step.
    public func node(of key: StepKey) -> PlanNode? { steps[key].map { plan.nodes[$0.nodeIndex] } }

    /// The values an input of `key` reads: one ref for a plain input, several for fan-in and
    /// collect; empty for job and config inputs. Unproduced upstream values are left out.
    public func upstreamOutputs(of source: PlanSource, for key: StepKey) -> [OutputRef] {
        guard let step = steps[key] else { return [] }
        let node = plan.nodes[step.nodeIndex]
        switch source {
        case .output(let handle, let output):
            let ref = OutputRef(stepKey: stepKey(of: handle, inScope: node.scope, mappingKey: step.mappingKey), output: output)
            return produced.contains(ref) ? [ref] : []
        case .mappedElement(let handle, let output):
            let ref = OutputRef(stepKey: handle, output: output, mappingKey: step.mappingKey)
            return produced.contains(ref) ? [ref] : []
        case .collected(let handle, let output):
            guard let scope = plan.node(handle)?.scope else { return [] }
            return (mappingKeys[scope] ?? []).map { OutputRef(stepKey: "\(handle)[\($0)]", output: output) }
                .filter(produced.contains)
        case .fanIn(let sources):
            return sources.flatMap { upstreamOutputs(of: $0, for: key) }
        case .jobInput, .config, .asset:
            return []
        }
    }

    // MARK: - Transitions

    /// Takes up to `limit` ready steps (sorted by key) and marks them running. Steps whose
    /// inputs were not produced are marked skipped instead and returned in `skipped`.
    public mutating func takeReady(limit: Int = .max, now: Double) -> (run: [StepKey], skipped: [StepKey]) {
        takeReady(limit: limit, now: now, priority: nil) { _ in true }
    }

    /// Takes up to `limit` ready steps, highest `priority` first (then by key), that `admit`
    /// accepts, and marks them running; refused steps stay ready. `admit` sees each candidate
    /// in order and may count the ones it accepts. Steps whose inputs were not produced are
    /// marked skipped instead and returned in `skipped`.
    public mutating func takeReady(
        limit: Int, now: Double, priority: ((PlanNode) -> Int)?, admit: (PlanNode) -> Bool
    ) -> (run: [StepKey], skipped: [StepKey]) {
        promoteRetries(now: now)
        var skipped: [StepKey] = []
        var run: [StepKey] = []
        var refused: [StepKey] = []
        while !readyKeys.isEmpty, run.count < limit {
            var candidates = readyKeys
            readyKeys.removeAll(keepingCapacity: true)
            if let priority {
                let ranked = candidates.map { (key: $0, rank: node(of: $0).map(priority) ?? 0) }
                candidates = ranked.sorted { $0.rank != $1.rank ? $0.rank > $1.rank : $0.key < $1.key }.map(\.key)
            } else {
                candidates.sort()
            }
            for (index, key) in candidates.enumerated() {
                if run.count >= limit {
                    refused.append(contentsOf: candidates[index...])
                    break
                }
                if shouldSkip(key) {
                    steps[key]?.state = .skipped
                    skipped.append(key)
                    release(key)
                    continue
                }
                guard let node = node(of: key), admit(node) else {
                    refused.append(key)
                    continue
                }
                steps[key]?.state = .running
                steps[key]?.attempts += 1
                runningCount += 1
                run.append(key)
            }
        }
        readyKeys.append(contentsOf: refused)
        return (run, skipped)
    }

    /// Records how a running step finished and releases what waited on it.
    public mutating func complete(_ key: StepKey, _ outcome: Outcome) {
        if steps[key]?.state == .running { runningCount -= 1 }
        switch outcome {
        case .failed:
            steps[key]?.state = .failed
        case .upForRetry(let readyAt):
            steps[key]?.state = .retryWaiting
            retryWaiting[key] = readyAt
        case .succeeded(let refs):
            steps[key]?.state = .succeeded
            produced.formUnion(refs)
            expandDynamicOutputs(of: key, refs)
            release(key)
        }
    }

    /// Tracks `key` as a step already running (a step worker's one step, on its `attempts`-th
    /// attempt), with the mapping keys its collect inputs gather.
    mutating func adoptRunningStep(
        key: StepKey, nodeIndex: Int, mappingKey: String?, attempts: Int, mappingKeys: [DynamicScope: [String]]
    ) {
        steps[key] = Step(key: key, nodeIndex: nodeIndex, mappingKey: mappingKey, state: .running, remaining: 0, attempts: attempts)
        stepOrder.append(key)
        runningCount += 1
        self.mappingKeys.merge(mappingKeys) { _, new in new }
    }

    // MARK: - Internals

    private mutating func promoteRetries(now: Double) {
        guard !retryWaiting.isEmpty else { return }
        for (key, readyAt) in retryWaiting where readyAt <= now {
            retryWaiting[key] = nil
            steps[key]?.state = .ready
            readyKeys.append(key)
        }
    }

    private func stepKey(of handle: String, inScope scope: DynamicScope?, mappingKey: String?) -> StepKey {
        if let scope, let mappingKey, plan.node(handle)?.scope == scope { return "\(handle)[\(mappingKey)]" }
        return handle
    }

    private mutating func addStep(key: StepKey, nodeIndex: Int, mappingKey: String?) {
        let node = plan.nodes[nodeIndex]
        var remaining = 0
        for upstream in node.upstream {
            guard let upstreamNode = plan.node(upstream) else { continue }
            if let scope = upstreamNode.scope, scope != node.scope { continue }  // a collect: added on expansion
            if let scope = node.scope, upstream == scope.handle { continue }  // the dynamic source: done
            let upstreamKey = stepKey(of: upstream, inScope: node.scope, mappingKey: mappingKey)
            guard let upstreamStep = steps[upstreamKey] else { continue }  // not selected: treated as done
            switch upstreamStep.state {
            case .succeeded, .skipped: continue
            default:
                remaining += 1
                dependents[upstreamKey, default: []].append(key)
            }
        }
        steps[key] = Step(key: key, nodeIndex: nodeIndex, mappingKey: mappingKey, state: remaining == 0 ? .ready : .waiting, remaining: remaining)
        stepOrder.append(key)
        if remaining == 0 { readyKeys.append(key) }
        if mappingKey == nil {
            for input in node.inputs {
                guard case .collected(let handle, _) = input.source, let scope = plan.node(handle)?.scope else { continue }
                collectorsByScope[scope, default: []].append(key)
            }
        }
    }

    private mutating func release(_ key: StepKey) {
        for dependent in dependents.removeValue(forKey: key) ?? [] {
            guard var step = steps[dependent], step.state == .waiting else { continue }
            step.remaining -= 1
            if step.remaining == 0 {
                step.state = .ready
                readyKeys.append(dependent)
            }
            steps[dependent] = step
        }
    }

    private mutating func expandDynamicOutputs(of key: StepKey, _ refs: [OutputRef]) {
        guard let step = steps[key], step.mappingKey == nil else { return }
        let sourceNode = plan.nodes[step.nodeIndex]
        for output in sourceNode.op.outputs where output.isDynamic {
            let scope = DynamicScope(handle: sourceNode.handle, output: output.name)
            let keys = refs.filter { $0.output == output.name }.compactMap(\.mappingKey)
            mappingKeys[scope] = keys
            var created: [StepKey] = []
            for mappingKey in keys {
                for nodeIndex in nodesByScope[scope] ?? [] {
                    let mappedNode = plan.nodes[nodeIndex]
                    if let selectedHandles, !selectedHandles.contains(mappedNode.handle) { continue }
                    let mappedKey = "\(mappedNode.handle)[\(mappingKey)]"
                    addStep(key: mappedKey, nodeIndex: nodeIndex, mappingKey: mappingKey)
                    created.append(mappedKey)
                }
            }
            for collector in collectorsByScope[scope] ?? [] {
                guard var collectStep = steps[collector] else { continue }
                let collectNode = plan.nodes[collectStep.nodeIndex]
                let collectedHandles = Set(collectNode.inputs.compactMap { input -> String? in
                    if case .collected(let handle, _) = input.source { return handle }
                    return nil
                })
                for mappedKey in created where collectedHandles.contains(node(of: mappedKey)?.handle ?? "") {
                    if steps[mappedKey]?.state == .succeeded || steps[mappedKey]?.state == .skipped { continue }
                    collectStep.remaining += 1
                    dependents[mappedKey, default: []].append(collector)
                }
                steps[collector] = collectStep
            }
        }
    }

    private func shouldSkip(_ key: StepKey) -> Bool {
        guard let step = steps[key] else { return false }
        let node = plan.nodes[step.nodeIndex]
        for input in node.inputs {
            switch input.source {
            case .jobInput, .config, .asset: continue
            default:
                if upstreamOutputs(of: input.source, for: key).isEmpty && !isUnselectedUpstream(input.source) { return true }
            }
        }
        for handle in node.after {
            let upstreamKey = stepKey(of: handle, inScope: node.scope, mappingKey: step.mappingKey)
            if let upstream = steps[upstreamKey], upstream.state != .succeeded { return true }
        }
        return false
    }

    /// Whether every upstream of `source` is outside the executed subset (values come from elsewhere).
    private func isUnselectedUpstream(_ source: PlanSource) -> Bool {
        guard let selectedHandles else { return false }
        let handles = source.upstreamHandles
        return !handles.isEmpty && handles.allSatisfy { !selectedHandles.contains($0) }
    }
}
