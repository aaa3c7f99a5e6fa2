import DagsterCore
import DagsterStorage
import Foundation
import Testing

@Suite("Run storage conformance")
struct RunStorageConformanceTests {
    private func run(_ index: Int, status: DagsterRunStatus = .success, team: String? = nil, job: String = "job")
        -> DagsterRun
    {
        DagsterRun(
            runID: RunID("run-\(index)"), jobName: job, runConfig: ["ops": ["a": ["config": ["n": .int(index)]]]],
            status: status, tags: team.map { ["team": $0] } ?? [:])
    }

    @Test(arguments: StorageDriver.allCases)
    func addsAndReadsBackARun(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        var original = run(1, status: .notStarted, team: "a")
        original.opSelection = ["a", "b*"]
        original.stepKeysToExecute = ["a"]
        original.parentRunID = "parent"
        original.rootRunID = "root"
        original.jobSnapshotID = "snap"
        try await storage.addRun(original)
        let record = try #require(try await storage.getRunRecord("run-1"))
        #expect(record.run == original)
        #expect(record.startTime == nil && record.endTime == nil)
        #expect(try await storage.getRun("missing") == nil)
    }

    /// A cancelled run records how it ended: its status is written and read back from the
    /// cancelled task (what `RunStorage` promises).
    @Test(arguments: StorageDriver.allCases)
    func readsAndWritesFromACancelledTask(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        try await storage.addRun(run(1, status: .started))
        let status = try await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            #expect(Task.isCancelled)
            let event = DagsterEvent(.runCanceling, jobName: "job", message: "")
            try await storage.handleRunEvent("run-1", event: event, timestamp: 1_700_000_000)
            return try await storage.getRun("run-1")?.status
        }.value
        #expect(status == .canceling)
    }

    @Test(arguments: StorageDriver.allCases)
    func rejectsADuplicateRunID(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        try await storage.addRun(run(1))
        await #expect(throws: DagsterError.self) { try await storage.addRun(run(1)) }
        #expect(try await storage.getRunsCount(filters: RunsFilter()) == 1)
    }

    @Test(arguments: StorageDriver.allCases)
    func runEventsMoveTheStatusAndStampTimes(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        try await storage.addRun(run(1, status: .notStarted))
        try await storage.handleRunEvent("run-1", event: DagsterEvent(.runStart, jobName: "job", message: ""), timestamp: 1000)
        var record = try #require(try await storage.getRunRecord("run-1"))
        #expect(record.run.status == .started)
        #expect(record.startTime == Date(timeIntervalSince1970: 1000))
        try await storage.handleRunEvent("run-1", event: DagsterEvent(.stepStart, jobName: "job", message: ""), timestamp: 1001)
        try await storage.handleRunEvent("run-1", event: DagsterEvent(.runFailure, jobName: "job", message: ""), timestamp: 1002)
        record = try #require(try await storage.getRunRecord("run-1"))
        #expect(record.run.status == .failure)
        #expect(record.endTime == Date(timeIntervalSince1970: 1002))
        #expect(record.updateTimestamp == Date(timeIntervalSince1970: 1002))
    }

    @Test(arguments: StorageDriver.allCases)
    func filtersByStatusTagJobAndID(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        for index in 0..<12 {
            try await storage.addRun(
                run(index, status: index % 3 == 0 ? .failure : .success, team: ["a", "b", "c", "d"][index % 4],
                    job: index < 6 ? "early" : "late"))
        }
        let failures = try await storage.getRuns(filters: RunsFilter(statuses: [.failure]))
        #expect(failures.map(\.runID.rawValue) == ["run-9", "run-6", "run-3", "run-0"])
        let teamB = try await storage.getRuns(filters: RunsFilter(tags: ["team": "b"]), limit: 2)
        #expect(teamB.map(\.runID.rawValue) == ["run-9", "run-5"])
        let lateFailuresOfTeamC = try await storage.getRuns(
            filters: RunsFilter(jobName: "late", statuses: [.failure], tags: ["team": "c"]))
        #expect(lateFailuresOfTeamC.map(\.runID.rawValue) == ["run-6"])
        let byID = try await storage.getRuns(filters: RunsFilter(runIDs: ["run-2", "run-4", "nope"]))
        #expect(byID.map(\.runID.rawValue) == ["run-4", "run-2"])
        #expect(try await storage.getRuns(filters: RunsFilter(runIDs: [])).isEmpty)
        #expect(try await storage.getRunsCount(filters: RunsFilter()) == 12)
        #expect(try await storage.getRunsCount(filters: RunsFilter(statuses: [.failure])) == 4)
        #expect(try await storage.getRunsCount(filters: RunsFilter(tags: ["team": "a"])) == 3)
        #expect(try await storage.getRunsCount(filters: RunsFilter(tags: ["team": "a", "other": "x"])) == 0)
    }

    @Test(arguments: StorageDriver.allCases)
    func pagesWithACursorInBothOrders(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        for index in 0..<5 { try await storage.addRun(run(index)) }
        let newest = try await storage.getRunRecords(filters: RunsFilter(), limit: 2, cursor: nil, ascending: false)
        #expect(newest.map(\.run.runID.rawValue) == ["run-4", "run-3"])
        let next = try await storage.getRunRecords(filters: RunsFilter(), limit: 2, cursor: "run-3", ascending: false)
        #expect(next.map(\.run.runID.rawValue) == ["run-2", "run-1"])
        let oldest = try await storage.getRunRecords(filters: RunsFilter(), limit: 3, cursor: "run-1", ascending: true)
        #expect(oldest.map(\.run.runID.rawValue) == ["run-2", "run-3", "run-4"])
    }

    @Test(arguments: StorageDriver.allCases)
    func filtersByCreationAndUpdateTime(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        try await storage.addRun(run(1))
        let between = Date()
        try await Task.sleep(for: .milliseconds(5))
        try await storage.addRun(run(2))
        #expect(try await storage.getRuns(filters: RunsFilter(createdAfter: between)).map(\.runID) == ["run-2"])
        #expect(try await storage.getRuns(filters: RunsFilter(createdBefore: between)).map(\.runID) == ["run-1"])
        try await storage.handleRunEvent(
            "run-1", event: DagsterEvent(.runStart, jobName: "job", message: ""), timestamp: between.timeIntervalSince1970 + 60)
        #expect(
            try await storage.getRuns(filters: RunsFilter(updatedAfter: between.addingTimeInterval(30))).map(\.runID)
                == ["run-1"])
    }

    @Test(arguments: StorageDriver.allCases)
    func addsTagsDeletesAndWipes(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        try await storage.addRun(run(1, team: "a"))
        try await storage.addRun(run(2, team: "b"))
        try await storage.addRunTags("run-1", tags: ["team": "b", "extra": "yes"])
        #expect(try await storage.getRun("run-1")?.tags == ["team": "b", "extra": "yes"])
        // Tags needing escapes, and none at all, read back the same.
        try await storage.addRunTags("run-2", tags: ["note": "a \"quoted\" \\ é\nline", "": ""])
        #expect(try await storage.getRun("run-2")?.tags == ["team": "b", "note": "a \"quoted\" \\ é\nline", "": ""])
        try await storage.addRun(DagsterRun(runID: "untagged", jobName: "job"))
        #expect(try await storage.getRun("untagged")?.tags == [:])
        #expect(try await storage.getRuns(filters: RunsFilter(tags: ["team": "b"])).count == 2)
        await #expect(throws: DagsterError.self) { try await storage.addRunTags("missing", tags: ["a": "b"]) }
        try await storage.deleteRun("run-2")
        #expect(try await storage.getRuns().map(\.runID) == ["untagged", "run-1"])
        #expect(try await storage.getRunsCount(filters: RunsFilter(tags: ["team": "b"])) == 1)
        try await storage.wipe()
        #expect(try await storage.getRunsCount(filters: RunsFilter()) == 0)
    }

    @Test(arguments: StorageDriver.allCases)
    func storesJobSnapshotsByContent(driver: StorageDriver) async throws {
        let storage = try driver.make().runs
        let snapshot = JobSnapshot(
            name: "job", tags: ["x": "y"],
            nodes: [
                .init(handle: "a", opName: "a", inputs: [], outputs: [.init(name: "result", typeName: "Int")]),
                .init(
                    handle: "b", opName: "b", inputs: [.init(name: "x", typeName: "Int", upstream: ["a.result"])],
                    outputs: []),
            ])
        try await storage.addJobSnapshot(snapshot)
        try await storage.addJobSnapshot(snapshot)
        #expect(try await storage.getJobSnapshot(snapshot.snapshotID) == snapshot)
        #expect(try await storage.getJobSnapshot("unknown") == nil)
        #expect(snapshot.snapshotID.count == 64)
    }
}
