/// Why a cron field was rejected, in words for the error message.
struct CronSyntaxError: Error {
    let reason: String
}

/// Which occurrences of a weekday in its month a day-of-week field asks for (`MON#2`, `L5`).
struct NthWeekdayRule: Sendable, Hashable {
    /// Bit `n` set for the n-th occurrence (1–5).
    var occurrences: UInt8 = 0
    /// Whether the last occurrence in the month is asked for.
    var includesLast = false

    /// Whether `day` (1-based) of a month with `daysInMonth` days is one of the asked occurrences.
    func matches(day: Int, daysInMonth: Int) -> Bool {
        let occurrence = (day - 1) / 7 + 1
        return occurrences & (1 << UInt8(occurrence)) != 0 || (includesLast && day + 7 > daysInMonth)
    }
}

/// Reads one field of a cron string with the grammar Dagster accepts through croniter: lists,
/// ranges (wrapping ones such as `FRI-MON` included), steps, `*`, `?`, month and weekday names,
/// `L` for the last day of the month, and `#n` / `Ln` for the n-th or last weekday of a month.
struct CronFieldParser {
    let kind: CronFieldKind
    /// The n-th weekday rules found so far, by weekday (0 = Sunday).
    private(set) var nthWeekdayRules: [Int: NthWeekdayRule] = [:]

    init(kind: CronFieldKind) {
        self.kind = kind
    }

    private enum Occurrence {
        case number(Int)
        case last
    }

    /// The distinct values of the field text (already lower-cased).
    mutating func values(of text: String, seed: UInt64) throws(CronSyntaxError) -> Set<CronFieldValue> {
        var fieldText = try expandRandomValue(text, seed: seed)
        if fieldText.contains("?") {
            guard fieldText == "?" else { throw CronSyntaxError(reason: "'?' cannot be combined with other values") }
            guard kind == .dayOfMonth || kind == .dayOfWeek else {
                throw CronSyntaxError(reason: "'?' is only allowed in the day-of-month and day-of-week fields")
            }
            fieldText = "*"
        }
        var pending = fieldText.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var values = Set<CronFieldValue>()
        while let item = pending.popLast() {
            var element = item
            var occurrence: Occurrence?
            if kind == .dayOfWeek, let nth = try nthWeekdaySyntax(element) {
                (element, occurrence) = nth
            }
            if let range = Self.rangeSyntax(element, maximum: kind.range.upperBound, minimum: kind.range.lowerBound) {
                for value in try expand(range, original: element) {
                    var expanded = String(value)
                    if case .number(let nth) = occurrence { expanded += "#\(nth)" }
                    if !pending.contains(expanded) { pending.append(expanded) }
                }
            } else {
                let value = try singleValue(element)
                values.insert(value)
                if case .number(let weekday) = value, let occurrence {
                    var rule = nthWeekdayRules[weekday] ?? NthWeekdayRule()
                    switch occurrence {
                    case .number(let nth): rule.occurrences |= 1 << UInt8(nth)
                    case .last: rule.includesLast = true
                    }
                    nthWeekdayRules[weekday] = rule
                }
            }
        }
        return values
    }

    /// Rewrites Jenkins-style `H` and `R` values (`R`, `R(a-b)`, `R/n`, `R(a-b)/n`) as croniter
    /// does: `H` needs a hash id, which Dagster never gives, so it is rejected; `R` picks a value in
    /// range. Dagster picks it at random; here it is derived from the whole cron string, so the
    /// schedule is the same on every load.
    private func expandRandomValue(_ text: String, seed: UInt64) throws(CronSyntaxError) -> String {
        guard let syntax = RandomValueSyntax(text) else { return text }
        guard syntax.isRandom else {
            throw CronSyntaxError(reason: "'H' (hashed) values need a hash id, which Dagster does not supply")
        }
        var low = kind.range.lowerBound
        var high = kind.range.upperBound
        if let begin = syntax.rangeBegin, let end = syntax.rangeEnd {
            guard begin < end else { throw CronSyntaxError(reason: "'\(text)': the range end must be greater than its start") }
            (low, high) = (begin, end)
        }
        guard let divisor = syntax.divisor else {
            return String(low + Int((seed >> UInt64(kind.rawValue)) % UInt64(high - low + 1)))
        }
        guard divisor > 0 else { throw CronSyntaxError(reason: "'\(text)': a step of 0 never advances") }
        let first = low + Int((seed >> UInt64(kind.rawValue)) % UInt64(divisor))
        return "\(first)-\(high)/\(divisor)"
    }

