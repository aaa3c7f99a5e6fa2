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

    private func load(
        _ ref: OutputRef, into inputName: String, definition: InputDefinition, node: PlanNode, key: StepKey
    ) async throws -> any Sendable {
        guard let upstream = plan.node(ExecutionPlan.handle(ofStepKey: ref.stepKey)),
            let output = upstream.op.output(named: ref.output)
        else {
            throw DagsterError(.invariantViolation, "step '\(key)' reads unknown output \(ref)")
        }
        if output.dagsterType.isNothing { return () }
        let upstreamContext = OutputContext(
            runID: priorOutputs[ref] ?? run.runID, jobName: job.name, stepKey: ref.stepKey, name: ref.output, mappingKey: ref.mappingKey,
            valueType: output.valueType, assetKey: output.assetKey,
            partitionKey: try upstreamPartitionKey(of: definition, upstreamIsPartitioned: output.assetPartitions != nil))
        let context = InputContext(name: inputName, stepKey: key, upstreamOutput: upstreamContext, valueType: definition.valueType)
        let value = try await userCode("loading input \"\(inputName)\" using input manager \"\(output.ioManagerKey)\"") {
            try await ioManager(output.ioManagerKey).loadInput(context)
        }
        recorder.record(
            events.step(
                .loadedInput, key, handle: node.handle,
                "Loaded input \"\(inputName)\" using input manager \"\(output.ioManagerKey)\", from output \"\(ref.output)\" of step \"\(ref.stepKey)\"",
                .loadedInput(
                    LoadedInputData(
                        inputName: inputName, managerKey: output.ioManagerKey, upstreamOutputName: ref.output,
                        upstreamStepKey: ref.stepKey))))
        return value
    }

    /// Loads the stored value of an asset this run does not materialize.
    private func loadAsset(
        _ stored: StoredAsset, into inputName: String, definition: InputDefinition, node: PlanNode, key: StepKey
    ) async throws -> any Sendable {
        let (assetKey, ioManagerKey) = (stored.key, stored.ioManagerKey)
        let upstreamContext = OutputContext(
            runID: run.runID, jobName: job.name, stepKey: "", name: "result", valueType: definition.valueType,
            assetKey: assetKey, partitionKey: try upstreamPartitionKey(of: definition, upstreamIsPartitioned: stored.isPartitioned))
        let context = InputContext(name: inputName, stepKey: key, upstreamOutput: upstreamContext, valueType: definition.valueType)
        let value = try await userCode("loading input \"\(inputName)\" from asset \(assetKey.userString) using input manager \"\(ioManagerKey)\"") {
            try await ioManager(ioManagerKey).loadInput(context)
        }
        recorder.record(
            events.step(
                .loadedInput, key, handle: node.handle,
                "Loaded input \"\(inputName)\" using input manager \"\(ioManagerKey)\"",
                .loadedInput(LoadedInputData(inputName: inputName, managerKey: ioManagerKey, upstreamOutputName: nil, upstreamStepKey: nil))))
        return value
    }

    /// The partition of a partitioned upstream asset that `input` reads: the one its partition
    /// mapping gives for the run's partition (the run's partition itself for identity).
    private func upstreamPartitionKey(of input: InputDefinition, upstreamIsPartitioned: Bool) throws -> String? {
        guard upstreamIsPartitioned else { return nil }
        guard let partitioning = input.assetPartitions else { return partitionKey }
        return try partitioning.upstreamPartition(for: partitionKey, context: PartitionLoadingContext())
    }

    /// Type checks and stores what a step produced (`STEP_OUTPUT`, `HANDLED_OUTPUT`), checking
    /// that every required output was produced.
    func handleOutputs(_ produced: [ProducedOutput], node: PlanNode, key: StepKey, mappingKey: String?) async throws
        -> [OutputRef]
    {
        var refs: [OutputRef] = []
        refs.reserveCapacity(produced.count)
        var seen: Set<OutputRef> = []
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
            try await store(output, definition: definition, node: node, key: key)
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
    private func store(_ output: ProducedOutput, definition: OutputDefinition, node: PlanNode, key: StepKey) async throws {
        let partitionKey = definition.assetPartitions == nil ? nil : self.partitionKey
        var handledMetadata: Metadata = [:]
        if !definition.dagsterType.isNothing {
            let context = OutputContext(
                runID: run.runID, jobName: job.name, stepKey: key, name: output.outputName, mappingKey: output.mappingKey,
                valueType: definition.valueType, metadata: output.metadata, assetKey: definition.assetKey,
                partitionKey: partitionKey)
            handledMetadata = try await userCode("handling output \"\(output.outputName)\" using IO manager \"\(definition.ioManagerKey)\"") {
                try await ioManager(definition.ioManagerKey).handleOutput(context, output.value)
            }
        }
        if let assetKey = definition.assetKey {
            let materialization = AssetMaterialization(
                assetKey: assetKey, metadata: output.metadata.merging(handledMetadata) { _, handled in handled },
                partition: partitionKey,
                tags: try await materializationTags(for: assetKey, node: node, key: key, given: output.dataVersion))
            recorder.record(
                events.step(
                    .assetMaterialization, key, handle: node.handle, "Materialized value \(assetKey.userString).",
                    .assetMaterialization(materialization)),
                level: .info)
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
