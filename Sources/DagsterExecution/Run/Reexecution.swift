import DagsterCore
import DagsterDefinitions

/// Which steps a re-execution of a run executes again.
public enum ReexecutionSteps: Sendable, Hashable {
    /// The steps that failed, were interrupted or never ran, and everything downstream of them.
    case fromFailure
    /// The steps a step selection (`op`, `*op`, `op+`) picks in the parent's plan.
    case selection([String])
    /// Every step.
    case all
}

extension JobExecution {
    /// The request for a new run that re-executes `parentRunID`: the parent's config and op
    /// selection, the steps to run again, and Dagster's lineage tags (`dagster/parent_run_id`,
    /// `dagster/root_run_id`, `dagster/is_resume_retry` from failure).
    /// - Throws: `.notFound` for an unknown run; `.invariantViolation` when re-executing from
    ///   failure a run that did not fail; `.invalidSubset` when no step needs to run again or a
    ///   selection names an unknown step.
    public static func reexecutionRequest(
        of parentRunID: RunID, job: Job, steps: ReexecutionSteps, instance: DagsterInstance, tags: [String: String] = [:]
    ) async throws -> RunRequest {
        guard let parent = try await instance.getRun(parentRunID) else {
            throw DagsterError(.notFound, "No run found with id \(parentRunID).")
        }
        let plan = try ExecutionPlan(job: try job.subset(opSelection: parent.opSelection ?? []))
        var lineage = [
            "dagster/parent_run_id": parent.runID.rawValue,
            "dagster/root_run_id": (parent.rootRunID ?? parent.runID).rawValue,
        ]
        let stepKeys: [StepKey]?
        switch steps {
        case .all:
            stepKeys = nil
        case .selection(let queries):
            let upstream = Dictionary(uniqueKeysWithValues: plan.nodes.map { ($0.handle, $0.upstream) })
            let selected = try OpSelection.selectSteps(queries, upstream: upstream)
            stepKeys = plan.nodes.map(\.handle).filter(selected.contains)
        case .fromFailure:
            guard parent.status == .failure || parent.status == .canceled else {
                throw DagsterError(
                    .invariantViolation,
                    "Cannot reexecute from failure a run that is not failed or canceled (run \(parent.runID) is \(parent.status.rawValue))")
            }
            let logs = try await instance.eventLogStorage.getRecordsForRun(
                parent.runID, after: nil, ofTypes: [.stepStart, .stepSuccess, .stepFailure, .stepSkipped], limit: nil)
            stepKeys = stepsToRetry(plan: plan, parent: parent, logs: logs.map(\.entry))
            guard !(stepKeys ?? []).isEmpty else {
                throw DagsterError(.invalidSubset, "No steps needed to be retried in the failed run.")
            }
            lineage["dagster/is_resume_retry"] = "true"
        }
        let inherited = parent.tags.filter { !Self.tagsNotInherited.contains($0.key) }
        return RunRequest(
            runConfig: parent.runConfig, opSelection: parent.opSelection ?? [],
            tags: inherited.merging(tags) { _, new in new }.merging(lineage) { _, new in new },
            parentRunID: parent.runID, rootRunID: parent.rootRunID ?? parent.runID, stepKeysToExecute: stepKeys)
    }

    /// Tags of the parent a re-execution does not carry over.
    static let tagsNotInherited: Set<String> = [
        "dagster/failure_reason", "dagster/retry_number", "dagster/is_resume_retry", "dagster/will_retry",
        "dagster/auto_retry_run_id", "dagster/parent_run_id", "dagster/root_run_id",
    ]

    /// The node handles to run again after `parent` failed, in plan order: nodes that failed,
    /// started without finishing or never ran, and every node downstream of one of those. Nodes
    /// skipped in the parent stay skipped; nodes the parent did not select are not retried.
    static func stepsToRetry(plan: ExecutionPlan, parent: DagsterRun, logs: [EventLogEntry]) -> [StepKey] {
        var seen: [String: Set<DagsterEventType>] = [:]
        for entry in logs {
            guard let key = entry.stepKey, let type = entry.eventType else { continue }
            seen[ExecutionPlan.handle(ofStepKey: key), default: []].insert(type)
        }
        let parentSteps = parent.executedHandles
        var retry: Set<String> = []
        var ordered: [StepKey] = []
        for node in plan.nodes {
            if let parentSteps, !parentSteps.contains(node.handle) { continue }
            let types = seen[node.handle] ?? []
            if types.contains(.stepSkipped) && !types.contains(.stepFailure) { continue }
            let needsRetry = types.contains(.stepFailure) || !types.contains(.stepSuccess)
                || node.upstream.contains(where: retry.contains)
            if needsRetry {
                retry.insert(node.handle)
                ordered.append(node.handle)
            }
        }
        return ordered
    }
}
