import DagsterCore

/// Every error found validating a config document, with a message listing them all.
///
/// ```
/// Invalid run config: 2 errors
///   1. at root:ops:fetch:config: missing required config entry "limit" …
///   2. at root:resources:api:config:url: expected String, got int 5 …
/// ```
public struct ConfigValidationErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errors, in Dagster's order.
    public var errors: [ConfigValidationError]
    /// What was validated, for the headline: `run config`, `config`, `default value of …`.
    public var subject: String

    /// Creates the error list.
    public init(_ errors: [ConfigValidationError], subject: String = "run config") {
        self.errors = errors
        self.subject = subject
    }

    /// The headline and one numbered line per error.
    public var message: String {
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        var text = "Invalid \(subject): \(count)"
        for (index, error) in errors.enumerated() {
            text += "\n  \(index + 1). \(error.message)"
        }
        return text
    }

    /// The headline and every error.
    public var description: String { message }

    /// The errors listed the way Dagster's `DagsterInvalidConfigError` lists them, after a
    /// first line of the caller's choosing:
    ///
    /// ```
    /// Errors whilst loading dagster instance config at dagster.yaml.
    ///     Error 1: Invalid scalar at path root:telemetry:enabled. Value "yes" of type …
    /// ```
    public func dagsterMessage(preamble: String) -> String {
        var text = preamble
        for (index, error) in errors.enumerated() {
            text += "\n    Error \(index + 1): \(error.dagsterMessage)"
        }
        return text
    }

    /// The same errors as a `DagsterError` with code `.invalidConfig` (Dagster's
    /// `DagsterInvalidConfigError`); this value is its cause.
    public var dagsterError: DagsterError {
        DagsterError(.invalidConfig, message, cause: self)
    }
}
