import DagsterCore

/// The outcome of a type check: success or failure, with an explanation and metadata.
public struct TypeCheck: Sendable, Hashable {
    /// Whether the value is acceptable.
    public var success: Bool
    /// Why it passed or failed.
    public var description: String?
    /// Supporting metadata (e.g. row counts).
    public var metadata: Metadata

    /// Creates a type-check result.
    public init(success: Bool, description: String? = nil, metadata: Metadata = [:]) {
        self.success = success
        self.description = description
        self.metadata = metadata
    }

    /// A passing check.
    public static let passed = TypeCheck(success: true)
}

/// A Dagster type: a name and a check that runs on every input and output value of that type.
///
/// ```swift
/// let positive = DagsterType(name: "PositiveInt") { (value: Int) in
///     TypeCheck(success: value > 0, description: value > 0 ? nil : "\(value) is not positive")
/// }
/// let double = Op("double", ins: "n", inputTypes: [positive]) { (ctx: OpContext, n: Int) in n * 2 }
/// ```
public struct DagsterType: Sendable {
    /// The type's display name.
    public let name: String
    /// A human description.
    public let description: String?
    /// Whether this is the `Nothing` type (ordering only, no value).
    public let isNothing: Bool
    private let check: @Sendable (any Sendable) throws -> TypeCheck

    /// A type with a check over values of Swift type `T`; a value of another Swift type fails.
    public init<T>(name: String, description: String? = nil, check: @escaping @Sendable (T) throws -> TypeCheck) {
        self.name = name
        self.description = description
        self.isNothing = false
        self.check = { value in
            guard let typed = value as? T else {
                return TypeCheck(
                    success: false,
                    description: "Value of Swift type \(type(of: value)) is not a \(T.self) as \(name) requires.")
            }
            return try check(typed)
        }
    }

    private init(name: String, isNothing: Bool, check: @escaping @Sendable (any Sendable) throws -> TypeCheck) {
        self.name = name
        self.description = nil
        self.isNothing = isNothing
        self.check = check
    }

    /// Runs the check on a value. User code errors propagate to the caller's error boundary.
    public func typeCheck(_ value: any Sendable) throws -> TypeCheck { try check(value) }

    /// The `Any` type: every value passes.
    public static let any = DagsterType(name: "Any", isNothing: false) { _ in .passed }

    /// The `Nothing` type: ordering-only dependencies and outputs without a value.
    public static let nothing = DagsterType(name: "Nothing", isNothing: true) { _ in .passed }

    /// The default type of an input or output of Swift type `valueType`: named after it; every
    /// value passes (the Swift type is already checked by the compiler and the engine).
    public init(valueType: ValueType) {
        self = valueType.isNothing ? .nothing : DagsterType(name: valueType.name, isNothing: false) { _ in .passed }
    }
}
