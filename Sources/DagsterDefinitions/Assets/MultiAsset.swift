import DagsterConfig
import DagsterCore

/// One asset of a multi-asset: its spec, and the output token the body sets its value with.
public struct AssetOut<Value: Sendable>: Sendable {
    /// The asset's spec.
    public let spec: AssetSpec
    /// The output the body sets: `Outputs().with(out, value)`.
    public let out: Out<Value>

    /// Declares an asset of a multi-asset (its output is named after the key, path joined by `__`).
    public init(
        _ key: AssetKey, group: String? = nil, tags: [String: String] = [:], kinds: Set<String> = [],
        owners: [String] = [], description: String? = nil, metadata: Metadata = [:], ioManagerKey: String = "io_manager"
    ) {
        spec = AssetSpec(
            key, group: group, tags: tags, kinds: kinds, owners: owners, description: description, metadata: metadata,
            ioManagerKey: ioManagerKey)
        out = Out<Value>(AssetsDefinition.opName(for: key), ioManagerKey: ioManagerKey, description: description)
    }

    /// The asset's key.
    public var key: AssetKey { spec.key }
}

/// An asset of a multi-asset, whatever its value type.
public protocol MultiAssetOutput: Sendable {
    /// The asset's spec.
    var spec: AssetSpec { get }
    /// The output materializing it.
    var outputDefinition: OutputDefinition { get }
}

extension AssetOut: MultiAssetOutput {
    public var outputDefinition: OutputDefinition { out.definition }
}

/// Several assets computed by one step (Dagster's `@multi_asset`): the body returns `Outputs`
/// with a value per asset. A subsettable multi-asset (`canSubset`) can run for some of its
/// assets: the body reads `context.selectedAssetKeys` and sets only those outputs; otherwise
/// its assets are always selected together.
///
/// ```swift
/// let usOrders = AssetOut<[Order]>("us_orders"), euOrders = AssetOut<[Order]>("eu_orders")
/// let split = MultiAsset("split_orders", outs: [usOrders, euOrders], ins: orders) { (ctx, orders: [Order]) in
///     Outputs().with(usOrders.out, orders.filter { $0.region == "us" }).with(euOrders.out, orders.filter { $0.region == "eu" })
/// }
/// let usRevenue = Asset("us_revenue", ins: split[usOrders]) { (ctx, orders: [Order]) in … }
/// ```
public struct MultiAsset: Sendable, AssetDefinitionConvertible {
    /// One definition per asset, sharing the op.
    public let assetDefinitions: [AssetsDefinition]

    /// Declares a multi-asset named `name` (its op's name); with `partitions`, every one of its
    /// assets is partitioned so, and its inputs read upstream partitions as `partitionMappings` say.
    public init<each In: Sendable>(
        _ name: String, outs: [any MultiAssetOutput], ins: repeat Asset<each In>, canSubset: Bool = false,
        description: String? = nil, requiredResources: Set<String> = [], retryPolicy: RetryPolicy? = nil,
        partitions: PartitionsDefinition? = nil, partitionMappings: [AssetKey: any PartitionMapping] = [:],
        backfillPolicy: BackfillPolicy? = nil,
        _ body: @escaping @Sendable (AssetContext, repeat each In) async throws -> Outputs
    ) {
        let upstream = upstreamInputs(repeat each ins)
        let inputNames = upstream.map(\.inputName)
        let inputValueTypes = upstream.map(\.valueType)
        let inputPartitions = upstream.partitionings(downstream: partitions, mappings: partitionMappings)
        let allKeys = outs.map(\.spec.key)
        let compute: @Sendable (AssetContext, [any Sendable]) async throws -> Outputs = { context, values in
            let inputs: (repeat each In) = try unpackInputs(values, of: name, named: inputNames, as: repeat (each In).self)
            return try await body(context, repeat each inputs)
        }
        /// The op materializing `selected` (every key for the full multi-asset).
        let makeOp: @Sendable (Set<AssetKey>) -> OpDefinition = { selected in
            let outputs = outs.map { out in
                var output = out.outputDefinition
                output.isRequired = selected.contains(out.spec.key)
                output.assetKey = out.spec.key
                output.assetPartitions = partitions
                return DeclaredOutput(definition: output)
            }
            let selectedNames = Set(outs.filter { selected.contains($0.spec.key) }.map(\.outputDefinition.name))
            let declaration = OpDeclaration(
                name: name, inputNames: inputNames, inputTypes: [:], outs: outputs, outputType: nil, configField: nil,
                requiredResources: requiredResources, tags: [:], description: description, codeVersion: nil,
                retryPolicy: retryPolicy, ioManagerKey: "io_manager", inputPartitions: inputPartitions)
            return declaration.definition(inputValueTypes: inputValueTypes, outputShape: .declared) { context, values in
                let assetContext = AssetContext(
                    assetKey: allKeys.first ?? AssetKey(name), op: context, partitions: partitions == nil ? nil : context.partitions,
                    selectedAssetKeys: selected)
                return try await compute(assetContext, values).produced.filter { selectedNames.contains($0.outputName) }
            }
        }
        let fullOp = makeOp(Set(allKeys))
        let inputKeys = upstream.inputKeys
        assetDefinitions = outs.map { out in
            var spec = out.spec
            spec.partitions = partitions
            return AssetsDefinition(
                spec: spec, op: fullOp, inputKeys: inputKeys, outputName: out.outputDefinition.name,
                isMultiAsset: true, subsetOp: canSubset ? makeOp : nil, backfillPolicy: backfillPolicy)
        }
    }

    /// The asset of `out`, to use as an upstream of other assets. (An `out` of another
    /// multi-asset gives a reference that `Definitions` reports as undefined.)
    public subscript<Value>(_ out: AssetOut<Value>) -> Asset<Value> {
        Asset(definition: assetDefinitions.first { $0.key == out.key } ?? AssetsDefinition(spec: out.spec, op: nil))
    }
}

/// An output declaration built from a ready definition.
private struct DeclaredOutput: OutputDeclaration {
    let definition: OutputDefinition
}
