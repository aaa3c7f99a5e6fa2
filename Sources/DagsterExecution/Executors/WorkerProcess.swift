import DagsterCore
import Foundation
import Synchronization

/// How a child process ended.
public enum ProcessExit: Sendable, Equatable, CustomStringConvertible {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it.
    case signaled(Int32)

    /// Whether it exited with status 0.
    public var isSuccess: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): "exited with code \(code)"
        case .signaled(let signal): "was terminated by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
        }
    }

    static func signalName(_ signal: Int32) -> String? {
        switch signal {
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGSEGV: "SIGSEGV"
        case SIGABRT: "SIGABRT"
        case SIGILL: "SIGILL"
        case SIGBUS: "SIGBUS"
        case SIGTRAP: "SIGTRAP"
        default: nil
        }
    }
}

/// A child process of this binary doing part of a run (a step worker), whose end is awaited:
/// cancelling the wait asks the child to stop (SIGTERM) and kills it (SIGKILL) when it has not
/// stopped within the grace period, so no child outlives the wait.
final class WorkerProcess: Sendable {
    /// The child's process id.
    let pid: pid_t
    private let latch: ExitLatch
    private let graceSeconds: Double

    private init(pid: pid_t, latch: ExitLatch, graceSeconds: Double) {
        self.pid = pid
        self.latch = latch
        self.graceSeconds = graceSeconds
    }

    /// Starts `executable` with `arguments` and `environment`, writes `input` to its stdin and
    /// closes it; stdout and stderr are this process's.
    /// - Throws: `DagsterError(.invariantViolation)` when the process cannot be started.
    static func launch(
        _ executable: URL, arguments: [String], environment: [String: String], input: Data, graceSeconds: Double
    ) throws -> WorkerProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe()
        process.standardInput = stdin
        let latch = ExitLatch()
        process.terminationHandler = { finished in
            latch.finish(
                finished.terminationReason == .uncaughtSignal
                    ? .signaled(finished.terminationStatus) : .exited(finished.terminationStatus))
        }
        _ = Self.ignoringSIGPIPE
        do {
            try process.run()
        } catch {
            throw DagsterError(.invariantViolation, "could not start \(executable.path): \(error)", cause: error)
        }
        let worker = WorkerProcess(pid: process.processIdentifier, latch: latch, graceSeconds: graceSeconds)
        let writer = stdin.fileHandleForWriting
        try? writer.write(contentsOf: input)
        try? writer.close()
        return worker
    }

    /// SIGPIPE ignored by this process, once and before its first worker starts, so every worker
    /// inherits the same disposition. A worker that dies before reading its handoff closes the
    /// pipe; the write must fail with EPIPE (and the crash be reported) instead of SIGPIPE
    /// killing this process. Python, and so each of Dagster's processes, ignores SIGPIPE too.
    private static let ignoringSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Waits until the child ends. When the waiting task is cancelled, the child is asked to
    /// stop, then killed after the grace period; the wait still returns only once it ended.
    func waitForExit() async -> ProcessExit {
        await withTaskCancellationHandler {
            await latch.wait()
        } onCancel: {
            terminate()
        }
    }

    /// Whether the child has ended.
    var hasExited: Bool { latch.exit != nil }

    /// Sends SIGTERM, then SIGKILL when the child still runs after the grace period.
    func terminate() {
        guard !hasExited else { return }
        kill(pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + graceSeconds) { [self] in
            if !hasExited { kill(pid, SIGKILL) }
        }
    }
}

/// Holds how a process ended and wakes whoever waits for it.
private final class ExitLatch: Sendable {
    private let state = Mutex<(exit: ProcessExit?, waiters: [CheckedContinuation<ProcessExit, Never>])>((nil, []))

    var exit: ProcessExit? { state.withLock { $0.exit } }

    func wait() async -> ProcessExit {
        await withCheckedContinuation { continuation in
            let exit = state.withLock { state -> ProcessExit? in
                if let exit = state.exit { return exit }
                state.waiters.append(continuation)
                return nil
            }
            if let exit { continuation.resume(returning: exit) }
        }
    }

    func finish(_ exit: ProcessExit) {
        let waiters = state.withLock { state in
            state.exit = exit
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: exit) }
    }
}
