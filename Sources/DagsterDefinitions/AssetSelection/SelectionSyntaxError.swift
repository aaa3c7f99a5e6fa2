import DagsterCore

/// Why a selection string does not parse, and where.
struct SelectionSyntaxError: Error, Sendable, Equatable {
    /// Where the problem is, in Unicode scalars from the start of the input.
    let offset: Int
    /// What is wrong there: `expected ":" after tag, but found "="`.
    let problem: String
    /// How to fix it, when there is an obvious way.
    let hint: String?

    /// Dagster's `Invalid selection string: S`, followed by the input with a caret under the
    /// problem, the column (counted in characters, from 1), what is wrong and how to fix it.
    func dagsterError(for input: String) -> DagsterError {
        let before = Self.text(of: input, before: offset)
        let printable = String(input.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        var message = "Invalid selection string: \(input)\n    \(printable)\n    "
        message += String(repeating: " ", count: before.count) + "^\n"
        message += "at column \(before.count + 1): \(problem)."
        if let hint { message += " \(hint)" }
        return DagsterError(.invalidAssetSelection, message)
    }

    /// The column of the scalar at `offset` in `input`, counted in characters from 1.
    static func column(of offset: Int, in input: String) -> Int { text(of: input, before: offset).count + 1 }

    private static func text(of input: String, before offset: Int) -> String {
        String(String.UnicodeScalarView(input.unicodeScalars.prefix(offset)))
    }
}
