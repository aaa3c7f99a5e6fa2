import DagsterConfig
import DagsterCore
import Foundation

/// Reads `dagster.yaml` from an instance's home folder.
///
/// This build accepts only an absent or empty `dagster.yaml` (defaults); validating every key as
/// Dagster does lands with the full loader.
public enum InstanceConfigLoader {
    /// The settings in `home/dagster.yaml`.
    /// - Throws: `DagsterError(.invalidConfig)` for a `dagster.yaml` with settings, which this
    ///   build cannot apply yet, rather than ignoring them.
    public static func load(home: URL, environment: [String: String]) throws -> InstanceSettings {
        let path = home.appendingPathComponent("dagster.yaml").path
        guard let data = FileManager.default.contents(atPath: path) else { return InstanceSettings() }
        let text = String(decoding: data, as: UTF8.self)
        let value = try RunConfigLoader.parse(text, format: .yaml, source: path)
        if value.isNull || value == .emptyObject { return InstanceSettings() }
        throw DagsterError(
            .invalidConfig,
            "\(path) sets \((value.objectValue?.keys).map { $0.joined(separator: ", ") } ?? "values"), but this build of "
                + "swift-dagster cannot apply dagster.yaml settings yet; remove them to use the defaults")
    }
}
