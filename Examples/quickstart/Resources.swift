import Dagster
import Foundation

/// Converts USD amounts into the report currency; a configurable resource.
struct CurrencyConverter: Sendable {
    struct Settings: Config {
        var currency: String
        var usdRate: Double

        enum CodingKeys: String, CodingKey {
            case currency
            case usdRate = "usd_rate"
        }

        static let configSchema = derivedSchema(defaults: Settings(currency: "USD", usdRate: 1.0))
    }

    let settings: Settings

    func convert(_ usd: Double) -> Double { (usd * settings.usdRate * 100).rounded() / 100 }

    static let resource = ResourceDefinition(config: Settings.self) { _, settings in
        CurrencyConverter(settings: settings)
    }
}

/// Writes the revenue report as a CSV file under `base_dir` (one file per run): the IO
/// manager of the report output.
struct ReportIOManager: IOManager {
    let baseDirectory: URL

    func handleOutput(_ context: OutputContext, _ value: any Sendable) async throws -> Metadata {
        guard let rows = value as? [RegionRevenue] else {
            throw Failure("the report IO manager stores [RegionRevenue], got \(type(of: value))")
        }
        let lines = ["region,orders,revenue"] + rows.map { "\($0.region),\($0.orders),\(String(format: "%.2f", $0.revenue))" }
        let url = baseDirectory.appendingPathComponent("revenue_by_region.csv")
        try FileManager.default.createDirectory(at: baseDirectory, withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return ["path": .path(url.path), "rows": .int(rows.count)]
    }

    func loadInput(_ context: InputContext) async throws -> any Sendable {
        throw Failure("the revenue report is a final output; nothing reads it back")
    }

    struct Settings: Config {
        var baseDir: String
        enum CodingKeys: String, CodingKey { case baseDir = "base_dir" }
        static let configSchema = derivedSchema(defaults: Settings(baseDir: "quickstart_output"))
    }

    static let resource = ResourceDefinition(config: Settings.self) { _, settings in
        ReportIOManager(baseDirectory: URL(fileURLWithPath: settings.baseDir)) as any IOManager
    }
}
