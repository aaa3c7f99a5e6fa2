import DagsterCore

/// One reason a config value is invalid: Dagster's reason and path, and a message that says
/// where the problem is and what to do about it.
public struct ConfigValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, with Dagster's raw name.
    public var reason: ConfigErrorReason
    /// Where the problem is.
    public var location: ConfigPath
    /// What is wrong, without the location, e.g. `expected Int, got string "1"`.
    public var detail: String
    /// The field that is missing or not defined, when there is one.
    public var fieldName: String?
    /// The fields that are missing or not defined, sorted, for the plural reasons.
    public var fieldNames: [String]?
    /// The keys given to a selector, sorted, for `SELECTOR_FIELD_ERROR`.
    public var incomingFields: [String]?
    /// The message word for word as Dagster prints it, path included, e.g. `Invalid scalar at
    /// path root:ops:my_op:config:n. Value "1" of type "<class 'str'>" is not valid for expected
    /// type "Int".` (Python stack traces, which Dagster appends to post-processing errors, left out).
    public var dagsterMessage: String

    /// Creates an error; without `dagsterMessage`, Dagster's text is taken to be `message`.
    public init(
        reason: ConfigErrorReason, location: ConfigPath, detail: String, fieldName: String? = nil,
        fieldNames: [String]? = nil, incomingFields: [String]? = nil, dagsterMessage: String? = nil
    ) {
        self.reason = reason
        self.location = location
        self.detail = detail
        self.fieldName = fieldName
        self.fieldNames = fieldNames
        self.incomingFields = incomingFields
        self.dagsterMessage = dagsterMessage ?? "at \(location.description): \(detail)"
    }

    /// The path as Dagster writes it: `root`, `root:ops:my_op:config:n`, `root:…:items[0]`.
    public var path: String { location.description }

    /// The field names along the path, Dagster's `stack_levels`.
    public var stackLevels: [String] { location.stackLevels }

    /// The full message, naming the path: `at root:ops:my_op:config:n: expected Int, got string "1"`.
    public var message: String { "at \(path): \(detail)" }

    /// The message, naming the path.
    public var description: String { message }
}

/// The outcome of validating a config value: the resolved value or every error found.
public enum ConfigValidationResult: Sendable, Hashable {
    /// The value is valid; this is what the op (or resource, executor, …) sees: defaults filled
    /// in, environment variables read, enum values resolved, integers widened to floats.
    case valid(JSONValue)
    /// The value is invalid, for all these reasons, in Dagster's order.
    case invalid([ConfigValidationError])

    /// Whether the value is valid.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    /// The resolved value, or `nil` when invalid.
    public var value: JSONValue? {
        if case .valid(let value) = self { return value }
        return nil
    }

    /// The errors; empty when valid.
    public var errors: [ConfigValidationError] {
        if case .invalid(let errors) = self { return errors }
        return []
    }

    /// The resolved value.
    /// - Throws: `ConfigValidationErrors` listing every error.
    public func get(subject: String = "config") throws(ConfigValidationErrors) -> JSONValue {
        switch self {
        case .valid(let value): return value
        case .invalid(let errors): throw ConfigValidationErrors(errors, subject: subject)
        }
    }
}
