import DagsterCore

/// Stores runs, their tags and status transitions. Implemented in memory here and by the
/// SQLite and Postgres drivers; every implementation passes the same conformance suite.
public protocol RunStorage: Sendable {
    /// Adds a new run.
    /// - Throws: `DagsterError(.invariantViolation)` when a run with the same id exists.
    func addRun(_ run: DagsterRun) async throws
    /// Applies the status change a run event implies (`RUN_START` → STARTED, …) and stamps times.
    func handleRunEvent(_ runID: RunID, event: DagsterEvent, timestamp: Double) async throws
    /// The run with `runID`, or `nil`.
    func getRun(_ runID: RunID) async throws -> DagsterRun?
    /// Run records matching `filters`, newest first, at most `limit`.
    func getRunRecords(filters: RunsFilter, limit: Int?) async throws -> [RunRecord]
    /// The number of runs matching `filters`.
    func getRunsCount(filters: RunsFilter) async throws -> Int
    /// Adds or replaces tags of a run.
    func addRunTags(_ runID: RunID, tags: [String: String]) async throws
    /// Deletes a run.
    func deleteRun(_ runID: RunID) async throws
    /// Deletes every run.
    func wipe() async throws
}

extension RunStorage {
    /// Runs matching `filters`, newest first.
    public func getRuns(filters: RunsFilter = RunsFilter(), limit: Int? = nil) async throws -> [DagsterRun] {
        try await getRunRecords(filters: filters, limit: limit).map(\.run)
    }
}
