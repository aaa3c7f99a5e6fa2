import Dagster
import Foundation

/// Formats event log entries as Dagster's console lines:
/// `2024-05-01 12:00:00 +0000 - dagster - DEBUG - job - run_id - step - EVENT - message`.
struct LogLineFormatter: Sendable {
    let colored: Bool

    private static let dateFormat: Date.FormatStyle = .init(timeZone: .current)

    func format(_ entry: EventLogEntry) -> String {
        let date = Date(timeIntervalSince1970: entry.timestamp)
        let time = Self.timestamp(date)
        var fields = [time, "dagster", entry.level.description, entry.jobName ?? "", entry.runID.rawValue]
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

    private static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
