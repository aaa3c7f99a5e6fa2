import DagsterConfig
import DagsterCore

/// What an asset's body receives: the asset being materialized, plus everything an op's
/// context offers (run, config, resources, logging).
public struct AssetContext: Sendable, PartitionAccess {
    /// The asset being materialized.
    public let assetKey: AssetKey
    /// The context of the op computing the asset.
    public let op: OpContext
    /// The partitions being materialized, for a partitioned asset.
    public let partitions: RunPartitions?
    /// The assets this step materializes: the asset itself, or the selected keys of a
    /// multi-asset (whose body should produce only those).
    public let selectedAssetKeys: Set<AssetKey>

    /// Creates a context.
    public init(
        assetKey: AssetKey, op: OpContext, partitions: RunPartitions? = nil, selectedAssetKeys: Set<AssetKey>? = nil
    ) {
        self.assetKey = assetKey
        self.op = op
        self.partitions = partitions
        self.selectedAssetKeys = selectedAssetKeys ?? [assetKey]
    }

    /// The run tag naming the partition a run materializes.
    public static let partitionTag = "dagster/partition"

    /// The run's id.
    public var runID: RunID { op.runID }
    /// The run's log.
    public var log: DagsterLogger { op.log }
    /// The asset's config (`ops.OP_NAME.config` in run config).
    public var config: JSONValue { op.opConfig }
    /// The resources the asset requires.
    public var resources: Resources { op.resources }
}
