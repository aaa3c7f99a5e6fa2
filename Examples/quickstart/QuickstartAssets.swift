import Dagster
import Foundation

/// The regions of the sample orders: the partitions of the quickstart assets.
let salesRegions = PartitionsDefinition.static(try! StaticPartitionsDefinition(["east", "north", "south", "west"]))

/// The complete orders of one region (partition), read from the bundled CSV.
let regionalOrders = Asset(
    "regional_orders", group: "sales", description: "Complete orders of one region.", partitions: salesRegions
) { (context: AssetContext) -> [Order] in
    let region = context.partitionKey ?? ""
    return try OrdersCSV.read(try bundledOrdersCSV()).compactMap { row -> Order? in
        guard row.region == region, let amount = row.amount, amount > 0, !row.customer.isEmpty else { return nil }
        return Order(id: row.id, region: row.region, customer: row.customer, amount: amount)
    }
}

/// Revenue of one region (partition), from its orders.
let regionalRevenue = Asset(
    "regional_revenue", ins: regionalOrders, group: "sales", description: "Revenue of one region.",
    partitions: salesRegions
) { (context: AssetContext, orders: [Order]) -> Double in
    let revenue = orders.reduce(0) { $0 + $1.amount }
    context.log.info("\(context.partitionKey ?? "?"): \(orders.count) orders, revenue \(revenue)")
    return revenue
}

/// Warns when a region has no complete order.
let regionalOrdersNotEmpty = AssetCheck("regional_orders_not_empty", asset: regionalOrders) {
    (_: AssetContext, orders: [Order]) in
    AssetCheckResult(passed: !orders.isEmpty, severity: .warn, metadata: ["orders": .int(orders.count)])
}

/// A daily sales report over every region. Its single-run backfill policy lets one run cover a
/// range of days (`asset materialize --select daily_sales --partition-range START...END`); each
/// day's materialization carries the report as metadata.
let dailySales = Asset(
    "daily_sales", group: "reports", description: "Orders and revenue reported each day.",
    partitions: try! .daily(startDate: "2024-01-01"), backfillPolicy: .singleRun
) { (context: AssetContext) -> MaterializeResult in
    let rows = try OrdersCSV.read(try bundledOrdersCSV())
    let revenue = rows.compactMap(\.amount).reduce(0, +)
    context.log.info("reporting \(context.partitionKeys.count) day(s): \(rows.count) orders, revenue \(revenue)")
    return MaterializeResult(metadata: ["orders": .int(rows.count), "revenue": .float(revenue)])
}

/// The sample orders bundled with the example.
private func bundledOrdersCSV() throws -> URL {
    guard let url = Bundle.module.url(forResource: "orders", withExtension: "csv") else {
        throw Failure("the bundled orders.csv is missing")
    }
    return url
}
