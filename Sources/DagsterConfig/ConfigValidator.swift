import DagsterCore
import Foundation

/// Validates config values against config fields and resolves them, the way Dagster's
/// `process_config` does: first every structural and type error is collected; only a value
/// with none is resolved (defaults, `{env: VAR}`, enum values, floats).
///
/// ```swift
/// let field = ConfigField(.shape(["limit": ConfigField(.int, defaultValue: 10)]))
/// switch ConfigValidator.validate(["limit": "ten"], against: field, environment: [:]) {
/// case .valid(let config): print(config)      // {"limit": 10} for {}
/// case .invalid(let errors): print(errors[0]) // at root:limit: expected Int, got string "ten".
/// }
/// ```
public enum ConfigValidator {
    /// Validates `value` against `field` and returns the resolved value or every error.
    /// - Parameters:
    ///   - value: the config given, or `nil` when absent: an absent field takes its default,
    ///     an absent optional field without one resolves to `null`.
    ///   - field: the schema.
    ///   - path: where the value sits, for error paths (the root by default).
    ///   - environment: the variables `{env: VAR}` reads; the process environment by default.
    public static func validate(
        _ value: JSONValue?, against field: ConfigField, at path: ConfigPath = .root,
        environment: EnvironmentVariables = .process
    ) -> ConfigValidationResult {
        let given: JSONValue
        if let value {
            given = value
        } else if let fallback = field.effectiveDefault {
            given = fallback
        } else if !field.isRequired {
            return .valid(.null)
        } else {
            given = .null
        }
        return validate(given, against: field.type, at: path, environment: environment)
    }

    /// Validates `value` against `type` and returns the resolved value or every error.
    public static func validate(
        _ value: JSONValue, against type: ConfigType, at path: ConfigPath = .root,
        environment: EnvironmentVariables = .process
    ) -> ConfigValidationResult {
        var checker = ConfigChecker()
        checker.check(value, against: type, at: path)
        guard checker.errors.isEmpty else { return .invalid(checker.errors) }
        var resolver = ConfigResolver(environment: environment)
        let resolved = resolver.resolve(value, as: type, at: path)
        guard resolver.errors.isEmpty else { return .invalid(resolver.errors) }
        return .valid(resolved)
    }

    /// The structural and type errors of `value` against `type`, without resolving it
    /// (Dagster's `validate_config`); empty when the value is well-formed.
    public static func check(_ value: JSONValue, against type: ConfigType, at path: ConfigPath = .root)
        -> [ConfigValidationError]
    {
        var checker = ConfigChecker()
        checker.check(value, against: type, at: path)
        return checker.errors
    }
}
