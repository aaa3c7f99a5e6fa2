import DagsterCore
import DagsterDefinitions

extension ExecutionPlan {
    /// The snapshot of the job this plan runs: every node with its inputs, outputs and wiring.
    func snapshot(of job: Job) -> JobSnapshot {
        let nodes = self.nodes.map { node in
            JobSnapshot.Node(
                handle: node.handle, opName: node.op.name, description: node.op.description,
                inputs: node.inputs.enumerated().map { index, input in
                    JobSnapshot.Input(
                        name: input.name, typeName: node.op.inputs[index].dagsterType.name,
                        upstream: Self.upstreamOutputs(input.source))
                },
                outputs: node.op.outputs.map { output in
                    JobSnapshot.Output(
                        name: output.name, typeName: output.dagsterType.name, isOptional: !output.isRequired,
                        isDynamic: output.isDynamic)
                },
                tags: node.tags)
        }
        return JobSnapshot(name: job.name, description: job.description, tags: job.tags, nodes: nodes)
    }

    private static func upstreamOutputs(_ source: PlanSource) -> [String] {
        switch source {
        case .output(let handle, let output), .mappedElement(let handle, let output), .collected(let handle, let output):
            ["\(handle).\(output)"]
        case .fanIn(let sources): sources.flatMap(upstreamOutputs)
        case .asset(let stored): ["asset:\(stored.key.userString)"]
        case .jobInput, .config: []
        }
    }
}
