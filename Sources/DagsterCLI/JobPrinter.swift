import Dagster

/// Renders a job's structure for `job print`.
enum JobPrinter {
    static func describe(_ job: Job) -> String {
        var lines = ["Job: \(job.name)"]
        if let description = job.description { lines.append("Description: \(description)") }
        if !job.tags.isEmpty {
            lines.append("Tags: " + job.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        lines.append("Ops:")
        describe(job.graph, indent: "  ", into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func describe(_ graph: GraphDefinition, indent: String, into lines: inout [String]) {
        for node in graph.nodes {
            switch node.definition {
            case .op(let op):
                let inputs = node.inputs.map { "\($0.name) <- \(render($0.source))" }
                lines.append("\(indent)\(node.name) (op \(op.name))" + (inputs.isEmpty ? "" : ": " + inputs.joined(separator: ", ")))
            case .graph(let subgraph):
                lines.append("\(indent)\(node.name) (graph \(subgraph.name))")
                describe(subgraph, indent: indent + "  ", into: &lines)
            }
        }
    }

    private static func render(_ source: InputSource) -> String {
        switch source {
        case .output(let node, let output): "\(node).\(output)"
        case .mappedElement(let node, let output): "each of \(node).\(output)"
        case .collected(let node, let output): "collect(\(node).\(output))"
        case .fanIn(let sources): "[" + sources.map(render).joined(separator: ", ") + "]"
        case .graphInput(let name): "input \(name)"
        case .unconnected: "run config"
        case .asset(let stored): "asset \(stored.key.userString) (stored, via \(stored.ioManagerKey))"
        case .detached(let reason): "invalid (\(reason))"
        }
    }
}
