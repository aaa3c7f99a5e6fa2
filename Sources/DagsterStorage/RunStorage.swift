import DagsterCore

/// Stores runs, their tags, status transitions and the snapshots of the jobs that ran.
/// Implemented in memory here and by the SQLite and Postgres drivers; every implementation passes
/// the same conformance suite.
///
/// Every call completes even when the calling task is cancelled (no `Task.checkCancellation`,
/// no cancellable waits): a run being stopped still reads its status and records how it ended.
public protocol RunStorage: Sendable {
    /// Adds a new run.
    /// - Throws: `DagsterError(.invariantViolation)` when a run with the same id exists.
    func addRun(_ run: DagsterRun) async throws
    /// Applies the status change a run event implies (`RUN_START` → STARTED, …) and stamps times.
    func handleRunEvent(_ runID: RunID, event: DagsterEvent, timestamp: Double) async throws
    /// Run records matching `filters`, newest first unless `ascending`, at most `limit`, starting
    /// after the run `cursor` (a run id) in that order.
    func getRunRecords(filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool) async throws -> [RunRecord]
    /// The runs of `getRunRecords` with the same arguments (a storage that keeps decoded runs can
    /// hand them out without building the records first).
    func getRuns(filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool) async throws -> [DagsterRun]
    /// The number of runs matching `filters`.
    func getRunsCount(filters: RunsFilter) async throws -> Int
    /// Adds or replaces tags of a run.
    /// - Throws: `DagsterError(.notFound)` for an unknown run.
    func addRunTags(_ runID: RunID, tags: [String: String]) async throws
    /// Deletes a run and its tags.
    func deleteRun(_ runID: RunID) async throws
    /// Stores a job snapshot under its id; storing the same id twice keeps the first.
    func addJobSnapshot(_ snapshot: EncodedJobSnapshot) async throws
    /// The job snapshot with `snapshotID`, or `nil`.
    func getJobSnapshot(_ snapshotID: String) async throws -> JobSnapshot?
    /// Deletes every run (snapshots stay).
    func wipe() async throws
}

extension RunStorage {
    /// Stores a job snapshot under its id (see `addJobSnapshot(_: EncodedJobSnapshot)`).
    public func addJobSnapshot(_ snapshot: JobSnapshot) async throws { try await addJobSnapshot(snapshot.encoded()) }

    /// Run records matching `filters`, newest first.
    public func getRunRecords(filters: RunsFilter = RunsFilter(), limit: Int? = nil) async throws -> [RunRecord] {
        try await getRunRecords(filters: filters, limit: limit, cursor: nil, ascending: false)
    }

    /// The runs of `getRunRecords(filters:limit:cursor:ascending:)`.
    public func getRuns(filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool) async throws -> [DagsterRun] {
        try await getRunRecords(filters: filters, limit: limit, cursor: cursor, ascending: ascending).map(\.run)
    }

    /// Runs matching `filters`, newest first.
    public func getRuns(filters: RunsFilter = RunsFilter(), limit: Int? = nil) async throws -> [DagsterRun] {
        try await getRuns(filters: filters, limit: limit, cursor: nil, ascending: false)
    }

    /// The record of the run with `runID`, or `nil`.
    public func getRunRecord(_ runID: RunID) async throws -> RunRecord? {
        try await getRunRecords(filters: RunsFilter(runIDs: [runID]), limit: 1, cursor: nil, ascending: false).first
    }

    /// The run with `runID`, or `nil`.
    public func getRun(_ runID: RunID) async throws -> DagsterRun? { try await getRunRecord(runID)?.run }
}
