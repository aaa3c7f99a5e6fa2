import DagsterCore
import Foundation

/// The `Encoder` behind `JSONValueEncoder`: writes into an `EncodingNode` tree.
struct ValueEncoder: Encoder {
    let node: EncodingNode
    /// The path, built into an array only when asked for (errors, user code).
    let path: CodingPathNode?
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    init(node: EncodingNode, path: CodingPathNode?, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.path = path
        self.sendableUserInfo = userInfo
    }

    var codingPath: [any CodingKey] { path?.keys ?? [] }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedValueEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedValueEncodingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueValueEncodingContainer(encoder: self)
    }

    func child(_ node: EncodingNode, key: any CodingKey) -> ValueEncoder {
        ValueEncoder(node: node, path: CodingPathNode(parent: path, key: key), userInfo: sendableUserInfo)
    }

    /// Encodes a value into this encoder's node, with the special cases of `JSONValueEncoder`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == JSONValue.self, let json = value as? JSONValue {
            node.set(json)
        } else if T.self == Date.self, let date = value as? Date {
            node.set(.double(date.timeIntervalSince1970))
        } else if T.self == Data.self, let data = value as? Data {
            node.set(.string(data.base64EncodedString()))
        } else if T.self == URL.self, let url = value as? URL {
            node.set(.string(url.absoluteString))
        } else if T.self == Decimal.self, let decimal = value as? Decimal {
            node.set(.double(NSDecimalNumber(decimal: decimal).doubleValue))
        } else if let ordered = value as? any OrderedStringKeyedEncodable {
            try ordered.encodeMembers(into: self)
        } else {
            try value.encode(to: self)
        }
    }

    func encodeDouble(_ number: Double) {
        node.set(.double(number))
    }

    func encodeInteger<T: BinaryInteger>(_ number: T) throws {
        guard let exact = Int(exactly: number) else {
            throw EncodingError.invalidValue(
                number, .init(codingPath: codingPath, debugDescription: "\(number) does not fit in an Int"))
        }
        node.set(.int(exact))
    }
}

/// `OrderedDictionary<String, _>` encoded as an object in its order (its own `Encodable`
/// writes a flat list of keys and values).
protocol OrderedStringKeyedEncodable {
    func encodeMembers(into encoder: ValueEncoder) throws
}

extension OrderedDictionary: OrderedStringKeyedEncodable where Key == String, Value: Encodable {
    func encodeMembers(into encoder: ValueEncoder) throws {
        encoder.node.makeObject()
        for (key, value) in self {
            let memberKey = AnyCodingKey(stringValue: key)
            try encoder.child(encoder.node.member(key), key: memberKey).encodeValue(value)
        }
    }
}

private struct KeyedValueEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func child(_ key: Key) -> ValueEncoder {
        encoder.child(encoder.node.member(key.stringValue), key: key)
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).node.set(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).node.set(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { child(key).node.set(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { child(key).encodeDouble(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { child(key).encodeDouble(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { child(key).node.set(.int(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try child(key).encodeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try child(key).encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        child(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        child(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.child(encoder.node.member("super"), key: AnyCodingKey(stringValue: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        child(key)
    }
}

private struct UnkeyedValueEncodingContainer: UnkeyedEncodingContainer {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.node.elementCount }

    private func next() -> ValueEncoder {
        let index = encoder.node.elementCount
        return encoder.child(encoder.node.appendElement(), key: AnyCodingKey(intValue: index))
    }

    mutating func encodeNil() throws { next().node.set(.null) }
    mutating func encode(_ value: Bool) throws { next().node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { next().node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { next().encodeDouble(value) }
    mutating func encode(_ value: Float) throws { next().encodeDouble(Double(value)) }
    mutating func encode(_ value: Int) throws { next().node.set(.int(value)) }
    mutating func encode(_ value: Int8) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: Int16) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: Int32) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: Int64) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: UInt) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: UInt8) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: UInt16) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: UInt32) throws { try next().encodeInteger(value) }
    mutating func encode(_ value: UInt64) throws { try next().encodeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try next().encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        next().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        next().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        next()
    }
}

private struct SingleValueValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node.set(.null) }
    mutating func encode(_ value: Bool) throws { encoder.node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.encodeDouble(value) }
    mutating func encode(_ value: Float) throws { encoder.encodeDouble(Double(value)) }
    mutating func encode(_ value: Int) throws { encoder.node.set(.int(value)) }
    mutating func encode(_ value: Int8) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: Int16) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: Int32) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: Int64) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: UInt) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: UInt8) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: UInt16) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: UInt32) throws { try encoder.encodeInteger(value) }
    mutating func encode(_ value: UInt64) throws { try encoder.encodeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}
