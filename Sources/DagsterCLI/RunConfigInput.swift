import Dagster

/// Reads the run config and tags given on the command line.
enum RunConfigInput {
    /// The files merged in order, then `--config-json` over them.
    static func load(files: [String], json: String?) throws -> JSONValue {
        var config = try RunConfigLoader.load(paths: files)
        if let json {
            config = config.deepMerged(with: try RunConfigLoader.parse(json, format: .json, source: "--config-json"))
        }
        return config
    }

    /// `--tags` as a JSON object of strings.
    static func tags(_ json: String?) throws -> [String: String] {
        guard let json else { return [:] }
        let value: JSONValue
        do { value = try JSONParser.parse(json) } catch { throw CLIError("--tags: \((error as? DagsterError)?.message ?? "\(error)")") }
        guard let members = value.objectValue else { throw CLIError("--tags must be a JSON object, e.g. '{\"team\": \"data\"}'") }
        var tags: [String: String] = [:]
        for (key, tagValue) in members {
            guard let text = tagValue.stringValue else { throw CLIError("--tags: the value of '\(key)' must be a string") }
            tags[key] = text
        }
        return tags
    }
}
