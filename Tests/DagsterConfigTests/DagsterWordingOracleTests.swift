import DagsterConfig
import DagsterCore
import Foundation
import Testing

/// Every error of every invalid oracle case carries Dagster's message word for word as
/// `dagsterMessage` (the Python stack trace Dagster appends to post-processing errors cut off).
@Suite struct DagsterWordingOracleTests {
    static let invalidCases = (OracleFixture.cases("config_validation") + OracleFixture.cases("config_validation_extra"))
        .filter { $0.json["valid"]?.boolValue == false && $0.json["kind"]?.stringValue == "run_config" }
        .filter { OracleConfigValidationTests.deviations[$0.id] == nil }

    @Test func casesAreLoaded() {
        #expect(Self.invalidCases.count > 50)
    }

    @Test(arguments: invalidCases)
    func messagesReadLikeDagster(_ testCase: OracleCase) throws {
        let schema = try OracleConfigValidationTests.buildSchema(testCase.json)
        let runConfig = NeutralSchema.decodeValue(testCase.json["run_config"] ?? .null)
        guard case .failure(let errors) = schema.validate(runConfig: runConfig, environment: EnvironmentVariables(testCase.environment)) else {
            Issue.record("expected the run config to be invalid")
            return
        }
        let expected = (testCase.json["errors"]?.arrayValue ?? []).map { Self.withoutStackTrace($0["message"]?.stringValue ?? "") }
        #expect(errors.errors.map(\.dagsterMessage) == expected)
    }

    @Test func listsErrorsUnderAPreamble() {
        let errors = ConfigValidationErrors([
            ConfigValidationError(reason: .fieldNotDefined, location: .root, detail: "x", dagsterMessage: "first"),
            ConfigValidationError(reason: .fieldNotDefined, location: .root, detail: "y", dagsterMessage: "second"),
        ])
        #expect(errors.dagsterMessage(preamble: "Head.") == "Head.\n    Error 1: first\n    Error 2: second")
    }

    @Test(arguments: [
        (3.0, "3.0"), (2.5, "2.5"), (0.001, "0.001"), (0.0001, "0.0001"), (0.00001, "1e-05"),
        (1e15, "1000000000000000.0"), (1e16, "1e+16"), (1.5e300, "1.5e+300"), (-0.5, "-0.5"), (123456.789, "123456.789"),
    ])
    func floatsPrintLikePython(_ number: Double, _ expected: String) {
        let errors = ConfigValidator.check(.double(number), against: .int)
        #expect(errors.first?.dagsterMessage.contains("Value \"\(expected)\" of type \"<class 'float'>\"") == true)
    }

    /// Dagster's text up to the Python stack trace it appends to post-processing errors.
    static func withoutStackTrace(_ message: String) -> String {
        guard let range = message.range(of: "\n\nStack Trace:") ?? message.range(of: "\nStack Trace:") else {
            return message.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return String(message[..<range.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
