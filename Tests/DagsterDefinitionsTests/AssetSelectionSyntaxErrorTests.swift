import DagsterCore
import DagsterDefinitions
import Testing

/// Strings in neither selection syntax: the error shows where, what was expected, and how to fix.
struct AssetSelectionSyntaxErrorTests {
    struct BadString: Sendable, CustomTestStringConvertible {
        let text: String
        /// The column the caret points at, from 1.
        let column: Int
        /// Words the explanation must contain.
        let explanation: [String]
        var testDescription: String { text.debugDescription }
    }

    static let badStrings: [BadString] = [
        BadString(text: "", column: 1, explanation: ["expected a selection such as key:name", "found the end of the selection"]),
        BadString(
            text: "key:report,key:raw/users", column: 11,
            explanation: [#"found ",""#, "Join selections with or (key:a or key:b)"]),
        BadString(text: "+++key:report", column: 2, explanation: [#"after "+""#, "Write a depth as a number: 2+key:name"]),
        BadString(text: "*key:report", column: 1, explanation: [#"found "*key""#, "write +key:name"]),
        BadString(text: "key:report++", column: 12, explanation: [#"found "+""#, "one \"+\" with an optional depth"]),
        BadString(text: "group:ing*", column: 7, explanation: [#"a value after group:"#, #"double quotes: "ing*""#]),
        BadString(text: "(key:report", column: 12, explanation: [#"")" to close the "(" at column 1"#]),
        BadString(text: "sinks key:report", column: 7, explanation: [#"expected "(" after sinks"#]),
        BadString(text: "key:\"report", column: 5, explanation: ["this quote is never closed"]),
        BadString(text: "key:report!", column: 11, explanation: [#"the character "!" has no meaning"#]),
        BadString(text: "owner:team:data", column: 11, explanation: [#"found ":""#]),
        BadString(text: "is:sometimes", column: 4, explanation: ["is: takes external or materializable"]),
        BadString(text: "kind:python tag:pii", column: 13, explanation: ["Join selections with and / or"]),
        BadString(text: "KEY:report", column: 1, explanation: [#"found "KEY""#]),
        BadString(text: "3+tag:<null>", column: 7, explanation: ["tag: needs a tag key"]),
        BadString(text: "é or key:report", column: 1, explanation: [#"the character "é""#]),
    ]

    @Test("a string in neither syntax is an error pointing at the column", arguments: badStrings)
    func pointsAtTheProblem(_ bad: BadString) throws {
        let error = try #require(throws: DagsterError.self) { try AssetSelection.fromString(bad.text) }
        #expect(error.code == .invalidAssetSelection)
        let lines = error.message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Invalid selection string: \(bad.text)")
        #expect(lines.count >= 4)
        if lines.count >= 4 {
            #expect(lines[2] == String(repeating: " ", count: 4 + bad.column - 1) + "^", "\(error.message)")
            #expect(lines[3].hasPrefix("at column \(bad.column): "))
        }
        for words in bad.explanation {
            #expect(error.message.contains(words), "\(error.message)")
        }
    }

    @Test func theCaretLineEchoesTheStringWithLineBreaksAsSpaces() throws {
        let input = "key:a or\n+"
        let error = try #require(throws: DagsterError.self) { try AssetSelection.fromString(input) }
        // The first line quotes the string as given, as Dagster's message does.
        let firstLine = "Invalid selection string: \(input)\n"
        #expect(error.message.hasPrefix(firstLine))
        let lines = error.message.dropFirst(firstLine.count).split(separator: "\n").map(String.init)
        #expect(lines.first == "    key:a or +")
        #expect(lines.dropFirst().first == String(repeating: " ", count: 4 + 10) + "^")
        #expect(lines.last?.hasPrefix("at column 11: ") == true)
    }

    @Test func aTagOfTheOlderSyntaxWithTwoEqualsSignsIsAnError() throws {
        let error = try #require(throws: DagsterError.self) { try AssetSelection.fromString("tag:a=b=c") }
        #expect(error.code == .invalidAssetSelection)
        #expect(error.message.contains(#"with at most one "=""#))
    }
}
