import Dagster
import Foundation

/// One row of the orders file.
struct Order: Codable, Sendable, Equatable {
    var id: Int
    var region: String
    var customer: String
    var amount: Double
}

/// Revenue of one region, in the report currency.
struct RegionRevenue: Codable, Sendable, Equatable {
    var region: String
    var orders: Int
    var revenue: Double
}

/// Reads the orders CSV: a header row, then `order_id,region,customer,amount,currency` rows.
/// Rows whose amount is missing keep `nil` so the cleaning step can count them.
enum OrdersCSV {
    struct Row: Sendable, Codable {
        var id: Int
        var region: String
        var customer: String
        var amount: Double?
    }

    static func read(_ url: URL) throws -> [Row] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [Row] = []
        for (lineNumber, line) in text.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4, let id = Int(fields[0]) else {
                throw Failure("\(url.lastPathComponent) line \(lineNumber + 1): expected order_id,region,customer,amount,currency")
            }
            rows.append(Row(id: id, region: fields[1], customer: fields[2], amount: Double(fields[3])))
        }
        return rows
    }
}
