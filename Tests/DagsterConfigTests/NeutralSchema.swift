import DagsterConfig
import DagsterCore
import Foundation

/// Builds `ConfigType`s and `ConfigField`s from the neutral schema language of the oracle
/// fixtures (see reference/oracle/README.md).
enum NeutralSchema {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func field(_ json: JSONValue) throws -> ConfigField {
        guard let type = json["type"] else { throw Malformed(description: "field without type: \(json)") }
        return ConfigField(
            try self.type(type),
            defaultValue: json["default_value"].map(decodeValue),
            isRequired: json["is_required"]?.boolValue)
    }

    static func type(_ json: JSONValue) throws -> ConfigType {
        if case .string(let name) = json {
            switch name {
            case "int": return .int
            case "string": return .string
            case "float": return .float
            case "bool": return .bool
            case "any": return .any
            case "string_source": return .stringSource
            case "int_source": return .intSource
            case "bool_source": return .boolSource
            default: throw Malformed(description: "unknown scalar \(name)")
            }
        }
        switch json["type"]?.stringValue {
        case "shape": return .shape(try fields(json["fields"]))
        case "permissive": return .permissive(try fields(json["fields"]))
        case "selector": return .selector(try fields(json["fields"]))
        case "noneable": return .noneable(try type(json["inner"] ?? .null))
        case "array": return .array(try type(json["inner"] ?? .null))
        case "map": return .map(key: try type(json["key"] ?? .null), value: try type(json["inner"] ?? .null))
        case "enum":
            let values = (json["values"]?.arrayValue ?? []).map { value in
                ConfigEnumValue(
                    value["config_value"]?.stringValue ?? "", resolved: value["python_value"].map(decodeValue))
            }
            return .enumeration(name: json["name"]?.stringValue ?? "", values: values)
        case "scalar_union":
            return .scalarUnion(scalar: try type(json["scalar"] ?? .null), nonScalar: try type(json["non_scalar"] ?? .null))
        default:
            throw Malformed(description: "unknown type \(json)")
        }
    }

    private static func fields(_ json: JSONValue?) throws -> OrderedDictionary<String, ConfigField> {
        var result = OrderedDictionary<String, ConfigField>()
        for (name, field) in json?.objectValue ?? [:] {
            result[name] = try self.field(field)
        }
        return result
    }

    /// Decodes the fixtures' encoding of dicts with non-string keys,
    /// `{"$dict_with_non_string_keys": [[k, v], …]}`, into an object with the keys as text.
    static func decodeValue(_ json: JSONValue) -> JSONValue {
        switch json {
        case .object(let members):
            if members.count == 1, let pairs = members["$dict_with_non_string_keys"]?.arrayValue {
                var result = OrderedDictionary<String, JSONValue>()
                for pair in pairs {
                    guard let items = pair.arrayValue, items.count == 2 else { continue }
                    let key: String
                    switch items[0] {
                    case .string(let text): key = text
                    default: key = items[0].jsonText()
                    }
                    result[key] = decodeValue(items[1])
                }
                return .object(result)
            }
            return .object(members.mapValues(decodeValue))
        case .array(let elements):
            return .array(elements.map(decodeValue))
        default:
            return json
        }
    }
}
