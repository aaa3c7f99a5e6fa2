import GRDB

/// A SQL statement and its arguments, built as a value and rendered in one place so queries can
/// be tested by their text.
struct SQLQuery: Sendable, Equatable {
    /// The statement text with `?` placeholders.
    var sql: String
    /// The values bound to the placeholders, in order.
    var arguments: [DatabaseValue]

    /// The arguments in GRDB's form.
    var statementArguments: StatementArguments { StatementArguments(arguments) }

    /// `?, ?, ?` for `count` values, for `IN (…)` lists.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
