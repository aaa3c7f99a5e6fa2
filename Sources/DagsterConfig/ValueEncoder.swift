import DagsterCore
import Foundation

/// The `Encoder` behind `JSONValueEncoder`: writes into an `EncodingNode` tree.
struct ValueEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    init(node: EncodingNode, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: any Sendable]) {
        self.node = node
        self.codingPath = codingPath
        self.sendableUserInfo = userInfo
    }

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
        ValueEncoder(node: node, codingPath: codingPath + [key], userInfo: sendableUserInfo)
    }

    /// Encodes a value into this encoder's node, with the special cases of `JSONValueEncoder`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        switch value {
        case let json as JSONValue: node.content = .leaf(json)
        case let date as Date: node.content = .leaf(.double(date.timeIntervalSince1970))
        case let data as Data: node.content = .leaf(.string(data.base64EncodedString()))
        case let url as URL: node.content = .leaf(.string(url.absoluteString))
        case let decimal as Decimal: node.content = .leaf(.double(NSDecimalNumber(decimal: decimal).doubleValue))
        case let ordered as any OrderedStringKeyedEncodable: try ordered.encodeMembers(into: self)
        default: try value.encode(to: self)
        }
    }

    func encodeDouble(_ number: Double) {
        node.content = .leaf(.double(number))
    }

    func encodeInteger<T: BinaryInteger>(_ number: T) throws {
        guard let exact = Int(exactly: number) else {
            throw EncodingError.invalidValue(
                number, .init(codingPath: codingPath, debugDescription: "\(number) does not fit in an Int"))
        }
        node.content = .leaf(.int(exact))
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

    mutating func encodeNil(forKey key: Key) throws { child(key).node.content = .leaf(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).node.content = .leaf(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { child(key).node.content = .leaf(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { child(key).encodeDouble(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { child(key).encodeDouble(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { child(key).node.content = .leaf(.int(value)) }
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

    mutating func encodeNil() throws { next().node.content = .leaf(.null) }
    mutating func encode(_ value: Bool) throws { next().node.content = .leaf(.bool(value)) }
    mutating func encode(_ value: String) throws { next().node.content = .leaf(.string(value)) }
    mutating func encode(_ value: Double) throws { next().encodeDouble(value) }
    mutating func encode(_ value: Float) throws { next().encodeDouble(Double(value)) }
    mutating func encode(_ value: Int) throws { next().node.content = .leaf(.int(value)) }
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

    mutating func encodeNil() throws { encoder.node.content = .leaf(.null) }
    mutating func encode(_ value: Bool) throws { encoder.node.content = .leaf(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.node.content = .leaf(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.encodeDouble(value) }
    mutating func encode(_ value: Float) throws { encoder.encodeDouble(Double(value)) }
    mutating func encode(_ value: Int) throws { encoder.node.content = .leaf(.int(value)) }
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
