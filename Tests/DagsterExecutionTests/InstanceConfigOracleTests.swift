import Dagster
import Foundation
import Testing

/// Every case of `Fixtures/dagster_yaml_cases.json` (what Dagster 1.13.27 does with a
/// `dagster.yaml`, see `generate_dagster_yaml_cases.py`) run through `InstanceConfigLoader.load`
/// in a fresh home folder, `$DAGSTER_HOME` in the case replaced by that folder as the generator did.
///
/// - Valid cases load.
/// - Invalid cases throw. Schema and cross-key errors (`config` stage, `DagsterInvalidConfigError`)
///   carry Dagster's message exactly; errors in a class's own config carry Dagster's numbered
///   errors exactly under a first line that names the class, key and file; the rest contain the
///   facts listed in `expectedFacts`.
/// - Cases where swift-dagster deliberately does otherwise are in `deviations`, with the reason.
@Suite struct InstanceConfigOracleTests {
    static let cases: [DagsterYAMLCase] = (try? DagsterYAMLCase.loadAll()) ?? []
    static let caseIDs = cases.map(\.id)

    /// What an error must mention where its wording cannot be Dagster's: Python import and
    /// invariant failures, and PyYAML's parser (swift-dagster reads YAML with libyaml).
    static let expectedFacts: [String: [String]] = [
        "yaml_list": ["$DAGSTER_HOME/dagster.yaml", "to parse to dictionary", "['storage', 'run_launcher']"],
        "yaml_scalar": ["$DAGSTER_HOME/dagster.yaml", "to parse to dictionary", "\"just a string\""],
        "yaml_syntax_error": ["$DAGSTER_HOME/dagster.yaml", "line 4, column 1", "flow sequence"],
        "yaml_bad_indentation": ["$DAGSTER_HOME/dagster.yaml", "line 3, column 2", "block mapping"],
        "run_coordinator_unknown_class": [
            "Couldn't find class FancyRunCoordinator in module dagster._core.run_coordinator",
            "`run_coordinator` in $DAGSTER_HOME/dagster.yaml", "cannot import Python modules",
            "QueuedRunCoordinator (module: dagster.core.run_coordinator)",
        ],
        "run_coordinator_unknown_module": [
            "Couldn't import module not_a_real_module_xyz", "not_a_real_module_xyz.QueuedRunCoordinator",
            "`run_coordinator` in $DAGSTER_HOME/dagster.yaml", "cannot import Python modules",
            "DefaultRunCoordinator (module: dagster.core.run_coordinator)",
        ],
        // Dagster's default launcher cannot resume runs, and neither can swift-dagster's: the
        // file is refused as in Dagster, with the key and file named.
        "run_monitoring_resume_unsupported": [
            "does not support resuming runs", "`run_monitoring.max_resume_run_attempts` is 3",
            "$DAGSTER_HOME/dagster.yaml", "Set max_resume_run_attempts to 0",
        ],
        "run_queue_max_concurrent_runs_negative": [
            "Negative values other than -1 (which disables the limit) for max_concurrent_runs are disallowed",
            "`run_queue.max_concurrent_runs` is -5 in $DAGSTER_HOME/dagster.yaml",
        ],
    ]

    /// Cases where swift-dagster deliberately differs from Dagster, with what it does instead.
    static let deviations: [String: Deviation] = [
        // Dagster loads `storage.postgres` from the `dagster_postgres` package, which the oracle's
        // Python did not have. swift-dagster reads the settings itself (it connects later, not here).
        "storage_postgres_db": .loads { settings in
            settings.storage == .postgres(.init(
                username: "dagster", password: "secret", hostname: "localhost", databaseName: "dagster", port: 5432))
        },
        "storage_postgres_url_env": .loads { settings in
            settings.storage == .postgres(.init(url: "postgresql://u:p@localhost:5432/db"))
        },
        // With `dagster_postgres` installed, Dagster refuses a postgres block naming neither a
        // URL nor a database; so does swift-dagster.
        "storage_postgres_empty": .throwsMentioning([
            "exactly one of `postgres_url` or `postgres_db`", "`storage.postgres` in $DAGSTER_HOME/dagster.yaml",
        ]),
        // Here Dagster's own checks crash with Python errors (`len(None)`, `'x' in None`, a
        // non-string key); swift-dagster reports the value as a schema error.
        "storage_null": .throwsMentioning([
            "Errors whilst loading dagster instance config at dagster.yaml.", "Value at path root:storage must not be None.",
        ]),
        "concurrency_null": .throwsMentioning([
            "Errors whilst loading dagster instance config at dagster.yaml.",
            "Value at path root:concurrency must not be None.",
        ]),
        "non_string_top_level_key": .throwsMentioning([
            "Errors whilst loading dagster instance config at dagster.yaml.",
            "Received unexpected config entry \"1\" at the root.",
        ]),
    ]

