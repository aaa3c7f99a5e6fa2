import DagsterConfig
import DagsterCore
import Foundation
import Testing

private struct Order: Codable, Equatable, Sendable {
    var zeta: Int
    var alpha: String
    var amount: Double
    var flag: Bool
    var note: String?
    var lines: [Line]
    var attributes: [String: Int]
    var placed: Date
    var payload: Data
    var link: URL
    var small: UInt8
    var raw: JSONValue

    struct Line: Codable, Equatable, Sendable {
        var sku: String
        var quantity: Int
    }
}

@Suite struct JSONValueCodingTests {
    fileprivate static let order = Order(
        zeta: 1, alpha: "a", amount: 9.5, flag: true, note: nil, lines: [.init(sku: "s1", quantity: 2)],
        attributes: ["k": 3], placed: Date(timeIntervalSince1970: 1_700_000_000), payload: Data([1, 2, 3]),
        link: URL(string: "https://dagster.io/x")!, small: 200, raw: ["any": [1, nil]])

    @Test func encodesInDeclarationOrderWithoutText() throws {
        let value = try JSONValueEncoder().encode(Self.order)
        #expect(value.objectValue?.keys.elements == [
            "zeta", "alpha", "amount", "flag", "lines", "attributes", "placed", "payload", "link", "small", "raw",
        ])
        #expect(value["placed"] == 1_700_000_000.0)
        #expect(value["payload"] == "AQID")
        #expect(value["link"] == "https://dagster.io/x")
        #expect(value["raw"] == ["any": [1, nil]])
        #expect(value["lines"] == [["sku": "s1", "quantity": 2]])
    }

    @Test func parsesEveryStringEscape() throws {
        let text = #"["plain", "a\/b \"q\" \\ \n\t\r\b\f \u00e9 \ud83d\ude00 end"]"#
        #expect(try JSONParser.parse(text) == ["plain", "a/b \"q\" \\ \n\t\r\u{08}\u{0C} é 😀 end"])
        #expect(throws: DagsterError.self) { try JSONParser.parse(#""open \"#) }
    }

    @Test func roundTrips() throws {
        let value = try JSONValueEncoder().encode(Self.order)
        #expect(try JSONValueDecoder().decode(Order.self, from: value) == Self.order)
        let ordered: OrderedDictionary<String, Int> = ["b": 1, "a": 2]
        let encoded = try JSONValueEncoder().encode(ordered)
        #expect(encoded.objectValue?.keys.elements == ["b", "a"])
        #expect(try JSONValueDecoder().decode(OrderedDictionary<String, Int>.self, from: encoded) == ordered)
        #expect(try JSONValueDecoder().decode([Int?].self, from: [1, nil, 3]) == [1, nil, 3])
        #expect(try JSONValueEncoder().encode([Int?]([1, nil])) == [1, nil])
        #expect(try JSONValueDecoder().decode([Int: String].self, from: ["1": "a"]) == [1: "a"])
    }

    @Test func convertsNumbersOnlyWithoutLoss() throws {
        #expect(try JSONValueDecoder().decode(Double.self, from: 3) == 3.0)
        #expect(try JSONValueDecoder().decode(Int.self, from: 3.0) == 3)
        #expect(throws: DagsterError.self) { try JSONValueDecoder().decode(Int.self, from: 3.5) }
        #expect(throws: DagsterError.self) { try JSONValueDecoder().decode(UInt8.self, from: 300) }
        #expect(throws: DagsterError.self) { try JSONValueDecoder().decode(Bool.self, from: 1) }
        #expect(try JSONValueDecoder().decode(Date.self, from: "2024-01-02T03:04:05Z") == Date(timeIntervalSince1970: 1_704_164_645))
    }

    @Test func errorsNameTheCodingPath() throws {
        var value = try JSONValueEncoder().encode(Self.order)
        guard case .object(var members) = value else { return }
        members["lines"] = [["sku": "s1", "quantity": "two"]]
        value = .object(members)
        #expect {
            try JSONValueDecoder().decode(Order.self, from: value)
        } throws: { error in
            (error as? DagsterError)?.message == #"at lines.0.quantity: expected Int, got string "two""#
        }
        members.removeValue(forKey: "alpha")
        #expect {
            try JSONValueDecoder().decode(Order.self, from: .object(members))
        } throws: { error in
            (error as? DagsterError)?.message == #"at the root: missing required entry "alpha""#
        }
        #expect {
            try JSONValueDecoder().decode(Order.self, from: [1])
        } throws: { error in
            (error as? DagsterError)?.message == "at the root: expected an object, got a list [1]"
        }
    }
}
