/// Dagster's warning for steps larger than their field, e.g. `*/90 * * * *`: cron reads it as
/// "minute 0 of every hour", not "every 90 minutes".
enum CronIntervalCheck {
    /// Whether any `low-high/step`, `*/step` or `start/step` item has a step larger than its high
    /// bound (`*` spans the numbers the field may be written with, day of week up to 7).
    static func hasOutOfRangeStep(_ cronString: String) -> Bool {
        let fields = cronString.lowercased().split(whereSeparator: \.isWhitespace)
        for (kind, field) in zip(CronFieldKind.allCases, fields) {
            for item in field.split(separator: ",", omittingEmptySubsequences: false) {
                guard
                    let range = CronFieldParser.rangeSyntax(
                        String(item), maximum: kind.writtenRange.upperBound, minimum: kind.writtenRange.lowerBound)
                else { continue }
                let high = range.highBound(in: kind)
                guard range.low.allSatisfy(\.isASCIIDigit), high.allSatisfy(\.isASCIIDigit),
                    let highValue = Int(high), let step = Int(range.step ?? "1")
                else { continue }
                if step > highValue { return true }
            }
        }
        return false
    }
}
