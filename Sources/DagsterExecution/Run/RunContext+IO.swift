import DagsterConfig
import DagsterCore
import DagsterDefinitions

extension RunContext {
    /// Loads every input of a step through the IO managers (emitting `LOADED_INPUT`), type
    /// checks each (emitting `STEP_INPUT`), and returns the values in the op's input order.
    func loadInputs(_ node: PlanNode, key: StepKey, sink: StepEventSink) async throws -> [any Sendable] {
        var values: [any Sendable] = []
        values.reserveCapacity(node.inputs.count)
        for (index, input) in node.inputs.enumerated() {
            let definition = node.op.inputs[index]
            let value = try await loadInput(input.name, source: input.source, definition: definition, node: node, key: key)
            let check = try await userCode("type checking input \"\(input.name)\" of op \"\(node.handle)\"") {
                try definition.dagsterType.typeCheck(value)
            }
            let data = TypeCheckData(success: check.success, label: input.name, description: check.description, metadata: check.metadata)
            recorder.record(
                events.step(
                    .stepInput, key, handle: node.handle,
                    "Got input \"\(input.name)\" of type \"\(definition.dagsterType.name)\". "
                        + (check.success ? "(Type check passed)." : "(Type check failed)."),
                    .stepInput(StepInputData(inputName: input.name, typeCheck: data))))
            guard check.success else {
                let failure = DagsterError(
                    .typeCheck,
                    "Type check failed for step input \"\(input.name)\" - expected type \"\(definition.dagsterType.name)\"."
                        + (check.description.map { " Description: \($0)" } ?? ""))
                throw StepError(error: SerializableError(failure), source: .userCodeError, underlying: failure)
            }
            values.append(value)
        }
        return values
    }

    private func loadInput(
        _ name: String, source: PlanSource, definition: InputDefinition, node: PlanNode, key: StepKey
    ) async throws -> any Sendable {
        switch source {
        case .jobInput(let inputName):
            if let value = jobInputValues[inputName] { return value }
            guard let json = runConfig.value["inputs"]?[inputName] else {
                throw DagsterError(
                    .invalidConfig,
                    "job input '\(inputName)' has no value: pass it in inputValues or under inputs:\(inputName) in run config")
            }
            return try definition.valueType.decode(json)
        case .config(let handle, let inputName):
            guard let json = runConfig.opInputs(forHandle: handle)[inputName] else {
                throw DagsterError(
                    .invalidConfig,
                    "input '\(inputName)' of op '\(handle)' is not connected and has no value in run config; "
                        + "add it under ops:\(handle.replacingOccurrences(of: ".", with: ":ops:")):inputs:\(inputName)")
            }
            return try definition.valueType.decode(json)
        case .asset(let stored):
            return try await loadAsset(stored, into: name, definition: definition, node: node, key: key)
        case .output, .mappedElement:
            let refs = execution.withLock { $0.upstreamOutputs(of: source, for: key) }
            guard let ref = refs.first else {
                throw DagsterError(.invariantViolation, "input '\(name)' of step '\(key)' has no upstream value")
            }
            return try await load(ref, into: name, definition: definition, node: node, key: key)
        case .collected, .fanIn:
            let refs = execution.withLock { $0.upstreamOutputs(of: source, for: key) }
            var elements: [any Sendable] = []
            for ref in refs {
                elements.append(try await load(ref, into: name, definition: definition, node: node, key: key))
            }
            return elements
        }
    }

    /// Loads an output of an upstream step (of this run, or of the earlier run that stored it).
    private func load(
        _ ref: OutputRef, into inputName: String, definition: InputDefinition, node: PlanNode, key: StepKey
    ) async throws -> any Sendable {
        guard let upstream = plan.node(ExecutionPlan.handle(ofStepKey: ref.stepKey)),
            let output = upstream.op.output(named: ref.output)
        else {
            throw DagsterError(.invariantViolation, "step '\(key)' reads unknown output \(ref)")
        }
        if output.dagsterType.isNothing { return () }
        let stored = StoredValue(
            runID: priorOutputs[ref] ?? run.runID, stepKey: ref.stepKey, output: ref.output, mappingKey: ref.mappingKey,
            valueType: output.valueType, assetKey: output.assetKey, ioManagerKey: output.ioManagerKey,
            isPartitioned: output.assetPartitions != nil, isStepOutput: true)
        return try await load(stored, into: inputName, definition: definition, node: node, key: key)
    }

