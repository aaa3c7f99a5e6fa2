import DagsterCore

/// Where a re-execution finds the outputs of steps it does not run: for each output, the
/// nearest earlier run of the chain (parent, its parent, …) that stored it.
enum PriorOutputs {
    /// The outputs earlier runs of `run`'s chain produced, mapped to the run that produced each.
    static func load(for run: DagsterRun, instance: DagsterInstance) async throws -> [OutputRef: RunID] {
        var sources: [OutputRef: RunID] = [:]
        var ancestorID = run.parentRunID
        var visited: Set<RunID> = []
        while let id = ancestorID, visited.insert(id).inserted {
            guard let ancestor = try await instance.getRun(id) else {
                throw DagsterError(.notFound, "run \(run.runID) re-executes run \(id), which is not in this instance")
            }
            let outputs = try await instance.eventLogStorage.getRecordsForRun(
                id, after: nil, ofTypes: [.stepOutput], limit: nil)
            for record in outputs {
                guard let stepKey = record.entry.stepKey, let data = record.entry.dagsterEvent?.stepOutputData else {
                    continue
                }
                let ref = OutputRef(stepKey: stepKey, output: data.outputName, mappingKey: data.mappingKey)
                if sources[ref] == nil { sources[ref] = id }
            }
            ancestorID = ancestor.parentRunID
        }
        return sources
    }
}
