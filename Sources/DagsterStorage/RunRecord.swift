import DagsterCore
import Foundation

/// A stored run with its storage id and timestamps.
public struct RunRecord: Sendable, Hashable {
    /// The storage's row id; later runs have larger ids.
    public var storageID: Int64
    /// The run.
    public var run: DagsterRun
    /// When the run was added.
    public var createTimestamp: Date
    /// When it last changed.
    public var updateTimestamp: Date
    /// When it started, once it has.
    public var startTime: Date?
    /// When it finished, once it has.
    public var endTime: Date?

    /// Creates a record.
    public init(
        storageID: Int64, run: DagsterRun, createTimestamp: Date, updateTimestamp: Date, startTime: Date? = nil,
        endTime: Date? = nil
    ) {
        self.storageID = storageID
        self.run = run
        self.createTimestamp = createTimestamp
        self.updateTimestamp = updateTimestamp
        self.startTime = startTime
        self.endTime = endTime
    }

    /// Moves the run to `status` at `time`, stamping the start or end time when it starts or finishes.
    public mutating func applyStatus(_ status: DagsterRunStatus, at time: Date) {
        run.status = status
        updateTimestamp = time
        if status == .started { startTime = time }
        if status.isFinished { endTime = time }
    }
}
