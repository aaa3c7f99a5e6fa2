import DagsterConfig
import DagsterCore
import DagsterDefinitions
import Foundation

extension JobExecution {
    /// Runs one step of a started run in this process (a step worker of the multiprocess
    /// executor): initializes the resources the step needs, captures its output, runs it like
    /// the in-process executor would, and stores its events in the instance. The run's executor
    /// reads the outcome (success, failure or a retry request) from those events.
    /// - Throws: `.invariantViolation` when the run is not running or the step is not in its
    ///   plan; storage errors. A failing step is not an error: its failure is recorded.
    public static func executeStep(
        _ handoff: StepHandoff, of run: DagsterRun, job: Job, instance: DagsterInstance
    ) async throws {
        guard run.status == .started || run.status == .canceling else {
            throw DagsterError(
                .invariantViolation,
                "run \(run.runID) is \(run.status.rawValue); a step worker only runs steps of a started run")
        }
        let prepared = try PreparedRun(
            job: job, runConfig: run.runConfig, opSelection: run.opSelection ?? [], instance: instance,
            executorOverride: InProcessExecutor())
        let execution = try ActiveExecution(plan: prepared.plan, handoff: handoff)
        guard let node = execution.node(of: handoff.stepKey) else {
            throw DagsterError(.invariantViolation, "step '\(handoff.stepKey)' is not a step of job \(job.name)'s plan; the code location's definitions "
                    + "changed since the run started: re-execute the run")
        }
        let recorder = RunEventRecorder(runID: run.runID, jobName: job.name)
        let events = EventFactory(jobName: job.name, pid: ProcessInfo.processInfo.processIdentifier)
        let scope: StepProcessScope
        do {
            scope = try await StepProcessScope.open(
                keys: ResourceInitializer.requiredKeys(for: [node], in: prepared.plan, definitions: prepared.resources),
                definitions: prepared.resources, config: prepared.config, run: run, instance: instance, recorder: recorder,
                events: events, stepKeys: [handoff.stepKey], stepKey: handoff.stepKey)
        } catch let failure as ResourceInitFailed {
            recorder.record(
                events.stepFailure(
                    handoff.stepKey, handle: node.handle, StepFailureData(error: failure.error, errorSource: .frameworkError)),
                level: .error)
            try await recorder.flush(to: instance)
            return
        }
        let context = RunContext(
            run: run, job: prepared.job, plan: prepared.plan, instance: instance, runConfig: prepared.config,
            recorder: recorder, resources: scope.resources, jobInputValues: [:], capturesOutputs: false,
            execution: execution, priorOutputs: handoff.outputs.priorRuns,
            partitioning: try await PartitionCheck.known(handoff.partitions, plan: prepared.plan, job: prepared.job, instance: instance))
        var stepError: (any Error)?
        do {
            try await recorder.flushingPeriodically(to: instance, every: RunContext.visibilityInterval) {
                try await context.runStep(handoff.stepKey)
            }
        } catch {
            stepError = error
        }
        await scope.close(complete: stepError == nil && !Task.isCancelled)
        try await recorder.flush(to: instance)
        if let stepError { throw stepError }
    }

    /// Records that a step worker could not run its step (the job is missing, the run is not
    /// running, storage failed mid-step) as the step's failure, so the run's executor reports
    /// the reason instead of a bare exit status.
    public static func reportStepWorkerFailure(
        _ error: any Error, handoff: StepHandoff, run: DagsterRun, instance: DagsterInstance
    ) async throws {
        let recorder = RunEventRecorder(runID: run.runID, jobName: run.jobName)
        let events = EventFactory(jobName: run.jobName, pid: ProcessInfo.processInfo.processIdentifier)
        recorder.record(
            events.stepFailure(
                handoff.stepKey, handle: ExecutionPlan.handle(ofStepKey: handoff.stepKey),
                StepFailureData(error: SerializableError(error), errorSource: .frameworkError)),
            level: .error)
        try await recorder.flush(to: instance)
    }
}
