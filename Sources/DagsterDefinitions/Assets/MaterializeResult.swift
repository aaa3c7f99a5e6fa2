import DagsterCore

/// A version of an asset's data: equal versions mean equal data, so assets downstream of an
/// unchanged version are not stale.
public struct DataVersion: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The version text.
    public let value: String

    /// A version.
    public init(_ value: String) { self.value = value }
    /// A version written as a string literal: `"v2"`.
    public init(stringLiteral value: String) { self.value = value }
    /// A version written with interpolation: `"rows-\(count)"`.
    public init(stringInterpolation: DefaultStringInterpolation) { self.value = String(stringInterpolation: stringInterpolation) }

    /// The version text.
    public var description: String { value }
}

/// What an asset body returns when it stores its data itself (no IO manager is involved): the
/// metadata of the materialization and, optionally, the data version.
///
/// ```swift
/// let table = Asset("table") { (ctx: AssetContext) -> MaterializeResult in
///     let rows = try await warehouse.rebuild("table")
///     return MaterializeResult(metadata: ["rows": .int(rows)], dataVersion: DataVersion(String(rows)))
/// }
/// ```
public struct MaterializeResult: Sendable {
    /// Metadata recorded on the materialization.
    public var metadata: Metadata
    /// The data version; derived from the code version and the inputs' versions when `nil`.
    public var dataVersion: DataVersion?

    /// Creates a result.
    public init(metadata: Metadata = [:], dataVersion: DataVersion? = nil) {
        self.metadata = metadata
        self.dataVersion = dataVersion
    }
}
