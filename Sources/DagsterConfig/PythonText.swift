import DagsterCore

/// How Python prints values, for messages that must read exactly like Dagster's: `str()` and
/// `repr()` of the value a YAML or JSON document loads to, and `type()` of it.
public enum PythonText {
    /// Python's `repr`: `'text'`, `5`, `2.5`, `True`, `None`, `['a', 1]`, `{'env': 'HOME'}`.
    public static func repr(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .double(let number): return float(number)
        case .string(let text): return ConfigPath.pythonRepr(text)
        case .array(let elements): return "[" + elements.map(repr).joined(separator: ", ") + "]"
        case .object(let members):
            let pairs = members.map { ConfigPath.pythonRepr($0.key) + ": " + repr($0.value) }
            return "{" + pairs.joined(separator: ", ") + "}"
        }
    }

    /// Python's `str`: like `repr`, except that a string is its text without quotes.
    public static func str(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return repr(value)
    }

    /// Python's `str(type(value))`: `<class 'int'>`, `<class 'str'>`, `<class 'dict'>`.
    public static func typeName(_ value: JSONValue) -> String {
        let name: String
        switch value {
        case .null: name = "NoneType"
        case .bool: name = "bool"
        case .int: name = "int"
        case .double: name = "float"
        case .string: name = "str"
        case .array: name = "list"
        case .object: name = "dict"
        }
        return "<class '\(name)'>"
    }

    /// A list of strings the way Python prints one: `['a', 'b']`.
    public static func list(_ items: [String]) -> String {
        "[" + items.map(ConfigPath.pythonRepr).joined(separator: ", ") + "]"
    }

    /// Python's `repr` of a float: the shortest digits that read back the same, positional
    /// between 1e-4 and 1e16 (`3.0`, `0.001`), scientific outside it (`1e-05`, `1e+16`).
    public static func float(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        if number == 0 { return number.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(of: abs(number))
        let sign = number < 0 ? "-" : ""
        // `exponent` is the power of ten of the first digit.
        if exponent < -4 || exponent >= 16 {
            var mantissa = String(digits.first ?? "0")
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let magnitude = String(abs(exponent))
            let padded = magnitude.count < 2 ? "0" + magnitude : magnitude
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + padded
        }
        if exponent < 0 {
            return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
        }
        let integerCount = exponent + 1
        if digits.count <= integerCount {
            return sign + digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
        }
        let split = digits.index(digits.startIndex, offsetBy: integerCount)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// The significant digits of Swift's shortest round-trip rendering and the decimal exponent
    /// of the first one: 1234.5 → ("12345", 3), 0.001 → ("1", -3).
    private static func shortestDigits(of number: Double) -> (String, Int) {
        let text = number.description
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts.first ?? "")
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        while digits.hasPrefix("0"), digits.count > 1 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
        return (digits, pointPosition - 1)
    }
}
