import DagsterCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads run config from YAML or JSON text and files, the way `dagster job execute -c a.yaml
/// -c b.yaml` does: each file is read, then they are deep-merged in order, later files winning.
///
/// YAML is read with YAML 1.1 rules as PyYAML (Dagster's loader) reads it: `yes`/`on` are
/// booleans, `1e3` is a string but `1.0e+3` a float, `017` is octal; quoted scalars are always
/// strings, anchors, aliases and `<<` merge keys work. Timestamps stay strings. Key order is kept.
///
/// ```swift
/// let runConfig = try RunConfigLoader.load(paths: ["base.yaml", "prod.yaml"])
/// let resolved = try schema.resolve(runConfig: runConfig)
/// ```
public enum RunConfigLoader {
    /// The syntax of run config text.
    public enum Format: Sendable, Hashable {
        /// YAML (JSON is valid YAML too).
        case yaml
        /// JSON, read with `JSONParser`.
        case json

        /// `.json` for paths ending in `.json`, `.yaml` otherwise.
        public init(path: String) {
            self = path.lowercased().hasSuffix(".json") ? .json : .yaml
        }
    }

    /// Parses one document. An empty YAML document is `{}`.
    /// - Parameters:
    ///   - text: the document.
    ///   - format: its syntax.
    ///   - source: a name for messages, e.g. the file path.
    /// - Throws: `DagsterError` `.invalidInput` naming the source, line and column.
    public static func parse(_ text: String, format: Format = .yaml, source: String = "<run config>") throws(DagsterError)
        -> JSONValue
    {
        switch format {
        case .json:
            do {
                return try JSONParser.parse(text)
            } catch {
                throw DagsterError(.invalidInput, "\(source): \(jsonLocation(of: error, in: text))", cause: error)
            }
        case .yaml:
            return try YAMLReader.read(text, source: source)
        }
    }

    /// Reads one run config file; its top level must be a mapping (an empty file is `{}`).
    /// - Throws: `DagsterError` `.invalidInput` naming the file (and line, for syntax errors).
    public static func load(path: String) throws(DagsterError) -> JSONValue {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DagsterError(.invalidInput, "\(path): cannot read the run config file: \(error.localizedDescription)")
        }
        let value = try parse(text, format: Format(path: path), source: path)
        switch value {
        case .object: return value
        case .null: return .emptyObject
        default:
            throw DagsterError(
                .invalidInput, "\(path): run config must be a mapping at the top level, got \(value.configSummary)")
        }
    }

    /// Reads several run config files and deep-merges them in order (later files win).
    ///
    /// A path with `*`, `?` or `[` is a glob pattern, expanded in sorted order as Dagster's
    /// `-c 'configs/*.yaml'` is; unlike Dagster, a pattern that matches nothing is an error.
    public static func load(paths: [String]) throws(DagsterError) -> JSONValue {
        var merged = JSONValue.emptyObject
        for pattern in paths {
            for path in try expand(pattern) {
                merged = merge(merged, try load(path: path))
            }
        }
        return merged
    }

    /// The files a path or glob pattern names.
    static func expand(_ pattern: String) throws(DagsterError) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else {
            throw DagsterError(.invalidInput, "\(pattern): no run config file matches this pattern")
        }
        return (0..<Int(matches.gl_pathc)).compactMap { index in
            matches.gl_pathv[index].flatMap { String(validatingCString: $0) }
        }
    }

    /// Deep-merges `overlay` into `base`: objects merge key by key recursively (new keys are
    /// appended in the overlay's order); anything else in `overlay` replaces what is in `base`.
    public static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        base.deepMerged(with: overlay)
    }

    /// `line 3, column 7: expected , or }` from a `JSONParser` error's byte offset.
    private static func jsonLocation(of error: any Error, in text: String) -> String {
        let message = (error as? DagsterError)?.message ?? "\(error)"
        guard let range = message.range(of: "at offset "),
            let offset = Int(message[range.upperBound...].prefix(while: \.isNumber))
        else { return message }
        var line = 1
        var column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        let parts = message.split(separator: ":", maxSplits: 1)
        let what = parts.count == 2 ? String(parts[1]).trimmingWhitespace : message
        return "invalid JSON at line \(line), column \(column): \(what)"
    }
}
