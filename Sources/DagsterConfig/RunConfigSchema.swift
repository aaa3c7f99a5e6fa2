import DagsterCore
import Foundation

/// The schema of a job's whole run config, with Dagster's top-level keys:
///
/// ```yaml
/// ops:        # one entry per node: {config, inputs?, outputs?}; graphs nest `ops:`
///   fetch: {config: {limit: 10}}
/// resources:  # {key: {config: …}}
///   api: {config: {url: {env: API_URL}}}
/// execution:  # {config: executor config}
///   config: {in_process: {}}
/// loggers:    # {name: {config: …}}
///   console: {config: {log_level: DEBUG}}
/// ```
///
/// Each section is required only when something inside it is: `ops` when some op's config is
/// required, `resources` when some required resource's config is. An op without a config
/// schema accepts any optional `config`, so `plain_op: {}` is valid.
///
/// ```swift
/// let schema = try RunConfigSchema(
///     nodes: [.op(name: "fetch", config: ConfigField(.shape(["limit": ConfigField(.int)])))],
///     resources: ["io_manager": nil])
/// switch schema.validate(runConfig: ["ops": ["fetch": ["config": ["limit": 10]]]]) {
/// case .success(let resolved): print(resolved.opConfig(forNodePath: ["fetch"])!)  // {"limit":10}
/// case .failure(let errors): print(errors.message)
/// }
/// ```
public struct RunConfigSchema: Sendable, Hashable {
    /// The field describing the whole run config document.
    public let rootField: ConfigField

    /// Builds the run-config schema of a job.
    /// - Parameters:
    ///   - nodes: the top-level nodes of the job's graph.
    ///   - resources: resource key → its config field (`nil`: no schema, any optional config).
    ///   - requiredResourceKeys: the resources the job's ops and IO managers need; the config
    ///     sections of the others are optional. `nil` treats every resource as required.
    ///   - executor: the executor's config field (`nil`: no schema, any optional config);
    ///     Dagster's default `multi_or_in_process_executor` unless given.
    ///   - loggers: logger name → its config field (`nil`: any optional config); each logger's
    ///     section is optional. The console logger unless given.
    /// - Throws: `DagsterError` `.invalidDefinition` for sibling nodes with the same name, and
    ///   whatever `ConfigField.validateDefinition()` finds wrong in a schema.
    public init(
        nodes: [OpConfigNode],
        resources: OrderedDictionary<String, ConfigField?> = [:],
        requiredResourceKeys: Set<String>? = nil,
        executor: ConfigField? = StandardConfigSchemas.multiOrInProcessExecutor,
        loggers: OrderedDictionary<String, ConfigField?> = ["console": StandardConfigSchemas.consoleLogger]
    ) throws(DagsterError) {
        var resourceFields = OrderedDictionary<String, ConfigField>()
        for (key, field) in resources {
            let required = requiredResourceKeys?.contains(key) ?? true
            resourceFields[key] = ConfigField(
                .shape(["config": field ?? .anyOptional]), isRequired: required ? nil : false)
        }
        var loggerFields = OrderedDictionary<String, ConfigField>()
        for (name, field) in loggers {
            loggerFields[name] = ConfigField(.shape(["config": field ?? .anyOptional]), isRequired: false)
        }
        let root = ConfigField(.shape([
            "execution": ConfigField(
                .shape(["config": executor ?? .anyOptional]),
                description: "Configure how steps are executed within a run."),
            "loggers": ConfigField(
                .shape(loggerFields), description: "Configure how loggers emit messages within a run."),
            "resources": ConfigField(
                .shape(resourceFields), description: "Configure how shared resources are implemented within a run."),
            "ops": ConfigField(
                .shape(try Self.nodeFields(nodes, in: [])),
                description: "Configure runtime parameters for ops or assets."),
        ]))
        try root.validateDefinition()
        self.rootField = root
    }

    /// Wraps an already built root field (e.g. one read back from a snapshot).
    public init(rootField: ConfigField) {
        self.rootField = rootField
    }

    /// The whole schema in Dagster's notation, e.g. `{ execution?: … ops: { fetch: … } … }`.
    public var typeDescription: String { rootField.type.typeDescription }

    /// Validates a run config document and resolves it.
    /// - Parameters:
    ///   - runConfig: the document (`null` is read as `{}`).
    ///   - environment: the variables `{env: VAR}` reads; the process environment by default.
    /// - Returns: the resolved config, or every error in Dagster's order.
    public func validate(
        runConfig: JSONValue, environment: EnvironmentVariables = .process
    ) -> Result<ResolvedRunConfig, ConfigValidationErrors> {
        let document = runConfig.isNull ? JSONValue.emptyObject : runConfig
        switch ConfigValidator.validate(document, against: rootField.type, environment: environment) {
        case .valid(let value): return .success(ResolvedRunConfig(value: value))
        case .invalid(let errors): return .failure(ConfigValidationErrors(errors, subject: "run config"))
        }
    }

    /// Validates a run config document and resolves it.
    /// - Throws: `DagsterError` `.invalidConfig` listing every error (its cause is the
    ///   `ConfigValidationErrors`).
    public func resolve(
        runConfig: JSONValue, environment: EnvironmentVariables = .process
    ) throws(DagsterError) -> ResolvedRunConfig {
        switch validate(runConfig: runConfig, environment: environment) {
        case .success(let resolved): return resolved
        case .failure(let errors): throw errors.dagsterError
        }
    }

    private static func nodeFields(_ nodes: [OpConfigNode], in parent: [String]) throws(DagsterError)
        -> OrderedDictionary<String, ConfigField>
    {
        var fields = OrderedDictionary<String, ConfigField>()
        for node in nodes {
            guard fields[node.name] == nil else {
                let place = parent.isEmpty ? "the job" : "graph \(parent.joined(separator: "."))"
                throw DagsterError(
                    .invalidDefinition, "Two nodes of \(place) are named \"\(node.name)\"; node names must be unique.")
            }
            fields[node.name] = try nodeField(node, in: parent)
        }
        return fields
    }

    private static func nodeField(_ node: OpConfigNode, in parent: [String]) throws(DagsterError) -> ConfigField {
        var fields = OrderedDictionary<String, ConfigField>()
        switch node {
        case .op(_, let config, let inputs, let outputs):
            if !inputs.isEmpty {
                fields["inputs"] = ConfigField(.shape(inputs.mapValues { ConfigField($0, isRequired: true) }))
            }
            if !outputs.isEmpty {
                fields["outputs"] = ConfigField(.shape(outputs.mapValues { ConfigField($0) }))
            }
            fields["config"] = config ?? .anyOptional
        case .graph(let name, let config, let children):
            if let config {
                fields["config"] = config
            } else {
                fields["ops"] = ConfigField(.shape(try nodeFields(children, in: parent + [name])))
            }
        }
        return ConfigField(.shape(fields))
    }
}
