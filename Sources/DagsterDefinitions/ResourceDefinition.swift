import DagsterConfig
import DagsterCore

/// A resource: something ops share during a run (a client, a connection, an IO manager),
/// with config, an initializer, an optional teardown, and resources it depends on.
///
/// ```swift
/// struct WarehouseConfig: Config { var url: String }
/// let warehouse = ResourceDefinition(config: WarehouseConfig.self) { ctx, config in
///     Warehouse(url: config.url)
/// } teardown: { warehouse in await warehouse.close() }
/// ```
public struct ResourceDefinition: Sendable {
    /// The config schema, `nil` when the resource takes no config.
    public let configField: ConfigField?
    /// Keys of resources this one needs initialized first.
    public let requiredResourceKeys: Set<String>
    /// A human description.
    public let description: String?
    /// Whether what the resource stores lives only in the process that runs it (an in-memory IO
    /// manager): such outputs cannot be read by step workers or by re-executions.
    public private(set) var isProcessLocal = false
    let setUp: @Sendable (InitResourceContext) async throws -> any Sendable
    let tearDown: (@Sendable (any Sendable) async throws -> Void)?

    /// A resource built from untyped config.
    public init<R: Sendable>(
        configField: ConfigField? = nil, requiredResources: Set<String> = [], description: String? = nil,
        setUp: @escaping @Sendable (InitResourceContext) async throws -> R,
        teardown: (@Sendable (R) async throws -> Void)? = nil
    ) {
        self.configField = configField
        self.requiredResourceKeys = requiredResources
        self.description = description
        self.setUp = { context in try await setUp(context) }
        if let teardown {
            self.tearDown = { @Sendable (value: any Sendable) async throws in
                if let typed = value as? R { try await teardown(typed) }
            }
        } else {
            self.tearDown = nil
        }
    }

    /// A resource configured by a typed `Config`.
    public init<C: Config, R: Sendable>(
        config: C.Type, requiredResources: Set<String> = [], description: String? = nil,
        setUp: @escaping @Sendable (InitResourceContext, C) async throws -> R,
        teardown: (@Sendable (R) async throws -> Void)? = nil
    ) {
        self.init(
            configField: C.configSchema, requiredResources: requiredResources, description: description,
            setUp: { context in
                let config = try JSONValueDecoder().decode(C.self, from: context.resourceConfig)
                return try await setUp(context, config)
            }, teardown: teardown)
    }

    /// A resource that is a ready-made value, without config.
    public static func value<R: Sendable>(_ value: R, description: String? = nil) -> ResourceDefinition {
        ResourceDefinition(description: description, setUp: { _ in value })
    }

    /// The same resource, marked as keeping what it stores in the memory of its process.
    public func processLocal() -> ResourceDefinition {
        var copy = self
        copy.isProcessLocal = true
        return copy
    }

    /// Initializes the resource. Called by the engine inside its error boundary.
    public func initialize(_ context: InitResourceContext) async throws -> any Sendable {
        try await setUp(context)
    }

    /// Tears the resource down after the run; does nothing without a teardown.
    public func teardown(_ value: any Sendable) async throws {
        try await tearDown?(value)
    }
}
