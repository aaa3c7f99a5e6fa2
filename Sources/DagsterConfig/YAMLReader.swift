import DagsterCore
import Foundation
import Yams

/// Turns YAML text into a `JSONValue` with PyYAML's YAML 1.1 scalar rules (see `RunConfigLoader`).
enum YAMLReader {
    static func read(_ text: String, source: String) throws(DagsterError) -> JSONValue {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DagsterError(.invalidInput, "\(source): invalid YAML: \(describe(error))")
        } catch {
            throw DagsterError(.invalidInput, "\(source): invalid YAML: \(error)")
        }
        guard let root else { return .null }
        return try value(of: root, source: source)
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let context = context.map { "\($0.text) " } ?? ""
            return "line \(mark.line), column \(mark.column): \(context)\(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "line \(context.mark.line), column \(context.mark.column): duplicated keys \(duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")) in a mapping"
        default:
            return "\(error)"
        }
    }

    private static func location(_ node: Node, _ source: String) -> String {
        guard let mark = node.mark else { return source }
        return "\(source):\(mark.line):\(mark.column)"
    }

    static func value(of node: Node, source: String) throws(DagsterError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return try scalarValue(scalar, node: node, source: source)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence {
                elements.append(try value(of: element, source: source))
            }
            return .array(elements)
        case .mapping(let mapping):
            var members = OrderedDictionary<String, JSONValue>()
            for (key, member) in try flattened(mapping, source: source) {
                members[try keyText(key, source: source)] = try value(of: member, source: source)
            }
            return .object(members)
        case .alias:
            throw DagsterError(.invalidInput, "\(location(node, source)): unresolved YAML alias")
        }
    }

    /// The mapping's pairs with `<<` merge keys expanded the way PyYAML does: merged pairs
    /// first (of a list of mappings, earlier ones win), then the mapping's own pairs.
    private static func flattened(_ mapping: Node.Mapping, source: String) throws(DagsterError) -> [(Node, Node)] {
        var merged: [(Node, Node)] = []
        var own: [(Node, Node)] = []
        for (key, member) in mapping {
            guard case .scalar(let scalar) = key, scalar.string == "<<", scalar.style == .plain || scalar.style == .any else {
                own.append((key, member))
                continue
            }
            switch member {
            case .mapping(let submapping):
                merged.append(contentsOf: try flattened(submapping, source: source))
            case .sequence(let sequence):
                var parts: [[(Node, Node)]] = []
                for element in sequence {
                    guard case .mapping(let submapping) = element else {
                        throw DagsterError(
                            .invalidInput, "\(location(element, source)): a << merge list must contain only mappings")
                    }
                    parts.append(try flattened(submapping, source: source))
                }
                for part in parts.reversed() { merged.append(contentsOf: part) }
            default:
                throw DagsterError(
                    .invalidInput, "\(location(member, source)): a << merge key needs a mapping or a list of mappings")
            }
        }
        return merged + own
    }

    /// Object keys are strings: scalars are read as text (`1: a` has the key "1"); `~` is "None"
    /// as in Python, other non-scalar keys are rejected.
    private static func keyText(_ key: Node, source: String) throws(DagsterError) -> String {
        guard case .scalar(let scalar) = key else {
            throw DagsterError(.invalidInput, "\(location(key, source)): mapping keys must be scalars")
        }
        switch try scalarValue(scalar, node: key, source: source) {
        case .string(let text): return text
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? String(number) : scalar.string
        default: return scalar.string
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, node: Node, source: String) throws(DagsterError) -> JSONValue {
        let text = scalar.string
        switch Tag.Name(rawValue: scalar.tag.rawValue) {
        case .str: return .string(text)
        case .null: return .null
        case .bool:
            guard let flag = YAMLScalar.bool(text) else { throw badTag("!!bool", node, source) }
            return .bool(flag)
        case .int:
            guard let number = YAMLScalar.int(text) else { throw badTag("!!int", node, source) }
            return .int(number)
        case .float:
            guard let number = YAMLScalar.float(text) ?? YAMLScalar.int(text).map(Double.init) else {
                throw badTag("!!float", node, source)
            }
            return .double(number)
        case .nonSpecific:
            return .string(text)
        case .implicit:
            break
        default:
            if scalar.tag.rawValue.hasPrefix("tag:yaml.org,2002:") {
                return .string(text)
            }
            throw DagsterError(
                .invalidInput, "\(location(node, source)): unsupported YAML tag \(scalar.tag.rawValue)")
        }
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        return YAMLScalar.resolve(text)
    }

    private static func badTag(_ tag: String, _ node: Node, _ source: String) -> DagsterError {
        DagsterError(.invalidInput, "\(location(node, source)): the value is not a valid \(tag)")
    }
}
