import DagsterConfig
import DagsterCore
import Foundation

/// The `tag_concurrency_limits` of an executor: how many steps with a given tag may run at
/// once. Counts the running steps each limit applies to.
///
/// A limit `{key: team}` counts every step with a `team` tag; `{key: team, value: ml}` only
/// those tagged `team: ml`; `{key: team, value: {applyLimitPerUniqueValue: true}}` counts each
/// value of `team` separately.
public struct StepTagLimits: Sendable {
    /// One configured limit.
    public struct Limit: Sendable, Hashable {
        /// Which steps a limit counts.
        public enum Scope: Sendable, Hashable {
            /// Steps with the tag, whatever its value.
            case anyValue
            /// Steps with the tag set to this value.
            case value(String)
            /// Steps with the tag, each value counted on its own.
            case perUniqueValue
        }

        /// The tag key.
        public var key: String
        /// Which steps count.
        public var scope: Scope
        /// The most steps running at once.
        public var limit: Int
    }

    /// The limits, in config order.
    public let limits: [Limit]
    private var running: [String: Int] = [:]

    /// Limits from the resolved `tag_concurrency_limits` list (absent or `null`: none).
    public init(config: JSONValue?) {
        var limits: [Limit] = []
        for entry in config?.arrayValue ?? [] {
            guard let key = entry["key"]?.stringValue, let limit = entry["limit"]?.intValue else { continue }
            let scope: Limit.Scope
            switch entry["value"] {
            case .some(.string(let value)): scope = .value(value)
            case .some(let value) where value["applyLimitPerUniqueValue"]?.boolValue == true: scope = .perUniqueValue
            default: scope = .anyValue
            }
            limits.append(Limit(key: key, scope: scope, limit: limit))
        }
        self.limits = limits
    }

    /// Whether a step with `tags` may start now; when it may, it is counted as running.
    public mutating func admit(_ tags: [String: String]) -> Bool {
        guard !limits.isEmpty else { return true }
        let buckets = self.buckets(of: tags)
        for (bucket, limit) in buckets where running[bucket, default: 0] >= limit { return false }
        for (bucket, _) in buckets { running[bucket, default: 0] += 1 }
        return true
    }

    /// Counts a step with `tags` as finished.
    public mutating func release(_ tags: [String: String]) {
        guard !limits.isEmpty else { return }
        for (bucket, _) in buckets(of: tags) { running[bucket, default: 1] -= 1 }
    }

    /// The counters a step with `tags` falls into, with their limits: one per limit that applies
    /// (per value, for a per-unique-value limit), so two limits on one tag never share a counter.
    private func buckets(of tags: [String: String]) -> [(String, Int)] {
        limits.enumerated().compactMap { index, limit in
            guard let value = tags[limit.key] else { return nil }
            switch limit.scope {
            case .anyValue: return ("\(index)", limit.limit)
            case .value(let wanted): return value == wanted ? ("\(index)", limit.limit) : nil
            case .perUniqueValue: return ("\(index)\u{0}\(value)", limit.limit)
            }
        }
    }

    /// Throws `DagsterError(.invalidConfig)` for a limit below 1, which no step could ever pass.
    public func checkLimits() throws {
        for limit in limits where limit.limit < 1 {
            throw DagsterError(
                .invalidConfig,
                "tag_concurrency_limits: the limit for tag \(limit.key) is \(limit.limit), so no step with that tag could "
                    + "ever run; use 1 or more")
        }
    }
}

/// The `dagster/priority` tag: steps with a higher integer priority start first (default 0).
public enum StepPriority {
    /// The tag key.
    public static let tag = "dagster/priority"

    /// The priority of a step with `tags`; a missing or non-integer value counts as 0.
    public static func of(_ tags: [String: String]) -> Int {
        tags[tag].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
    }
}
