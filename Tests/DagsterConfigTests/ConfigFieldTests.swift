import DagsterConfig
import DagsterCore
import Testing

@Suite struct ConfigFieldTests {
    @Test func requiredUnlessDefaultedNoneableOrAllOptional() {
        #expect(ConfigField(.int).isRequired)
        #expect(ConfigField(.any).isRequired)
        #expect(ConfigField(.array(.int)).isRequired)
        #expect(!ConfigField(.int, defaultValue: 3).isRequired)
        #expect(!ConfigField(.noneable(.int)).isRequired)
        #expect(!ConfigField(.shape(["a": ConfigField(.int, defaultValue: 1)])).isRequired)
        #expect(ConfigField(.shape(["a": ConfigField(.int)])).isRequired)
        #expect(!ConfigField(.permissive([:])).isRequired)
        #expect(!ConfigField(.shape([:])).isRequired)
        // A selector is all-optional only with a single optional field.
        #expect(!ConfigField(.selector(["only": ConfigField(.shape(["v": ConfigField(.int, defaultValue: 7)]))])).isRequired)
        #expect(ConfigField(.selector(["a": ConfigField(.int, isRequired: false), "b": ConfigField(.int, isRequired: false)])).isRequired)
        #expect(ConfigField(.selector(["only": ConfigField(.int)])).isRequired)
        // Explicit always wins.
        #expect(!ConfigField(.int, isRequired: false).isRequired)
        #expect(ConfigField(.noneable(.int), isRequired: true).isRequired)
    }

    @Test func impliedDefaultsResolveTheTypeFromNothing() {
        let nested = ConfigField(.shape([
            "a": ConfigField(.shape([
                "c": ConfigField(.int, defaultValue: 1),
                "d": ConfigField(.string, defaultValue: "x"),
                "e": ConfigField(.string, isRequired: false),
            ])),
            "n": ConfigField(.noneable(.int)),
        ]))
        #expect(nested.hasDefault)
        #expect(nested.effectiveDefault == ["a": ["c": 1, "d": "x"], "n": nil])
        #expect(ConfigField(.noneable(.int)).effectiveDefault == .null)
        // Explicitly optional fields get no implied default: they are absent when not given.
        #expect(!ConfigField(.shape([:]), isRequired: false).hasDefault)
        #expect(!ConfigField(.int).hasDefault)
        // Implied defaults are not post-processed: enum config strings, integer floats stay as written.
        let color = ConfigType.enumeration(name: "Color", values: [ConfigEnumValue("RED", resolved: "red")])
        let unprocessed = ConfigField(.shape(["c": ConfigField(color, defaultValue: "RED"), "f": ConfigField(.float, defaultValue: 2)]))
        #expect(unprocessed.effectiveDefault == ["c": "RED", "f": 2])
    }

    @Test func invalidDefaultIsRejectedWithEveryError() {
        let field = ConfigField(
            .selector(["a": ConfigField(.int), "b": ConfigField(.int)]), defaultValue: ["a": 1, "b": 2])
        #expect {
            try field.validateDefinition()
        } throws: { error in
            guard let error = error as? DagsterError else { return false }
            return error.code == .invalidConfig && error.message.contains("Invalid default value")
                && error.message.contains("\"a\", \"b\"")
        }
        let nested = ConfigField(.shape(["inner": ConfigField(.shape(["n": ConfigField(.int, defaultValue: "nope")]))]))
        #expect {
            try nested.validateDefinition()
        } throws: { error in
            (error as? DagsterError)?.message.contains("at inner.n") == true
        }
    }

    @Test func requiredFieldWithDefaultIsAnInvalidDefinition() {
        #expect {
            try ConfigField(.int, defaultValue: 1, isRequired: true).validateDefinition()
        } throws: { error in
            (error as? DagsterError)?.code == .invalidDefinition
        }
    }

    @Test func mapKeysMustBeStringOrInt() {
        #expect(throws: DagsterError.self) { try ConfigField(.map(key: .float, value: .int)).validateDefinition() }
        #expect(throws: Never.self) { try ConfigField(.map(key: .int, value: .int)).validateDefinition() }
    }

    @Test func validDefinitionsPass() throws {
        try ConfigField(.selector(["a": ConfigField(.int), "b": ConfigField(.int)]), defaultValue: ["a": 1]).validateDefinition()
        try ConfigField(.noneable(.int), defaultValue: nil).validateDefinition()
        try StandardConfigSchemas.multiOrInProcessExecutor.validateDefinition()
        try StandardConfigSchemas.consoleLogger.validateDefinition()
        // A source default is only checked for shape, not read from the environment.
        try ConfigField(.stringSource, defaultValue: ["env": "SURELY_UNSET_VARIABLE"]).validateDefinition()
    }

    @Test func convenienceConstructors() {
        #expect(ConfigField.optional(.int, default: 3) == ConfigField(.int, defaultValue: 3, isRequired: false))
        #expect(!ConfigField.optional(.string).isRequired && !ConfigField.optional(.string).hasDefault)
        #expect(ConfigField.shape(["a": .field(.int)]).type == .shape(["a": ConfigField(.int)]))
        #expect(ConfigField.anyOptional.type == .any && !ConfigField.anyOptional.isRequired)
    }
}
