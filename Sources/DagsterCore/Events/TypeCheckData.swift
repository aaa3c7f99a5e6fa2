import OrderedCollections

/// The outcome of a Dagster type check on an input or output value.
public struct TypeCheckData: Sendable, Hashable, Codable {
    /// Whether the value passed.
    public var success: Bool
    /// The name of the checked input or output.
    public var label: String
    /// Why the check failed or passed.
    public var description: String?
    /// Supporting metadata.
    public var metadata: Metadata

    /// Creates a type-check record.
    public init(success: Bool, label: String, description: String? = nil, metadata: Metadata = [:]) {
        self.success = success
        self.label = label
        self.description = description
        self.metadata = metadata
    }
}
