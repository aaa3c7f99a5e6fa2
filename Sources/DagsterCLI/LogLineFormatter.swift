import Dagster
import Foundation

/// Formats event log entries as Dagster's console lines:
/// `2024-05-01 12:00:00 +0000 - dagster - DEBUG - job - run_id - step - EVENT - message`.
struct LogLineFormatter: Sendable {
    let colored: Bool

    func format(_ entry: EventLogEntry) -> String {
        var fields = [Self.timestamp(entry.timestamp), "dagster", entry.level.description, entry.jobName ?? "", entry.runID.rawValue]
        if let stepKey = entry.stepKey, !stepKey.isEmpty { fields.append(stepKey) }
        if let event = entry.dagsterEvent { fields.append(event.eventType.rawValue) }
        fields.append(entry.userMessage)
        let line = fields.joined(separator: " - ")
        guard colored else { return line }
        return color(for: entry) + line + "\u{1B}[0m"
    }

    private func color(for entry: EventLogEntry) -> String {
        switch entry.level {
        case .debug: return "\u{1B}[34m"
        case .info: return "\u{1B}[32m"
        case .warning: return "\u{1B}[33m"
        case .error, .critical: return "\u{1B}[31m"
        }
    }

    /// `yyyy-MM-dd HH:mm:ss +hhmm` in local time, without building a formatter per line.
    static func timestamp(_ seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        localtime_r(&time, &parts)
        let offsetMinutes = Int(parts.tm_gmtoff) / 60
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1))-\(pad(Int(parts.tm_mday)))"
        let clock = "\(pad(Int(parts.tm_hour))):\(pad(Int(parts.tm_min))):\(pad(Int(parts.tm_sec)))"
        let zone = (offsetMinutes < 0 ? "-" : "+") + pad(abs(offsetMinutes) / 60) + pad(abs(offsetMinutes) % 60)
        return "\(date) \(clock) \(zone)"
    }
}
