import DagsterCore
import Foundation

extension TimeWindowPartitionsDefinition {
    /// The partition keys as of `currentTime`, oldest first.
    public func partitionKeys(currentTime: Date) -> [String] {
        var keys: [String] = []
        forEachWindow(currentTime: currentTime) { keys.append(partitionKey(forWindowStart: $0.start)) }
        return keys
    }

    /// How many partitions exist as of `currentTime`: the windows from the first partition's start
    /// to the last one's end (0 when an end date falls before the first window closes).
    public func partitionCount(currentTime: Date) -> Int {
        let now = currentTime.timeIntervalSince1970
        guard let bounds = partitionBounds(now: now) else { return 0 }
        var count = 0
        var windows = windows(startingAtOrAfter: Double(bounds.first.start))
        while let window = windows.next(), window.start < bounds.last.end { count += 1 }
        return count
    }

    private func forEachWindow(currentTime: Date, _ body: (TickWindow) -> Void) {
        guard let bounds = partitionBounds(now: currentTime.timeIntervalSince1970) else { return }
        var windows = windows(startingAtOrAfter: Double(bounds.first.start))
        while let window = windows.next() {
            body(window)
            if window.start >= bounds.last.start { break }
        }
    }

    /// The first partition's key as of `currentTime`.
    public func firstPartitionKey(currentTime: Date) -> String? {
        firstWindow(now: currentTime.timeIntervalSince1970).map { partitionKey(forWindowStart: $0.start) }
    }

    /// The last partition's key as of `currentTime`.
    public func lastPartitionKey(currentTime: Date) -> String? {
        lastWindow(now: currentTime.timeIntervalSince1970).map { partitionKey(forWindowStart: $0.start) }
    }

    /// The window of the partition a key names: the first window starting at or after the time the
    /// key reads as. Throws `DagsterError(.invalidInput)` if the key does not match the format.
    public func timeWindow(forPartitionKey key: String) throws(DagsterError) -> TimeWindow {
        try tickWindow(forPartitionKey: key).timeWindow
    }

    func tickWindow(forPartitionKey key: String) throws(DagsterError) -> TickWindow {
        let instant = try keyInstant(key)
        guard let window = window(startingAtOrAfter: Double(instant)) else { throw neverTicks() }
        return window
    }

    /// The start of the partition a key names.
    func startInstant(forPartitionKey key: String) throws(DagsterError) -> Int64 {
        guard let start = windowStart(atOrAfter: try keyInstant(key)) else { throw neverTicks() }
        return start
    }

    /// The key of the partition whose window contains `date` (with `endClosed`, a date on a
    /// boundary belongs to the window that ends there).
    public func partitionKey(for date: Date, endClosed: Bool = false) -> String? {
        partitionWindowStart(containing: date.timeIntervalSince1970, endClosed: endClosed).map(partitionKey(forWindowStart:))
    }

    func partitionWindowStart(containing instant: Double, endClosed: Bool) -> Int64? {
        var earlier = schedule.ticks(through: Date(timeIntervalSince1970: instant), in: zone)
        var previous = earlier.nextInstant()
        if endClosed, let tick = previous, Double(tick) == instant { previous = earlier.nextInstant() }
        var later = schedule.ticks(from: Date(timeIntervalSince1970: instant), in: zone)
        let next = later.nextInstant()
        if endClosed || next.map({ Double($0) > instant }) ?? true { return previous }
        return next
    }

    /// Whether `key` is one of the partition keys as of `currentTime`.
    public func hasPartitionKey(_ key: String, currentTime: Date) -> Bool {
        (try? validatePartitionKey(key, currentTime: currentTime)) != nil
    }

    /// Throws `DagsterError(.unknownPartition)` explaining why `key` is not a partition as of `currentTime`.
    public func validatePartitionKey(_ key: String, currentTime: Date) throws(DagsterError) {
        let instant: Int64
        do {
            instant = try keyInstant(key)
        } catch {
            throw unknownKey(key, "\(error.message); keys are written like '\(startText)'")
        }
        guard let start = windowStart(atOrAfter: instant) else { throw neverTicks() }
        let now = currentTime.timeIntervalSince1970
        guard let (first, last) = partitionBounds(now: now) else {
            throw unknownKey(key, "there are no partitions yet as of \(zone.isoString(for: currentTime))")
        }
        if start < first.start {
            throw unknownKey(key, "it is before the first partition '\(partitionKey(forWindowStart: first.start))'")
        }
        if start > last.start {
            throw unknownKey(
                key,
                "it is after the last partition '\(partitionKey(forWindowStart: last.start))' as of "
                    + zone.isoString(for: currentTime))
        }
        let canonical = partitionKey(forWindowStart: start)
        guard canonical == key else {
            let partition = start == instant ? "the partition starting there is" : "the next partition starts at"
            throw unknownKey(key, "it does not start a partition; \(partition) '\(canonical)'")
        }
    }

