import DagsterCore

/// A Python `strftime`/`strptime` date format, as Dagster uses for time-window partition keys
/// (`%Y-%m-%d`, `%Y-%m-%d-%H:%M`, …).
///
/// Supported directives: `%Y %y %m %d %H %I %p %M %S %f %j %b %B %a %A %w %u %U %W %z %%`.
/// Formatting pads numbers with zeros as Python does; parsing follows Python's `strptime`:
/// numbers may drop their leading zero, names are case-insensitive, a run of whitespace in the
/// format matches any run of whitespace, and the whole text must be consumed.
public struct StrftimeFormat: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case literal(Character)
        /// A run of whitespace: written as is, and matching any run of whitespace when parsing.
        case whitespace(String)
        case directive(Character)
    }

    /// The format as written.
    public let pattern: String
    let tokens: [Token]

    static let supportedDirectives: Set<Character> = [
        "Y", "y", "m", "d", "H", "I", "p", "M", "S", "f", "j", "b", "B", "a", "A", "w", "u", "U", "W", "z",
    ]

    /// Reads a format; throws `DagsterError(.invalidDefinition)` for a directive it cannot handle.
    public init(_ pattern: String) throws(DagsterError) {
        self.pattern = pattern
        var tokens: [Token] = []
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            if character == "%" {
                guard let directive = characters.next() else {
                    throw DagsterError(.invalidDefinition, "date format '\(pattern)' ends with a lone '%'")
                }
                if directive == "%" {
                    tokens.append(.literal("%"))
                } else if Self.supportedDirectives.contains(directive) {
                    guard !tokens.contains(.directive(directive)) else {
                        throw DagsterError(
                            .invalidDefinition, "date format '\(pattern)' uses '%\(directive)' twice; Python's strptime refuses that")
                    }
                    tokens.append(.directive(directive))
                } else {
                    throw DagsterError(
                        .invalidDefinition,
                        "date format '\(pattern)' uses '%\(directive)', which partition keys do not support; use "
                            + "directives such as %Y %m %d %H %M %S %z")
                }
            } else if character.isWhitespace {
                if case .whitespace(let run) = tokens.last {
                    tokens[tokens.count - 1] = .whitespace(run + String(character))
                } else {
                    tokens.append(.whitespace(String(character)))
                }
            } else {
                tokens.append(.literal(character))
            }
        }
        self.tokens = tokens
    }

    /// The format as written.
    public var description: String { pattern }

    /// Whether the format writes the UTC offset (`%z`).
    public var includesUTCOffset: Bool { tokens.contains(.directive("z")) }

    /// The same format with the UTC offset appended (what Dagster does to keep a repeated
    /// fall-back hour's second key distinct).
    func appendingUTCOffset() -> StrftimeFormat {
        StrftimeFormat(pattern: pattern + "%z", tokens: tokens + [.directive("z")])
    }

    private init(pattern: String, tokens: [Token]) {
        self.pattern = pattern
        self.tokens = tokens
    }

    /// The wall-clock reading written in this format; `utcOffset` (seconds) is used by `%z`.
    public func format(_ local: LocalDateTime, utcOffset: Int = 0) -> String {
        var text = ""
        for token in tokens {
            switch token {
            case .literal(let character): text.append(character)
            case .whitespace(let run): text += run
            case .directive(let directive): text += Self.field(directive, of: local, utcOffset: utcOffset)
            }
        }
        return text
    }

    private static func field(_ directive: Character, of local: LocalDateTime, utcOffset: Int) -> String {
        switch directive {
        case "Y": return local.year.zeroPadded(4)
        case "y": return (local.year % 100).zeroPadded(2)
        case "m": return local.month.zeroPadded(2)
        case "d": return local.day.zeroPadded(2)
        case "H": return local.hour.zeroPadded(2)
        case "I": return (local.hour % 12 == 0 ? 12 : local.hour % 12).zeroPadded(2)
        case "p": return local.hour < 12 ? "AM" : "PM"
        case "M": return local.minute.zeroPadded(2)
        case "S": return local.second.zeroPadded(2)
        case "f": return "000000"
        case "j": return dayOfYear(of: local).zeroPadded(3)
        case "b": return String(monthNames[local.month - 1].prefix(3))
        case "B": return monthNames[local.month - 1]
        case "a": return String(weekdayNames[local.weekday].prefix(3))
        case "A": return weekdayNames[local.weekday]
        case "w": return String(local.weekday)
        case "u": return String(local.weekday == 0 ? 7 : local.weekday)
        case "U": return weekOfYear(of: local, firstWeekday: 0).zeroPadded(2)
        case "W": return weekOfYear(of: local, firstWeekday: 1).zeroPadded(2)
        case "z": return offsetText(utcOffset)
        default: return ""
        }
    }

    /// The day of the year, 1 for 1 January (`%j`).
    private static func dayOfYear(of local: LocalDateTime) -> Int {
        CivilCalendar.dayNumber(year: local.year, month: local.month, day: local.day)
            - CivilCalendar.dayNumber(year: local.year, month: 1, day: 1) + 1
    }

    /// The week of the year, for weeks starting on `firstWeekday` (0 = Sunday for `%U`, 1 = Monday
    /// for `%W`); days before the year's first such weekday are in week 0.
    private static func weekOfYear(of local: LocalDateTime, firstWeekday: Int) -> Int {
        let daysIntoWeek = (local.weekday - firstWeekday + 7) % 7
        return (dayOfYear(of: local) + 6 - daysIntoWeek) / 7
    }

    /// `+HHMM` (or `+HHMMSS` when the offset has seconds), as Python writes `%z`.
    static func offsetText(_ offset: Int) -> String {
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let seconds = magnitude % 60
        return sign + (magnitude / 3600).zeroPadded(2) + (magnitude / 60 % 60).zeroPadded(2)
            + (seconds == 0 ? "" : seconds.zeroPadded(2))
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
}