    /// `MON#2` → (`mon`, 2nd); `L5` → (`5`, last). Only in the day-of-week field.
    private func nthWeekdaySyntax(_ element: String) throws(CronSyntaxError) -> (String, Occurrence)? {
        if let hash = element.lastIndex(of: "#") {
            let weekday = String(element[..<hash])
            let digits = element[element.index(after: hash)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), Self.isNthWeekdayPrefix(weekday) else {
                return nil
            }
            guard let nth = Int(digits), (1...5).contains(nth) else {
                throw CronSyntaxError(reason: "'\(element)': the occurrence after '#' must be 1 to 5")
            }
            return (weekday, .number(nth))
        }
        let digits = element.dropFirst()
        if element.first == "l", !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) {
            return (String(digits), .last)
        }
        return nil
    }

    /// Whether text before `#` is a weekday or month name (or a range of them) or a plain word.
    private static func isNthWeekdayPrefix(_ text: String) -> Bool {
        let names = CronFieldKind.weekdayNames + CronFieldKind.monthNames
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.count <= 2, parts.allSatisfy(names.contains) {
            let isWeekday = CronFieldKind.weekdayNames.contains(parts[0])
            return parts.allSatisfy { CronFieldKind.weekdayNames.contains($0) == isWeekday }
        }
        return !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    struct RangeSyntax {
        var low: String
        var high: String
        var step: String?

        /// The high bound with `L` (allowed as the end of a day-of-month range) read as 31, the
        /// field's largest day.
        func highBound(in kind: CronFieldKind) -> String {
            kind == .dayOfMonth && high == "l" ? String(kind.range.upperBound) : high
        }
    }

    /// `a-b`, `a-b/n`, `*/n` (every value, stepped) and `a/n` (from a to the maximum, stepped).
    static func rangeSyntax(_ element: String, maximum: Int, minimum: Int) -> RangeSyntax? {
        if element.hasPrefix("*/"), element.count > 2,
            let range = lowHighStep("\(minimum)-\(maximum)" + element.dropFirst())
        {
            return range
        }
        if let range = lowHighStep(element) { return range }
        var slash = element.endIndex
        while let found = element[..<slash].lastIndex(of: "/") {
            if found != element.startIndex, element.index(after: found) != element.endIndex {
                let start = element[..<found]
                let step = element[element.index(after: found)...]
                return lowHighStep("\(start)-\(maximum)/\(step)")
            }
            slash = found
        }
        return nil
    }

    /// Matches `low-high` with an optional `/step` (low has no `-`; high has no `-` or `/`).
    private static func lowHighStep(_ text: String) -> RangeSyntax? {
        guard let dash = text.firstIndex(of: "-"), dash != text.startIndex else { return nil }
        let rest = text[text.index(after: dash)...]
        let slash = rest.firstIndex(of: "/")
        let high = rest[..<(slash ?? rest.endIndex)]
        guard !high.isEmpty, !high.contains("-") else { return nil }
        var step: String?
        if let slash {
            let digits = rest[rest.index(after: slash)...]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            step = String(digits)
        }
        return RangeSyntax(low: String(text[..<dash]), high: String(high), step: step)
    }

    private func expand(_ range: RangeSyntax, original: String) throws(CronSyntaxError) -> [Int] {
        let low = kind.canonical(try bound(range.low, in: original))
        let high = kind.canonical(try bound(range.highBound(in: kind), in: original))
        guard let step = Int(range.step ?? "1") else {
            throw CronSyntaxError(reason: "'\(original)': the step is too large")
        }
        let first = kind.range.lowerBound
        let last = kind.range.upperBound
        guard max(low, high) <= last else {
            throw CronSyntaxError(reason: "'\(original)' goes beyond \(last), the largest \(kind) value")
        }
        guard step > 0 else { throw CronSyntaxError(reason: "'\(original)': a step of 0 never advances") }
        if low < high { return Array(stride(from: low, through: high, by: step)) }
        if low == high { return Array(stride(from: first, through: last, by: step)) }
        // A range that wraps, e.g. FRI-MON: low to the end of the field, then the start to high.
        var values = Array(stride(from: low, through: last, by: step))
        var skip = 0
        if let tail = values.last, tail - first + step > last - first + 1, last - tail < step {
            skip = step - (last - tail)
        }
        values += stride(from: first + skip, through: high, by: step)
        return values
    }

    private func bound(_ text: String, in original: String) throws(CronSyntaxError) -> Int {
        if text.allSatisfy(\.isASCIIDigit) {
            return Int(text) ?? Int.max
        }
        guard let named = kind.namedValue(text) else { throw unknownName(text, in: original) }
        guard case .number(let value) = named else {
            throw CronSyntaxError(reason: "'\(original)': '\(text.uppercased())' cannot be a range bound")
        }
        return value
    }

    private func singleValue(_ element: String) throws(CronSyntaxError) -> CronFieldValue {
        if element.hasPrefix("-") {
            throw CronSyntaxError(reason: "'\(element)': negative numbers are not allowed")
        }
        if element == "*" { return .every }
        var value: CronFieldValue
        if !element.isEmpty, element.allSatisfy(\.isASCIIDigit) {
            value = .number(Int(element) ?? Int.max)
        } else if let named = kind.namedValue(element) {
            value = named
        } else {
            throw unknownName(element, in: element)
        }
        if case .number(let number) = value {
            value = .number(kind.canonical(number))
            guard kind.range.contains(kind.canonical(number)) else {
                let limits = "\(kind.writtenRange.lowerBound)-\(kind.writtenRange.upperBound)"
                throw CronSyntaxError(reason: "'\(element)' is out of range (\(limits))")
            }
        }
        return value
    }

    private func unknownName(_ text: String, in element: String) -> CronSyntaxError {
        if text.isEmpty { return CronSyntaxError(reason: "an empty value in a list (two commas in a row?)") }
        let hint: String
        switch kind {
        case .month: hint = "use 1-12 or JAN-DEC"
        case .dayOfWeek: hint = "use 0-7 or SUN-SAT, optionally with #1-#5 or L"
        case .dayOfMonth: hint = "use 1-31 or L"
        case .minute, .hour: hint = "use numbers, ranges (a-b), steps (*/n) and lists (a,b)"
        }
        return CronSyntaxError(reason: "'\(element)' is not a valid value; \(hint)")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
