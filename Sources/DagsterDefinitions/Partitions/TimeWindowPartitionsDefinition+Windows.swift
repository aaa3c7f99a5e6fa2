import Foundation

/// Windows between consecutive ticks, from the first tick at or after a start, forwards.
struct ForwardTickWindows {
    private var ticks: CronTicks
    private var current: Int64?

    init(schedule: CronSchedule, zone: ZoneResolver, startingAtOrAfter start: Double) {
        ticks = schedule.ticks(from: Date(timeIntervalSince1970: start), in: zone)
        current = ticks.nextInstant()
    }

    mutating func next() -> TickWindow? {
        guard let start = current, let end = ticks.nextInstant() else { return nil }
        current = end
        return TickWindow(start: start, end: end)
    }
}

/// Windows between consecutive ticks, from the last window ending at or before an end, backwards.
struct ReverseTickWindows {
    private var ticks: CronReverseTicks
    private var current: Int64?

    init(schedule: CronSchedule, zone: ZoneResolver, endingAtOrBefore end: Double) {
        ticks = schedule.ticks(through: Date(timeIntervalSince1970: end), in: zone)
        current = ticks.nextInstant()
    }

    mutating func next() -> TickWindow? {
        guard let end = current, let start = ticks.nextInstant() else { return nil }
        current = start
        return TickWindow(start: start, end: end)
    }
}

extension TimeWindowPartitionsDefinition {
    func windows(startingAtOrAfter start: Double) -> ForwardTickWindows {
        ForwardTickWindows(schedule: schedule, zone: zone, startingAtOrAfter: start)
    }

    func windows(endingAtOrBefore end: Double) -> ReverseTickWindows {
        ReverseTickWindows(schedule: schedule, zone: zone, endingAtOrBefore: end)
    }

    /// The window starting at the first tick at or after `instant`.
    func window(startingAtOrAfter instant: Double) -> TickWindow? {
        var windows = windows(startingAtOrAfter: instant)
        return windows.next()
    }

    /// The first tick at or after `instant` (the start of the window a partition key names): the
    /// instant itself when the schedule plainly fires then, else found by iterating ticks.
    func windowStart(atOrAfter instant: Int64) -> Int64? {
        if schedule.firesUnambiguously(at: instant, in: zone) { return instant }
        return window(startingAtOrAfter: Double(instant))?.start
    }

    /// The first partition's window as of `now`, or `nil` if no partition exists yet.
    func firstWindow(now: Double) -> TickWindow? {
        guard let first = window(startingAtOrAfter: start.timeIntervalSince1970) else { return nil }
        if let end, end <= start { return nil }
        if endOffset == 0 { return Double(first.end) <= now ? first : nil }
        if endOffset > 0 {
            var ahead = windows(startingAtOrAfter: now)
            var window = ahead.next()
            for _ in 0..<endOffset { window = ahead.next() }
            guard let window else { return nil }
            return first.end <= window.start ? first : nil
        }
        var behind = windows(endingAtOrBefore: now)
        var window: TickWindow?
        for _ in 0..<(-endOffset) { window = behind.next() }
        guard let window else { return nil }
        return first.end <= window.start ? first : nil
    }

    /// The first and last partitions' windows as of `now`, or `nil` if no partition exists yet.
    func partitionBounds(now: Double) -> (first: TickWindow, last: TickWindow)? {
        guard let first = firstWindow(now: now), let last = lastWindow(now: now, first: first) else { return nil }
        return (first, last)
    }

    /// The last partition's window as of `now`, or `nil` if no partition exists yet.
    func lastWindow(now: Double) -> TickWindow? {
        partitionBounds(now: now)?.last
    }

    /// The last partition's window as of `now`, given the first one's.
    private func lastWindow(now: Double, first: TickWindow) -> TickWindow? {
        if endOffset == 0 {
            let bound = end.map { min($0.timeIntervalSince1970, now) } ?? now
            var behind = windows(endingAtOrBefore: bound)
            return behind.next()
        }
        var lastBeforeEnd: TickWindow?
        if let end {
            var behind = windows(endingAtOrBefore: end.timeIntervalSince1970)
            lastBeforeEnd = behind.next()
        }
        var behind = windows(endingAtOrBefore: now)
        guard let completed = behind.next() else { return nil }
        var current: TickWindow?
        if endOffset < 0 {
            for _ in 0..<(-endOffset) { current = behind.next() }
        } else {
            var ahead = windows(startingAtOrAfter: Double(completed.end))
            for _ in 0..<endOffset { current = ahead.next() }
        }
        guard let current else { return nil }
        if let lastBeforeEnd, lastBeforeEnd.start <= current.start { return lastBeforeEnd }
        return current.start < first.start ? first : current
    }
}
