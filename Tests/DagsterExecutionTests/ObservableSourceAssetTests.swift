import Dagster
import Foundation
import Synchronization
import Testing

/// Observable source assets: observed, never materialized, readable by the assets that use them.
@Suite("Observable source assets")
struct ObservableSourceAssetTests {
    @Test func observingRecordsTheDataVersionAndAssetsReadTheStoredValue() async throws {
        let instance = try DagsterInstance.localTemp()
        let version = Mutex(1)
        let events = ObservableSourceAsset(["raw", "events"], group: "sources") { _ in
            ObserveResult(dataVersion: "v\(version.withLock { $0 })", metadata: ["rows": .int(2)])
        }
        let count = Asset("event_count", ins: events.asset(of: [Int].self)) { (_: AssetContext, events: [Int]) in events.count }

        _ = try await observe([events, count], instance: instance)
        version.withLock { $0 = 2 }
        let second = try await observe([events, count], instance: instance)
        let observation = try #require(second.allEvents.first { $0.eventType == .assetObservation }?.dagsterEvent?.assetObservation)
        #expect(observation.assetKey == AssetKey(["raw", "events"]) && observation.tags["dagster/data_version"] == "v2")
        let records = try await instance.getAssetRecords([AssetKey(["raw", "events"])])
        #expect(records.first?.lastObservation?.entry.dagsterEvent?.assetObservation?.tags["dagster/data_version"] == "v2")

        let storage = try #require(instance.storageDirectory)
        try FileManager.default.createDirectory(at: storage.appendingPathComponent("raw"), withIntermediateDirectories: true)
        try "[7, 8]".write(to: storage.appendingPathComponent("raw/events"), atomically: false, encoding: .utf8)
        let result = try await materialize([events, count], instance: instance)
        #expect(try result.output(forNode: "event_count", as: Int.self) == 2)
        #expect(!result.allEvents.contains { $0.stepKey == "raw__events" })

        let notObservable = try #require(throws: DagsterError.self) { try Job.observing([events, count], selection: [AssetKey("event_count")]) }
        #expect(notObservable.message.contains("event_count cannot be observed"))
    }
}
