/// Turns the values `strptime` captured into a date and time, with Python's rules: missing fields
/// default to 1900-01-01 00:00:00, `%j` and `%U`/`%W` with a weekday decide the date, `%I` is read
/// with `%p`, and a date that does not exist is an error.
struct StrftimeFields {
    struct Failure: Error {
        let reason: String
    }

    private var year: Int?
    private var month = 1
    private var day = 1
    private var hour = 0
    private var minute = 0
    private var second = 0
    private var twelveHour: Int?
    private var isAfternoon = false
    private var dayOfYear: Int?
    private var weekday: Int?
    private var weekOfYear: (number: Int, startsOnMonday: Bool)?
    private var utcOffset: Int?
    private var offsetText: String?

    init(_ captures: [(directive: Character, value: String)]) {
        for (directive, value) in captures {
            let number = Int(value.trimmingPrefix(" ")) ?? 0
            switch directive {
            case "Y": year = number
            case "y": year = number + (number <= 68 ? 2000 : 1900)
            case "m": month = number
            case "b", "B": month = Self.index(of: value, in: StrftimeFormat.monthNames) + 1
            case "d": day = number
            case "H": hour = number
            case "I": twelveHour = number
            case "p": isAfternoon = value.lowercased() == "pm"
            case "M": minute = number
            case "S": second = number
            case "j": dayOfYear = number
            case "a", "A": weekday = (Self.index(of: value, in: StrftimeFormat.weekdayNames) + 6) % 7
            case "w": weekday = (number + 6) % 7
            case "u": weekday = number - 1
            case "U": weekOfYear = (number, false)
            case "W": weekOfYear = (number, true)
            case "z": offsetText = value
            default: break
            }
        }
    }

    /// The index of the name (or its three-letter abbreviation) in `names`, ignoring case.
    private static func index(of value: String, in names: [String]) -> Int {
        names.firstIndex { $0.lowercased() == value.lowercased() || $0.prefix(3).lowercased() == value.lowercased() } ?? 0
    }

    func resolve() throws(Failure) -> StrftimeFormat.Parsed {
        var fields = self
        if let twelveHour { fields.hour = twelveHour % 12 + (isAfternoon ? 12 : 0) }
        if let offsetText { fields.utcOffset = try Self.offset(offsetText) }
        guard fields.second <= 59 else { throw Failure(reason: "second must be in 0..59") }
        var year = fields.year ?? 1900
        var date = (year: year, month: fields.month, day: fields.day)
        var ordinal = fields.dayOfYear
        if ordinal == nil, let weekday, let weekOfYear {
            var computed = Self.dayOfYear(year: year, week: weekOfYear.number, weekday: weekday, startsOnMonday: weekOfYear.startsOnMonday)
            if computed <= 0 {
                year -= 1
                computed += CivilCalendar.isLeap(year) ? 366 : 365
            }
            ordinal = computed
        }
        if let ordinal {
            let dayNumber = CivilCalendar.dayNumber(year: year, month: 1, day: 1) + ordinal - 1
            date = CivilCalendar.date(fromDayNumber: dayNumber)
        } else {
            guard date.day <= CivilCalendar.daysIn(year: year, month: date.month) else {
                throw Failure(reason: "day \(date.day) is out of range for month \(date.month) of \(year)")
            }
        }
        let local = LocalDateTime(
            year: date.year, month: date.month, day: date.day, hour: fields.hour, minute: fields.minute,
            second: fields.second)
        return StrftimeFormat.Parsed(local: local, utcOffset: fields.utcOffset)
    }

    /// Python's `_calc_julian_from_U_or_W`: the day of the year of a weekday (Monday = 0) in a week.
    private static func dayOfYear(year: Int, week: Int, weekday: Int, startsOnMonday: Bool) -> Int {
        var firstWeekday = (CivilCalendar.weekday(ofDayNumber: CivilCalendar.dayNumber(year: year, month: 1, day: 1)) + 6) % 7
        var dayOfWeek = weekday
        if !startsOnMonday {
            firstWeekday = (firstWeekday + 1) % 7
            dayOfWeek = (dayOfWeek + 1) % 7
        }
        let weekZeroLength = (7 - firstWeekday) % 7
        if week == 0 { return 1 + dayOfWeek - firstWeekday }
        return 1 + weekZeroLength + 7 * (week - 1) + dayOfWeek
    }

    /// Seconds east of UTC from `Z`, `+HHMM`, `+HH:MM`, `+HHMMSS` or `+HH:MM:SS`.
    private static func offset(_ text: String) throws(Failure) -> Int {
        guard text != "Z" else { return 0 }
        var characters = Array(text)
        if characters[3] == ":" {
            characters.remove(at: 3)
            if characters.count > 5 {
                guard characters[5] == ":" else { throw Failure(reason: "inconsistent use of ':' in '\(text)'") }
                characters.remove(at: 5)
            }
        }
        func number(_ range: Range<Int>) -> Int {
            guard range.upperBound <= characters.count else { return 0 }
            return Int(String(characters[range])) ?? 0
        }
        let seconds = number(1..<3) * 3600 + number(3..<5) * 60 + number(5..<7)
        guard seconds < 86_400 else { throw Failure(reason: "the UTC offset '\(text)' is not less than 24 hours") }
        return characters[0] == "-" ? -seconds : seconds
    }
}
