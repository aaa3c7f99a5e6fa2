import GRDB

/// A SQL statement and its arguments, built as a value and rendered in one place so queries can
/// be tested by their text.
struct SQLQuery: Sendable, Equatable {
    /// The statement text with `?` placeholders.
    var sql: String
    /// The values bound to the placeholders, in order.
    var arguments: [DatabaseValue]

    /// The arguments in GRDB's form. (Given as optional existentials: GRDB's initializer for a
    /// sequence of concrete values builds a key path at run time on every call.)
    var statementArguments: StatementArguments {
        StatementArguments(arguments.map { $0 as (any DatabaseValueConvertible)? })
    }

    /// `?, ?, ?` for `count` values, for `IN (…)` lists.
    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// The condition `column IN (?, …)` with its values; `0` (matches nothing) for no values.
    static func inList(_ column: String, _ values: [DatabaseValue]) -> SQLQuery {
        values.isEmpty
            ? SQLQuery(sql: "0", arguments: [])
            : SQLQuery(sql: "\(column) IN (\(placeholders(values.count)))", arguments: values)
    }
}
