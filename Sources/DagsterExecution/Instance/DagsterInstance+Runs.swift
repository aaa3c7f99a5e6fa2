import DagsterCore
import DagsterStorage

extension DagsterInstance {
    /// Records a new run.
    public func addRun(_ run: DagsterRun) async throws { try await runStorage.addRun(run) }

    /// The run with `runID`, or `nil` (Dagster's `get_run_by_id`).
    public func getRun(_ runID: RunID) async throws -> DagsterRun? { try await runStorage.getRun(runID) }

    /// The record of the run with `runID`, or `nil` (Dagster's `get_run_record_by_id`).
    public func getRunRecord(_ runID: RunID) async throws -> RunRecord? { try await runStorage.getRunRecord(runID) }

    /// Runs matching `filters`, newest first.
    public func getRuns(filters: RunsFilter = RunsFilter(), limit: Int? = nil) async throws -> [DagsterRun] {
        try await runStorage.getRuns(filters: filters, limit: limit)
    }

    /// Run records matching `filters`, newest first unless `ascending`, continuing after the run
    /// `cursor` (Dagster's `get_run_records`).
    public func getRunRecords(
        filters: RunsFilter = RunsFilter(), limit: Int? = nil, cursor: RunID? = nil, ascending: Bool = false
    ) async throws -> [RunRecord] {
        try await runStorage.getRunRecords(filters: filters, limit: limit, cursor: cursor, ascending: ascending)
    }

    /// The number of runs matching `filters`.
    public func getRunsCount(filters: RunsFilter = RunsFilter()) async throws -> Int {
        try await runStorage.getRunsCount(filters: filters)
    }

    /// Adds or replaces tags of a run.
    public func addRunTags(_ runID: RunID, tags: [String: String]) async throws {
        try await runStorage.addRunTags(runID, tags: tags)
    }

    /// Deletes a run and its events.
    public func deleteRun(_ runID: RunID) async throws {
        try await runStorage.deleteRun(runID)
        try await eventLogStorage.deleteEvents(for: runID)
    }

    /// Deletes every run and every event (Dagster's `wipe`); job snapshots stay.
    public func wipe() async throws {
        try await runStorage.wipe()
        try await eventLogStorage.wipe()
    }

    /// Every entry of a run, in order.
    public func allLogs(_ runID: RunID) async throws -> [EventLogEntry] {
        try await eventLogStorage.getLogsForRun(runID)
    }

    /// The records of a run after the storage id `cursor`, of some types only when `types` is set.
    public func getRecordsForRun(
        _ runID: RunID, after cursor: Int64? = nil, ofTypes types: Set<DagsterEventType>? = nil, limit: Int? = nil
    ) async throws -> [EventLogRecord] {
        try await eventLogStorage.getRecordsForRun(runID, after: cursor, ofTypes: types, limit: limit)
    }

    /// Event records across runs matching `filter`, newest first unless `ascending`.
    public func getEventRecords(_ filter: EventRecordsFilter, limit: Int? = nil, ascending: Bool = false) async throws
        -> [EventLogRecord]
    {
        try await eventLogStorage.getEventRecords(filter, limit: limit, ascending: ascending)
    }

    /// A page of run status changes (`RUN_START`, `RUN_SUCCESS`, …) of one type, continuing after
    /// `cursor` (a cursor of an earlier page).
    /// - Throws: `DagsterError(.invalidInput)` when `eventType` is not a run status event or the
    ///   cursor is not one this instance made.
    public func fetchRunStatusChanges(
        _ eventType: DagsterEventType, limit: Int, cursor: String? = nil, ascending: Bool = false
    ) async throws -> EventRecordsResult {
        guard eventType.runStatus != nil else {
            throw DagsterError(
                .invalidInput,
                "fetchRunStatusChanges takes a run status event type (RUN_START, RUN_SUCCESS, RUN_FAILURE, RUN_ENQUEUED, "
                    + "RUN_STARTING, RUN_CANCELING, RUN_CANCELED), not \(eventType.rawValue)")
        }
        return try await fetchPage(EventRecordsFilter(eventType: eventType), limit: limit, cursor: cursor, ascending: ascending)
    }

    /// A page of records matching `filter` after `cursor`, with the cursor of the next page.
    func fetchPage(_ filter: EventRecordsFilter, limit: Int, cursor: String?, ascending: Bool) async throws
        -> EventRecordsResult
    {
        var filter = filter
        if let cursor {
            let storageID = try EventLogCursor.storageID(from: cursor)
            if ascending { filter.afterStorageID = storageID } else { filter.beforeStorageID = storageID }
        }
        let records = try await eventLogStorage.getEventRecords(filter, limit: limit, ascending: ascending)
        let next = records.last.map { EventLogCursor.make(storageID: $0.storageID) } ?? cursor
            ?? EventLogCursor.make(storageID: -1)
        return EventRecordsResult(records: records, cursor: next, hasMore: records.count == limit)
    }
}
