/// Walks the ticks of one cron expression forward in a time zone, from a start instant (inclusive).
///
/// Wall times come from the expression; each is placed on the time line with Dagster's
/// daylight-saving rules:
/// - a wall time that does not exist (spring forward) fires at the end of the gap, unless the hour
///   field is `*`, in which case it is skipped;
/// - a wall time that happens twice (fall back) fires once, at the second copy, unless the hour
///   field is `*`, in which case both copies fire, in time order.
///
/// Dagster computes a cron string ending in ` 29 2 *` as "the 28th of February, plus a day in leap
/// years", and so does this cursor for any expression firing only on 29 February
/// (``CronExpression/dayBeforeLeapDay``): from a start on 28 February after the tick time, the
/// 29th of that year is skipped, as in Dagster.
struct CronTickCursor: Sendable {
    let expression: CronExpression
    /// Whether ticks of `expression` (the 28 February variant) move to 29 February in leap years.
    private let shiftsToLeapDay: Bool
    let zone: ZoneResolver
    /// No tick before this instant (seconds since 1970) is produced.
    let lowerBound: Double
    private var nextCandidate: LocalDateTime?
    private var pending: [Int64] = []
    private var lastProduced: Int64?

    /// How far before the start's wall time the search begins, so that the second copy of a
    /// repeated hour whose first copy is before the start is not missed.
    private static let lookBackSeconds: Int64 = 3 * 3600

    init(expression: CronExpression, zone: ZoneResolver, from start: Double) {
        self.expression = expression.dayBeforeLeapDay ?? expression
        self.shiftsToLeapDay = expression.firesOnlyOnLeapDay
        self.zone = zone
        self.lowerBound = start
        let startSecond = Int64(start.rounded(.down))
        let localStart = startSecond + Int64(zone.utcOffset(at: startSecond))
        nextCandidate = LocalDateTime(localSeconds: localStart - Self.lookBackSeconds)
    }

    /// The next tick (seconds since 1970), or `nil` when the schedule never fires again.
    mutating func next() -> Int64? {
        guard shiftsToLeapDay else { return nextTick() }
        while let tick = nextTick() {
            let local = zone.localTime(at: tick)
            guard CivilCalendar.isLeap(local.year) else { continue }
            let leapDay = LocalDateTime(localSeconds: local.localSeconds + 86_400)
            switch zone.resolve(leapDay) {
            case .unique(let instant): return instant
            case .gap(let transition): return transition
            case .ambiguous(let earlier, let later): return zone.isSecondOccurrence(tick) ? later : earlier
            }
        }
        return nil
    }

    private mutating func nextTick() -> Int64? {
        while true {
            while !pending.isEmpty {
                let instant = pending.removeFirst()
                if Double(instant) >= lowerBound, lastProduced.map({ instant > $0 }) ?? true {
                    lastProduced = instant
                    return instant
                }
            }
            guard let from = nextCandidate, let candidate = expression.nextMatch(atOrAfter: from) else {
                return nil
            }
            nextCandidate = candidate.addingMinute()
            pending = instants(of: candidate)
        }
    }

    /// The instants at which the wall time `candidate` fires, in time order.
    private mutating func instants(of candidate: LocalDateTime) -> [Int64] {
        switch zone.resolve(candidate) {
        case .unique(let instant):
            return [instant]
        case .gap(let transition):
            return expression.repeatsEveryHour ? [] : [transition]
        case .ambiguous(let earlier, let later):
            guard expression.repeatsEveryHour else { return [later] }
            return bothCopiesOfRepeatedWallTimes(startingWith: (earlier, later))
        }
    }

    /// Both copies of every matching wall time in the repeated stretch that starts at the current
    /// candidate, sorted, so that e.g. 01:00, 01:30 (first copies) come before 01:00, 01:30 (second).
    private mutating func bothCopiesOfRepeatedWallTimes(startingWith first: (Int64, Int64)) -> [Int64] {
        var instants = [first.0, first.1]
        while let from = nextCandidate, let candidate = expression.nextMatch(atOrAfter: from),
            case .ambiguous(let earlier, let later) = zone.resolve(candidate)
        {
            instants += [earlier, later]
            nextCandidate = candidate.addingMinute()
        }
        return instants.sorted()
    }
}

extension LocalDateTime {
    /// The reading one minute later.
    func addingMinute() -> LocalDateTime {
        LocalDateTime(localSeconds: localSeconds + 60)
    }
}
