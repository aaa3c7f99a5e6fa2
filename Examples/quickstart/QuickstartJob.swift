import Dagster
import Foundation

/// Config of `load_orders`: which file to read (the bundled sample by default).
struct LoadConfig: Config {
    var path: String?
}

/// Config of `clean_orders`: the smallest amount an order must have to count.
struct CleanConfig: Config {
    var minAmount: Double
    enum CodingKeys: String, CodingKey { case minAmount = "min_amount" }
    static let configSchema = derivedSchema(defaults: CleanConfig(minAmount: 0.01))
}

let loadOrders = Op("load_orders", config: LoadConfig.self, description: "Reads the orders CSV.") {
    (context: OpContext, config: LoadConfig) -> [OrdersCSV.Row] in
    guard let url = config.path.map({ URL(fileURLWithPath: $0) }) ?? Bundle.module.url(forResource: "orders", withExtension: "csv") else {
        throw Failure("the bundled orders.csv is missing; pass ops:load_orders:config:path")
    }
    let rows = try OrdersCSV.read(url)
    context.log.info("Read \(rows.count) orders from \(url.lastPathComponent)")
    return rows
}

let cleanOrders = Op("clean_orders", config: CleanConfig.self, ins: "rows", description: "Drops incomplete and non-positive orders.") {
    (context: OpContext, config: CleanConfig, rows: [OrdersCSV.Row]) -> [Order] in
    let orders = rows.compactMap { row -> Order? in
        guard let amount = row.amount, amount >= config.minAmount, !row.customer.isEmpty else { return nil }
        return Order(id: row.id, region: row.region, customer: row.customer, amount: amount)
    }
    context.logEvent(ExpectationResult(success: !orders.isEmpty, label: "has_orders", metadata: ["kept": .int(orders.count)]))
    context.log.info("Kept \(orders.count) of \(rows.count) orders")
    return orders
}

let revenueByRegion = Op(
    "revenue_by_region", ins: "orders", requiredResources: ["currency"],
    description: "Sums revenue per region in the report currency.", ioManagerKey: "report_io_manager"
) { (context: OpContext, orders: [Order]) -> [RegionRevenue] in
    let converter = try context.resource("currency", as: CurrencyConverter.self)
    let byRegion = Dictionary(grouping: orders, by: \.region)
    let report = byRegion.keys.sorted().map { region in
        let regionOrders = byRegion[region] ?? []
        return RegionRevenue(region: region, orders: regionOrders.count, revenue: converter.convert(regionOrders.reduce(0) { $0 + $1.amount }))
    }
    context.logEvent(AssetMaterialization(
        assetKey: AssetKey(["reports", "revenue_by_region"]),
        metadata: ["regions": .int(report.count), "currency": .text(converter.settings.currency)]))
    return report
}

/// The quickstart ETL: load the CSV, clean it, write revenue per region.
let quickstartETL = Job(
    "quickstart_etl", description: "Reads orders, cleans them and writes revenue per region.",
    resources: ["currency": CurrencyConverter.resource, "report_io_manager": ReportIOManager.resource],
    tags: ["example": "quickstart"]
) {
    revenueByRegion(cleanOrders(loadOrders()))
}
