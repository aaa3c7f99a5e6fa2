import Dagster
import DagsterTesting
import Foundation
import Testing

/// Runs the `test-code-location` binary (built beside the tests) as a real child process.
struct CodeLocationProcess {
    /// What a finished command printed and how it exited.
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh `DAGSTER_HOME` for one test.
    let home: URL

    init() throws {
        home = try TestFolders.make("dagster-cli")
    }

    static var binary: URL {
        CodeLocationBinary.current.deletingLastPathComponent().appendingPathComponent("test-code-location")
    }

    /// Runs `arguments` with `DAGSTER_HOME` set (unless `withoutHome`), in `directory`.
    func run(_ arguments: [String], withoutHome: Bool = false, directory: URL? = nil, input: String? = nil) async throws
        -> Output
    {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DAGSTER_HOME"] = withoutHome ? nil : home.path
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let stdout = home.appendingPathComponent("out-\(UUID().uuidString)")
        let stderr = home.appendingPathComponent("err-\(UUID().uuidString)")
        try Data().write(to: URL(fileURLWithPath: stdout.path))
        try Data().write(to: URL(fileURLWithPath: stderr.path))
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        let stdin = Pipe()
        process.standardInput = stdin
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
                if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
                try stdin.fileHandleForWriting.close()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return Output(
            status: status, stdout: String(decoding: try Data(contentsOf: stdout), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderr), as: UTF8.self))
    }

    /// The first run id a command printed.
    static func runID(in output: String) throws -> RunID {
        let word = output.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.count == 36 && $0.contains("-") }
        return RunID(String(try #require(word)))
    }

    /// Live processes (zombies aside) whose command line mentions `text`, e.g. a run id.
    static func liveProcesses(mentioning text: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(text) && ProcessLiveness.isAlive(pid)
        }
    }

    /// The instance in `home`, opened in this process.
    func instance() throws -> DagsterInstance { try DagsterInstance.open(home: home) }

    /// Polls until `condition` holds for the run, or fails after `seconds`.
    func waitFor(
        _ runID: RunID, seconds: Double = 20, _ condition: @escaping (DagsterRun, [EventLogEntry]) -> Bool
    ) async throws -> (DagsterRun, [EventLogEntry]) {
        let instance = try instance()
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let run = try await instance.getRun(runID) {
                let logs = try await instance.allLogs(runID)
                if condition(run, logs) { return (run, logs) }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DagsterError(.invariantViolation, "run \(runID) did not reach the expected state within \(seconds)s")
    }
}
