import DagsterCore
import DagsterStorage
import Foundation
import Testing

@Suite("Event log storage conformance")
struct EventLogStorageConformanceTests {
    private func entry(_ run: RunID, _ type: DagsterEventType, step: String? = nil, at time: Double = 100) -> EventLogEntry {
        EventLogEntry(
            runID: run, level: .debug, userMessage: "", timestamp: time, stepKey: step, jobName: "job",
            dagsterEvent: DagsterEvent(type, jobName: "job", stepKey: step, message: "\(type.rawValue) \(step ?? "")"))
    }

    private func materialization(_ run: RunID, _ key: AssetKey, partition: String? = nil, at time: Double = 100)
        -> EventLogEntry
    {
        EventLogEntry(
            runID: run, level: .debug, userMessage: "", timestamp: time, stepKey: "s", jobName: "job",
            dagsterEvent: DagsterEvent(
                .assetMaterialization, jobName: "job", stepKey: "s", message: "",
                payload: .assetMaterialization(
                    AssetMaterialization(assetKey: key, metadata: ["rows": .int(3)], partition: partition))))
    }

    private func observation(_ run: RunID, _ key: AssetKey) -> EventLogEntry {
        EventLogEntry(
            runID: run, level: .debug, userMessage: "", stepKey: "s", jobName: "job",
            dagsterEvent: DagsterEvent(
                .assetObservation, jobName: "job", stepKey: "s", message: "",
                payload: .assetObservation(AssetObservation(assetKey: key))))
    }

    @Test(arguments: StorageDriver.allCases)
    func storesABatchInOrderWithIncreasingIDs(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        let first = [entry("r1", .runStart), entry("r1", .stepStart, step: "a"),
                     EventLogEntry(runID: "r1", level: .info, userMessage: "hello", stepKey: "a")]
        let ids = try await storage.storeEvents(first)
        #expect(ids.count == 3 && ids == ids.sorted() && Set(ids).count == 3)
        try await storage.storeEvents([entry("r2", .runStart), entry("r1", .stepSuccess, step: "a")])
        let logs = try await storage.getLogsForRun("r1")
        #expect(logs.count == 4)
        #expect(logs[0] == first[0] && logs[2].userMessage == "hello" && logs[2].dagsterEvent == nil)
        #expect(logs.last?.eventType == .stepSuccess)
        let records = try await storage.getRecordsForRun("r1", after: ids[0], ofTypes: nil, limit: 2)
        #expect(records.map(\.storageID) == [ids[1], ids[2]])
        let typed = try await storage.getRecordsForRun("r1", after: nil, ofTypes: [.stepStart, .stepSuccess], limit: nil)
        #expect(typed.map(\.entry.eventType) == [.stepStart, .stepSuccess])
        #expect(try await storage.getLogsForRun("nope").isEmpty)
    }

    @Test(arguments: StorageDriver.allCases)
    func keepsEveryPayloadThroughARoundTrip(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        let failure = EventLogEntry(
            runID: "r", level: .error, userMessage: "boom", timestamp: 12.5, stepKey: "a[k]", jobName: "job",
            dagsterEvent: DagsterEvent(
                .stepFailure, jobName: "job", stepKey: "a[k]", nodeHandle: "a", message: "failed",
                payload: .stepFailure(
                    StepFailureData(
                        error: SerializableError(
                            className: "E", message: "outer", stack: ["f"],
                            cause: SerializableError(className: "F", message: "inner")),
                        secondsToWait: 2, metadata: ["why": .text("because")])),
                pid: 42))
        try await storage.storeEvents([failure, materialization("r", AssetKey(["a", "b"]), partition: "2024-01-01")])
        #expect(try await storage.getLogsForRun("r") == [failure, materialization("r", AssetKey(["a", "b"]), partition: "2024-01-01")])
    }

