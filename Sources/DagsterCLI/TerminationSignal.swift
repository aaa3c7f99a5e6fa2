import Dispatch
import Foundation

/// Turns SIGTERM into cancellation of the work in progress, so a run worker asked to stop can
/// record how its run ended.
enum TerminationSignal {
    /// Runs `body`, cancelling it when the process receives SIGTERM.
    static func cancellingOnSIGTERM<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        defer {
            source.cancel()
            signal(SIGTERM, SIG_DFL)
        }
        let work = Task { try await body() }
        source.setEventHandler { work.cancel() }
        source.resume()
        return try await withTaskCancellationHandler {
            try await work.value
        } onCancel: {
            work.cancel()
        }
    }
}
