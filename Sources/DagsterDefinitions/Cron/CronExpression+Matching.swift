extension CronExpression {
    /// How far ahead a search for the next matching wall time looks before giving up (a schedule
    /// such as `0 0 31 4 *` is valid but never fires).
    static let searchHorizonYears = 400

    /// Whether the schedule fires at the wall-clock reading (seconds are ignored).
    public func matches(_ local: LocalDateTime) -> Bool {
        months.contains(local.month)
            && dayMatches(year: local.year, month: local.month, day: local.day)
            && hours.contains(local.hour) && minutes.contains(local.minute)
    }

    /// The first wall-clock minute at or after `local` at which the schedule fires, ignoring time
    /// zones; `nil` if it never fires again within ``searchHorizonYears``.
    func nextMatch(atOrAfter local: LocalDateTime) -> LocalDateTime? {
        var start = local
        if start.second > 0 {
            start = LocalDateTime(localSeconds: start.localSeconds - Int64(start.second) + 60)
        }
        var (year, month, day, hour, minute) = (start.year, start.month, start.day, start.hour, start.minute)
        let lastYear = year + Self.searchHorizonYears
        while year <= lastYear {
            guard let matchingMonth = months.firstValue(atOrAfter: month, through: 12) else {
                (year, month, day, hour, minute) = (year + 1, 1, 1, 0, 0)
                continue
            }
            if matchingMonth != month { (month, day, hour, minute) = (matchingMonth, 1, 0, 0) }
            let daysInMonth = CivilCalendar.daysIn(year: year, month: month)
            while day <= daysInMonth, !dayMatches(year: year, month: month, day: day) {
                (day, hour, minute) = (day + 1, 0, 0)
            }
            guard day <= daysInMonth else {
                (year, month, day, hour, minute) = month == 12 ? (year + 1, 1, 1, 0, 0) : (year, month + 1, 1, 0, 0)
                continue
            }
            guard let matchingHour = hours.firstValue(atOrAfter: hour, through: 23) else {
                (day, hour, minute) = (day + 1, 0, 0)
                continue
            }
            if matchingHour != hour { (hour, minute) = (matchingHour, 0) }
            guard let matchingMinute = minutes.firstValue(atOrAfter: minute, through: 59) else {
                (hour, minute) = (hour + 1, 0)
                continue
            }
            return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: matchingMinute)
        }
        return nil
    }

    /// The day-of-month and day-of-week test, with croniter's rules: when both fields are
    /// restricted either may match; `#n`/`Ln` weekday rules replace the plain weekday test.
    func dayMatches(year: Int, month: Int, day: Int) -> Bool {
        let daysInMonth = CivilCalendar.daysIn(year: year, month: month)
        let dayOfMonthMatches =
            daysOfMonth.contains(day) || (daysOfMonth.containsLastDay && day == daysInMonth)
        let weekday = CivilCalendar.weekday(ofDayNumber: CivilCalendar.dayNumber(year: year, month: month, day: day))
        let weekdayMatches: Bool
        if nthWeekdayRules.isEmpty {
            weekdayMatches = daysOfWeek.contains(weekday)
        } else {
            weekdayMatches = nthWeekdayRules[weekday]?.matches(day: day, daysInMonth: daysInMonth) ?? false
        }
        if !daysOfMonth.containsEvery, !daysOfWeek.containsEvery {
            return nthWeekdayRules.isEmpty ? dayOfMonthMatches || weekdayMatches : weekdayMatches
        }
        return dayOfMonthMatches && weekdayMatches
    }
}
