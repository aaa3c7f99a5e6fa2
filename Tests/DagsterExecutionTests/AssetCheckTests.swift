import Dagster
import Foundation
import Testing

/// Asset checks run after their asset: evaluations recorded, blocking failures stop downstream.
@Suite("Asset checks")
struct AssetCheckTests {
    private let orders = Asset("orders") { (_: AssetContext) -> [Int] in [] }
    private var revenue: Asset<Int> { Asset("revenue", ins: orders) { (_: AssetContext, orders: [Int]) in orders.reduce(0, +) } }

    private func nonEmpty(blocking: Bool, severity: AssetCheckSeverity = .error) -> AssetCheck {
        AssetCheck("orders_not_empty", asset: orders, blocking: blocking) { (_: AssetContext, orders: [Int]) in
            AssetCheckResult(passed: !orders.isEmpty, severity: severity, metadata: ["count": .int(orders.count)])
        }
    }

    @Test func aFailingCheckIsRecordedAndANonBlockingOneLetsDownstreamRun() async throws {
        let instance = try DagsterInstance.localTemp()
        let result = try await materialize([orders, revenue], checks: [nonEmpty(blocking: false)], instance: instance)
        #expect(result.success)
        let entry = try #require(result.allEvents.first { $0.eventType == .assetCheckEvaluation })
        #expect(entry.userMessage == "Asset check 'orders_not_empty' on 'orders' did not pass.")
        let evaluation = try #require(entry.dagsterEvent?.assetCheckEvaluation)
        #expect(evaluation.assetKey == AssetKey("orders") && !evaluation.passed && !evaluation.blocking)
        #expect(evaluation.metadata["count"] == .int(0))
        #expect(result.allEvents.contains { $0.eventType == .assetMaterialization && $0.stepKey == "revenue" })
        let stored = try await instance.getEventRecords(EventRecordsFilter(eventType: .assetCheckEvaluation, assetKey: AssetKey("orders")))
        #expect(stored.count == 1)
    }

    @Test func aBlockingCheckThatFailsStopsDownstreamAssets() async throws {
        let result = try await materialize([orders, revenue], checks: [nonEmpty(blocking: true)], raiseOnError: false)
        #expect(!result.success)
        let failure = try #require(result.allEvents.first { $0.eventType == .stepFailure })
        #expect(failure.stepKey == "orders_not_empty")
        let message = failure.dagsterEvent?.stepFailureData?.error?.description ?? ""
        #expect(message.contains("1 blocking asset check failed with ERROR severity:\norders: orders_not_empty"))
        #expect(!result.allEvents.contains { $0.stepKey == "revenue" })
        #expect(result.allEvents.contains { $0.eventType == .assetCheckEvaluation && $0.dagsterEvent?.assetCheckEvaluation?.blocking == true })
    }

    @Test func aBlockingWarningOrAPassingCheckLetsDownstreamRunAfterIt() async throws {
        let warned = try await materialize([orders, revenue], checks: [nonEmpty(blocking: true, severity: .warn)])
        #expect(warned.success)
        let fullOrders = Asset("orders") { (_: AssetContext) -> [Int] in [1, 2] }
        let passing = AssetCheck("orders_not_empty", asset: fullOrders, blocking: true) { (_: AssetContext, orders: [Int]) in
            AssetCheckResult(passed: !orders.isEmpty)
        }
        let revenueOfFull = Asset("revenue", ins: fullOrders) { (_: AssetContext, orders: [Int]) in orders.reduce(0, +) }
        let passed = try await materialize([fullOrders, revenueOfFull], checks: [passing])
        let order = passed.allEvents.filter { $0.eventType == .stepStart }.compactMap(\.stepKey)
        #expect(order == ["orders", "orders_not_empty", "revenue"])
        #expect(try passed.output(forNode: "revenue", as: Int.self) == 3)
    }

    @Test func aCheckOfAnUndefinedAssetIsALoadTimeError() throws {
        let other = Asset("other") { (_: AssetContext) in 1 }
        let error = try #require(throws: DagsterError.self) { try Definitions(assets: [other], assetChecks: [nonEmpty(blocking: false)]) }
        #expect(error.message.contains("asset check 'orders_not_empty' checks orders, which no asset defines"))
    }
}
