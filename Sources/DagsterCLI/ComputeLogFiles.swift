import Dagster
import Foundation

/// Reads the compute logs a run captured, as its `LOGS_CAPTURED` events name them.
enum ComputeLogFiles {
    /// One captured stream.
    struct Capture {
        let title: String
        let text: String
    }

    /// The captured stdout and stderr of `runID`, only the captures covering `step` when given.
    static func captures(of runID: RunID, step: String?, instance: DagsterInstance) async throws -> [Capture] {
        let records = try await instance.getRecordsForRun(runID, ofTypes: [.logsCaptured])
        var captures: [Capture] = []
        for record in records {
            guard case .logsCaptured(let data)? = record.entry.dagsterEvent?.payload else { continue }
            if let step, !data.stepKeys.contains(step) { continue }
            let steps = data.stepKeys.joined(separator: ", ")
            for (name, path) in [("stdout", data.stdoutPath), ("stderr", data.stderrPath)] {
                guard let path, let contents = FileManager.default.contents(atPath: path) else { continue }
                captures.append(Capture(title: "\(name) of \(steps) (\(path))", text: String(decoding: contents, as: UTF8.self)))
            }
        }
        return captures
    }
}
