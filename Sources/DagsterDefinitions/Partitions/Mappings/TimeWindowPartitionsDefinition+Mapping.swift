import DagsterCore
import Foundation

/// Window arithmetic the time-window partition mapping needs.
extension TimeWindowPartitionsDefinition {
    /// `instant` moved by `offset` windows: back to the start of the window `offset` windows
    /// before, or forward to the end of the window `offset` windows after (Dagster's
    /// `_offsetted_datetime`).
    func instant(_ instant: Int64, movedBy offset: Int) -> Int64 {
        var result = instant
        if offset < 0 {
            var windows = windows(endingAtOrBefore: Double(instant))
            for _ in 0..<(-offset) {
                guard let window = windows.next() else { break }
                result = window.start
            }
        } else if offset > 0 {
            var windows = windows(startingAtOrAfter: Double(instant))
            for _ in 0..<offset {
                guard let window = windows.next() else { break }
                result = window.end
            }
        }
        return result
    }

    /// The windows of the keys that exist as of `now`, contiguous windows joined, in time order.
    func mergedWindows(forKeys keys: [String], now: Double) throws(DagsterError) -> [TickWindow] {
        guard let (first, last) = partitionBounds(now: now) else { return [] }
        var windows: [TickWindow] = []
        for key in Set(keys) {
            let window = try tickWindow(forPartitionKey: key)
            if window.start >= first.start, window.end <= last.end { windows.append(window) }
        }
        return Self.merged(windows)
    }

    /// Overlapping or touching windows joined into one.
    static func merged(_ windows: [TickWindow]) -> [TickWindow] {
        var merged: [TickWindow] = []
        for window in windows.sorted(by: { $0.start < $1.start }) {
            if let last = merged.last, window.start <= last.end {
                merged[merged.count - 1].end = max(last.end, window.end)
            } else {
                merged.append(window)
            }
        }
        return merged
    }

    /// The keys of the windows that start inside the given windows, in time order.
    func keys(startingIn windows: [TickWindow]) -> [String] {
        windows.flatMap { partitionKeys(in: $0.timeWindow) }
    }

    /// Same schedule, format, time zone and end offset; only the start and end may differ.
    func equalExceptForStartOrEnd(_ other: TimeWindowPartitionsDefinition) -> Bool {
        zone == other.zone && format == other.format && schedule == other.schedule && endOffset == other.endOffset
    }

    var isBasicDaily: Bool { cronSchedule == "0 0 * * *" }
    var isBasicHourly: Bool { cronSchedule == "0 * * * *" }
}
