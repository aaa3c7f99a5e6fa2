extension DagsterEvent {
    /// The observation of an `ASSET_OBSERVATION` event.
    public var assetObservation: AssetObservation? {
        if case .assetObservation(let data) = payload { return data }
        return nil
    }

    /// The asset key of an asset materialization or observation event.
    public var assetKey: AssetKey? {
        switch payload {
        case .assetMaterialization(let data): data.assetKey
        case .assetObservation(let data): data.assetKey
        case .assetCheckEvaluation(let data): data.assetKey
        case .assetMaterializationPlanned(let data): data.assetKey
        default: nil
        }
    }

    /// The evaluation of an `ASSET_CHECK_EVALUATION` event.
    public var assetCheckEvaluation: AssetCheckEvaluation? {
        if case .assetCheckEvaluation(let data) = payload { return data }
        return nil
    }

    /// The partition of an asset materialization or observation event, if any.
    public var assetPartition: String? {
        switch payload {
        case .assetMaterialization(let data): data.partition
        case .assetObservation(let data): data.partition
        case .assetCheckEvaluation(let data): data.partition
        case .assetMaterializationPlanned(let data): data.partition
        default: nil
        }
    }
}