    /// What swift-dagster does with a case instead of what Dagster does.
    enum Deviation: Sendable {
        /// Loads, and the settings pass the check.
        case loads(@Sendable (InstanceSettings) -> Bool)
        /// Throws an error mentioning all of these.
        case throwsMentioning([String])
    }

    @Test func fixtureIsComplete() {
        #expect(Self.cases.count >= 52)
        for id in Array(Self.expectedFacts.keys) + Array(Self.deviations.keys) {
            #expect(Self.caseIDs.contains(id), "\(id) is not a case of the fixture")
        }
    }

    @Test(arguments: caseIDs)
    func oracleCase(_ id: String) throws {
        let testCase = try #require(Self.cases.first { $0.id == id })
        let outcome = testCase.run()
        if let deviation = Self.deviations[id] {
            switch (deviation, outcome) {
            case (.loads(let check), .success(let settings)):
                #expect(check(settings), "unexpected settings: \(settings)")
            case (.throwsMentioning(let facts), .failure(let error)):
                Self.expect(error.message, mentions: facts)
            default:
                Issue.record("expected \(deviation), got \(outcome)")
            }
            return
        }
        switch outcome {
        case .success:
            #expect(testCase.valid, "Dagster rejects this file: \(testCase.errorMessage ?? "")")
        case .failure(let error):
            guard !testCase.valid else {
                Issue.record("Dagster accepts this file; we said: \(error.message)")
                return
            }
            #expect(error.code == .invalidConfig)
            let expected = testCase.errorMessage ?? ""
            if let facts = Self.expectedFacts[id] {
                Self.expect(error.message, mentions: facts)
            } else if testCase.errorStage == "config", testCase.errorClass == "DagsterInvalidConfigError" {
                #expect(error.message == expected)
            } else if testCase.errorClass == "DagsterInvalidConfigError" {
                // A class's own config: Dagster's numbered errors under our first line.
                let (ourHead, ourErrors) = Self.splitHead(error.message)
                #expect(ourErrors == Self.splitHead(Self.withoutStackTrace(expected)).errors)
                #expect(ourHead.hasPrefix("Errors whilst loading configuration for "))
                #expect(ourHead.contains("in $DAGSTER_HOME/dagster.yaml"))
            } else {
                Issue.record("no expectation for \(id) (\(testCase.errorClass ?? "")): \(error.message)")
            }
        }
    }

    static func expect(_ message: String, mentions facts: [String]) {
        for fact in facts {
            #expect(message.contains(fact), "\(fact) is missing from: \(message)")
        }
    }

    /// The first line of a message, and the rest.
    static func splitHead(_ message: String) -> (head: String, errors: String) {
        guard let newline = message.firstIndex(of: "\n") else { return (message, "") }
        return (String(message[..<newline]), String(message[message.index(after: newline)...]))
    }

    /// Dagster's text before the Python stack trace it appends to post-processing errors.
    static func withoutStackTrace(_ message: String) -> String {
        guard let range = message.range(of: "\n\nStack Trace:") else { return message }
        return String(message[..<range.lowerBound])
    }
}

/// One case of `dagster_yaml_cases.json`.
struct DagsterYAMLCase: Sendable {
    let id: String
    /// The file's text; `nil` for no file at all.
    let yaml: String?
    let environment: [String: String]
    let valid: Bool
    let errorStage: String?
    let errorClass: String?
    let errorMessage: String?

    static func loadAll() throws -> [DagsterYAMLCase] {
        try (Fixture.load("dagster_yaml_cases").arrayValue ?? []).map { json in
            var environment: [String: String] = [:]
            for (key, value) in json["env"]?.objectValue ?? [:] {
                environment[key] = value.stringValue
            }
            return DagsterYAMLCase(
                id: json["id"]?.stringValue ?? "?", yaml: json["yaml"]?.stringValue, environment: environment,
                valid: json["valid"]?.boolValue ?? false, errorStage: json["error_stage"]?.stringValue,
                errorClass: json["error_class"]?.stringValue, errorMessage: json["error_message"]?.stringValue)
        }
    }

    /// Loads the case from a new home folder; messages come back with the folder written
    /// `$DAGSTER_HOME`, as the oracle recorded them.
    func run() -> Result<InstanceSettings, DagsterError> {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("dagster-yaml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let placeholder = "$DAGSTER_HOME"
        do {
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
            if let yaml {
                try yaml.replacingOccurrences(of: placeholder, with: home.path)
                    .write(to: home.appendingPathComponent("dagster.yaml"), atomically: false, encoding: .utf8)
            }
            let environment = environment.mapValues { $0.replacingOccurrences(of: placeholder, with: home.path) }
            return .success(try InstanceConfigLoader.load(home: home, environment: environment))
        } catch let error as DagsterError {
            var error = error
            error.message = error.message.replacingOccurrences(of: home.path, with: placeholder)
            return .failure(error)
        } catch {
            return .failure(DagsterError(.invalidInput, "\(error)"))
        }
    }
}
