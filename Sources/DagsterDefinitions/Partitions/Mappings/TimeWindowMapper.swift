import DagsterCore

/// Maps partition keys of one time-window definition onto another (Dagster's `_map_partitions`):
/// the source keys become merged windows, the windows are shifted by the offsets and aligned to
/// the target's partition boundaries, and the result is split into target partitions that exist
/// and those that do not.
struct TimeWindowMapper {
    let from: TimeWindowPartitionsDefinition
    let to: TimeWindowPartitionsDefinition
    let startOffset: Int
    let endOffset: Int
    /// `true` when mapping downstream to upstream: offsets shift the source windows (in source
    /// partitions); otherwise they shift the aligned target windows.
    let offsetsApplyToSource: Bool
    let allowNonexistent: Bool
    let now: Double

    func map(_ keys: [String]) throws(DagsterError) -> UpstreamPartitionsResult {
        let sourceWindows = try from.mergedWindows(forKeys: keys, now: now)
        guard !sourceWindows.isEmpty else { return UpstreamPartitionsResult(partitionKeys: []) }
        if startOffset == 0, endOffset == 0, let result = shortcut(sourceWindows) { return result }
        let targetBounds = to.partitionBounds(now: now)
        let (first, last) = (targetBounds?.first, targetBounds?.last)
        let bounds = targetBounds.map { TickWindow(start: $0.first.start, end: $0.last.end) }
        var kept: [TickWindow] = []
        var missing: [TickWindow] = []
        for window in sourceWindows {
            guard let target = targetWindow(for: window, bounds: bounds) else { continue }
            if let first, let last, target.start <= last.start, target.end >= first.end {
                kept.append(TickWindow(start: max(target.start, first.start), end: min(target.end, last.end)))
            }
            if !allowNonexistent, let outside = Self.outsidePart(of: target, first: first, last: last) {
                missing.append(outside)
            }
        }
        let missingKeys = to.keys(startingIn: TimeWindowPartitionsDefinition.merged(missing))
        return UpstreamPartitionsResult(
            partitionKeys: to.keys(startingIn: TimeWindowPartitionsDefinition.merged(kept)),
            requiredButNonexistentPartitionKeys: missingKeys)
    }

    /// The target span of one source window: shifted and aligned to the target's boundaries.
    private func targetWindow(for window: TickWindow, bounds: TickWindow?) -> TickWindow? {
        var start = window.start
        var end = window.end
        if offsetsApplyToSource {
            start = Self.move(start, by: startOffset, in: from, within: bounds)
            end = Self.move(end, by: endOffset, in: from, within: bounds)
        }
        let sameBoundaries = from.schedule == to.schedule || (from.isBasicDaily && to.isBasicHourly)
        if !sameBoundaries {
            start = to.partitionWindowStart(containing: Double(start), endClosed: false) ?? start
            if let lastStart = to.partitionWindowStart(containing: Double(end), endClosed: true) {
                end = to.window(startingAtOrAfter: Double(lastStart))?.end ?? end
            }
        }
        if !offsetsApplyToSource {
            start = Self.move(start, by: startOffset, in: to, within: bounds)
            end = Self.move(end, by: endOffset, in: to, within: bounds)
        }
        return start < end ? TickWindow(start: start, end: end) : nil
    }

    /// Dagster's `_offsetted_datetime_with_bounds`: a shift never leaves the target's span.
    private static func move(
        _ instant: Int64, by offset: Int, in definition: TimeWindowPartitionsDefinition, within bounds: TickWindow?
    ) -> Int64 {
        let moved = definition.instant(instant, movedBy: offset)
        guard let bounds else { return moved }
        if offset < 0 { return max(bounds.start, moved) }
        if offset > 0 { return min(bounds.end, moved) }
        return moved
    }

    /// The part of a target window that lies outside the target definition's partitions.
    private static func outsidePart(of window: TickWindow, first: TickWindow?, last: TickWindow?) -> TickWindow? {
        guard let first, let last else { return window }
        if window.start < first.start, window.end > last.end { return window }
        if window.start < first.start { return TickWindow(start: window.start, end: min(window.end, first.start)) }
        if window.end > last.end { return TickWindow(start: max(window.start, last.end), end: window.end) }
        return nil
    }

    /// Dagster's cheap cases without offsets: the same definition, the same cadence with other
    /// bounds, daily onto hourly, and sources that all end before the target starts.
    private func shortcut(_ sourceWindows: [TickWindow]) -> UpstreamPartitionsResult? {
        let sameKeys = UpstreamPartitionsResult(partitionKeys: to.keys(startingIn: sourceWindows))
        if from == to { return sameKeys }
        let startsInTarget = from.start >= to.start || Double(sourceWindows[0].start) >= to.start.timeIntervalSince1970
        if from.equalExceptForStartOrEnd(to), startsInTarget {
            if let toEnd = to.end {
                if let fromEnd = from.end, toEnd >= fromEnd { return sameKeys }
            } else {
                return sameKeys
            }
        }
        if from.isBasicDaily, to.isBasicHourly, startsInTarget, let fromLast = from.lastWindow(now: now),
            let toLast = to.lastWindow(now: now), fromLast.end <= toLast.end
        {
            return sameKeys
        }
        if let lastSource = sourceWindows.last, Double(lastSource.end) <= to.start.timeIntervalSince1970 {
            return UpstreamPartitionsResult(
                partitionKeys: [], requiredButNonexistentPartitionKeys: allowNonexistent ? [] : to.keys(startingIn: sourceWindows))
        }
        return nil
    }
}
