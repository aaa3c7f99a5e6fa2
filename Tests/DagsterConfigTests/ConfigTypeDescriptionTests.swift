import DagsterConfig
import DagsterCore
import Testing

/// `typeDescription` against what Dagster 1.13.27's type printer prints for the same types.
@Suite struct ConfigTypeDescriptionTests {
    static let color = ConfigType.enumeration(name: "Color", values: ["RED"])

    static let rendered: [(ConfigType, String)] = [
        (.shape(["n": ConfigField(.int)]), "{ n: Int }"),
        (.shape([
            "db": ConfigField(
                .shape(["host": ConfigField(.string), "port": ConfigField(.int, defaultValue: 5432)]), isRequired: false)
        ]), "{ db?: { host: String port?: Int } }"),
        (.array(.int), "[Int]"),
        (.noneable(.int), "Int?"),
        (.string, "String"),
        (.stringSource, "(String | { env: String })"),
        (.intSource, "(Int | { env: String })"),
        (.boolSource, "(Bool | { env: String })"),
        (.map(key: .string, value: .int), "{ [String]: Int }"),
        (.map(key: .int, value: .shape(["a": ConfigField(.int)])), "{ [Int]: { a: Int } }"),
        (.permissive([:]), "{ }"),
        (.shape([:]), "{ }"),
        (.selector(["a": ConfigField(.int), "b": ConfigField(.shape([:]))]), "{ a: Int b?: { } }"),
        (color, "Color"),
        (.scalarUnion(scalar: .string, nonScalar: .shape(["a": ConfigField(.int)])), "(String | { a: Int })"),
        (.array(.array(.shape(["x": ConfigField(.noneable(.array(.int)))]))), "[[{ x?: [Int]? }]]"),
        (.shape(["B": ConfigField(.int), "a": ConfigField(.int), "_z": ConfigField(.int)]), "{ B: Int _z: Int a: Int }"),
        (.noneable(.shape(["a": ConfigField(.int)])), "{ a: Int }?"),
        (.array(.map(key: .string, value: .array(.int))), "[{ [String]: [Int] }]"),
        (.any, "Any"),
        (.float, "Float"),
        (.bool, "Bool"),
    ]

    @Test(arguments: rendered)
    func rendersLikeDagster(_ type: ConfigType, _ expected: String) {
        #expect(type.typeDescription == expected)
        #expect("\(type)" == expected)
    }

    /// The whole run-config schema of the oracle's one-op job prints exactly as Dagster printed
    /// it in case config_validation-011 (default executor, console logger, io_manager resource).
    @Test func rootSchemaOfOracleJobMatchesDagster() throws {
        let schema = try RunConfigSchema(
            nodes: [.op(name: "my_op", config: ConfigField(.shape(["n": ConfigField(.int)])))],
            resources: ["io_manager": nil])
        let oracleCase = try #require(OracleFixture.cases("config_validation").first { $0.id == "config_validation-011" })
        let message = try #require(oracleCase.json["errors"]?.arrayValue?.first?["message"]?.stringValue)
        let expected = try #require(message.split(separator: "Expected: \"", maxSplits: 1).last)
        #expect(schema.typeDescription + "\"." == String(expected))
    }
}
