import DagsterCore

/// Finds everything wrong with a set of jobs, each problem naming the job, node and input or
/// resource concerned.
enum DefinitionsValidator {
    static func problems(in jobs: [Job]) -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for job in jobs {
            if !seen.insert(job.name).inserted { problems.append("two jobs are named '\(job.name)'; job names must be unique") }
            if !isValidName(job.name) { problems.append("job name '\(job.name)' must use only letters, digits and _") }
            var resourceKeys = Set(job.resources.keys)
            resourceKeys.insert("io_manager")
            for (key, resource) in job.resources.sorted(by: { $0.key < $1.key }) {
                for missing in resource.requiredResourceKeys.subtracting(resourceKeys).sorted() {
                    problems.append("job '\(job.name)': resource '\(key)' requires resource '\(missing)', which is not bound")
                }
            }
            for hook in job.hooks { problems += resourceProblems(hook.requiredResourceKeys, resourceKeys, "job '\(job.name)': hook '\(hook.name)'") }
            problems += graphProblems(job.graph, job: job.name, prefix: "", resourceKeys: resourceKeys, isRoot: true)
        }
        return problems
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func resourceProblems(_ required: Set<String>, _ available: Set<String>, _ who: String) -> [String] {
        required.subtracting(available).sorted().map {
            "\(who) requires resource '\($0)', which is not bound; bind it on the job or in Definitions(resources:) "
                + "(bound: \(available.sorted().joined(separator: ", ")))"
        }
    }

    private static func graphProblems(
        _ graph: GraphDefinition, job: String, prefix: String, resourceKeys: Set<String>, isRoot: Bool
    ) -> [String] {
        var problems = graph.declarationErrors.map { "job '\(job)': \($0)" }
        var nodesByName: [String: NodeInvocation] = [:]
        for node in graph.nodes { nodesByName[node.name] = node }
        for node in graph.nodes {
            let handle = prefix + node.name
            let location = "job '\(job)', node '\(handle)'"
            if !isValidName(node.name) { problems.append("\(location): node names must use only letters, digits and _") }
            switch node.definition {
            case .op(let op):
                problems += op.declarationErrors.map { "\(location): \($0)" }
                problems += resourceProblems(op.requiredResourceKeys, resourceKeys, "\(location) (op '\(op.name)')")
                for output in op.outputs where !resourceKeys.contains(output.ioManagerKey) {
                    problems.append("\(location): output '\(output.name)' uses IO manager '\(output.ioManagerKey)', which is not bound")
                }
            case .graph(let subgraph):
                problems += graphProblems(subgraph, job: job, prefix: handle + ".", resourceKeys: resourceKeys, isRoot: false)
            }
            for hook in node.hooks { problems += resourceProblems(hook.requiredResourceKeys, resourceKeys, "\(location): hook '\(hook.name)'") }
            for (inputName, source) in node.inputs {
                problems += sourceProblems(source, in: graph, nodes: nodesByName, isRoot: isRoot).map {
                    "\(location), input '\(inputName)': \($0)"
                }
                if case .unconnected = source, let input = inputDefinition(node, inputName), !input.valueType.isDecodable {
                    problems.append(
                        "\(location), input '\(inputName)' is not connected and its type \(input.valueType) cannot be "
                            + "loaded from run config; wire it to an upstream output or make the type Decodable")
                }
            }
            for source in node.after {
                problems += sourceProblems(source, in: graph, nodes: nodesByName, isRoot: isRoot).map { "\(location), after: \($0)" }
            }
        }
        if let cycle = findCycle(graph) {
            problems.append("job '\(job)': the graph '\(graph.name)' has a cycle: \(cycle.map { prefix + $0 }.joined(separator: " -> "))")
        }
        return problems
    }

    private static func inputDefinition(_ node: NodeInvocation, _ name: String) -> InputDefinition? {
        if case .op(let op) = node.definition { return op.input(named: name) }
        return nil
    }

    private static func outputNames(of definition: NodeDefinition) -> [String] {
        switch definition {
        case .op(let op): op.outputs.map(\.name)
        case .graph(let graph): graph.outputMapping == nil ? [] : ["result"]
        }
    }

    private static func sourceProblems(
        _ source: InputSource, in graph: GraphDefinition, nodes: [String: NodeInvocation], isRoot: Bool
    ) -> [String] {
        switch source {
        case .output(let node, let output), .collected(let node, let output), .mappedElement(let node, let output):
            guard let upstream = nodes[node] else { return ["wired to node '\(node)', which is not in graph '\(graph.name)'"] }
            guard outputNames(of: upstream.definition).contains(output) else {
                return ["wired to output '\(output)' of '\(node)', which has outputs: \(outputNames(of: upstream.definition).joined(separator: ", "))"]
            }
            if case .mappedElement = source, case .op(let op) = upstream.definition, op.output(named: output)?.isDynamic != true {
                return ["map() over output '\(output)' of '\(node)', which is not dynamic"]
            }
            return []
        case .fanIn(let sources):
            return sources.flatMap { sourceProblems($0, in: graph, nodes: nodes, isRoot: isRoot) }
        case .graphInput(let name):
            return graph.inputs.contains { $0.name == name } ? [] : ["wired to graph input '\(name)', which graph '\(graph.name)' does not have"]
        case .unconnected, .asset:
            return []
        case .detached(let reason):
            return [reason]
        }
    }

    /// A cycle among the graph's nodes, as node names, or `nil`.
    private static func findCycle(_ graph: GraphDefinition) -> [String]? {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        let byName = Dictionary(graph.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var stack: [String] = []
        func visit(_ name: String) -> [String]? {
            if state[name] == 2 { return nil }
            if state[name] == 1 {
                let start = stack.firstIndex(of: name) ?? 0
                return Array(stack[start...]) + [name]
            }
            state[name] = 1
            stack.append(name)
            for upstream in byName[name]?.upstreamNodes ?? [] where byName[upstream] != nil {
                if let cycle = visit(upstream) { return cycle }
            }
            stack.removeLast()
            state[name] = 2
            return nil
        }
        for node in graph.nodes { if let cycle = visit(node.name) { return cycle } }
        return nil
    }
}
