/// Why a config value failed validation, with Dagster's raw names
/// (`DagsterEvaluationErrorReason`).
public enum ConfigErrorReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// A required field of a shape is missing.
    case missingRequiredField = "MISSING_REQUIRED_FIELD"
    /// Several required fields of a shape are missing.
    case missingRequiredFields = "MISSING_REQUIRED_FIELDS"
    /// A key that the shape or selector does not define.
    case fieldNotDefined = "FIELD_NOT_DEFINED"
    /// Several keys that the shape does not define.
    case fieldsNotDefined = "FIELDS_NOT_DEFINED"
    /// The value has the wrong type (or is `null` where that is not allowed).
    case runtimeTypeMismatch = "RUNTIME_TYPE_MISMATCH"
    /// A selector got no field or more than one.
    case selectorFieldError = "SELECTOR_FIELD_ERROR"
    /// The value was valid but could not be resolved, e.g. an unset environment variable.
    case failedPostProcessing = "FAILED_POST_PROCESSING"
}
