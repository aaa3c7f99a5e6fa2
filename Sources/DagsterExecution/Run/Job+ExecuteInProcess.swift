import DagsterConfig
import DagsterCore
import DagsterDefinitions

extension Job {
    /// Executes the job in this process (steps run one at a time, outputs kept in memory) and
    /// returns the result: success, events and output values. Dagster's `execute_in_process`.
    ///
    /// ```swift
    /// let result = try await etl.executeInProcess(runConfig: ["ops": ["fetch": ["config": ["limit": 10]]]])
    /// #expect(result.success)
    /// let total: Double = try result.output(forNode: "total")
    /// ```
    /// - Parameters:
    ///   - instance: where the run is recorded; an ephemeral instance by default.
    ///   - opSelection: op selection queries (`*op`, `op+`); empty runs everything.
    ///   - partitionKey: the partition of a partitioned job (its run config comes from the
    ///     job's partitioned config) or of the partitioned assets the job materializes.
    ///   - raiseOnError: throw the first step failure instead of returning a failed result.
    /// - Throws: `DagsterError(.invalidConfig)` listing every config error before anything
    ///   runs; `.executionFailure` when the run fails and `raiseOnError` is set.
    public func executeInProcess(
        runConfig: JSONValue = .emptyObject, instance: DagsterInstance? = nil, opSelection: [String] = [],
        tags: [String: String] = [:], inputValues: [String: any Sendable] = [:], partitionKey: String? = nil,
        raiseOnError: Bool = true
    ) async throws -> ExecuteInProcessResult {
        var runTags = tags
        if let partitionKey { runTags[AssetContext.partitionTag] = partitionKey }
        return try await executeInProcess(
            request: RunRequest(runConfig: runConfig, opSelection: opSelection, tags: runTags, inputValues: inputValues),
            instance: instance, raiseOnError: raiseOnError)
    }

    /// Executes the job in this process while `consume` reads its events as they happen.
    /// Returns `consume`'s value and the result once both are done.
    ///
    /// ```swift
    /// let (starts, result) = try await job.executeInProcessStream { events in
    ///     var starts = 0
    ///     for await entry in events where entry.eventType == .stepStart { starts += 1 }
    ///     return starts
    /// }
    /// ```
    public func executeInProcessStream<R: Sendable>(
        runConfig: JSONValue = .emptyObject, instance: DagsterInstance? = nil, opSelection: [String] = [],
        tags: [String: String] = [:], inputValues: [String: any Sendable] = [:], raiseOnError: Bool = false,
        _ consume: @Sendable (AsyncStream<EventLogEntry>) async throws -> R
    ) async throws -> (R, ExecuteInProcessResult) {
        let (stream, continuation) = AsyncStream<EventLogEntry>.makeStream(bufferingPolicy: .unbounded)
        let request = RunRequest(
            runConfig: runConfig, opSelection: opSelection, tags: tags, inputValues: inputValues,
            listener: { continuation.yield($0) })
        return try await withThrowingTaskGroup(of: ExecuteInProcessResult?.self) { group in
            group.addTask {
                defer { continuation.finish() }
                return try await self.executeInProcess(request: request, instance: instance, raiseOnError: raiseOnError)
            }
            let consumed: R
            do {
                consumed = try await consume(stream)
            } catch {
                group.cancelAll()
                throw error
            }
            var result: ExecuteInProcessResult?
            for try await value in group { result = value ?? result }
            guard let result else { throw DagsterError(.invariantViolation, "the run ended without a result") }
            return (consumed, result)
        }
    }

    private func executeInProcess(request: RunRequest, instance: DagsterInstance?, raiseOnError: Bool) async throws
        -> ExecuteInProcessResult
    {
        let result = try await JobExecution.execute(self, request: request, instance: instance ?? .ephemeral())
        if raiseOnError, !result.success {
            let error = result.stepFailures.first?.stepFailureData?.error
            throw DagsterError(.executionFailure, result.failureSummary, cause: error.map { SerializedErrorCause(error: $0) })
        }
        return result
    }
}

/// A captured error used as the cause of a `DagsterError`.
public struct SerializedErrorCause: Error, Sendable, CustomStringConvertible {
    /// The captured error.
    public let error: SerializableError
    public var description: String { error.description }
}
