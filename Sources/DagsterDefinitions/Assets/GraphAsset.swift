import DagsterCore

extension Asset {
    /// Declares a graph-backed asset (Dagster's `@graph_asset`): several ops, wired by `body`
    /// like a graph, compute one asset. Each op runs as its own step (`KEY.op`); the step
    /// producing the graph's output materializes the asset, stored by that output's IO
    /// manager. The inner ops bring their own
    /// config (`ops.KEY.ops.OP.config` in run config), resources and retry policies.
    ///
    /// ```swift
    /// let cleaned = Asset<[Row]>.graph("cleaned", ins: raw) { (raw: OutputHandle<[Row]>) in
    ///     dropEmpty(normalize(raw))
    /// }
    /// ```
    public static func graph<each In: Sendable>(
        _ key: AssetKey, ins: repeat Asset<each In>, deps: [AssetKey] = [], group: String? = nil,
        tags: [String: String] = [:], kinds: Set<String> = [], owners: [String] = [], description: String? = nil,
        metadata: Metadata = [:], partitions: PartitionsDefinition? = nil, partitionMappings: [AssetKey: any PartitionMapping] = [:],
        backfillPolicy: BackfillPolicy? = nil,
        _ body: (repeat OutputHandle<each In>) -> OutputHandle<Value>
    ) -> Asset<Value> {
        let upstream = upstreamInputs(repeat each ins)
        let name = AssetsDefinition.opName(for: key)
        let recorded = Graph<repeat each In, Value>(name, inputNames: upstream.map(\.inputName), description: description, body)
        let graph = recorded.definition.materializing(
            AssetOutputMarking(key: key, partitions: partitions),
            inputPartitions: upstream.partitionings(downstream: partitions, mappings: partitionMappings))
        let spec = AssetSpec(
            key, deps: deps, group: group, tags: tags, kinds: kinds, owners: owners, description: description,
            metadata: metadata, ioManagerKey: graph.resultOutput?.ioManagerKey ?? "io_manager", partitions: partitions)
        return Asset(
            definition: AssetsDefinition(
                spec: spec, op: nil, inputKeys: upstream.inputKeys, graph: graph, backfillPolicy: backfillPolicy))
    }
}

/// What marks the output of a graph-backed asset's inner op as materializing the asset.
struct AssetOutputMarking {
    let key: AssetKey
    let partitions: PartitionsDefinition?

}

extension GraphDefinition {
    /// This graph with the inner output its result maps to marked as materializing `asset` (when
    /// given), and the inner inputs bound to its graph inputs reading their upstream partitions
    /// as `inputPartitions` (graph input name → partitioning) says. A result that is not an op's
    /// output becomes a declaration error.
    func materializing(_ asset: AssetOutputMarking?, inputPartitions: [String: AssetInputPartitions]) -> GraphDefinition {
        var errors = declarationErrors
        var resultNode: (name: String, output: String)?
        if let asset {
            if case .output(let node, let output)? = outputMapping {
                resultNode = (node, output)
            } else {
                errors.append(
                    "graph-backed asset \(asset.key.userString) must return the output of one of its ops, not \(outputMapping.map { "\($0)" } ?? "nothing")")
            }
        }
        let marked = nodes.map { invocation -> NodeInvocation in
            var bound: [String: AssetInputPartitions] = [:]
            for (name, source) in invocation.inputs {
                if case .graphInput(let graphInput) = source, let partitioning = inputPartitions[graphInput] { bound[name] = partitioning }
            }
            let markedOutput = resultNode?.name == invocation.name ? resultNode?.output : nil
            guard !bound.isEmpty || markedOutput != nil else { return invocation }
            var marked = invocation
            switch invocation.definition {
            case .op(let op):
                marked.definition = .op(op.materializing(asset, output: markedOutput, inputPartitions: bound))
            case .graph(let subgraph):
                marked.definition = .graph(subgraph.materializing(markedOutput == nil ? nil : asset, inputPartitions: bound))
            }
            return marked
        }
        return GraphDefinition(
            name: name, description: description, inputs: inputs, nodes: marked, outputMapping: outputMapping,
            declarationErrors: errors)
    }

    /// The inner op output the graph's result maps to.
    var resultOutput: OutputDefinition? {
        guard case .output(let name, let output)? = outputMapping, let node = node(named: name) else { return nil }
        switch node.definition {
        case .op(let op): return op.output(named: output)
        case .graph(let subgraph): return subgraph.resultOutput
        }
    }

    /// The inputs of inner ops (in nested graphs too) that read the graph input `name`.
    func innerInputs(boundTo name: String) -> [InputDefinition] {
        nodes.flatMap { invocation -> [InputDefinition] in
            let bound = invocation.inputs.filter { if case .graphInput(name) = $0.source { true } else { false } }.map(\.name)
            switch invocation.definition {
            case .op(let op): return bound.compactMap(op.input(named:))
            case .graph(let subgraph): return bound.flatMap(subgraph.innerInputs(boundTo:))
            }
        }
    }
}

extension OpDefinition {
    /// This op with its `output` (when given) materializing `asset`, and the inputs named in
    /// `inputPartitions` reading partitioned upstream assets that way.
    fileprivate func materializing(
        _ asset: AssetOutputMarking?, output marked: String?, inputPartitions: [String: AssetInputPartitions]
    ) -> OpDefinition {
        var op = self
        for index in op.inputs.indices {
            if let partitioning = inputPartitions[op.inputs[index].name] { op.inputs[index].assetPartitions = partitioning }
        }
        for index in op.outputs.indices where marked != nil && op.outputs[index].name == marked {
            op.outputs[index].assetKey = asset?.key
            op.outputs[index].assetPartitions = asset?.partitions
        }
        return op
    }
}
