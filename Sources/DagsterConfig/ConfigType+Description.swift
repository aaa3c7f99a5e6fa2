import DagsterCore

extension ConfigType {
    /// The type written the way Dagster prints it in messages: `Int`, `[String]`, `Int?`,
    /// `{ n: Int }`, `{ db?: { host: String port?: Int } }`, `{ [String]: Int }`,
    /// `(String | { env: String })`. Fields are listed sorted by name, optional ones with `?`.
    public var typeDescription: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Dagster's name of a scalar or enum type; `nil` for composite types.
    public var scalarName: String? {
        switch self {
        case .any: return "Any"
        case .bool: return "Bool"
        case .int: return "Int"
        case .float: return "Float"
        case .string: return "String"
        case .enumeration(let name, _): return name
        default: return nil
        }
    }

    private func write(to out: inout String) {
        switch self {
        case .any, .bool, .int, .float, .string, .enumeration:
            out += scalarName ?? ""
        case .stringSource, .intSource, .boolSource:
            expandingSource.write(to: &out)
        case .array(let inner):
            out += "["
            inner.write(to: &out)
            out += "]"
        case .noneable(let inner):
            inner.write(to: &out)
            out += "?"
        case .scalarUnion(let scalar, let nonScalar):
            out += "("
            scalar.write(to: &out)
            out += " | "
            nonScalar.write(to: &out)
            out += ")"
        case .map(let key, let value):
            out += "{ ["
            key.write(to: &out)
            out += "]: "
            value.write(to: &out)
            out += " }"
        case .shape(let fields), .permissive(let fields), .selector(let fields):
            out += "{ "
            for name in Array(fields.keys).pythonSorted() {
                guard let field = fields[name] else { continue }
                out += field.isRequired ? name + ": " : name + "?: "
                field.type.write(to: &out)
                out += " "
            }
            out += "}"
        }
    }
}

extension ConfigType: CustomStringConvertible {
    /// The Dagster rendering of the type, `typeDescription`.
    public var description: String { typeDescription }
}
