import DagsterCore

/// A validated run config with every default filled in and every `{env: VAR}` read, and
/// accessors for the parts the engine hands out.
public struct ResolvedRunConfig: Sendable, Hashable {
    /// The whole resolved document (`ops`, `resources`, `execution`, `loggers`).
    public let value: JSONValue

    /// Wraps a resolved document.
    public init(value: JSONValue) {
        self.value = value
    }

    /// The resolved `ops:` entry of a node, given its path from the top (`["graph", "op"]`).
    public func nodeEntry(forNodePath path: [String]) -> JSONValue? {
        guard var entry = value["ops"], !path.isEmpty else { return nil }
        for (index, name) in path.enumerated() {
            guard let next = entry[name] else { return nil }
            entry = next
            if index < path.count - 1 {
                guard let children = entry["ops"] else { return nil }
                entry = children
            }
        }
        return entry
    }

    /// The config an op (or a config-mapped graph) sees, or `nil` when none was given and its
    /// schema has no default.
    public func opConfig(forNodePath path: [String]) -> JSONValue? {
        nodeEntry(forNodePath: path)?["config"]
    }

    /// The inputs of a node given in config (`ops.<op>.inputs`), input name → value.
    public func inputs(forNodePath path: [String]) -> OrderedDictionary<String, JSONValue> {
        nodeEntry(forNodePath: path)?["inputs"]?.objectValue ?? [:]
    }

    /// The per-output config of a node (`ops.<op>.outputs`), output name → value.
    public func outputs(forNodePath path: [String]) -> OrderedDictionary<String, JSONValue> {
        nodeEntry(forNodePath: path)?["outputs"]?.objectValue ?? [:]
    }

    /// The config of a resource, or `nil` when none was given and its schema has no default.
    public func resourceConfig(_ key: String) -> JSONValue? {
        value["resources"]?[key]?["config"]
    }

    /// The executor's config (`execution.config`).
    public var executionConfig: JSONValue? {
        value["execution"]?["config"]
    }

    /// The configured loggers, logger name → its config (only loggers given in the run config).
    public var loggersConfig: OrderedDictionary<String, JSONValue> {
        var result = OrderedDictionary<String, JSONValue>()
        for (name, entry) in value["loggers"]?.objectValue ?? [:] {
            result[name] = entry["config"] ?? .null
        }
        return result
    }

    /// The config of one logger, or `nil` when it is not configured.
    public func loggerConfig(_ name: String) -> JSONValue? {
        value["loggers"]?[name]?["config"]
    }
}
