import DagsterCore

extension StrftimeFormat {
    /// What `strptime` read from a text: a wall-clock reading, and the UTC offset if the format has `%z`.
    public struct Parsed: Sendable, Hashable {
        /// The wall-clock date and time.
        public var local: LocalDateTime
        /// The UTC offset in seconds, when the text carried one.
        public var utcOffset: Int?
    }

    /// Reads `text` as Python's `datetime.strptime(text, pattern)` would.
    ///
    /// Throws `DagsterError(.invalidInput)` when the text does not match or names a date that does
    /// not exist (e.g. `2024-02-30`).
    public func parse(_ text: String) throws(DagsterError) -> Parsed {
        var matcher = StrftimeMatcher(tokens: tokens, text: Array(text))
        guard matcher.match(tokenIndex: 0, position: 0) else {
            throw DagsterError(.invalidInput, "'\(text)' does not match the date format '\(pattern)'")
        }
        do {
            return try StrftimeFields(matcher.captures).resolve()
        } catch {
            throw DagsterError(.invalidInput, "'\(text)' read with the date format '\(pattern)': \(error.reason)")
        }
    }
}

/// Matches text against format tokens with the alternatives (and backtracking) of Python's
/// `strptime` regular expressions.
struct StrftimeMatcher {
    let tokens: [StrftimeFormat.Token]
    let text: [Character]
    private(set) var captures: [(directive: Character, value: String)] = []

    init(tokens: [StrftimeFormat.Token], text: [Character]) {
        self.tokens = tokens
        self.text = text
    }

    mutating func match(tokenIndex: Int, position: Int) -> Bool {
        guard tokenIndex < tokens.count else { return position == text.count }
        switch tokens[tokenIndex] {
        case .literal(let character):
            guard position < text.count, text[position].lowercased() == character.lowercased() else { return false }
            return match(tokenIndex: tokenIndex + 1, position: position + 1)
        case .whitespace:
            var end = position
            while end < text.count, text[end].isWhitespace { end += 1 }
            guard end > position else { return false }
            for stop in stride(from: end, to: position, by: -1) where match(tokenIndex: tokenIndex + 1, position: stop) {
                return true
            }
            return false
        case .directive(let directive):
            for length in candidateLengths(directive, at: position) {
                captures.append((directive, String(text[position..<position + length])))
                if match(tokenIndex: tokenIndex + 1, position: position + length) { return true }
                captures.removeLast()
            }
            return false
        }
    }

    /// The lengths the directive can match at `position`, in the order Python's regex tries them.
    private func candidateLengths(_ directive: Character, at position: Int) -> [Int] {
        switch directive {
        case "f": return (1...6).reversed().filter { digitRun(at: position) >= $0 }
        case "z": return offsetLengths(at: position)
        case "b": return nameLengths(StrftimeFormat.monthNames.map { String($0.prefix(3)) }, at: position)
        case "B": return nameLengths(StrftimeFormat.monthNames, at: position)
        case "a": return nameLengths(StrftimeFormat.weekdayNames.map { String($0.prefix(3)) }, at: position)
        case "A": return nameLengths(StrftimeFormat.weekdayNames, at: position)
        case "p": return nameLengths(["AM", "PM"], at: position)
        default:
            return (Self.numberAlternatives[directive] ?? []).compactMap { alternative in
                matches(alternative, at: position) ? alternative.count : nil
            }
        }
    }

    private func matches(_ classes: [String], at position: Int) -> Bool {
        guard position + classes.count <= text.count else { return false }
        return classes.indices.allSatisfy { classes[$0].contains(text[position + $0]) }
    }

    private func digitRun(at position: Int) -> Int {
        var end = position
        while end < text.count, text[end].isASCIIDigit { end += 1 }
        return end - position
    }

    private func nameLengths(_ names: [String], at position: Int) -> [Int] {
        names.filter { name in
            position + name.count <= text.count
                && String(text[position..<position + name.count]).lowercased() == name.lowercased()
        }.map(\.count).sorted(by: >)
    }

    /// `[+-]HH[:]MM[[:]SS[.ffffff]]` or `Z`.
    private func offsetLengths(at position: Int) -> [Int] {
        guard position < text.count else { return [] }
        if text[position] == "Z" { return [1] }
        guard text[position] == "+" || text[position] == "-", digitRun(at: position + 1) >= 2 else { return [] }
        var lengths: [Int] = []
        for colon in [true, false] {
            var end = position + 3
            if colon { guard end < text.count, text[end] == ":" else { continue }; end += 1 }
            guard matches([Self.zeroToFive, Self.digits], at: end) else { continue }
            end += 2
            for secondsColon in [true, false] {
                var secondsEnd = end
                if secondsColon {
                    guard secondsEnd < text.count, text[secondsEnd] == ":" else { continue }
                    secondsEnd += 1
                }
                guard matches([Self.zeroToFive, Self.digits], at: secondsEnd) else { continue }
                secondsEnd += 2
                if secondsEnd < text.count, text[secondsEnd] == "." {
                    let fraction = min(digitRun(at: secondsEnd + 1), 6)
                    lengths += (0..<fraction).reversed().map { secondsEnd + 2 + $0 - position }
                }
                lengths.append(secondsEnd - position)
            }
            lengths.append(end - position)
        }
        return lengths
    }

    private static let digits = "0123456789"
    private static let zeroToFive = "012345"
    private static func range(_ low: Int, _ high: Int) -> String { (low...high).map(String.init).joined() }

    /// Python's `strptime` patterns: one alternative per array, one allowed-character set per position.
    private static let numberAlternatives: [Character: [[String]]] = [
        "Y": [[digits, digits, digits, digits]],
        "y": [[digits, digits]],
        "m": [["1", range(0, 2)], ["0", range(1, 9)], [range(1, 9)]],
        "d": [["3", range(0, 1)], [range(1, 2), digits], ["0", range(1, 9)], [range(1, 9)], [" ", range(1, 9)]],
        "H": [["2", range(0, 3)], [range(0, 1), digits], [digits]],
        "I": [["1", range(0, 2)], ["0", range(1, 9)], [range(1, 9)]],
        "M": [[range(0, 5), digits], [digits]],
        "S": [["6", range(0, 1)], [range(0, 5), digits], [digits]],
        "j": [
            ["3", "6", range(0, 6)], ["3", range(0, 5), digits], [range(1, 2), digits, digits],
            ["0", range(1, 9), digits], ["0", "0", range(1, 9)], [range(1, 9), digits], ["0", range(1, 9)],
            [range(1, 9)],
        ],
        "w": [[range(0, 6)]],
        "u": [[range(1, 7)]],
        "U": [["5", range(0, 3)], [range(0, 4), digits], [digits]],
        "W": [["5", range(0, 3)], [range(0, 4), digits], [digits]],
    ]
}
