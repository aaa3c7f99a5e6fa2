import GRDB
import GRDBSQLite

/// Reads the columns of the current row of a stepped statement straight from SQLite, without
/// GRDB's generic value decoding (which looks up generic metadata for every column read): the
/// hot path of run and event queries.
struct RawColumns {
    private let statement: SQLiteStatement

    /// The columns of `statement`'s current row.
    init(_ statement: Statement) { self.statement = statement.sqliteStatement }

    /// Whether the column is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(statement, index) == SQLITE_NULL }

    /// The column as text; `nil` when NULL.
    func text(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The column as a double; `nil` when NULL.
    func double(_ index: Int32) -> Double? { isNull(index) ? nil : sqlite3_column_double(statement, index) }

    /// The column as an integer; `nil` when NULL.
    func int64(_ index: Int32) -> Int64? { isNull(index) ? nil : sqlite3_column_int64(statement, index) }
}

extension Statement {
    /// Runs the statement with `arguments` and decodes each row with `decode`, reading columns
    /// through `RawColumns`.
    func fetchAll<T>(arguments: StatementArguments, _ decode: (RawColumns) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(self, arguments: arguments)
        let columns = RawColumns(self)
        var values: [T] = []
        while try cursor.next() != nil { values.append(try decode(columns)) }
        return values
    }
}
