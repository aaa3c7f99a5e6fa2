import DagsterConfig
import DagsterCore
import Testing

@Suite struct ConfigValidatorTests {
    static let opField = ConfigField(.shape([
        "name": ConfigField(.string),
        "limit": ConfigField(.int, defaultValue: 10),
        "ratio": ConfigField(.float, isRequired: false),
    ]))

    @Test func resolvesDefaultsAndWidensFloats() {
        let result = ConfigValidator.validate(["name": "x", "ratio": 2], against: Self.opField, environment: [:])
        #expect(result == .valid(["name": "x", "limit": 10, "ratio": 2.0]))
        #expect(result.isValid && result.errors.isEmpty)
    }

    @Test func absentValueTakesTheDefaultOrNull() {
        #expect(ConfigValidator.validate(nil, against: ConfigField(.int, defaultValue: 3), environment: [:]).value == 3)
        #expect(ConfigValidator.validate(nil, against: .optional(.int), environment: [:]).value == .null)
        let required = ConfigValidator.validate(nil, against: ConfigField(.int), environment: [:])
        #expect(required.errors.map(\.reason) == [.runtimeTypeMismatch])
    }

    @Test func messagesNameThePathAndWhatToDo() throws {
        let missing = ConfigValidator.validate(
            ["limit": 1], against: Self.opField, at: ConfigPath.root.appending(field: "ops").appending(field: "my_op").appending(field: "config"),
            environment: [:])
        let error = try #require(missing.errors.first)
        #expect(error.reason == .missingRequiredField)
        #expect(error.path == "root:ops:my_op:config")
        #expect(error.stackLevels == ["ops", "my_op", "config"])
        #expect(error.fieldName == "name")
        #expect(error.message == #"at root:ops:my_op:config: missing required config entry "name". Add it, e.g. name: "...""#)

        let mismatch = ConfigValidator.validate(["name": "x", "limit": "ten"], against: Self.opField, environment: [:])
        #expect(mismatch.errors.map(\.message) == [#"at root:limit: expected Int, got string "ten"."#])

        let typo = ConfigValidator.validate(["name": "x", "limt": 1], against: Self.opField, environment: [:])
        #expect(typo.errors.first?.reason == .fieldNotDefined)
        #expect(typo.errors.first?.message == #"at root: unexpected config entry "limt". Did you mean "limit"? Entries defined here: "limit", "name", "ratio". Expected { limit?: Int name: String ratio?: Float }."#)
    }

    @Test func reportsEveryErrorInDagsterOrder() {
        let field = ConfigField(.shape(["b": ConfigField(.int), "a": ConfigField(.int), "c": ConfigField(.int)]))
        let result = ConfigValidator.validate(["z": 1, "y": 2, "b": "x", "a": "y"], against: field, environment: [:])
        #expect(result.errors.map(\.reason) == [.fieldsNotDefined, .missingRequiredField, .runtimeTypeMismatch, .runtimeTypeMismatch])
        #expect(result.errors.map(\.path) == ["root", "root", "root:a", "root:b"])
        #expect(result.errors[0].fieldNames == ["y", "z"])
    }

    @Test func intAndFloatRulesFollowDagster() {
        #expect(ConfigValidator.validate(true, against: ConfigType.float, environment: [:]) == .valid(1.0))
        #expect(ConfigValidator.validate(3, against: ConfigType.float, environment: [:]) == .valid(3.0))
        #expect(!ConfigValidator.validate(true, against: ConfigType.int, environment: [:]).isValid)
        #expect(!ConfigValidator.validate(1.0, against: ConfigType.int, environment: [:]).isValid)
        #expect(!ConfigValidator.validate(1, against: ConfigType.bool, environment: [:]).isValid)
        #expect(!ConfigValidator.validate(1, against: ConfigType.string, environment: [:]).isValid)
    }

