import DagsterCore
import Foundation

/// The `Decoder` behind `JSONValueDecoder`: one per value, containers read the value directly.
struct ValueDecoder: Decoder {
    let value: JSONValue
    /// The path, built into an array only when asked for (errors, user code).
    let path: CodingPathNode?
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    init(value: JSONValue, path: CodingPathNode?, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.value = value
        self.path = path
        self.sendableUserInfo = userInfo
    }

    var codingPath: [any CodingKey] { path?.keys ?? [] }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch(expected: "an object", for: [String: JSONValue].self)
        }
        return KeyedDecodingContainer(KeyedValueContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw mismatch(expected: "a list", for: [JSONValue].self)
        }
        return UnkeyedValueContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    func child(_ value: JSONValue, key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, path: CodingPathNode(parent: path, key: key), userInfo: sendableUserInfo)
    }

    func mismatch(expected: String, for type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(
            type, .init(codingPath: codingPath, debugDescription: "expected \(expected), got \(value.configSummary)"))
    }

    // MARK: Values

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let value = value as? T { return value }
        if T.self == Date.self, let date = try decodeDate() as? T { return date }
        if T.self == Data.self, let data = try decodeData() as? T { return data }
        if T.self == URL.self, let url = try decodeURL() as? T { return url }
        if T.self == Decimal.self, let decimal = try decodeDecimal() as? T { return decimal }
        if let ordered = T.self as? any OrderedStringKeyedDecodable.Type, let value = try ordered.decodeMembers(from: self) as? T {
            return value
        }
        return try T(from: self)
    }

    func decodeNil() -> Bool { value.isNull }

    func decodeBool() throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(expected: "Bool", for: Bool.self) }
        return flag
    }

    func decodeString() throws -> String {
        guard case .string(let text) = value else { throw mismatch(expected: "String", for: String.self) }
        return text
    }

    func decodeDouble() throws -> Double {
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        case .string(let text):
            switch text {
            case "NaN", "nan": return .nan
            case "Infinity", "inf": return .infinity
            case "-Infinity", "-inf": return -.infinity
            default: throw mismatch(expected: "Double", for: Double.self)
            }
        default: throw mismatch(expected: "Double", for: Double.self)
        }
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch value {
        case .int(let number):
            if let exact = T(exactly: number) { return exact }
        case .double(let number):
            if let exact = T(exactly: number) { return exact }
        default:
            break
        }
        throw mismatch(expected: Self.integerName(T.self), for: T.self)
    }

    private static func integerName<T>(_ type: T.Type) -> String {
        T.self == Int.self ? "Int" : "\(T.self) (an integer in its range)"
    }

    private func decodeDate() throws -> Date {
        switch value {
        case .int, .double:
            return Date(timeIntervalSince1970: try decodeDouble())
        case .string(let text):
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
                return date
            }
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "expected an ISO 8601 date, got \(value.configSummary)"))
        default:
            throw mismatch(expected: "a date (seconds since 1970 or ISO 8601 text)", for: Date.self)
        }
    }

    private func decodeData() throws -> Data {
        guard case .string(let text) = value, let data = Data(base64Encoded: text) else {
            throw mismatch(expected: "base64 text", for: Data.self)
        }
        return data
    }

    private func decodeURL() throws -> URL {
        guard case .string(let text) = value, let url = URL(string: text) else {
            throw mismatch(expected: "a URL string", for: URL.self)
        }
        return url
    }

    private func decodeDecimal() throws -> Decimal {
        switch value {
        case .int(let number): return Decimal(number)
        case .double(let number): return Decimal(number)
        case .string(let text):
            if let decimal = Decimal(string: text) { return decimal }
        default: break
        }
        throw mismatch(expected: "a decimal number", for: Decimal.self)
    }
}

/// `OrderedDictionary<String, _>` decoded from an object, keeping its order (its own
/// `Decodable` reads a flat list of keys and values).
protocol OrderedStringKeyedDecodable {
    static func decodeMembers(from decoder: ValueDecoder) throws -> Self
}

extension OrderedDictionary: OrderedStringKeyedDecodable where Key == String, Value: Decodable {
    static func decodeMembers(from decoder: ValueDecoder) throws -> Self {
        guard case .object(let members) = decoder.value else {
            throw decoder.mismatch(expected: "an object", for: Self.self)
        }
        var result = Self()
        result.reserveCapacity(members.count)
        for (key, member) in members {
            result[key] = try decoder.child(member, key: AnyCodingKey(stringValue: key)).decodeValue(Value.self)
        }
        return result
    }
}

private struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let members: OrderedDictionary<String, JSONValue>

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func child(_ key: Key) throws -> ValueDecoder {
        guard let member = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "missing required entry \"\(key.stringValue)\""))
        }
        return decoder.child(member, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        members[key.stringValue]?.isNull ?? true
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decodeBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decodeString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decodeDouble() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try child(key).decodeDouble()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decodeInteger(Int.self) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(T.self) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        decoder.child(members["super"] ?? .null, key: AnyCodingKey(stringValue: "super"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(members[key.stringValue] ?? .null, key: key)
    }
}

private struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let elements: [JSONValue]
    var currentIndex = 0

    init(decoder: ValueDecoder, elements: [JSONValue]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                JSONValue.self,
                .init(
                    codingPath: codingPath + [AnyCodingKey(intValue: currentIndex)],
                    debugDescription: "the list has only \(elements.count) elements"))
        }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], key: AnyCodingKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decodeBool() }
    mutating func decode(_ type: String.Type) throws -> String { try next().decodeString() }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decodeDouble() }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try next().decodeDouble()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decodeInteger(Int.self) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decodeInteger(Int8.self) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decodeInteger(Int16.self) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decodeInteger(Int32.self) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decodeInteger(Int64.self) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decodeInteger(UInt.self) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decodeInteger(UInt8.self) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decodeInteger(UInt16.self) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decodeInteger(UInt32.self) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decodeInteger(UInt64.self) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try next()
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.decodeNil() }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.decodeBool() }
    func decode(_ type: String.Type) throws -> String { try decoder.decodeString() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.decodeDouble() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.decodeDouble()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.decodeInteger(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.decodeInteger(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.decodeInteger(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.decodeInteger(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.decodeInteger(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.decodeInteger(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.decodeInteger(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.decodeInteger(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.decodeInteger(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.decodeInteger(UInt64.self) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(T.self) }
}
