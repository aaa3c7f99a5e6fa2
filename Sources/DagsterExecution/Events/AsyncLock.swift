import Synchronization

/// A lock for async code: `lock()` suspends (instead of blocking a thread) until the holder
/// calls `unlock()`; waiters get the lock in arrival order.
final class AsyncLock: Sendable {
    private let state = Mutex<(isLocked: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Takes the lock, waiting for it when held.
    func lock() async {
        let acquired = state.withLock { state -> Bool in
            guard state.isLocked else {
                state.isLocked = true
                return true
            }
            return false
        }
        if acquired { return }
        await withCheckedContinuation { continuation in
            let handedOver = state.withLock { state -> Bool in
                guard state.isLocked else {
                    state.isLocked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if handedOver { continuation.resume() }
        }
    }

    /// Releases the lock, handing it to the longest waiter if any.
    func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.isLocked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