    @Test(arguments: StorageDriver.allCases)
    func filtersEventRecordsAcrossRuns(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        try await storage.storeEvents([entry("r1", .runStart, at: 1), entry("r1", .runSuccess, at: 2)])
        try await storage.storeEvents([entry("r2", .runStart, at: 3), entry("r2", .runFailure, at: 4)])
        let starts = try await storage.getEventRecords(EventRecordsFilter(eventType: .runStart), limit: nil, ascending: false)
        #expect(starts.map(\.entry.runID) == ["r2", "r1"])
        let ascending = try await storage.getEventRecords(EventRecordsFilter(), limit: 3, ascending: true)
        #expect(ascending.map(\.entry.timestamp) == [1, 2, 3])
        let after = try await storage.getEventRecords(
            EventRecordsFilter(afterStorageID: ascending[1].storageID), limit: nil, ascending: true)
        #expect(after.map(\.entry.timestamp) == [3, 4])
        let window = try await storage.getEventRecords(
            EventRecordsFilter(afterTimestamp: 1.5, beforeTimestamp: 3.5), limit: nil, ascending: true)
        #expect(window.map(\.entry.timestamp) == [2, 3])
        let byRun = try await storage.getEventRecords(EventRecordsFilter(runIDs: ["r2"]), limit: nil, ascending: true)
        #expect(byRun.map(\.entry.eventType) == [.runStart, .runFailure])
        let byID = try await storage.getEventRecords(
            EventRecordsFilter(storageIDs: [ascending[0].storageID]), limit: nil, ascending: true)
        #expect(byID.map(\.storageID) == [ascending[0].storageID])
    }

    @Test(arguments: StorageDriver.allCases)
    func indexesAssetEventsByKeyAndPartition(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        let key = AssetKey(["sales", "orders"])
        try await storage.storeEvents([materialization("r1", key, partition: "p1"), materialization("r1", "other")])
        try await storage.storeEvents([materialization("r2", key, partition: "p2"), observation("r2", key)])
        let all = try await storage.getEventRecords(
            EventRecordsFilter(eventType: .assetMaterialization, assetKey: key), limit: nil, ascending: false)
        #expect(all.map(\.partition) == ["p2", "p1"])
        let p1 = try await storage.getEventRecords(
            EventRecordsFilter(eventType: .assetMaterialization, assetKey: key, assetPartitions: ["p1"]), limit: nil,
            ascending: false)
        #expect(p1.map(\.entry.runID) == ["r1"])
        #expect(try await storage.getAssetKeys(prefix: nil, limit: nil, after: nil) == ["other", key])
        #expect(try await storage.getAssetKeys(prefix: ["sales"], limit: nil, after: nil) == [key])
        #expect(try await storage.getAssetKeys(prefix: nil, limit: 5, after: "other") == [key])
        let record = try #require(try await storage.getAssetRecords([key]).first)
        #expect(record.lastMaterialization?.partition == "p2")
        #expect(record.lastObservation?.entry.eventType == .assetObservation)
        #expect(record.lastRunID == "r2")
        #expect(try await storage.hasAssetKey("other"))
        #expect(try await !storage.hasAssetKey("missing"))
    }

