import DagsterCore

/// PyYAML's (YAML 1.1) resolution of plain scalars.
enum YAMLScalar {
    /// The value of a plain scalar: null, bool, int, float, or the text.
    static func resolve(_ text: String) -> JSONValue {
        if ["", "~", "null", "Null", "NULL"].contains(text) { return .null }
        if let flag = bool(text) { return .bool(flag) }
        if let number = int(text) { return .int(number) }
        if let number = float(text) { return .double(number) }
        return .string(text)
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    /// `[-+]?0b[01_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`
    static func int(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        let magnitude: Int?
        if body.hasPrefix("0b") {
            magnitude = digits(body.dropFirst(2), radix: 2)
        } else if body.hasPrefix("0x") {
            magnitude = digits(body.dropFirst(2), radix: 16)
        } else if body.contains(":") {
            magnitude = sexagesimal(body)
        } else if body == "0" {
            magnitude = 0
        } else if body.hasPrefix("0") {
            magnitude = digits(body.dropFirst(), radix: 8)
        } else if body.first.map({ $0 >= "1" && $0 <= "9" }) == true {
            magnitude = digits(body, radix: 10)
        } else {
            magnitude = nil
        }
        return magnitude.map { negative ? -$0 : $0 }
    }

    /// `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? |
    ///  [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)`
    static func float(_ text: String) -> Double? {
        if [".nan", ".NaN", ".NAN"].contains(text) { return .nan }
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        let sign: Double = negative ? -1 : 1
        if [".inf", ".Inf", ".INF"].contains(body) { return sign * .infinity }
        guard let dot = body.firstIndex(of: ".") else { return nil }
        let whole = body[..<dot]
        var fraction = body[body.index(after: dot)...]
        var exponent: Substring = ""
        if let e = fraction.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = fraction[fraction.index(after: e)...]
            fraction = fraction[..<e]
            guard let expSign = exponent.first, expSign == "+" || expSign == "-",
                exponent.count > 1, exponent.dropFirst().allSatisfy(\.isASCIIDigit)
            else { return nil }
        }
        guard fraction.allSatisfy({ $0.isASCIIDigit || $0 == "_" }) else { return nil }
        if whole.contains(":") {
            guard exponent.isEmpty, whole.first?.isASCIIDigit == true, let base = sexagesimal(whole) else { return nil }
            let fractionValue = Double("0." + fraction.filter { $0 != "_" }) ?? 0
            return sign * (Double(base) + fractionValue)
        }
        if whole.isEmpty {
            guard !negative, text.first == ".", fraction.contains(where: \.isASCIIDigit), fraction.first != "_" else {
                return nil
            }
        } else {
            guard whole.first?.isASCIIDigit == true, whole.allSatisfy({ $0.isASCIIDigit || $0 == "_" }) else {
                return nil
            }
        }
        let wholeDigits: String = whole.isEmpty ? "0" : String(whole.filter { $0 != "_" })
        let fractionDigits = String(fraction.filter { $0 != "_" }) + "0"
        let exponentPart: String = exponent.isEmpty ? "" : "e" + exponent
        let literal = wholeDigits + "." + fractionDigits + exponentPart
        return Double(literal).map { sign * $0 }
    }

    private static func digits(_ text: Substring, radix: Int) -> Int? {
        guard let first = text.first, first != "_" || radix != 10 else { return nil }
        let cleaned = text.filter { $0 != "_" }
        guard !cleaned.isEmpty else { return nil }
        return Int(cleaned, radix: radix)
    }

    /// `1:30` → 90, `1:02:03` → 3723.
    private static func sexagesimal(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard let head = parts.first, head.first.map({ $0 >= "1" && $0 <= "9" }) == true,
            let headValue = digits(head, radix: 10)
        else { return nil }
        var value = headValue
        for part in parts.dropFirst() {
            guard (1...2).contains(part.count), part.allSatisfy(\.isASCIIDigit), let digit = Int(part), digit < 60
            else { return nil }
            value = value * 60 + digit
        }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