    /// The key after `key`, or `nil` past the last partition as of `currentTime`.
    public func nextPartitionKey(after key: String, currentTime: Date) throws(DagsterError) -> String? {
        guard let last = lastWindow(now: currentTime.timeIntervalSince1970) else { return nil }
        var windows = windows(startingAtOrAfter: Double(try keyInstant(key)))
        _ = windows.next()
        guard let next = windows.next(), next.start < last.end else { return nil }
        return partitionKey(forWindowStart: next.start)
    }

    /// The keys of the partitions starting in `window` (whether or not they exist yet).
    public func partitionKeys(in window: TimeWindow) -> [String] {
        var keys: [String] = []
        var windows = windows(startingAtOrAfter: window.start.timeIntervalSince1970)
        while let next = windows.next(), Double(next.start) < window.end.timeIntervalSince1970 {
            keys.append(partitionKey(forWindowStart: next.start))
        }
        return keys
    }

    /// The keys from `range.start` through `range.end`. Throws if either key does not match the
    /// format, or the range starts before the definition's start or ends after its end.
    public func partitionKeys(in range: PartitionKeyRange) throws(DagsterError) -> [String] {
        let rangeStart = try startInstant(forPartitionKey: range.start)
        guard Double(rangeStart) >= start.timeIntervalSince1970 else {
            throw unknownKey(range.start, "the range \(range) starts before the partitions start (\(zone.isoString(for: start)))")
        }
        let rangeEnd = try tickWindow(forPartitionKey: range.end).end
        if let end, Double(rangeEnd) > end.timeIntervalSince1970 {
            throw unknownKey(range.end, "the range \(range) ends after the partitions end (\(zone.isoString(for: end)))")
        }
        return partitionKeys(in: TickWindow(start: rangeStart, end: rangeEnd).timeWindow)
    }

    /// Dagster's `validate_partition_definition`: throws `DagsterError(.invalidDefinition)` when the
    /// format is too coarse for the schedule, so consecutive windows would share a key.
    public func validate(currentTime: Date) throws(DagsterError) {
        guard let first = firstPartitionKey(currentTime: currentTime),
            try nextPartitionKey(after: first, currentTime: currentTime) == first
        else { return }
        throw DagsterError(
            .invalidDefinition,
            "time-window partitions: several windows map to the same partition key '\(first)'; the date format "
                + "'\(fmt)' is not fine enough for the cron schedule '\(cronSchedule)' (add e.g. %H:%M)")
    }

    /// Dagster's `dst_safe_strftime`: the key of the window starting at `instant`.
    func partitionKey(forWindowStart instant: Int64) -> String {
        let offset = zone.utcOffset(at: instant)
        let local = LocalDateTime(localSeconds: instant + Int64(offset))
        if !format.includesUTCOffset, schedule.expressions[0].repeatsEveryHour, zone.isSecondOccurrence(instant) {
            return format.appendingUTCOffset().format(local, utcOffset: offset)
        }
        return format.format(local, utcOffset: offset)
    }

    /// The start written in the key format, e.g. `2024-01-01`: an example of a key, for messages.
    var startText: String {
        format.format(zone.localTime(at: Int64(start.timeIntervalSince1970.rounded(.down))))
    }

    private func keyInstant(_ key: String) throws(DagsterError) -> Int64 {
        try Self.parseKeyTime(key, zone: zone, format: format)
    }

    private func unknownKey(_ key: String, _ reason: String) -> DagsterError {
        DagsterError(.unknownPartition, "partition key '\(key)' is not in the time-window partitions (\(self)): \(reason)")
    }

    private func neverTicks() -> DagsterError {
        DagsterError(.invalidDefinition, "time-window partitions: the cron schedule '\(cronSchedule)' never fires")
    }
}

extension TimeWindowPartitionsDefinition: CustomStringConvertible {
    /// E.g. `daily, starting 2024-01-01 UTC` or `0 12 1,15 * *, starting 2024-01-01 UTC. End offset by 1 partition.`
    public var description: String {
        let cadences = ["0 * * * *": "hourly", "0 0 * * *": "daily", "0 0 * * 0": "weekly", "0 0 1 * *": "monthly"]
        let cadence = cadences[cronSchedule] ?? cronSchedule
        var text = "\(cadence), starting \(startText) \(timezone)"
        if endOffset != 0 { text += ". End offset by \(endOffset) partition\(abs(endOffset) == 1 ? "" : "s")" }
        return text
    }
}
