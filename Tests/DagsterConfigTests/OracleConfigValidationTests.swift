import DagsterConfig
import DagsterCore
import Testing

/// Every case of the oracle fixtures run against `RunConfigSchema`: the verdict, the errors'
/// reasons, paths, stack levels and field data in Dagster's order, and the resolved config.
@Suite struct OracleConfigValidationTests {
    static let oracleCases = OracleFixture.cases("config_validation")
    static let extraCases = OracleFixture.cases("config_validation_extra")

    @Test func fixturesAreLoaded() {
        #expect(Self.oracleCases.count == 51)
        #expect(Self.extraCases.count > 100)
    }

    @Test(arguments: oracleCases)
    func oracleCase(_ testCase: OracleCase) throws {
        try Self.run(testCase)
    }

    @Test(arguments: extraCases)
    func extraCase(_ testCase: OracleCase) throws {
        try Self.run(testCase)
    }

    /// Cases where swift-dagster deliberately differs from Dagster, with the reason.
    static let deviations: [String: String] = [
        // JSON and YAML object keys are text in a `JSONValue`, so an Int-keyed map accepts keys
        // written as integers; Python tells the str key "1" from the int key 1 and rejects it.
        "sim-260": #"the key "1" is accepted for a map with Int keys"#
    ]

    static func run(_ testCase: OracleCase) throws {
        let json = testCase.json
        if let reason = deviations[testCase.id] {
            let schema = try buildSchema(json)
            let result = schema.validate(
                runConfig: NeutralSchema.decodeValue(json["run_config"] ?? .null), environment: EnvironmentVariables(testCase.environment))
            #expect(json["valid"]?.boolValue == false, "no longer a deviation: \(reason)")
            #expect((try? result.get()) != nil, "deviation: \(reason)")
            return
        }
        if json["kind"]?.stringValue == "schema_definition" {
            let field = try NeutralSchema.field(json["field"] ?? .null)
            let expected = json["definition_error"]
            if let expected, !expected.isNull {
                #expect(throws: DagsterError.self) { try field.validateDefinition() }
                do {
                    try field.validateDefinition()
                } catch {
                    let code: DagsterError.Code =
                        expected["type"]?.stringValue == "DagsterInvalidConfigError" ? .invalidConfig : .invalidDefinition
                    #expect(error.code == code)
                }
            } else {
                #expect(throws: Never.self) { try field.validateDefinition() }
            }
            return
        }
        if let view = json["dagster_view"], !view.isNull {
            let resourceSchema = json["resource_schema"] ?? .null
            let schemaJSON = resourceSchema.isNull ? json["op_config_field"] ?? .null : resourceSchema
            checkView(of: try NeutralSchema.field(schemaJSON), against: view, at: "field")
        }
        let schema = try buildSchema(json)
        let result = schema.validate(runConfig: NeutralSchema.decodeValue(json["run_config"] ?? .null), environment: EnvironmentVariables(testCase.environment))
        let expectValid = json["valid"]?.boolValue == true
        switch result {
        case .success(let resolved):
            #expect(expectValid, "Dagster rejects this run config: \(json["errors"]?.jsonText() ?? "")")
            guard expectValid else { return }
            if let expected = json["validated_op_config"] {
                #expect(resolved.opConfig(forNodePath: ["my_op"]) ?? .null == NeutralSchema.decodeValue(expected))
            }
            if let expected = json["validated_resource_config"] {
                #expect(resolved.resourceConfig("api") ?? .null == NeutralSchema.decodeValue(expected))
            }
        case .failure(let errors):
            #expect(!expectValid, "Dagster accepts this run config; we said: \(errors.message)")
            guard !expectValid else { return }
            let expected = json["errors"]?.arrayValue ?? []
            let expectedPairs = expected.map { "\($0["reason"]?.stringValue ?? "") \($0["path"]?.stringValue ?? "")" }
            let actualPairs = errors.errors.map { "\($0.reason.rawValue) \($0.path)" }
            #expect(actualPairs == expectedPairs, "\(errors.message)")
            guard actualPairs == expectedPairs else { return }
            for (error, oracle) in zip(errors.errors, expected) {
                #expect(error.stackLevels == (oracle["stack_levels"]?.arrayValue ?? []).compactMap(\.stringValue))
                if let fieldName = oracle["field_name"]?.stringValue {
                    #expect(error.fieldName == fieldName)
                }
                if let names = oracle["field_names"]?.arrayValue {
                    #expect(error.fieldNames == names.compactMap(\.stringValue))
                }
                if let incoming = oracle["incoming_fields"]?.arrayValue {
                    #expect(error.incomingFields == incoming.compactMap(\.stringValue))
                }
                #expect(error.message.contains(error.path))
            }
        }
    }

    /// Compares what we derive for a field (required, has a default, the default) with what
    /// Dagster derived, recursively through the fields of shapes and selectors.
    static func checkView(of field: ConfigField, against view: JSONValue, at path: String) {
        #expect(field.isRequired == view["is_required"]?.boolValue, "is_required of \(path)")
        #expect(field.hasDefault == view["default_provided"]?.boolValue, "default_provided of \(path)")
        if let expected = view["default_value"] {
            #expect(field.effectiveDefault == NeutralSchema.decodeValue(expected), "default_value of \(path)")
        }
        for (name, child) in view["fields"]?.objectValue ?? [:] {
            guard let childField = field.type.fields?[name] else {
                Issue.record("\(path) has no field \(name)")
                continue
            }
            checkView(of: childField, against: child, at: path + "." + name)
        }
    }

    /// The job the case describes: one op `my_op`; or also `plain_op` without a schema; or
    /// `my_op` without config needing resource `api` configured by `resource_schema`.
    static func buildSchema(_ json: JSONValue) throws -> RunConfigSchema {
        let opField = try json["op_config_field"].flatMap { $0.isNull ? nil : try NeutralSchema.field($0) }
        var resources: OrderedDictionary<String, ConfigField?> = ["io_manager": nil]
        var nodes: [OpConfigNode] = [.op(name: "my_op", config: opField)]
        if let resource = json["resource_schema"], !resource.isNull {
            resources["api"] = try NeutralSchema.field(resource)
            nodes = [.op(name: "my_op", config: nil)]
        }
        if json["job_note"]?.stringValue?.contains("plain_op") == true {
            nodes.append(.op(name: "plain_op", config: nil))
        }
        return try RunConfigSchema(nodes: nodes, resources: resources)
    }
}
