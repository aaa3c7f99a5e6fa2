import Dagster
import Foundation

/// Finds the instance the CLI works on: `$DAGSTER_HOME`, or `./.dagster_home` when it is
/// unset (said once on stderr, so users know where their runs go).
enum InstanceLocator {
    /// The home folder and whether it was the fallback.
    static func home() -> (url: URL, isFallback: Bool) {
        if let path = DagsterCLI.environment["DAGSTER_HOME"], !path.isEmpty {
            return (URL(fileURLWithPath: path).standardizedFileURL, false)
        }
        return (URL(fileURLWithPath: ".dagster_home").standardizedFileURL, true)
    }

    /// Opens the persistent instance, reading `dagster.yaml`.
    /// - Throws: `DagsterError` with the configuration or storage problem.
    static func open() throws -> DagsterInstance {
        let (home, isFallback) = home()
        if isFallback {
            FileHandle.standardError.write(
                Data("DAGSTER_HOME is not set: runs are recorded in \(home.path). Set DAGSTER_HOME to keep them elsewhere.\n".utf8))
        }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return try DagsterInstance.open(home: home, settings: try settings(home: home))
    }

    /// The settings in `home/dagster.yaml`.
    /// - Throws: `DagsterError` whose message starts with the file's path when its (Dagster's)
    ///   wording does not name it.
    static func settings(home: URL) throws -> InstanceSettings {
        try InstanceConfigLoader.loadNamingTheFile(home: home, environment: DagsterCLI.environment)
    }
}
