/// Dagster's warning for steps larger than their field, e.g. `*/90 * * * *`: cron reads it as
/// "minute 0 of every hour", not "every 90 minutes".
enum CronIntervalCheck {
    /// The field ranges Dagster uses for this check (day of week up to 7).
    private static let fieldMaximums = [59, 23, 31, 12, 7]
    private static let fieldMinimums = [0, 0, 1, 1, 0]

    /// Whether any `low-high/step`, `*/step` or `start/step` item has a step larger than its high bound.
    static func hasOutOfRangeStep(_ cronString: String) -> Bool {
        let fields = cronString.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        for (index, field) in fields.enumerated() where index < fieldMaximums.count {
            for item in field.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                guard
                    let range = CronFieldParser.rangeSyntax(
                        item, maximum: fieldMaximums[index], minimum: fieldMinimums[index])
                else { continue }
                let high = index == 2 && range.high == "l" ? "31" : range.high
                guard range.low.allSatisfy(\.isASCIIDigit), high.allSatisfy(\.isASCIIDigit),
                    let highValue = Int(high), let step = Int(range.step ?? "1")
                else { continue }
                if step > highValue { return true }
            }
        }
        return false
    }
}
