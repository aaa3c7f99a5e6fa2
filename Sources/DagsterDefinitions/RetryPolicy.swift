import DagsterCore
import Foundation

/// How to retry a failing op: how many times, how long to wait, how the wait grows.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// How the delay grows with the attempt number.
    public enum Backoff: String, Sendable, Hashable, Codable {
        /// `delay × attempt`.
        case linear = "LINEAR"
        /// `delay × 2^(attempt − 1)`.
        case exponential = "EXPONENTIAL"
    }

    /// Random variation added to the delay.
    public enum Jitter: String, Sendable, Hashable, Codable {
        /// A uniformly random wait between 0 and the computed delay.
        case full = "FULL"
        /// The computed delay ± up to 100 %.
        case plusMinus = "PLUS_MINUS"
    }

    /// Retries allowed after the first attempt.
    public var maxRetries: Int
    /// Base wait in seconds before a retry; `nil` retries at once.
    public var delay: Double?
    /// Growth of the wait; `nil` keeps it constant.
    public var backoff: Backoff?
    /// Randomness of the wait.
    public var jitter: Jitter?

    /// Creates a policy.
    public init(maxRetries: Int = 1, delay: Double? = nil, backoff: Backoff? = nil, jitter: Jitter? = nil) {
        self.maxRetries = maxRetries
        self.delay = delay
        self.backoff = backoff
        self.jitter = jitter
    }

    /// Seconds to wait before retry number `attempt` (1 for the first retry).
    public func secondsToWait(beforeRetry attempt: Int, random: Double = Double.random(in: 0...1)) -> Double {
        guard let delay, delay > 0 else { return 0 }
        var wait: Double
        switch backoff {
        case nil: wait = delay
        case .linear: wait = delay * Double(attempt)
        case .exponential: wait = delay * pow(2, Double(max(attempt - 1, 0)))
        }
        switch jitter {
        case nil: break
        case .full: wait *= random
        case .plusMinus: wait = max(0, wait + wait * (random * 2 - 1))
        }
        return wait
    }
}

/// Thrown from an op body to ask for a retry, whatever the op's retry policy says.
public struct RetryRequested: Error, Sendable {
    /// Retries allowed in total for this request.
    public var maxRetries: Int
    /// Seconds to wait before the retry.
    public var secondsToWait: Double
    /// The error that made the op ask.
    public var cause: (any Error & Sendable)?

    /// Creates a request.
    public init(maxRetries: Int = 1, secondsToWait: Double = 0, cause: (any Error & Sendable)? = nil) {
        self.maxRetries = maxRetries
        self.secondsToWait = secondsToWait
        self.cause = cause
    }
}

/// Thrown from an op body to fail on purpose, with a description and metadata; with
/// `allowRetries: false` the retry policy is not applied.
public struct Failure: Error, Sendable, CustomStringConvertible {
    /// Why the op failed.
    public var message: String
    /// Metadata shown with the failure.
    public var metadata: Metadata
    /// Whether the op's retry policy may retry after this failure.
    public var allowRetries: Bool

    /// Creates a failure.
    public init(_ message: String, metadata: Metadata = [:], allowRetries: Bool = true) {
        self.message = message
        self.metadata = metadata
        self.allowRetries = allowRetries
    }

    public var description: String { message }
}
