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
    /// Both copies of the wall times of a repeated (fall-back) stretch, in time order, when the
    /// hour field is `*`; reused, so ordinary ticks allocate nothing.
    private var repeatedStretch: [Int64] = []
    private var repeatedStretchIndex = 0
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
            while repeatedStretchIndex < repeatedStretch.count {
                let instant = repeatedStretch[repeatedStretchIndex]
                repeatedStretchIndex += 1
                if produce(instant) { return instant }
            }
            guard let from = nextCandidate, let candidate = expression.nextMatch(atOrAfter: from) else {
                return nil
            }
            nextCandidate = candidate.addingMinute()
            switch zone.resolve(candidate) {
            case .unique(let instant):
                if produce(instant) { return instant }
            case .gap(let transition):
                if !expression.repeatsEveryHour, produce(transition) { return transition }
            case .ambiguous(let earlier, let later):
                if !expression.repeatsEveryHour {
                    if produce(later) { return later }
                } else {
                    collectRepeatedStretch(startingWith: (earlier, later))
                }
            }
        }
    }

    /// Whether `instant` is the next tick: not before the start and after the last tick produced
    /// (a repeated stretch can yield an instant again); if so, it is recorded as produced.
    private mutating func produce(_ instant: Int64) -> Bool {
        guard Double(instant) >= lowerBound, lastProduced.map({ instant > $0 }) ?? true else { return false }
        lastProduced = instant
        return true
    }

    /// Fills ``repeatedStretch`` with both copies of every matching wall time in the repeated
    /// stretch that starts at the current candidate, sorted, so that e.g. 01:00, 01:30 (first
    /// copies) come before 01:00, 01:30 (second).
    private mutating func collectRepeatedStretch(startingWith first: (Int64, Int64)) {
        repeatedStretch.removeAll(keepingCapacity: true)
        repeatedStretchIndex = 0
        repeatedStretch.append(first.0)
        repeatedStretch.append(first.1)
        while let from = nextCandidate, let candidate = expression.nextMatch(atOrAfter: from),
            case .ambiguous(let earlier, let later) = zone.resolve(candidate)
        {
            repeatedStretch.append(earlier)
            repeatedStretch.append(later)
            nextCandidate = candidate.addingMinute()
        }
        repeatedStretch.sort()
    }
}

extension LocalDateTime {
    /// The reading one minute later.
    func addingMinute() -> LocalDateTime {
        LocalDateTime(localSeconds: localSeconds + 60)
    }
}
