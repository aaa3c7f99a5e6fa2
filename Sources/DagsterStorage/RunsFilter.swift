import DagsterCore
import Foundation

/// Which runs to return: every set field must match.
public struct RunsFilter: Sendable, Hashable {
    /// Only these run ids.
    public var runIDs: [RunID]?
    /// Only runs of this job.
    public var jobName: String?
    /// Only runs in one of these statuses.
    public var statuses: [DagsterRunStatus]?
    /// Only runs carrying all these tags.
    public var tags: [String: String]
    /// Only runs created before this time.
    public var createdBefore: Date?
    /// Only runs created after this time.
    public var createdAfter: Date?
    /// Only runs updated before this time.
    public var updatedBefore: Date?
    /// Only runs updated after this time.
    public var updatedAfter: Date?

    /// Creates a filter; no fields set matches every run.
    public init(
        runIDs: [RunID]? = nil, jobName: String? = nil, statuses: [DagsterRunStatus]? = nil, tags: [String: String] = [:],
        createdBefore: Date? = nil, createdAfter: Date? = nil, updatedBefore: Date? = nil, updatedAfter: Date? = nil
    ) {
        self.runIDs = runIDs
        self.jobName = jobName
        self.statuses = statuses
        self.tags = tags
        self.createdBefore = createdBefore
        self.createdAfter = createdAfter
        self.updatedBefore = updatedBefore
        self.updatedAfter = updatedAfter
    }

    /// Whether `record` matches.
    public func matches(_ record: RunRecord) -> Bool {
        let run = record.run
        if let runIDs, !runIDs.contains(run.runID) { return false }
        if let jobName, run.jobName != jobName { return false }
        if let statuses, !statuses.contains(run.status) { return false }
        for (key, value) in tags where run.tags[key] != value { return false }
        if let createdBefore, record.createTimestamp >= createdBefore { return false }
        if let createdAfter, record.createTimestamp <= createdAfter { return false }
        if let updatedBefore, record.updateTimestamp >= updatedBefore { return false }
        if let updatedAfter, record.updateTimestamp <= updatedAfter { return false }
        return true
    }
}
