import DagsterCore
import Foundation

/// Plain file-descriptor writes, for the hot paths where Foundation's file APIs cost more
/// (extra stats, temporary files).
enum POSIXFile {
    /// Writes all `count` bytes at `base` to `descriptor`, retrying on EINTR.
    /// - Returns: whether everything was written (`errno` says why not).
    @discardableResult
    static func writeAll(_ descriptor: Int32, _ base: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let base else { return count == 0 }
        var written = 0
        while written < count {
            let result = Glibc.write(descriptor, base + written, count - written)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return false }
            written += result
        }
        return true
    }

    /// Opens the file at `path` for writing, creating it or emptying it (close-on-exec, mode
    /// 0644 less the umask). Unlike `FileManager.createFile`, which on Linux writes through a
    /// temporary folder it leaves behind in the system's temporary folder.
    /// - Returns: the descriptor, or -1 (`errno` says why).
    static func openForWriting(_ path: String) -> Int32 {
        open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    }

    /// Writes `data` to the file at `path`, creating it or replacing its contents in place.
    /// - Throws: `DagsterError(.storage)` naming the file and the system's reason.
    static func write(_ data: Data, toPath path: String) throws {
        let descriptor = openForWriting(path)
        guard descriptor >= 0 else { throw cannotWrite(path) }
        defer { close(descriptor) }
        guard data.withUnsafeBytes({ writeAll(descriptor, $0.baseAddress, $0.count) }) else { throw cannotWrite(path) }
    }

    private static func cannotWrite(_ path: String) -> DagsterError {
        DagsterError(.storage, "cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
