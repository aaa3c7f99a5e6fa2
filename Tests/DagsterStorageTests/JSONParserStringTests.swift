import DagsterCore
import Testing

/// Strings read by `JSONParser`, with escapes anywhere in them.
struct JSONParserStringTests {
    @Test(arguments: [
        (#""plain""#, "plain"), (#""""#, ""), (#""\n""#, "\n"), (#""head\tand tail""#, "head\tand tail"),
        (#""before é \"quoted\" after""#, "before é \"quoted\" after"), (#""ends with \\""#, "ends with \\"),
        (#""\u00e9t\u00e9 \ud83d\ude00 \/""#, "été 😀 /"), (#""a\\b\\c""#, "a\\b\\c"),
    ])
    func escapesAreDecodedWhereverTheyAre(text: String, expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
        #expect(try JSONParser.parse("{\(text): [\(text)]}") == .object([expected: .array([.string(expected)])]))
    }

    @Test func anUnterminatedStringIsRefused() {
        for text in [#""abc"#, #""ab\"#, #""ab\n"#, #""ab\""#] {
            #expect(throws: DagsterError.self) { try JSONParser.parse(text) }
        }
    }
}
