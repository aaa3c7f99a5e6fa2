import DagsterCore

/// One upstream asset an asset's input reads: its key, the Swift type the input takes, how the
/// upstream is partitioned and, for a `byPartition` input, how several partitions are gathered.
struct UpstreamInput {
    let key: AssetKey
    let valueType: ValueType
    let partitions: PartitionsDefinition?
    let byPartition: PartitionValues?

    /// The input reading `asset` (or its `byPartition` view).
    init<Value: Sendable>(_ asset: Asset<Value>) {
        key = asset.key
        valueType = .of(Value.self)
        partitions = asset.definition.spec.partitions
        byPartition = asset.partitionValues
    }

    /// The input's name: the upstream's op name.
    var inputName: String { AssetsDefinition.opName(for: key) }
}

/// The inputs reading typed upstream assets, in order.
func upstreamInputs<each In: Sendable>(_ ins: repeat Asset<each In>) -> [UpstreamInput] {
    var inputs: [UpstreamInput] = []
    for asset in repeat each ins { inputs.append(UpstreamInput(asset)) }
    return inputs
}

extension [UpstreamInput] {
    /// Input name → upstream key, in order.
    var inputKeys: [(name: String, key: AssetKey)] { map { (name: $0.inputName, key: $0.key) } }

    /// How each input reads its partitioned upstream, for an asset partitioned as `downstream`
    /// with the given `mappings` (inputs reading unpartitioned assets are left out).
    func partitionings(downstream: PartitionsDefinition?, mappings: [AssetKey: any PartitionMapping])
        -> [String: AssetInputPartitions]
    {
        var partitionings: [String: AssetInputPartitions] = [:]
        for input in self {
            partitionings[input.inputName] = AssetInputPartitions.of(
                upstream: input.partitions, downstream: downstream, mapping: mappings[input.key], byPartition: input.byPartition)
        }
        return partitionings
    }
}
