import DagsterCore

/// One five-field cron string (`minute hour day-of-month month day-of-week`), read the way Dagster
/// reads it.
///
/// Accepted: `*`, numbers, lists (`1,15`), ranges (`9-17`, wrapping ones such as `FRI-MON`), steps
/// (`*/15`, `9-17/2`, `5/10`), month names (`JAN`–`DEC`), weekday names (`SUN`–`SAT`, and 7 for
/// Sunday), `?` in the day fields, `L` (last day of the month), `MON#2` (second Monday), `L5`
/// (last Friday), and the aliases `@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`,
/// `@yearly` and `@annually`. Names are case-insensitive. `R` (a random value, as croniter
/// reads it) is given a value derived from the string, so it is stable across loads. When both day fields are restricted a day
/// matches if either matches, as in standard cron.
///
/// ```swift
/// let weekdays = try CronExpression("0 9 * * MON-FRI")
/// ```
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The cron string as written.
    public let text: String
    let minutes: CronField
    let hours: CronField
    private(set) var daysOfMonth: CronField
    let months: CronField
    let daysOfWeek: CronField
    /// `#n` and `Ln` rules by weekday; when present they replace the plain day-of-week test.
    let nthWeekdayRules: [Int: NthWeekdayRule]
    /// Whether the expression fires on 29 February only (day of month 29, month 2, any weekday),
    /// however it is spelled (`29 2 *`, `29 feb ?`, …); see ``dayBeforeLeapDay``.
    var firesOnlyOnLeapDay: Bool {
        daysOfMonth.singleValue == 29 && months.singleValue == 2 && daysOfWeek.isOnlyEvery && nthWeekdayRules.isEmpty
    }

    static let aliases: [String: String] = [
        "@midnight": "0 0 * * *", "@hourly": "0 * * * *", "@daily": "0 0 * * *",
        "@weekly": "0 0 * * 0", "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    /// Parses a cron string; throws `DagsterError(.invalidDefinition)` naming the field and the reason.
    public init(_ text: String) throws(DagsterError) {
        self.text = text
        let lowered = text.lowercased()
        let fieldTexts = (Self.aliases[lowered] ?? lowered).split(whereSeparator: \.isWhitespace).map(String.init)
        guard fieldTexts.count == 5 else {
            throw Self.invalid(text, reason: Self.fieldCountReason(fieldTexts.count))
        }
        var fields: [CronField] = []
        var nthRules: [Int: NthWeekdayRule] = [:]
        let seed = Self.stableHash(lowered)
        for kind in CronFieldKind.allCases {
            var parser = CronFieldParser(kind: kind)
            let values: Set<CronFieldValue>
            do {
                values = try parser.values(of: fieldTexts[kind.rawValue], seed: seed)
            } catch {
                throw Self.invalid(text, reason: "\(kind) field: \(error.reason)")
            }
            fields.append(Self.field(kind, values: values, fieldTexts: fieldTexts))
            if kind == .dayOfWeek { nthRules = parser.nthWeekdayRules }
        }
        minutes = fields[0]
        hours = fields[1]
        daysOfMonth = fields[2]
        months = fields[3]
        daysOfWeek = fields[4]
        nthWeekdayRules = nthRules
        try validateCombination()
    }

    /// For an expression that fires only on 29 February, the same expression on 28 February: Dagster
    /// computes such schedules as "28 February, moved a day later in leap years" (see
    /// `CronTickCursor`). `nil` for every other expression. Its `text` is still the original's.
    var dayBeforeLeapDay: CronExpression? {
        guard firesOnlyOnLeapDay else { return nil }
        var variant = self
        variant.daysOfMonth = CronField(bits: 1 << 28)
        return variant
    }

    /// The cron string as written.
    public var description: String { text }

    /// Whether the hour field is `*`: such schedules fire in both copies of a repeated (fall-back)
    /// hour and skip wall times that do not exist, where fixed-hour schedules fire once.
    public var repeatsEveryHour: Bool { hours.isOnlyEvery }

    private static func field(_ kind: CronFieldKind, values: Set<CronFieldValue>, fieldTexts: [String]) -> CronField {
        var field = CronField()
        for value in values {
            switch value {
            case .number(let number): field.bits |= 1 << UInt64(number)
            case .every: field.containsEvery = true
            case .lastDayOfMonth: field.containsLastDay = true
            }
        }
        // A field listing every value means "*", unless the other day field is restricted: then
        // the explicit list keeps the two day fields combined with "or", as cron does.
        let otherDayField: String? =
            switch kind {
            case .dayOfMonth: fieldTexts[CronFieldKind.dayOfWeek.rawValue]
            case .dayOfWeek: fieldTexts[CronFieldKind.dayOfMonth.rawValue]
            default: nil
            }
        if values.count == kind.countMeaningEvery, otherDayField?.contains("*") ?? true {
            return CronField(containsEvery: true)
        }
        return field
    }

    private func validateCombination() throws(DagsterError) {
        if !nthWeekdayRules.isEmpty {
            let plainWeekdays = daysOfWeek.numbers.filter { nthWeekdayRules[$0] == nil }
            let distinct = daysOfWeek.numbers.count + (daysOfWeek.containsEvery ? 1 : 0)
            if !plainWeekdays.isEmpty, distinct != CronFieldKind.dayOfWeek.countMeaningEvery {
                throw Self.invalid(
                    text,
                    reason: "day-of-week field: plain weekdays cannot be mixed with '#n' or 'L' weekdays")
            }
        }
        if months.singleValue == 2, let day = daysOfMonth.singleValue, day >= 30 {
            throw Self.invalid(text, reason: "it never fires: February has no day \(day)")
        }
    }

    private static func fieldCountReason(_ count: Int) -> String {
        let found = count == 0 ? "an empty string" : "\(count) field\(count == 1 ? "" : "s")"
        return "expected 5 fields (minute hour day-of-month month day-of-week) or an alias such as "
            + "@daily, found \(found)"
    }

    /// FNV-1a of the text: the same value on every run (Swift's `Hasher` is seeded per process).
    private static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    static func invalid(_ text: String, reason: String) -> DagsterError {
        DagsterError(.invalidDefinition, "invalid cron schedule '\(text)': \(reason)")
    }
}