    /// Loads the stored value of an asset this run does not materialize.
    private func loadAsset(
        _ asset: StoredAsset, into inputName: String, definition: InputDefinition, node: PlanNode, key: StepKey
    ) async throws -> any Sendable {
        let stored = StoredValue(
            runID: run.runID, stepKey: "", output: "result", mappingKey: nil,
            valueType: definition.assetPartitions?.byPartition?.elementType ?? definition.valueType, assetKey: asset.key,
            ioManagerKey: asset.ioManagerKey, isPartitioned: asset.isPartitioned, isStepOutput: false)
        return try await load(stored, into: inputName, definition: definition, node: node, key: key)
    }

    /// Loads `stored` (each partition the input reads) through its IO manager and records
    /// `LOADED_INPUT`.
    private func load(
        _ stored: StoredValue, into inputName: String, definition: InputDefinition, node: PlanNode, key: StepKey
    ) async throws -> any Sendable {
        let manager = stored.ioManagerKey
        let value = try await loadPartitions(
            of: definition, named: inputName, step: key, upstreamIsPartitioned: stored.isPartitioned,
            upstreamName: stored.assetKey?.userString ?? stored.stepKey
        ) { partitionKey in
            let upstreamContext = OutputContext(
                runID: stored.runID, jobName: job.name, stepKey: stored.stepKey, name: stored.output,
                mappingKey: stored.mappingKey, valueType: stored.valueType, assetKey: stored.assetKey, partitionKey: partitionKey)
            let context = InputContext(name: inputName, stepKey: key, upstreamOutput: upstreamContext, valueType: stored.valueType)
            let source = stored.isStepOutput ? "" : " from asset \(stored.assetKey?.userString ?? "")"
            return try await userCode("loading input \"\(inputName)\"\(source) using input manager \"\(manager)\"") {
                try await ioManager(manager).loadInput(context)
            }
        }
        let data = stored.isStepOutput
            ? LoadedInputData(inputName: inputName, managerKey: manager, upstreamOutputName: stored.output, upstreamStepKey: stored.stepKey)
            : LoadedInputData(inputName: inputName, managerKey: manager, upstreamOutputName: nil, upstreamStepKey: nil)
        let from = stored.isStepOutput ? ", from output \"\(stored.output)\" of step \"\(stored.stepKey)\"" : ""
        recorder.record(
            events.step(
                .loadedInput, key, handle: node.handle, "Loaded input \"\(inputName)\" using input manager \"\(manager)\"\(from)",
                .loadedInput(data)))
        return value
    }

    /// Loads an input's upstream value through `loadPartition`: unpartitioned, or the one
    /// partition its mapping gives for the run's partitions, or, for an input taking them
    /// `byPartition`, every partition it gives, gathered into a dictionary.
    /// - Throws: `DagsterError(.invalidConfig)` when an input taking one value would read
    ///   several partitions, saying how to take them all.
    private func loadPartitions(
        of input: InputDefinition, named inputName: String, step: StepKey, upstreamIsPartitioned: Bool, upstreamName: String,
        _ loadPartition: (String?) async throws -> any Sendable
    ) async throws -> any Sendable {
        guard upstreamIsPartitioned else { return try await loadPartition(nil) }
        /// `error` with where it happened in front of its message (built only on error).
        func placed(_ error: DagsterError) -> DagsterError {
            var placed = error
            placed.message = "input \"\(inputName)\" of step \"\(step)\", reading \(upstreamName): \(error.message)"
            return placed
        }
        let keys: [String]
        if let partitioning = input.assetPartitions {
            let downstreamKeys = partitioning.downstream == nil ? nil : partitions?.keys
            do {
                keys = try partitioning.upstreamPartitions(for: downstreamKeys, context: self.partitioning.loadingContext)
            } catch let error as DagsterError {
                throw placed(error)
            }
        } else {
            // An op of a job reading a partitioned asset: the run's partition.
            keys = partitions?.keys ?? run.tags[AssetContext.partitionTag].map { [$0] } ?? []
        }
        if let byPartition = input.assetPartitions?.byPartition {
            var pairs: [(key: String, value: any Sendable)] = []
            for key in keys { pairs.append((key, try await loadPartition(key))) }
            do {
                return try byPartition.assemble(pairs)
            } catch let error as DagsterError {
                throw placed(error)
            }
        }
        guard !keys.isEmpty else {
            throw DagsterError(
                .unknownPartition,
                "input \"\(inputName)\" of step \"\(step)\": partition \(partitions?.range?.description ?? partitions?.key ?? "(none)") "
                    + "maps to no upstream partition of \(upstreamName)")
        }
        guard keys.count == 1, let key = keys.first else {
            throw DagsterError(
                .invalidConfig,
                "input \"\(inputName)\" of step \"\(step)\" takes one partition of \(upstreamName), but the run's partitions "
                    + "map to \(keys.count) (\(keys.prefix(3).joined(separator: ", "))\(keys.count > 3 ? ", …" : "")); "
                    + "take them as a dictionary of partition key → value with `ins: \(upstreamName).byPartition`")
        }
        return try await loadPartition(key)
    }

