import OrderedCollections

/// Payload of `LOGS_CAPTURED`: where the stdout/stderr of some steps are captured.
public struct LogsCapturedData: Sendable, Hashable, Codable {
    /// The key under which the compute logs are stored.
    public var fileKey: String
    /// The steps whose output is captured there.
    public var stepKeys: [StepKey]
    /// Local paths of the captured stdout and stderr, when stored on disk.
    public var stdoutPath: String?
    public var stderrPath: String?

    /// Creates the payload.
    public init(fileKey: String, stepKeys: [StepKey], stdoutPath: String? = nil, stderrPath: String? = nil) {
        self.fileKey = fileKey
        self.stepKeys = stepKeys
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }
}
