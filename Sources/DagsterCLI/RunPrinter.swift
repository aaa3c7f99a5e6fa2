import Dagster
import Foundation

/// Describes a run for `run show`: identity, status and times, tags, config and step outcomes.
enum RunPrinter {
    static func describe(_ record: RunRecord, logs: [EventLogEntry]) -> String {
        let run = record.run
        var lines = [
            "Run: \(run.runID)", "Job: \(run.jobName)", "Status: \(run.status.rawValue)",
            "Created: \(LogLineFormatter.timestamp(record.createTimestamp.timeIntervalSince1970))",
        ]
        if let start = record.startTime { lines.append("Started: \(LogLineFormatter.timestamp(start.timeIntervalSince1970))") }
        if let end = record.endTime { lines.append("Ended: \(LogLineFormatter.timestamp(end.timeIntervalSince1970))") }
        if let parent = run.parentRunID { lines.append("Parent run: \(parent)") }
        if let root = run.rootRunID { lines.append("Root run: \(root)") }
        if let selection = run.opSelection { lines.append("Op selection: \(selection.joined(separator: ", "))") }
        if let steps = run.stepKeysToExecute { lines.append("Steps to execute: \(steps.joined(separator: ", "))") }
        if !run.tags.isEmpty {
            lines.append("Tags:")
            for key in run.tags.keys.sorted() { lines.append("  \(key): \(run.tags[key] ?? "")") }
        }
        lines.append("Run config: \(run.runConfig.jsonText())")
        let outcomes = stepOutcomes(logs)
        if !outcomes.isEmpty {
            lines.append("Steps:")
            for (key, outcome) in outcomes { lines.append("  \(key): \(outcome)") }
        }
        lines.append("Events: \(logs.count)")
        return lines.joined(separator: "\n")
    }

    /// The last step event of each step, in the order steps started.
    private static func stepOutcomes(_ logs: [EventLogEntry]) -> [(String, String)] {
        var order: [String] = []
        var outcome: [String: String] = [:]
        for entry in logs {
            guard let key = entry.stepKey, let type = entry.eventType else { continue }
            let state: String?
            switch type {
            case .stepStart: state = "STARTED"
            case .stepSuccess: state = "SUCCESS"
            case .stepFailure: state = "FAILURE"
            case .stepSkipped: state = "SKIPPED"
            case .stepUpForRetry: state = "UP_FOR_RETRY"
            default: state = nil
            }
            guard let state else { continue }
            if outcome[key] == nil { order.append(key) }
            outcome[key] = state
        }
        return order.map { ($0, outcome[$0] ?? "") }
    }
}
