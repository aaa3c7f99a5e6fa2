import DagsterConfig
import DagsterCore
import Foundation

/// The checks Dagster makes before and while validating the file against its schema, with
/// Dagster's messages word for word.
extension InstanceConfigReader {
    /// `instance_class` names a Python subclass of `DagsterInstance`; its block is checked
    /// first, as in Dagster, and then refused: swift-dagster cannot load Python classes.
    func checkInstanceClass() throws {
        guard let block = self["instance_class"] else { return }
        let errors = ConfigValidator.check(block, against: InstanceConfigSchema.configurableClass)
        guard errors.isEmpty else {
            throw invalid(errors, preamble: "Errors whilst loading dagster custom class config at \(fileName)")
        }
        try rejectPythonOnlyClass(at: "instance_class", block: block)
    }

    /// The combinations Dagster refuses before looking at the schema.
    func checkCombinations() throws {
        if self["run_queue"] != nil, self["run_coordinator"] != nil {
            throw DagsterError(
                .invalidConfig, "Found config for `run_queue` which is incompatible with `run_coordinator` config entry.")
        }
        if let storage = self["storage"] {
            if Self.legacyStorageKeys.contains(where: { self[$0] != nil }) {
                throw DagsterError(
                    .invalidConfig,
                    "Found config for `storage` which is incompatible with `run_storage`, `event_log_storage`, and "
                        + "`schedule_storage` config entries.")
            }
            if Self.pythonLength(of: storage).map({ $0 != 1 }) == true {
                throw DagsterError(
                    .invalidConfig,
                    "Errors whilst loading dagster storage at \(fileName), Expected one of:['postgres', 'mysql', 'sqlite', 'custom']")
            }
        }
        if case .object(let concurrency)? = self["concurrency"] {
            try checkConcurrency(concurrency)
        }
    }

    /// The whole file against the schema.
    func checkSchema() throws {
        let errors = ConfigValidator.check(.object(document), against: InstanceConfigSchema.root.type)
        guard errors.isEmpty else {
            throw invalid(errors, preamble: "Errors whilst loading dagster instance config at \(fileName).")
        }
    }

    /// Dagster's limit on pool sizes: 1000 unless `DAGSTER_MAX_GLOBAL_OP_CONCURRENCY_LIMIT` says otherwise.
    var maxConcurrencyLimit: Int {
        environment["DAGSTER_MAX_GLOBAL_OP_CONCURRENCY_LIMIT"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1000
    }

    private func checkConcurrency(_ concurrency: OrderedDictionary<String, JSONValue>) throws {
        if let pools = concurrency["pools"] {
            if let legacyLimit = concurrency["default_op_concurrency_limit"], !legacyLimit.isNull {
                throw DagsterError(
                    .invalidConfig,
                    "Found config for `default_op_concurrency_limit` which is incompatible with `pools` config.  "
                        + "Use `pools > default_limit` instead.")
            }
            try checkRange(pools["default_limit"], name: "pools > default_limit")
            if let granularity = pools["granularity"], Self.isTruthy(granularity),
                granularity != "run", granularity != "op"
            {
                throw DagsterError(
                    .invalidConfig,
                    "Found value `\(PythonText.str(granularity))` for `granularity`, Expected value 'run' or 'op'.")
            }
        } else {
            try checkRange(concurrency["default_op_concurrency_limit"], name: "default_op_concurrency_limit")
        }
        guard concurrency["runs"] != nil || concurrency["pools"] != nil else { return }
        let conflicting = [
            ["max_concurrent_runs"], ["tag_concurrency_limits"],
            ["block_op_concurrency_limited_runs", "op_concurrency_slot_buffer"],
        ]
        for fields in conflicting where Self.pluck(self["run_queue"], fields) != nil {
            throw concurrencyConflict(fields, in: "run_queue")
        }
        guard let coordinator = self["run_coordinator"], coordinator["class"] == "QueuedRunCoordinator" else { return }
        for fields in conflicting where Self.pluck(coordinator["config"], fields) != nil {
            throw concurrencyConflict(fields, in: "run_coordinator")
        }
    }

    /// An integer limit outside 0…1000 is refused; a value of another type is left to the schema.
    private func checkRange(_ value: JSONValue?, name: String) throws {
        let maximum = maxConcurrencyLimit
        guard case .int(let limit)? = value, limit < 0 || limit > maximum else { return }
        throw DagsterError(.invalidConfig, "Found value `\(limit)` for `\(name)`, Expected value between 0-\(maximum).")
    }

    private func concurrencyConflict(_ fields: [String], in key: String) -> DagsterError {
        DagsterError(
            .invalidConfig,
            "Found config value for `\(PythonText.list(fields))` in `\(key)` which is incompatible with the "
                + "`concurrency > runs` config")
    }

    /// Schema errors as one `DagsterError`, listed the way Dagster lists them.
    func invalid(_ errors: [ConfigValidationError], preamble: String) -> DagsterError {
        let list = ConfigValidationErrors(errors, subject: "\(fileName) config")
        return DagsterError(.invalidConfig, list.dagsterMessage(preamble: preamble), cause: list)
    }

    /// The value at `path` below `value`, `nil` when a step is missing, not a mapping, or `null`.
    static func pluck(_ value: JSONValue?, _ path: [String]) -> JSONValue? {
        var current = value
        for part in path {
            guard case .object(let members)? = current, let next = members[part], !next.isNull else { return nil }
            current = next
        }
        return current
    }

    /// Python's `len()` of a value, for the check that `storage` picks one kind; `nil` where
    /// Python has none (Dagster then fails with a `TypeError`; the schema reports those here).
    static func pythonLength(of value: JSONValue) -> Int? {
        switch value {
        case .object(let members): return members.count
        case .array(let elements): return elements.count
        case .string(let text): return text.unicodeScalars.count
        default: return nil
        }
    }

    /// Python's truthiness.
    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool(false), .int(0), .string(""): return false
        case .double(let number): return number != 0
        case .array(let elements): return !elements.isEmpty
        case .object(let members): return !members.isEmpty
        default: return true
        }
    }
}
