import OrderedCollections

/// The error every swift-dagster module throws: a code, a message that names the thing and
/// where, an optional underlying cause and the source location that raised it.
public struct DagsterError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the categories Dagster users know.
    public enum Code: String, Sendable, Codable {
        /// A definition (op, graph, job, `Definitions`) is malformed; raised at load time.
        case invalidDefinition = "DagsterInvalidDefinitionError"
        /// Run config or `dagster.yaml` failed validation.
        case invalidConfig = "DagsterInvalidConfigError"
        /// An op or asset selection selects nothing or names something unknown.
        case invalidSubset = "DagsterInvalidSubsetError"
        /// An asset selection string does not parse, in the newer syntax nor in the older one.
        case invalidAssetSelection = "DagsterInvalidAssetSelectionError"
        /// Something asked of the API that cannot hold, e.g. the output of a step that never ran.
        case invariantViolation = "DagsterInvariantViolationError"
        /// User code (op, resource, IO manager, hook, type check) threw.
        case userCodeExecution = "DagsterUserCodeExecutionError"
        /// A value failed its Dagster type check.
        case typeCheck = "DagsterTypeCheckDidNotPass"
        /// A run finished with a failure and `raiseOnError` was set.
        case executionFailure = "DagsterExecutionStepExecutionError"
        /// A resource could not be initialized.
        case resourceInitFailure = "DagsterResourceFunctionError"
        /// A run, step or other object asked for by id does not exist.
        case notFound = "DagsterRunNotFoundError"
        /// A partition key that the partitions definition does not have.
        case unknownPartition = "DagsterUnknownPartitionError"
        /// Input text (JSON, YAML, a selection string) could not be read.
        case invalidInput = "DagsterInvalidInputError"
        /// The user code asked the executor to stop retrying or failed on purpose.
        case failure = "Failure"
        /// A storage (database file, server) could not be opened, read or written.
        case storage = "DagsterStorageError"
        /// A run was interrupted: canceled, or its worker was stopped.
        case interrupted = "DagsterExecutionInterruptedError"
    }

    /// The category of the error.
    public var code: Code
    /// What went wrong and where, e.g. `at ops.load.config.limit: expected Int, got "ten"`.
    public var message: String
    /// The error that caused this one, if any.
    public var cause: (any Error & Sendable)?
    /// The source location that raised the error.
    public var location: SourceLocation

    /// Creates an error; the location defaults to the caller's.
    public init(
        _ code: Code, _ message: String, cause: (any Error & Sendable)? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.cause = cause
        self.location = SourceLocation(file: file, line: line)
    }

    public var description: String {
        guard let cause else { return message }
        return "\(message)\n  caused by: \(cause)"
    }
}

/// A place in source code: file id and line.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The `#fileID` of the file.
    public var file: String
    /// The line number.
    public var line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}
