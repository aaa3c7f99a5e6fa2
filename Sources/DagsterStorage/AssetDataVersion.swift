import DagsterCore

/// The current data version of an asset and the storage id of the event that recorded it.
public struct AssetDataVersion: Sendable, Hashable {
    /// The version.
    public var version: String
    /// The storage id of the materialization or observation recording it.
    public var storageID: Int64

    /// Describes a version.
    public init(version: String, storageID: Int64) {
        self.version = version
        self.storageID = storageID
    }
}
