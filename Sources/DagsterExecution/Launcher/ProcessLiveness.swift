import Foundation

/// Whether a process still runs: it exists and is not a zombie waiting to be reaped (a worker
/// whose parent exited may linger as a zombie when nothing reaps orphans).
public enum ProcessLiveness {
    /// Whether `pid` is a live process.
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }
}
