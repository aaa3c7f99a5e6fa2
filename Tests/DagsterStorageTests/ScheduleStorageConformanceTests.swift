import DagsterCore
import DagsterStorage
import Testing

@Suite("Schedule storage conformance")
struct ScheduleStorageConformanceTests {
    @Test(arguments: StorageDriver.allCases)
    func storesInstigatorStates(driver: StorageDriver) async throws {
        let storage = try driver.make().schedules
        let nightly = InstigatorState(
            originID: "o1", name: "nightly", type: .schedule, status: .running, data: ["cron": "0 2 * * *"])
        let watcher = InstigatorState(originID: "o2", name: "watcher", type: .sensor, status: .stopped)
        try await storage.upsertInstigatorState(watcher)
        try await storage.upsertInstigatorState(nightly)
        #expect(try await storage.allInstigatorStates(type: nil) == [nightly, watcher])
        #expect(try await storage.allInstigatorStates(type: .sensor) == [watcher])
        var stopped = nightly
        stopped.status = .stopped
        try await storage.upsertInstigatorState(stopped)
        #expect(try await storage.getInstigatorState("o1") == stopped)
        try await storage.deleteInstigatorState("o1")
        #expect(try await storage.getInstigatorState("o1") == nil)
    }

    @Test(arguments: StorageDriver.allCases)
    func recordsAndPurgesTicks(driver: StorageDriver) async throws {
        let storage = try driver.make().schedules
        var ticks: [InstigatorTick] = []
        for (index, status) in [TickStatus.success, .skipped, .failure, .started].enumerated() {
            ticks.append(
                try await storage.createTick(
                    InstigatorTick(originID: "o1", name: "nightly", type: .schedule, status: status, timestamp: Double(index))))
        }
        _ = try await storage.createTick(
            InstigatorTick(originID: "o2", name: "other", type: .sensor, status: .success, timestamp: 9))
        #expect(Set(ticks.map(\.tickID)).count == 4)
        var last = ticks[3]
        last.status = .success
        last.runIDs = ["run-1"]
        last.cursor = "c1"
        try await storage.updateTick(last)
        let newest = try await storage.getTicks("o1", statuses: nil, after: nil, before: nil, limit: 2)
        #expect(newest == [last, ticks[2]])
        #expect(try await storage.getTicks("o1", statuses: [.success], after: nil, before: nil, limit: nil).count == 2)
        #expect(try await storage.getTicks("o1", statuses: nil, after: 0.5, before: 2.5, limit: nil).map(\.timestamp) == [2, 1])
        try await storage.purgeTicks("o1", before: 2, statuses: [.skipped, .success])
        #expect(try await storage.getTicks("o1", statuses: nil, after: nil, before: nil, limit: nil).map(\.timestamp) == [3, 2])
        var unknown = last
        unknown.tickID = 999
        await #expect(throws: DagsterError.self) { try await storage.updateTick(unknown) }
        try await storage.wipe()
        #expect(try await storage.getTicks("o2", statuses: nil, after: nil, before: nil, limit: nil).isEmpty)
    }
}
