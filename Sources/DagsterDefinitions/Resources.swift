import DagsterCore

/// The initialized resources a step may use, by key.
public struct Resources: Sendable {
    private let values: [String: any Sendable]

    /// Wraps initialized resource values.
    public init(_ values: [String: any Sendable]) { self.values = values }

    /// The keys present.
    public var keys: [String] { values.keys.sorted() }

    /// The resource under `key`, as `R`.
    /// - Throws: `DagsterError(.invariantViolation)` when the key is missing or holds another type,
    ///   naming the key and both types.
    public func get<R>(_ key: String, as type: R.Type = R.self) throws -> R {
        guard let value = values[key] else {
            throw DagsterError(
                .invariantViolation,
                "resource '\(key)' is not available here; available: \(keys.joined(separator: ", ")). "
                    + "Add '\(key)' to the op's requiredResources and bind it on the job or Definitions.")
        }
        guard let typed = value as? R else {
            throw DagsterError(.invariantViolation, "resource '\(key)' is a \(Swift.type(of: value)), not a \(R.self)")
        }
        return typed
    }

    /// The raw value under `key`.
    public subscript(key: String) -> (any Sendable)? { values[key] }
}

/// The context a resource is initialized with: its config and the resources it depends on.
public struct InitResourceContext: Sendable {
    /// The resource's key in the job.
    public let resourceKey: String
    /// The resolved config of the resource.
    public let resourceConfig: JSONValue
    /// Initialized resources this one requires.
    public let resources: Resources
    /// The run, when initialized for a run.
    public let runID: RunID?
    /// A logger of the run.
    public let log: DagsterLogger?

    /// Creates a context.
    public init(
        resourceKey: String, resourceConfig: JSONValue, resources: Resources, runID: RunID?, log: DagsterLogger?
    ) {
        self.resourceKey = resourceKey
        self.resourceConfig = resourceConfig
        self.resources = resources
        self.runID = runID
        self.log = log
    }
}
