import Dagster
import Foundation

/// The regions of the sample orders: the partitions of the quickstart assets.
let salesRegions = PartitionsDefinition.static(try! StaticPartitionsDefinition(["east", "north", "south", "west"]))

/// The complete orders of one region (partition), read from the bundled CSV.
let regionalOrders = Asset(
    "regional_orders", group: "sales", description: "Complete orders of one region.", partitions: salesRegions
) { (context: AssetContext) -> [Order] in
    guard let url = Bundle.module.url(forResource: "orders", withExtension: "csv") else {
        throw Failure("the bundled orders.csv is missing")
    }
    let region = context.partitionKey ?? ""
    return try OrdersCSV.read(url).compactMap { row -> Order? in
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
