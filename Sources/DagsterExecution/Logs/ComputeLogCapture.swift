import DagsterCore
import Foundation
import Synchronization

/// Captures what this process writes to stdout and stderr while a run executes, into
/// `DIR/RUN_ID/compute_logs/FILE_KEY.out` and `.err`, still passing everything through to the
/// original stdout and stderr. Several runs in one process may capture at once; each gets
/// everything the process writes while its capture is open.
public final class ComputeLogCapture: Sendable {
    /// The file key shared by the `.out`, `.err` and `.complete` files.
    public let fileKey: String
    /// The folder of the run's captures.
    public let directory: URL
    private let sinkID: Int

    private init(fileKey: String, directory: URL, sinkID: Int) {
        self.fileKey = fileKey
        self.directory = directory
        self.sinkID = sinkID
    }

    /// The file of the captured stdout.
    public var stdoutURL: URL { directory.appendingPathComponent(fileKey + ".out") }
    /// The file of the captured stderr.
    public var stderrURL: URL { directory.appendingPathComponent(fileKey + ".err") }

    /// The folder of a run's captures under the compute logs folder.
    public static func directory(base: URL, runID: RunID) -> URL {
        base.appendingPathComponent(runID.rawValue).appendingPathComponent("compute_logs")
    }

    /// A new random file key: eight lowercase letters, as Dagster makes them.
    public static func makeFileKey() -> String {
        String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement() ?? "a" })
    }

    /// Starts capturing into the run's folder under `base`.
    /// - Throws: when the files cannot be created or the descriptors cannot be redirected.
    public static func start(base: URL, runID: RunID, fileKey: String = makeFileKey()) throws -> ComputeLogCapture {
        let directory = directory(base: base, runID: runID)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Close-on-exec: processes the step starts write through the redirected stdout/stderr,
        // and must not hold the capture files (or keep them open past the capture).
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC
        let out = open(directory.appendingPathComponent(fileKey + ".out").path, flags, 0o644)
        let err = open(directory.appendingPathComponent(fileKey + ".err").path, flags, 0o644)
        guard out >= 0, err >= 0 else {
            if out >= 0 { close(out) }
            if err >= 0 { close(err) }
            throw DagsterError(.storage, "cannot create the compute log files in \(directory.path): \(String(cString: strerror(errno)))")
        }
        let id = try OutputTee.shared.addSink(out: out, err: err)
        return ComputeLogCapture(fileKey: fileKey, directory: directory, sinkID: id)
    }

    /// Stops capturing; with `complete`, marks the capture finished (a `.complete` file).
    public func stop(complete: Bool = true) {
        OutputTee.shared.removeSink(sinkID)
        if complete {
            try? POSIXFile.write(Data(), toPath: directory.appendingPathComponent(fileKey + ".complete").path)
        }
    }
}

/// The process-wide redirection of stdout and stderr through pipes, installed while at least one
/// capture is open. A reader thread per stream copies each chunk to the original descriptor and
/// to every open capture.
final class OutputTee: Sendable {
    static let shared = OutputTee()

    private struct Stream {
        let target: Int32
        let saved: Int32
        let finished: DispatchSemaphore
    }

    /// How long stopping the last capture waits for the pipes to drain.
    static let drainSeconds = 5

    /// The open captures, read by the reader threads for every chunk.
    private let sinks = Mutex<[Int: (out: Int32, err: Int32)]>([:])
    /// Installed streams and the next sink id; held while captures open and close, so
    /// installing and removing the redirection never overlap.
    private let lifecycle = Mutex<(streams: [Stream], nextID: Int)>(([], 0))

    func addSink(out: Int32, err: Int32) throws -> Int {
        try lifecycle.withLock { state in
            if state.streams.isEmpty { state.streams = try install() }
            state.nextID += 1
            let id = state.nextID
            sinks.withLock { $0[id] = (out, err) }
            return id
        }
    }

    func removeSink(_ id: Int) {
        lifecycle.withLock { state in
            fflush(nil)
            let isLast = sinks.withLock { $0.count == 1 && $0[id] != nil }
            if isLast {
                for stream in state.streams {
                    dup2(stream.saved, stream.target)
                    // A process the step started that still holds the pipe keeps it open: stop
                    // waiting after a while, and leave the original descriptor open for the reader
                    // thread, which copies that process's output until it exits.
                    if stream.finished.wait(timeout: .now() + .seconds(Self.drainSeconds)) == .success {
                        close(stream.saved)
                    }
                }
                state.streams = []
            }
            if let sink = sinks.withLock({ $0.removeValue(forKey: id) }) {
                close(sink.out)
                close(sink.err)
            }
        }
    }

    private func install() throws -> [Stream] {
        fflush(nil)
        return try [STDOUT_FILENO, STDERR_FILENO].map { target in
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else {
                throw DagsterError(.storage, "cannot capture compute logs: pipe failed: \(String(cString: strerror(errno)))")
            }
            let saved = fcntl(target, F_DUPFD_CLOEXEC, 0)
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            dup2(ends[1], target)
            close(ends[1])
            let finished = DispatchSemaphore(value: 0)
            let readEnd = ends[0]
            let thread = Thread { [self] in
                self.pump(from: readEnd, original: saved, isStdout: target == STDOUT_FILENO)
                close(readEnd)
                finished.signal()
            }
            thread.start()
            return Stream(target: target, saved: saved, finished: finished)
        }
    }

    /// Copies the pipe to the original descriptor and the open captures until the pipe closes.
    private func pump(from readEnd: Int32, original: Int32, isStdout: Bool) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            buffer.withUnsafeBytes { bytes in
                POSIXFile.writeAll(original, bytes.baseAddress, count)
                sinks.withLock { sinks in
                    for sink in sinks.values { POSIXFile.writeAll(isStdout ? sink.out : sink.err, bytes.baseAddress, count) }
                }
            }
        }
    }
}
