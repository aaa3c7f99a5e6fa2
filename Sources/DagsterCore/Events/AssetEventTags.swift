/// The tags Dagster puts on asset materializations and observations to track versions.
public enum AssetEventTags {
    /// The asset's data version.
    public static let dataVersion = "dagster/data_version"
    /// The code version the asset was computed with (the run id when the asset has none).
    public static let codeVersion = "dagster/code_version"
    /// Present (`true`) when the asset's body gave the data version itself.
    public static let dataVersionIsUserProvided = "dagster/data_version_is_user_provided"
    /// Prefix of the tag recording an upstream asset's data version, followed by its key.
    public static let inputDataVersionPrefix = "dagster/input_data_version/"
    /// Prefix of the tag recording the storage id of the upstream event that version came from.
    public static let inputEventPointerPrefix = "dagster/input_event_pointer/"
}
