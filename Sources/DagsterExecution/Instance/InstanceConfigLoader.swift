import DagsterConfig
import DagsterCore
import Foundation

/// Reads `$DAGSTER_HOME/dagster.yaml` into `InstanceSettings`, accepting and rejecting exactly
/// what Dagster 1.13 does, with Dagster's messages wherever it has one.
///
/// The file is checked in Dagster's order:
/// 1. YAML: the text must parse, to a mapping (an empty or comment-only file is all defaults).
/// 2. The keys that must not go together: `run_queue` with `run_coordinator`; `storage` with the
///    legacy `run_storage`/`event_log_storage`/`schedule_storage`; `storage` must pick exactly
///    one kind; `concurrency` limits in range and not duplicated by `run_queue`.
/// 3. The whole file against `InstanceConfigSchema` (`Errors whilst loading dagster instance
///    config at dagster.yaml.` and Dagster's numbered errors).
/// 4. Each class named (`run_coordinator`, `compute_logs`, …) must be one swift-dagster
///    implements (`InstanceClass.supported`), and its `config` must fit that class's schema;
///    `{env: VAR}` values are read from `environment` here.
///
/// ```swift
/// let home = URL(fileURLWithPath: ProcessInfo.processInfo.environment["DAGSTER_HOME"] ?? ".")
/// let settings = try InstanceConfigLoader.load(home: home, environment: ProcessInfo.processInfo.environment)
/// if case .queued(let queue) = settings.runCoordinator {
///     print("at most \(queue.maxConcurrentRuns.map(String.init) ?? "any number of") runs at once")
/// }
/// ```
public enum InstanceConfigLoader {
    /// The name of the settings file in `DAGSTER_HOME`.
    public static let fileName = "dagster.yaml"

    /// Reads `home/dagster.yaml`; a home without the file gets the defaults.
    /// - Parameters:
    ///   - home: the instance's home folder (`DAGSTER_HOME`); it must exist.
    ///   - environment: the variables `{env: VAR}` values are read from.
    /// - Throws: `DagsterError` `.invalidConfig` saying what is wrong, in Dagster's words where
    ///   Dagster has some; those name the file only where Dagster's do (`loadNamingTheFile`
    ///   puts the path in front of the others).
    public static func load(home: URL, environment: [String: String]) throws -> InstanceSettings {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: home.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DagsterError(
            .invalidConfig,
                "$DAGSTER_HOME \"\(home.path)\" is not a directory or does not exist. Dagster requires this "
                    + "environment variable to be set to an existing directory in your filesystem")
        }
        let file = home.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return InstanceSettings() }
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw DagsterError(
                .invalidConfig, "Cannot read the instance config file \(file.path): \(error.localizedDescription)",
                cause: error)
        }
        return try parse(text, path: file.path, environment: environment)
    }

    /// `load(home:environment:)` for a person reading the message: an error whose wording does
    /// not name the file's path (Dagster's `Found config for `run_queue` which is incompatible …`)
    /// gets it in front, `/home/dagster.yaml: Found config for …`, Dagster's words unchanged
    /// after it. The CLI reads `dagster.yaml` with this.
    /// - Throws: what `load(home:environment:)` throws, the file's path first in the message.
    public static func loadNamingTheFile(home: URL, environment: [String: String]) throws -> InstanceSettings {
        do {
            return try load(home: home, environment: environment)
        } catch var error as DagsterError {
            let file = home.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: file), !error.message.contains(file) {
                error.message = "\(file): \(error.message)"
            }
            throw error
        }
    }

    /// Reads the text of a `dagster.yaml`.
    /// - Parameters:
    ///   - yamlText: the file's text; empty or only comments for all defaults.
    ///   - path: where the text comes from, for messages.
    ///   - environment: the variables `{env: VAR}` values are read from.
    /// - Throws: `DagsterError` `.invalidConfig` naming the file and what is wrong in it.
    public static func parse(_ yamlText: String, path: String, environment: [String: String]) throws -> InstanceSettings {
        let document = try readDocument(yamlText, path: path)
        let reader = InstanceConfigReader(document: document, path: path, environment: environment)
        try reader.checkInstanceClass()
        try reader.checkCombinations()
        try reader.checkSchema()
        return try reader.settings()
    }

    /// The YAML stage: the top-level mapping. Like Dagster, a document that is empty, `null` or
    /// another falsy value (`false`, `0`, `""`, `[]`) means no settings.
    static func readDocument(_ text: String, path: String) throws -> OrderedDictionary<String, JSONValue> {
        let value: JSONValue
        do {
            value = try RunConfigLoader.parse(text, format: .yaml, source: path)
        } catch {
            throw DagsterError(.invalidConfig, error.message, cause: error)
        }
        if case .object(let members) = value { return members }
        guard InstanceConfigReader.isTruthy(value) else { return [:] }
        throw DagsterError(
            .invalidConfig,
            "Expected YAML from file \(path) to parse to dictionary, instead got: \"\(PythonText.str(value))\". "
                + "dagster.yaml holds a mapping of settings, e.g. `storage:` or `run_coordinator:` at the top level.")
    }
}

/// One `dagster.yaml` being checked and turned into settings.
struct InstanceConfigReader {
    /// The top-level mapping.
    let document: OrderedDictionary<String, JSONValue>
    /// The file, for messages.
    let path: String
    /// Where `{env: VAR}` values come from.
    let environment: [String: String]

    /// The file name, as Dagster names the file in its messages.
    var fileName: String { URL(fileURLWithPath: path).lastPathComponent }

    /// A top-level value, `nil` when absent.
    subscript(key: String) -> JSONValue? { document[key] }

    /// Whether a top-level key is given with a value Python counts as true (Dagster's
    /// `config_value.get(key)` test): not `null`, `false`, `0`, empty.
    func isGiven(_ key: String) -> Bool {
        document[key].map(Self.isTruthy) ?? false
    }
}
