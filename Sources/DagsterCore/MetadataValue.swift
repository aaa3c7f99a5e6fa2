import OrderedCollections

/// A typed metadata value attached to outputs, materializations, observations and events.
public enum MetadataValue: Sendable, Hashable {
    case text(String)
    case url(String)
    case path(String)
    case json(JSONValue)
    case markdown(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case null
    /// A timestamp in seconds since the Unix epoch.
    case timestamp(Double)
    case assetKey(AssetKey)
    case jobName(String)
    case tableSchema(TableSchema)
    case table(records: [OrderedDictionary<String, JSONValue>], schema: TableSchema?)

    /// The kind name used in storage and in the UI (`"text"`, `"url"`, …).
    public var kind: String {
        switch self {
        case .text: "text"
        case .url: "url"
        case .path: "path"
        case .json: "json"
        case .markdown: "md"
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .null: "null"
        case .timestamp: "timestamp"
        case .assetKey: "asset"
        case .jobName: "job"
        case .tableSchema: "table_schema"
        case .table: "table"
        }
    }

    /// The value as plain JSON, for display and for comparisons in tests.
    public var jsonValue: JSONValue {
        switch self {
        case .text(let text), .url(let text), .path(let text), .markdown(let text), .jobName(let text): .string(text)
        case .json(let value): value
        case .int(let number): .int(number)
        case .float(let number), .timestamp(let number): .double(number)
        case .bool(let flag): .bool(flag)
        case .null: .null
        case .assetKey(let key): .string(key.userString)
        case .tableSchema(let schema): schema.jsonValue
        case .table(let records, let schema):
            ["records": .array(records.map { .object($0) }), "schema": schema?.jsonValue ?? .null]
        }
    }
}

extension MetadataValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension MetadataValue: Codable {
    private enum CodingKeys: String, CodingKey { case type, value, schema }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .type)
        switch kind {
        case "text": self = .text(try container.decode(String.self, forKey: .value))
        case "url": self = .url(try container.decode(String.self, forKey: .value))
        case "path": self = .path(try container.decode(String.self, forKey: .value))
        case "json": self = .json(try container.decode(JSONValue.self, forKey: .value))
        case "md": self = .markdown(try container.decode(String.self, forKey: .value))
        case "int": self = .int(try container.decode(Int.self, forKey: .value))
        case "float": self = .float(try container.decode(Double.self, forKey: .value))
        case "bool": self = .bool(try container.decode(Bool.self, forKey: .value))
        case "null": self = .null
        case "timestamp": self = .timestamp(try container.decode(Double.self, forKey: .value))
        case "asset": self = .assetKey(try container.decode(AssetKey.self, forKey: .value))
        case "job": self = .jobName(try container.decode(String.self, forKey: .value))
        case "table_schema": self = .tableSchema(try container.decode(TableSchema.self, forKey: .value))
        case "table":
            let records = try container.decode([JSONValue].self, forKey: .value).compactMap(\.objectValue)
            self = .table(records: records, schema: try container.decodeIfPresent(TableSchema.self, forKey: .schema))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown metadata kind \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .type)
        switch self {
        case .null: break
        case .assetKey(let key): try container.encode(key, forKey: .value)
        case .tableSchema(let schema): try container.encode(schema, forKey: .value)
        case .table(let records, let schema):
            try container.encode(records.map { JSONValue.object($0) }, forKey: .value)
            try container.encodeIfPresent(schema, forKey: .schema)
        default: try container.encode(jsonValue, forKey: .value)
        }
    }
}

/// The columns of a table, for `MetadataValue.tableSchema` and `.table`.
public struct TableSchema: Sendable, Hashable, Codable {
    /// One column: name, type name, optional description.
    public struct Column: Sendable, Hashable, Codable {
        public var name: String
        public var type: String
        public var description: String?

        /// Creates a column.
        public init(_ name: String, type: String = "string", description: String? = nil) {
            self.name = name
            self.type = type
            self.description = description
        }
    }

    /// The columns, in order.
    public var columns: [Column]

    /// Creates a schema.
    public init(columns: [Column]) { self.columns = columns }

    var jsonValue: JSONValue {
        .array(columns.map { ["name": .string($0.name), "type": .string($0.type)] })
    }
}

/// Ordered metadata entries, label → value.
public typealias Metadata = OrderedDictionary<String, MetadataValue>