    /// Type checks and stores what a step produced (`STEP_OUTPUT`, `HANDLED_OUTPUT`), checking
    /// that every required output was produced.
    func handleOutputs(_ produced: [ProducedOutput], node: PlanNode, key: StepKey, mappingKey: String?) async throws
        -> [OutputRef]
    {
        var refs: [OutputRef] = []
        refs.reserveCapacity(produced.count)
        var seen: Set<OutputRef> = []
        var upstream: UpstreamDataVersions?  // read once, for the first asset output
        for output in produced {
            guard let definition = node.op.output(named: output.outputName) else {
                throw DagsterError(
                    .invariantViolation,
                    "op \"\(node.handle)\" produced output \"\(output.outputName)\", which it does not declare "
                        + "(outputs: \(node.op.outputs.map(\.name).joined(separator: ", ")))")
            }
            let ref = OutputRef(stepKey: key, output: output.outputName, mappingKey: output.mappingKey)
            if !seen.insert(ref).inserted {
                throw DagsterError(
                    .invariantViolation,
                    "op \"\(node.handle)\" produced output \"\(output.outputName)\"\(output.mappingKey.map { " with mapping key \"\($0)\"" } ?? "") twice")
            }
            let check = try await userCode("type checking output \"\(output.outputName)\" of op \"\(node.handle)\"") {
                try definition.dagsterType.typeCheck(output.value)
            }
            let data = StepOutputData(
                outputName: output.outputName, mappingKey: output.mappingKey,
                typeCheck: TypeCheckData(success: check.success, label: output.outputName, description: check.description, metadata: check.metadata),
                metadata: output.metadata)
            recorder.record(
                events.step(
                    .stepOutput, key, handle: node.handle,
                    "Yielded output \"\(output.outputName)\"\(output.mappingKey.map { " mapping key \"\($0)\"" } ?? "") of type \"\(definition.dagsterType.name)\". "
                        + (check.success ? "(Type check passed)." : "(Type check failed)."),
                    .stepOutput(data)))
            guard check.success else {
                let failure = DagsterError(
                    .typeCheck,
                    "Type check failed for step output \"\(output.outputName)\" - expected type \"\(definition.dagsterType.name)\"."
                        + (check.description.map { " Description: \($0)" } ?? ""))
                throw StepError(error: SerializableError(failure), source: .userCodeError, underlying: failure)
            }
            try await store(output, definition: definition, node: node, key: key, upstream: &upstream)
            outputCapture?.withLock { $0[ref] = output.value }
            refs.append(ref)
        }
        for definition in node.op.outputs where definition.isRequired && !definition.isDynamic {
            if !refs.contains(where: { $0.output == definition.name }) {
                let failure = DagsterError(
                    .invariantViolation,
                    "Core compute for op \"\(node.handle)\" did not return an output for non-optional output \"\(definition.name)\"")
                throw StepError(error: SerializableError(failure), source: .userCodeError, underlying: failure)
            }
        }
        return refs
    }

    /// Stores a produced value through its IO manager (`HANDLED_OUTPUT`), and records the asset
    /// it materializes, if any, first (`ASSET_MATERIALIZATION`, as Dagster orders them). A
    /// `Nothing` output (a `Void` or `MaterializeResult` asset) stores nothing.
    private func store(
        _ output: ProducedOutput, definition: OutputDefinition, node: PlanNode, key: StepKey, upstream: inout UpstreamDataVersions?
    ) async throws {
        let outputPartitions = definition.assetPartitions == nil ? nil : partitions
        var handledMetadata: Metadata = [:]
        if !definition.dagsterType.isNothing {
            let context = OutputContext(
                runID: run.runID, jobName: job.name, stepKey: key, name: output.outputName, mappingKey: output.mappingKey,
                valueType: definition.valueType, metadata: output.metadata, assetKey: definition.assetKey,
                partitionKey: outputPartitions?.key, partitionKeys: outputPartitions?.keys)
            handledMetadata = try await userCode("handling output \"\(output.outputName)\" using IO manager \"\(definition.ioManagerKey)\"") {
                try await ioManager(definition.ioManagerKey).handleOutput(context, output.value)
            }
        }
        if let assetKey = definition.assetKey {
            // One materialization per partition the run covers, alike but for the partition.
            let metadata = output.metadata.merging(handledMetadata) { _, handled in handled }
            let versions: UpstreamDataVersions
            if let upstream {
                versions = upstream
            } else {
                versions = try await upstreamDataVersions(of: node)
                upstream = versions
            }
            let tags = materializationTags(for: assetKey, node: node, upstream: versions, given: output.dataVersion)
            for partition in outputPartitions.map({ $0.keys.map(Optional.some) }) ?? [nil] {
                recorder.record(
                    events.step(
                        .assetMaterialization, key, handle: node.handle, "Materialized value \(assetKey.userString).",
                        .assetMaterialization(AssetMaterialization(assetKey: assetKey, metadata: metadata, partition: partition, tags: tags))),
                    level: .info)
            }
        }
        if !definition.dagsterType.isNothing {
            recorder.record(
                events.step(
                    .handledOutput, key, handle: node.handle,
                    "Handled output \"\(output.outputName)\" using IO manager \"\(definition.ioManagerKey)\"",
                    .handledOutput(
                        HandledOutputData(outputName: output.outputName, managerKey: definition.ioManagerKey, metadata: handledMetadata))))
        }
    }

    /// Runs the step's hooks for its outcome; the others are reported skipped.
    func runHooks(_ node: PlanNode, key: StepKey, failure: SerializableError?) async {
        for hook in node.hooks {
            let applies = (hook.trigger == .failure) == (failure != nil)
            guard applies else {
                recorder.record(
                    events.step(.hookSkipped, key, handle: node.handle, "Skipped the execution of hook \"\(hook.name)\". It did not meet its triggering condition during the execution of \"\(key)\".",
                        .hook(HookEventData(hookName: hook.name))))
                continue
            }
            let sink = StepEventSink(recorder: recorder, events: events, stepKey: key, handle: node.handle)
            let context = HookContext(
                hookName: hook.name, runID: run.runID, jobName: job.name, stepKey: key, opHandle: node.handle,
                opException: failure, resources: resources, log: DagsterLogger(sink: sink))
            do {
                try await hook.body(context)
                recorder.record(
                    events.step(.hookCompleted, key, handle: node.handle, "Finished the execution of hook \"\(hook.name)\" triggered for \"\(key)\".",
                        .hook(HookEventData(hookName: hook.name))))
            } catch {
                recorder.record(
                    events.step(.hookErrored, key, handle: node.handle, "Error occurred during the execution of hook \"\(hook.name)\" triggered for \"\(key)\".",
                        .hook(HookEventData(hookName: hook.name, error: userCodeError(error, doing: "executing hook \"\(hook.name)\"")))),
                    level: .error)
            }
        }
    }
}

/// Where an input's value is stored: an output of a step (this run's, or an earlier run's in a
/// re-execution), or an asset's storage.
private struct StoredValue {
    let runID: RunID
    let stepKey: StepKey
    let output: String
    let mappingKey: String?
    let valueType: ValueType
    let assetKey: AssetKey?
    let ioManagerKey: String
    let isPartitioned: Bool
    /// Whether it is a step's output (`LOADED_INPUT` then names the step and output).
    let isStepOutput: Bool
}
