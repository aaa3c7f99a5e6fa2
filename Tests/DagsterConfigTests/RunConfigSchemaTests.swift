import DagsterConfig
import DagsterCore
import Testing

@Suite struct RunConfigSchemaTests {
    static let limitField = ConfigField(.shape(["limit": ConfigField(.int)]))

    static func nestedSchema() throws -> RunConfigSchema {
        try RunConfigSchema(
            nodes: [
                .op(name: "fetch", config: limitField),
                .graph(name: "etl", children: [
                    .op(name: "load", config: ConfigField(.shape(["table": ConfigField(.string, defaultValue: "t")]))),
                    .op(name: "plain", config: nil, inputs: ["rows": .array(.int)]),
                ]),
                .graph(name: "mapped", config: ConfigField(.shape(["n": ConfigField(.int, defaultValue: 1)])), children: [
                    .op(name: "inner", config: limitField)
                ]),
            ],
            resources: ["io_manager": nil, "api": ConfigField(.shape(["url": ConfigField(.stringSource)])), "unused": limitField],
            requiredResourceKeys: ["io_manager", "api"],
            executor: StandardConfigSchemas.inProcessExecutor)
    }

    @Test func resolvesNestedGraphsResourcesExecutionAndLoggers() throws {
        let schema = try Self.nestedSchema()
        let runConfig: JSONValue = [
            "ops": [
                "fetch": ["config": ["limit": 5]],
                "etl": ["ops": ["plain": ["inputs": ["rows": [1, 2]]]]],
            ],
            "resources": ["api": ["config": ["url": ["env": "API_URL"]]]],
            "loggers": ["console": ["config": ["log_level": "DEBUG"]]],
        ]
        let resolved = try schema.resolve(runConfig: runConfig, environment: ["API_URL": "http://x"])
        #expect(resolved.opConfig(forNodePath: ["fetch"]) == ["limit": 5])
        #expect(resolved.opConfig(forNodePath: ["etl", "load"]) == ["table": "t"])
        #expect(resolved.opConfig(forNodePath: ["etl", "plain"]) == nil)
        #expect(resolved.inputs(forNodePath: ["etl", "plain"]) == ["rows": [1, 2]])
        #expect(resolved.opConfig(forNodePath: ["mapped"]) == ["n": 1])
        #expect(resolved.opConfig(forNodePath: ["nope"]) == nil)
        #expect(resolved.resourceConfig("api") == ["url": "http://x"])
        #expect(resolved.resourceConfig("io_manager") == nil)
        #expect(resolved.executionConfig == ["retries": ["enabled": [:]]])
        #expect(resolved.loggerConfig("console") == ["log_level": "DEBUG", "name": "dagster"])
        #expect(resolved.loggersConfig.keys.elements == ["console"])
    }

    @Test func sectionsAreRequiredOnlyWhenSomethingInsideIs() throws {
        let schema = try Self.nestedSchema()
        let errors = try #require(schema.validate(runConfig: nil, environment: [:]).failure)
        #expect(errors.errors.map(\.reason) == [.missingRequiredFields])
        #expect(errors.errors.first?.fieldNames == ["ops", "resources"])

        let noConfigNeeded = try RunConfigSchema(nodes: [.op(name: "plain_op", config: nil)], resources: ["io_manager": nil])
        let resolved = try noConfigNeeded.resolve(runConfig: [:], environment: [:])
        #expect(resolved.opConfig(forNodePath: ["plain_op"]) == nil)
        #expect(resolved.executionConfig == ["multiprocess": ["max_concurrent": nil, "retries": ["enabled": [:]]]])
        #expect(resolved.loggersConfig.isEmpty)
    }

    @Test func legacySolidsKeyPointsToOps() throws {
        let schema = try RunConfigSchema(nodes: [.op(name: "my_op", config: Self.limitField)])
        let errors = try #require(schema.validate(runConfig: ["solids": ["my_op": [:]]], environment: [:]).failure)
        #expect(errors.errors.map(\.reason) == [.fieldNotDefined, .missingRequiredField])
        #expect(errors.errors[0].message.contains(#"Did you mean "ops"?"#))
        #expect(errors.errors[1].message.hasSuffix("Add it, e.g. ops: {my_op: {config: {limit: 0}}}"))
    }

    @Test func errorsNameTheNodePath() throws {
        let schema = try Self.nestedSchema()
        let runConfig: JSONValue = [
            "ops": ["fetch": ["config": ["limit": "many"]], "etl": ["ops": ["plain": ["inputs": ["rows": ["x"]]]]]],
            "resources": ["api": ["config": ["url": "u"]]],
        ]
        let errors = try #require(schema.validate(runConfig: runConfig, environment: [:]).failure)
        #expect(errors.errors.map(\.path) == ["root:ops:etl:ops:plain:inputs:rows[0]", "root:ops:fetch:config:limit"])
        #expect(errors.message.hasPrefix("Invalid run config: 2 errors\n  1. at root:ops:etl:ops:plain:inputs:rows[0]: "))
        #expect {
            try schema.resolve(runConfig: runConfig, environment: [:])
        } throws: { error in
            (error as? DagsterError)?.code == .invalidConfig
        }
    }

    @Test func duplicateNodeNamesAndBadSchemasFailAtBuildTime() {
        #expect {
            try RunConfigSchema(nodes: [.graph(name: "g", children: [.op(name: "a", config: nil), .op(name: "a", config: nil)])])
        } throws: { error in
            (error as? DagsterError)?.message.contains("graph g") == true
        }
        #expect {
            try RunConfigSchema(nodes: [.op(name: "a", config: ConfigField(.int, defaultValue: "x"))])
        } throws: { error in
            let error = error as? DagsterError
            return error?.code == .invalidConfig && error?.message.contains("ops.a.config") == true
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
