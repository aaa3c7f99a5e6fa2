/// The five fields of a cron string, with the ranges and names Dagster (through croniter) accepts.
public enum CronFieldKind: Int, Sendable, CaseIterable, CustomStringConvertible {
    case minute, hour, dayOfMonth, month, dayOfWeek

    /// The field's name in error messages.
    public var description: String {
        switch self {
        case .minute: return "minute"
        case .hour: return "hour"
        case .dayOfMonth: return "day-of-month"
        case .month: return "month"
        case .dayOfWeek: return "day-of-week"
        }
    }

    /// The values the field may hold (day of week 7 is accepted and read as 0, Sunday).
    var range: ClosedRange<Int> {
        switch self {
        case .minute: return 0...59
        case .hour: return 0...23
        case .dayOfMonth: return 1...31
        case .month: return 1...12
        case .dayOfWeek: return 0...6
        }
    }

    /// The numbers the field may be written with: ``range``, and 7 in the day-of-week field.
    var writtenRange: ClosedRange<Int> {
        self == .dayOfWeek ? 0...7 : range
    }

    /// How many distinct values mean "every value".
    var countMeaningEvery: Int { range.count }

    /// The value a number stands for: 7 in the day-of-week field is Sunday.
    func canonical(_ value: Int) -> Int {
        self == .dayOfWeek && value == 7 ? 0 : value
    }

    /// The value of a name in this field (`jan`, `mon`, `l`), or `nil` if the field has no such name.
    func namedValue(_ name: String) -> CronFieldValue? {
        switch self {
        case .dayOfMonth: return name == "l" ? .lastDayOfMonth : nil
        case .month: return Self.monthNames.firstIndex(of: name).map { .number($0 + 1) }
        case .dayOfWeek: return Self.weekdayNames.firstIndex(of: name).map { .number($0) }
        case .minute, .hour: return nil
        }
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
}

/// One value of a cron field after names are resolved.
enum CronFieldValue: Hashable {
    case number(Int)
    case every
    case lastDayOfMonth
}

/// The set of values one cron field matches, as Dagster expands it.
///
/// `containsEvery` mirrors croniter's `*` marker: once present, every value matches. A field that
/// lists every value (e.g. `0-59`) collapses to `*` too, except where that would change how the
/// day-of-month and day-of-week fields combine.
struct CronField: Sendable, Hashable {
    /// Bit `n` set when value `n` matches.
    var bits: UInt64 = 0
    /// Whether the field holds `*` (every value matches).
    var containsEvery = false
    /// Whether the day-of-month field holds `L` (the last day of the month).
    var containsLastDay = false

    /// Whether the field is exactly `*` and nothing else (Dagster's "repeats every hour" test).
    var isOnlyEvery: Bool { containsEvery && bits == 0 && !containsLastDay }

    /// The single number the field holds, if it holds exactly one number and nothing else.
    var singleValue: Int? {
        guard !containsEvery, !containsLastDay, bits != 0, bits & (bits - 1) == 0 else { return nil }
        return bits.trailingZeroBitCount
    }

    /// Whether `value` matches the field (ignoring `L`, which depends on the month).
    func contains(_ value: Int) -> Bool {
        containsEvery || (value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0)
    }

    /// The smallest matching value in `value...maximum`, or `nil` if none.
    func firstValue(atOrAfter value: Int, through maximum: Int) -> Int? {
        guard value <= maximum else { return nil }
        if containsEvery { return value }
        let candidates = bits >> UInt64(value)
        guard candidates != 0 else { return nil }
        let found = value + candidates.trailingZeroBitCount
        return found <= maximum ? found : nil
    }

    /// The matching numbers in increasing order (empty for a field that is only `*`).
    var numbers: [Int] {
        (0..<64).filter { bits & (1 << UInt64($0)) != 0 }
    }
}