    @Test func environmentSourcesReadTheGivenEnvironment() {
        let field = ConfigField(.shape([
            "token": ConfigField(.stringSource), "port": ConfigField(.intSource), "debug": ConfigField(.boolSource),
        ]))
        let config: JSONValue = ["token": ["env": "TOKEN"], "port": ["env": "PORT"], "debug": ["env": "DEBUG"]]
        let environment = ["TOKEN": "secret", "PORT": " 8_080 ", "DEBUG": "False"]
        #expect(ConfigValidator.validate(config, against: field, environment: EnvironmentVariables(environment))
            == .valid(["token": "secret", "port": 8080, "debug": false]))

        let unset = ConfigValidator.validate(config, against: field, environment: ["PORT": "eighty"])
        #expect(unset.errors.map(\.reason) == [.failedPostProcessing, .failedPostProcessing, .failedPostProcessing])
        // Post-processing errors come in definition order.
        #expect(unset.errors.map(\.path) == ["root:token", "root:port", "root:debug"])
        #expect(unset.errors[0].message.contains(#"environment variable "TOKEN""#))
        #expect(unset.errors[1].message.contains("cannot be read as an Int"))
        #expect(!unset.errors[1].message.contains("eighty"), "the value of a variable is not leaked")

        let extraKey = ConfigValidator.validate(["env": "TOKEN", "x": 1], against: ConfigType.stringSource, environment: EnvironmentVariables(environment))
        #expect(extraKey.errors.map(\.reason) == [.selectorFieldError])
        #expect(extraKey.errors.first?.incomingFields == ["env", "x"])
    }

    @Test func enumsResolveAndRejectUnknownValues() {
        let color = ConfigType.enumeration(
            name: "Color", values: [ConfigEnumValue("RED", resolved: "red"), ConfigEnumValue("GREEN", resolved: 2), "BLUE"])
        #expect(ConfigValidator.validate("RED", against: color, environment: [:]) == .valid("red"))
        #expect(ConfigValidator.validate("GREEN", against: color, environment: [:]) == .valid(2))
        #expect(ConfigValidator.validate("BLUE", against: color, environment: [:]) == .valid("BLUE"))
        let wrong = ConfigValidator.validate("PURPLE", against: color, environment: [:])
        #expect(wrong.errors.first?.message.contains(#""RED", "GREEN", "BLUE""#) == true)
    }

    @Test func mapsValidateKeysThenValuesWithDagsterPaths() {
        let intKeyed = ConfigType.map(key: .int, value: .string)
        #expect(ConfigValidator.validate(["1": "a", "+2": "b"], against: intKeyed, environment: [:]) == .valid(["1": "a", "2": "b"]))
        let bad = ConfigValidator.validate(["a": "x", "3": 4], against: intKeyed, environment: [:])
        #expect(bad.errors.map(\.path) == ["root:'a':key", "root:3:value"])
        let stringKeyed = ConfigType.map(key: .string, value: .int)
        #expect(ConfigValidator.validate(["it's": "x"], against: stringKeyed, environment: [:]).errors.map(\.path)
            == [#"root:"it's":value"#])
    }

    @Test func permissiveShapesPassExtraKeysOnAfterDefinedOnes() {
        let field = ConfigField(.permissive(["n": ConfigField(.int), "m": ConfigField(.string, defaultValue: "d")]))
        #expect(ConfigValidator.validate(["extra": [1], "n": 1], against: field, environment: [:])
            == .valid(["n": 1, "m": "d", "extra": [1]]))
    }

    @Test func errorListFormatsAndConvertsToDagsterError() {
        let result = ConfigValidator.validate(["limit": "x"], against: Self.opField, environment: [:])
        let errors = ConfigValidationErrors(result.errors, subject: "run config")
        #expect(errors.message == """
            Invalid run config: 2 errors
              1. at root: missing required config entry "name". Add it, e.g. name: "..."
              2. at root:limit: expected Int, got string "x".
            """)
        #expect(errors.dagsterError.code == .invalidConfig)
        #expect(errors.dagsterError.message == errors.message)
        #expect(throws: ConfigValidationErrors.self) { try result.get() }
    }
}
