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
            let result = write(descriptor, base + written, count - written)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return false }
            written += result
        }
        return true
    }

    /// Creates (or empties) the file at `path`. Unlike `FileManager.createFile`, which on Linux
    /// writes through a temporary folder it leaves behind in the system's temporary folder.
    /// - Returns: whether the file exists and is empty now (`errno` says why not).
    @discardableResult
    static func createEmpty(atPath path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }
}
