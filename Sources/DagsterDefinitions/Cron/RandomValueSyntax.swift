/// The Jenkins-style `H` / `R` value syntax croniter understands: `R`, `R(a-b)`, `R/n`, `R(a-b)/n`.
struct RandomValueSyntax {
    /// `true` for `R` (random), `false` for `H` (hashed).
    let isRandom: Bool
    let rangeBegin: Int?
    let rangeEnd: Int?
    let divisor: Int?

    /// Reads the syntax from a whole (lower-cased) field, or returns `nil` if the field is not one.
    init?(_ text: String) {
        var rest = Substring(text)
        guard let first = rest.popFirst(), first == "h" || first == "r" else { return nil }
        isRandom = first == "r"
        var begin: Int?
        var end: Int?
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            let bounds = rest[rest.index(after: rest.startIndex)..<close].split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 2, let low = Self.number(bounds[0]), let high = Self.number(bounds[1]) else { return nil }
            (begin, end) = (low, high)
            rest = rest[rest.index(after: close)...]
        }
        var divisor: Int?
        if rest.first == "/" {
            guard let value = Self.number(rest.dropFirst()) else { return nil }
            divisor = value
            rest = ""
        }
        guard rest.isEmpty else { return nil }
        (rangeBegin, rangeEnd, self.divisor) = (begin, end, divisor)
    }

    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }
}
