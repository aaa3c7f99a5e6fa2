import DagsterCore
import Foundation

/// An IANA time zone that converts between instants (whole seconds since 1970 UTC) and wall-clock
/// readings, and says what a wall-clock reading means around daylight-saving transitions.
public struct ZoneResolver: Sendable, Hashable {
    /// What a wall-clock reading means in a zone.
    public enum Resolution: Sendable, Hashable {
        /// The reading happens exactly once.
        case unique(Int64)
        /// The reading never happens (spring forward); `transition` is the first instant after the gap.
        case gap(transition: Int64)
        /// The reading happens twice (fall back): first with the larger UTC offset, then again.
        case ambiguous(earlier: Int64, later: Int64)
    }

    /// The identifier the zone was created with, e.g. `America/New_York`.
    public let identifier: String
    private let zone: TimeZone

    /// The zone for an IANA identifier; `UTC` and `utc` are accepted as Dagster accepts them.
    ///
    /// Throws `DagsterError(.invalidDefinition)` for a name the time-zone database does not know.
    public init(identifier: String) throws(DagsterError) {
        let lookupName = identifier == "utc" ? "UTC" : identifier
        guard let zone = TimeZone(identifier: lookupName),
            lookupName == "UTC" || zone.identifier == lookupName, !Self.isOnlyKnownToICU(lookupName)
        else {
            throw DagsterError(
                .invalidDefinition,
                "unknown time zone '\(identifier)': use an IANA time-zone name such as 'UTC', "
                    + "'America/New_York' or 'Europe/Berlin' (names are case-sensitive)")
        }
        self.identifier = identifier
        self.zone = zone
    }

    /// Names Foundation's ICU accepts but the IANA database (and so Dagster) does not: Java's
    /// three-letter ids, the SystemV zones and names removed from the database.
    private static func isOnlyKnownToICU(_ name: String) -> Bool {
        name.hasPrefix("SystemV/") || javaShortIDs.contains(name)
            || ["US/Pacific-New", "Canada/East-Saskatchewan"].contains(name)
    }

    private static let javaShortIDs: Set<String> = [
        "ACT", "AET", "AGT", "ART", "AST", "BET", "BST", "CAT", "CNT", "CST", "CTT", "EAT", "ECT",
        "IET", "IST", "JST", "MIT", "NET", "NST", "PLT", "PNT", "PRT", "PST", "SST", "VST",
    ]

    /// The UTC zone.
    public static let utc = ZoneResolver(identifier: "UTC", zone: .gmt)

    private init(identifier: String, zone: TimeZone) {
        self.identifier = identifier
        self.zone = zone
    }

    /// The zone's offset from UTC in seconds at an instant (e.g. -18000 for New York in winter).
    public func utcOffset(at instant: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// The wall-clock reading at an instant.
    public func localTime(at instant: Int64) -> LocalDateTime {
        LocalDateTime(localSeconds: instant + Int64(utcOffset(at: instant)))
    }

    /// What the wall-clock reading `local` means in this zone.
    public func resolve(_ local: LocalDateTime) -> Resolution {
        resolve(localSeconds: local.localSeconds)
    }

    /// What the wall-clock reading `localSeconds` (see ``LocalDateTime/localSeconds``) means.
    public func resolve(localSeconds: Int64) -> Resolution {
        // Offsets in force a day either side cover any transition near the reading; the reading
        // happens at `localSeconds - offset` for each of them that is in force at that instant.
        let dayBefore = utcOffset(at: localSeconds - 86_400)
        let sameTime = utcOffset(at: localSeconds)
        let dayAfter = utcOffset(at: localSeconds + 86_400)
        var occurrences = OccurrenceSpan()
        occurrences.include(instant(of: localSeconds, ifOffsetIs: dayBefore))
        if sameTime != dayBefore { occurrences.include(instant(of: localSeconds, ifOffsetIs: sameTime)) }
        if dayAfter != dayBefore, dayAfter != sameTime {
            occurrences.include(instant(of: localSeconds, ifOffsetIs: dayAfter))
        }
        guard let earliest = occurrences.earliest, let latest = occurrences.latest else {
            let gapStart = localSeconds - Int64(max(dayBefore, sameTime, dayAfter))
            let gapEnd = localSeconds - Int64(min(dayBefore, sameTime, dayAfter))
            return .gap(transition: firstInstant(withOffsetOf: gapEnd, after: gapStart))
        }
        return earliest == latest ? .unique(earliest) : .ambiguous(earlier: earliest, later: latest)
    }

    /// The instant the reading `localSeconds` stands for with the UTC offset `offset`, if that
    /// offset is in force then.
    private func instant(of localSeconds: Int64, ifOffsetIs offset: Int) -> Int64? {
        let instant = localSeconds - Int64(offset)
        return utcOffset(at: instant) == offset ? instant : nil
    }

    /// The first and last instants a wall-clock reading stands for, gathered without allocating.
    private struct OccurrenceSpan {
        var earliest: Int64?
        var latest: Int64?

        mutating func include(_ instant: Int64?) {
            guard let instant else { return }
            earliest = Swift.min(earliest ?? instant, instant)
            latest = Swift.max(latest ?? instant, instant)
        }
    }

    /// Whether `instant` is the second occurrence of a repeated (fall-back) wall-clock reading.
    public func isSecondOccurrence(_ instant: Int64) -> Bool {
        if case .ambiguous(_, let later) = resolve(localSeconds: instant + Int64(utcOffset(at: instant))) {
            return later == instant
        }
        return false
    }

    /// The earliest instant in `(lowerBound, upperBound]` whose offset equals the offset at `upperBound`.
    private func firstInstant(withOffsetOf upperBound: Int64, after lowerBound: Int64) -> Int64 {
        let target = utcOffset(at: upperBound)
        var low = lowerBound
        var high = upperBound
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if utcOffset(at: middle) == target { high = middle } else { low = middle }
        }
        return high
    }

    /// Zones are equal when they have the same identifier. Written by hand because the Foundation
    /// `TimeZone` behind a name can differ (``utc`` is backed by `TimeZone.gmt`, `UTC` read by name
    /// is not), and a zone here stands for the name a definition was written with.
    public static func == (lhs: ZoneResolver, rhs: ZoneResolver) -> Bool {
        lhs.identifier == rhs.identifier
    }

    /// Hashes the identifier only, matching ``==``.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(identifier)
    }
}

extension ZoneResolver {
    /// The instant as ISO 8601 wall-clock time with its UTC offset, e.g. `2024-03-10T03:00:00-04:00`.
    public func isoString(for date: Date) -> String {
        let instant = Int64(date.timeIntervalSince1970.rounded(.down))
        let offset = utcOffset(at: instant)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(localTime(at: instant))\(sign)\((minutes / 60).zeroPadded(2)):\((minutes % 60).zeroPadded(2))"
    }
}