    @Test(arguments: StorageDriver.allCases)
    func wipingAnAssetForgetsItsHistory(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        try await storage.storeEvents([materialization("r1", "a"), materialization("r1", "b")])
        #expect(try await storage.getLatestMaterialization("a")?.entry.runID == "r1")
        try await storage.wipeAssets(["a"])
        #expect(try await storage.getLatestMaterialization("a") == nil)
        #expect(try await storage.getLatestMaterialization("b")?.entry.runID == "r1")
        #expect(try await storage.getAssetKeys(prefix: nil, limit: nil, after: nil) == ["b"])
        #expect(try await !storage.hasAssetKey("a"))
        #expect(
            try await storage.getEventRecords(EventRecordsFilter(assetKey: "a"), limit: nil, ascending: false).isEmpty)
        #expect(try await storage.getLogsForRun("r1").count == 2)
        try await storage.storeEvents([materialization("r2", "a")])
        let record = try #require(try await storage.getAssetRecords(["a"]).first)
        #expect(record.lastMaterialization?.entry.runID == "r2")
        #expect(try await storage.getLatestMaterialization("a")?.entry.runID == "r2")
        #expect(record.wipeTimestamp != nil)
    }

    private func planned(_ run: RunID, _ key: AssetKey, partition: String) -> EventLogEntry {
        EventLogEntry(
            runID: run, level: .debug, userMessage: "", jobName: "job",
            dagsterEvent: DagsterEvent(
                .assetMaterializationPlanned, jobName: "job", message: "",
                payload: .assetMaterializationPlanned(AssetMaterializationPlannedData(assetKey: key, partition: partition))))
    }

    @Test(arguments: StorageDriver.allCases)
    func tracksTheLatestMaterializationAndPlanOfEachPartition(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        let ids = try await storage.storeEvents([
            planned("r1", "a", partition: "x"), materialization("r1", "a", partition: "x"),
            planned("r2", "a", partition: "y"), planned("r3", "a", partition: "x"), materialization("r4", "b", partition: "x"),
        ])
        let states = try await storage.getPartitionMaterializations("a")
        #expect(states.keys.sorted() == ["x", "y"])
        #expect(states["x"]?.lastMaterializationID == ids[1])
        #expect(states["x"]?.lastPlanned == .init(storageID: ids[3], runID: "r3"))
        #expect(states["x"]?.pendingRunID == "r3")
        #expect(states["y"] == .init(lastMaterializationID: nil, lastPlanned: .init(storageID: ids[2], runID: "r2")))
        try await storage.storeEvents([materialization("r3", "a", partition: "x")])
        #expect(try await storage.getPartitionMaterializations("a")["x"]?.pendingRunID == nil)
        try await storage.wipeAssets(["a"])
        #expect(try await storage.getPartitionMaterializations("a").isEmpty)
    }

    @Test(arguments: StorageDriver.allCases)
    func readsTheLatestDataVersionOfEachAsset(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        func versioned(_ key: AssetKey, _ version: String, observed: Bool = false) -> EventLogEntry {
            let tags = ["dagster/data_version": version]
            let payload: EventPayload = observed
                ? .assetObservation(AssetObservation(assetKey: key, tags: tags))
                : .assetMaterialization(AssetMaterialization(assetKey: key, tags: tags))
            return EventLogEntry(
                runID: "r1", level: .debug, userMessage: "", jobName: "job",
                dagsterEvent: DagsterEvent(observed ? .assetObservation : .assetMaterialization, jobName: "job", message: "", payload: payload))
        }
        let ids = try await storage.storeEvents([
            versioned("a", "v1"), versioned("a", "v2", observed: true), versioned("b", "w1"), materialization("r1", "c"),
        ])
        let versions = try await storage.getLatestDataVersions(["a", "b", "c", "unknown"])
        #expect(versions == ["a": AssetDataVersion(version: "v2", storageID: ids[1]), "b": AssetDataVersion(version: "w1", storageID: ids[2])])
    }

    @Test(arguments: StorageDriver.allCases)
    func deletingARunDropsItsEventsAndRepointsAssets(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        try await storage.storeEvents([materialization("r1", "a"), materialization("r1", "only-r2")].dropLast())
        try await storage.storeEvents([materialization("r2", "a"), materialization("r2", "only-r2")])
        try await storage.deleteEvents(for: "r2")
        #expect(try await storage.getLogsForRun("r2").isEmpty)
        #expect(try await storage.getAssetKeys(prefix: nil, limit: nil, after: nil) == ["a"])
        #expect(try await storage.getAssetRecords(["a"]).first?.lastMaterialization?.entry.runID == "r1")
        try await storage.wipe()
        #expect(try await storage.getLogsForRun("r1").isEmpty)
        #expect(try await storage.getAssetKeys(prefix: nil, limit: nil, after: nil).isEmpty)
    }

    @Test(arguments: StorageDriver.allCases)
    func keepsDynamicPartitionsInOrderWithoutDuplicates(driver: StorageDriver) async throws {
        let storage = try driver.make().events
        try await storage.addDynamicPartitions("customers", keys: ["acme", "globex"])
        try await storage.addDynamicPartitions("customers", keys: ["globex", "initech"])
        try await storage.addDynamicPartitions("regions", keys: ["eu"])
        #expect(try await storage.getDynamicPartitions("customers") == ["acme", "globex", "initech"])
        try await storage.deleteDynamicPartition("customers", key: "globex")
        try await storage.deleteDynamicPartition("customers", key: "not-there")
        #expect(try await storage.getDynamicPartitions("customers") == ["acme", "initech"])
        #expect(try await storage.hasDynamicPartition("regions", key: "eu"))
        #expect(try await !storage.hasDynamicPartition("regions", key: "us"))
        #expect(try await storage.getDynamicPartitions("unknown").isEmpty)
    }
}
