import DagsterCore

extension AssetsDefinition {
    /// The asset as a node of the graph selections resolve against.
    public var graphNode: AssetGraphNode {
        AssetGraphNode(
            key: key, groupName: groupName, tags: spec.tags, kinds: spec.kinds, owners: spec.owners,
            dependencies: dependencies, isExternal: isExternal,
            executionSetID: isMultiAsset && subsetOp == nil ? op?.name : nil, partitioning: spec.partitions?.selectionKind)
    }
}

extension PartitionsDefinition {
    /// The kind `partitions:` selections name this definition by.
    var selectionKind: AssetGraphNode.Partitioning {
        switch self {
        case .static: .static
        case .dynamic: .dynamic
        case .timeWindow: .time
        case .multi: .multipartitions
        }
    }
}

extension Definitions {
    /// The keys an asset selection string selects (the selection syntax, or the command line's
    /// comma-separated form).
    /// - Throws: `DagsterError(.invalidAssetSelection)` pointing at the position of a syntax
    ///   error; `DagsterError(.invalidSubset)` naming an unknown key (with similar keys).
    public func selectAssets(_ selection: String) throws -> Set<AssetKey> {
        try AssetSelection.fromCommandLine(selection).resolve(in: assetGraph)
    }
}
