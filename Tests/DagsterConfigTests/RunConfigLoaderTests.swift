import DagsterConfig
import DagsterCore
import Foundation
import Testing

@Suite struct RunConfigLoaderTests {
    /// Plain YAML scalars read as PyYAML (Dagster's loader) reads them, checked against PyYAML 6.
    static let scalars: [(String, JSONValue)] = [
        ("1e3", "1e3"), ("1.0e3", "1.0e3"), ("1.0e+3", 1000.0), ("017", 15), ("08", "08"), ("0x1F", 31),
        ("0o17", "0o17"), ("1_000", 1000), ("1:30", 90), ("yes", true), ("On", true), ("off", false), ("~", nil),
        ("", nil), ("2024-01-01", "2024-01-01"), ("+1", 1), ("1.", 1.0), (".5", 0.5), ("0b101", 5), ("NULL", nil),
        ("True", true), ("-0", 0), ("3.", 3.0), ("12:30:00", 45000), ("-3", -3), ("2.5", 2.5), ("hello", "hello"),
        ("-.5", "-.5"), ("'42'", "42"), ("\"true\"", "true"), ("!!str 7", "7"), ("!!float 7", 7.0),
    ]

    @Test(arguments: scalars)
    func yamlScalarsFollowPyYAML(_ text: String, _ expected: JSONValue) throws {
        #expect(try RunConfigLoader.parse("v: \(text)") == ["v": expected])
    }

    @Test func specialFloats() throws {
        let value = try RunConfigLoader.parse("a: .inf\nb: -.INF\nc: .NaN")
        #expect(value["a"] == .double(.infinity))
        #expect(value["b"] == .double(-.infinity))
        guard case .double(let nan)? = value["c"] else {
            Issue.record("expected a float, got \(String(describing: value["c"]))")
            return
        }
        #expect(nan.isNaN)
    }

    @Test func keepsKeyOrderAndStructure() throws {
        let yaml = """
            ops:
              zeta: {config: {n: 1}}
              alpha:
                config:
                  items: [1, two, 3.5, null, {k: v}]
                  text: |
                    line one
                    line two
            """
        let value = try RunConfigLoader.parse(yaml + "\n")
        #expect(value.objectValue?["ops"]?.objectValue?.keys.elements == ["zeta", "alpha"])
        #expect(value["ops"]?["alpha"]?["config"]?["items"] == [1, "two", 3.5, nil, ["k": "v"]])
        #expect(value["ops"]?["alpha"]?["config"]?["text"] == "line one\nline two\n")
    }

    @Test func anchorsAliasesAndMergeKeysWorkLikePyYAML() throws {
        let yaml = """
            a: &x {p: 1, q: 2}
            b: {<<: *x, q: 3, r: 4}
            c: {r: 0, <<: [*x, {p: 9, s: 1}]}
            """
        let value = try RunConfigLoader.parse(yaml)
        #expect(value["b"] == ["p": 1, "q": 3, "r": 4])
        let c = try #require(value["c"]?.objectValue)
        #expect(c.keys.elements == ["p", "s", "q", "r"])
        #expect(JSONValue.object(c) == ["p": 1, "s": 1, "q": 2, "r": 0])
    }

    @Test func jsonIsParsedWithTheJSONParser() throws {
        #expect(try RunConfigLoader.parse(#"{"b": 1.0, "a": [true, null]}"#, format: .json) == ["b": 1.0, "a": [true, nil]])
        #expect {
            try RunConfigLoader.parse("{\n  \"a\": 1,\n  \"b\" 2\n}", format: .json, source: "run.json")
        } throws: { error in
            (error as? DagsterError)?.message.hasPrefix("run.json: invalid JSON at line 3, column 7") == true
        }
    }

    @Test func yamlErrorsNameTheSourceAndLine() {
        #expect {
            try RunConfigLoader.parse("ops:\n  a: [1, 2\n  b: 3\n", source: "bad.yaml")
        } throws: { error in
            let message = (error as? DagsterError)?.message ?? ""
            return message.hasPrefix("bad.yaml: invalid YAML: line ") && (error as? DagsterError)?.code == .invalidInput
        }
        #expect {
            try RunConfigLoader.parse("v: !custom 1", source: "tag.yaml")
        } throws: { error in
            (error as? DagsterError)?.message.hasPrefix("tag.yaml:1:") == true
        }
    }

    @Test func loadsAndDeepMergesFilesInOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = directory.appendingPathComponent("base.yaml")
        let overlay = directory.appendingPathComponent("prod.json")
        let empty = directory.appendingPathComponent("empty.yaml")
        try "ops:\n  fetch:\n    config: {limit: 10, source: api}\nresources:\n  db: {config: {host: localhost}}\n"
            .write(to: base, atomically: false, encoding: .utf8)
        try #"{"ops": {"fetch": {"config": {"limit": 500}}, "load": {"config": {"x": 1}}}, "resources": {"db": {"config": {"host": "prod"}}}}"#
            .write(to: overlay, atomically: false, encoding: .utf8)
        try "# nothing here\n".write(to: empty, atomically: false, encoding: .utf8)

        let merged = try RunConfigLoader.load(paths: [base.path, overlay.path, empty.path])
        #expect(merged == [
            "ops": ["fetch": ["config": ["limit": 500, "source": "api"]], "load": ["config": ["x": 1]]],
            "resources": ["db": ["config": ["host": "prod"]]],
        ])
        #expect(try RunConfigLoader.load(path: empty.path) == [:])

        let list = directory.appendingPathComponent("list.yaml")
        try "- 1\n- 2\n".write(to: list, atomically: false, encoding: .utf8)
        #expect {
            try RunConfigLoader.load(path: list.path)
        } throws: { error in
            (error as? DagsterError)?.message == "\(list.path): run config must be a mapping at the top level, got a list [1,2]"
        }
        #expect {
            try RunConfigLoader.load(path: directory.appendingPathComponent("missing.yaml").path)
        } throws: { error in
            (error as? DagsterError)?.message.contains("missing.yaml: cannot read") == true
        }
    }

    @Test func globPatternsExpandInSortedOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("runconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "a: 1\nshared: first\n".write(to: directory.appendingPathComponent("10-base.yaml"), atomically: false, encoding: .utf8)
        try "b: 2\nshared: second\n".write(to: directory.appendingPathComponent("20-prod.yaml"), atomically: false, encoding: .utf8)
        let merged = try RunConfigLoader.load(paths: [directory.path + "/*.yaml"])
        #expect(merged == ["a": 1, "shared": "second", "b": 2])
        #expect(throws: DagsterError.self) { try RunConfigLoader.load(paths: [directory.path + "/*.json"]) }
    }

    @Test func mergeReplacesNonObjects() {
        #expect(RunConfigLoader.merge(["a": [1, 2], "b": ["c": 1]], ["a": [3], "b": 5]) == ["a": [3], "b": 5])
        #expect(RunConfigLoader.merge(["a": 1], nil) == nil)
    }
}
