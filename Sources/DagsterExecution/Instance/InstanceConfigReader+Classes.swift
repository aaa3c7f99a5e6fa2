import DagsterConfig
import DagsterCore

/// Loading the classes `dagster.yaml` names: which one a `{module, class}` block means, and its
/// `config` checked against the class's schema with `{env: VAR}` values read (Dagster's
/// `ConfigurableClassData.rehydrate`).
extension InstanceConfigReader {
    /// The supported class a `{module, class, config}` block at `key` names.
    /// - Throws: `DagsterError` `.invalidConfig` naming the key, the class and the classes
    ///   swift-dagster supports there.
    func resolveClass(at key: String, block: JSONValue) throws -> InstanceClass {
        let (module, className) = Self.names(in: block)
        let supported = InstanceClass.supported[key] ?? []
        if let match = supported.first(where: { $0.name == className && $0.isFound(inModule: module) }) {
            return match
        }
        throw unsupportedClass(at: key, module: module, className: className, supported: supported)
    }

    /// Refuses the class a `{module, class}` block names at a key that only takes Python classes
    /// (`instance_class`, `secrets.custom`, `defs_state_storage`, `storage.custom`: swift-dagster
    /// implements none there, and cannot import Python).
    /// - Throws: always: `DagsterError` `.invalidConfig` in Dagster's words for a class it cannot
    ///   import, naming the key and the file, and what to remove.
    func rejectPythonOnlyClass(at key: String, block: JSONValue) throws -> Never {
        let (module, className) = Self.names(in: block)
        throw unsupportedClass(at: key, module: module, className: className, supported: [])
    }

    /// The `module` and `class` a block names (empty when missing).
    private static func names(in block: JSONValue) -> (module: String, className: String) {
        (block["module"]?.stringValue ?? "", block["class"]?.stringValue ?? "")
    }

    /// The `config` of a class, validated against its schema and resolved (defaults filled in,
    /// environment variables read). A missing `config` is `{}`.
    /// - Parameter location: where the config sits in the file, for the message, e.g. `run_coordinator.config`.
    func classConfig(_ instanceClass: InstanceClass, config: JSONValue?, at location: String) throws -> JSONValue {
        let given = config.flatMap { $0.isNull ? nil : $0 } ?? .emptyObject
        switch ConfigValidator.validate(given, against: ConfigField(instanceClass.schema), environment: EnvironmentVariables(environment)) {
        case .valid(let resolved):
            return resolved
        case .invalid(let errors):
            throw invalid(
                errors,
                preamble: "Errors whilst loading configuration for \(instanceClass.name) (`\(location)` in \(path)).")
        }
    }

    /// A class swift-dagster cannot load, said the way Dagster says a Python class cannot be
    /// found, then what would work instead.
    private func unsupportedClass(
        at key: String, module: String, className: String, supported: [InstanceClass]
    ) -> DagsterError {
        let importedModule = InstanceClass.privateModuleName(module)
        let qualified = "\(importedModule).\(className)"
        let known = InstanceClass.supported.values.flatMap { $0 }
        var text: String
        if known.contains(where: { $0.name == className && $0.isFound(inModule: module) }) {
            text = "The configurable class \(qualified) cannot be used for `\(key)`"
        } else if known.contains(where: { $0.isFound(inModule: module) }) {
            text = "Couldn't find class \(className) in module \(importedModule) when attempting to load the configurable class \(qualified)"
        } else {
            text = "Couldn't import module \(importedModule) when attempting to load the configurable class \(qualified)"
        }
        text += " (`\(key)` in \(path)). swift-dagster cannot import Python modules"
        if supported.isEmpty {
            let topLevel = key.split(separator: ".").first.map(String.init) ?? key
            text += " and implements no class for `\(key)`; remove `\(topLevel)` from \(fileName)."
        } else {
            let choices = supported.filter { !InstanceClass.aliases.contains($0.name) }
                .map { "\($0.name) (module: \($0.documentedModule))" }
            text += "; for `\(key)` it implements " + choices.joined(separator: ", ") + "."
        }
        return DagsterError(.invalidConfig, text)
    }
}
