import OrderedCollections

/// Where a step failure came from.
public enum ErrorSource: String, Sendable, Hashable, Codable {
    /// The op body or other user code threw.
    case userCodeError = "USER_CODE_ERROR"
    /// The framework itself failed.
    case frameworkError = "FRAMEWORK_ERROR"
    /// The step was interrupted (cancellation, signal).
    case interrupt = "INTERRUPT"
    /// The step's process died unexpectedly.
    case unexpectedTermination = "UNEXPECTED_TERMINATION"
}

/// Payload of `STEP_FAILURE` and `STEP_UP_FOR_RETRY`: the error with its cause chain.
public struct StepFailureData: Sendable, Hashable, Codable {
    /// The error, its cause chain included.
    public var error: SerializableError?
    /// Where the error came from.
    public var errorSource: ErrorSource
    /// Seconds until the retry, for `STEP_UP_FOR_RETRY`.
    public var secondsToWait: Double?
    /// Metadata a user `Failure` attached.
    public var metadata: Metadata

    /// Creates the payload.
    public init(
        error: SerializableError?, errorSource: ErrorSource = .userCodeError, secondsToWait: Double? = nil,
        metadata: Metadata = [:]
    ) {
        self.error = error
        self.errorSource = errorSource
        self.secondsToWait = secondsToWait
        self.metadata = metadata
    }
}
