import Dispatch
import Foundation

/// Turns SIGTERM into cancellation of the work in progress, so a run worker asked to stop can
/// record how its run ended.
enum TerminationSignal {
    /// Runs `body`, cancelling it when the process receives SIGTERM, and, with
    /// `cancelWhenOrphaned`, when the parent process goes away (a step worker whose run worker
    /// was killed must not go on alone).
    static func cancellingOnSIGTERM<T: Sendable>(
        cancelWhenOrphaned: Bool = false, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        // Created only when used: libdispatch traps when a source that was never resumed is released.
        let parentWatch = cancelWhenOrphaned ? DispatchSource.makeTimerSource(queue: .global()) : nil
        defer {
            source.cancel()
            parentWatch?.cancel()
            signal(SIGTERM, SIG_DFL)
        }
        let work = Task { try await body() }
        source.setEventHandler { work.cancel() }
        source.resume()
        if let parentWatch {
            let parent = getppid()
            parentWatch.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
            parentWatch.setEventHandler { if getppid() != parent { work.cancel() } }
            parentWatch.resume()
        }
        return try await withTaskCancellationHandler {
            try await work.value
        } onCancel: {
            work.cancel()
        }
    }
}
