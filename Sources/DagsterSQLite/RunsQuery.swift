import DagsterCore
import DagsterStorage
import Foundation
import GRDB

/// Builds the SQL that reads runs for a `RunsFilter`.
///
/// With tag filters the first tag drives the query through the `(key, value, run_storage_id)`
/// index, newest first, so a page of runs with a tag costs a page of index entries however many
/// runs there are.
enum RunsQuery {
    /// The columns `RunRow` decodes, in order.
    static let columns = """
        r.id, r.run_id, r.job_name, r.status, r.run_config, r.tags, r.op_selection, r.step_keys_to_execute, \
        r.parent_run_id, r.root_run_id, r.snapshot_id, r.create_timestamp, r.update_timestamp, r.start_time, r.end_time, \
        r.revision
        """

    /// The columns that tell whether a cached run is current: storage id and revision.
    static let revisionColumns = "r.id, r.revision"

    /// The page of runs matching `filters`, without its `SELECT` clause: the statement from
    /// `FROM` on, to follow `SELECT` and `columns` or `revisionColumns`.
    static func page(filters: RunsFilter, limit: Int?, cursor: RunID?, ascending: Bool) -> SQLQuery {
        let (from, orderColumn, whereQuery) = source(filters)
        var conditions = whereQuery.sql.isEmpty ? [] : [whereQuery.sql]
        var arguments = whereQuery.arguments
        if let cursor {
            conditions.append("\(orderColumn) \(ascending ? ">" : "<") (SELECT id FROM runs WHERE run_id = ?)")
            arguments.append(cursor.rawValue.databaseValue)
        }
        var sql = "FROM \(from)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY \(orderColumn) \(ascending ? "ASC" : "DESC")"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit.databaseValue)
        }
        return SQLQuery(sql: sql, arguments: arguments)
    }

    /// The number of runs matching `filters`.
    static func count(filters: RunsFilter) -> SQLQuery {
        let (from, _, whereQuery) = source(filters)
        let sql = "SELECT COUNT(*) FROM \(from)" + (whereQuery.sql.isEmpty ? "" : " WHERE " + whereQuery.sql)
        return SQLQuery(sql: sql, arguments: whereQuery.arguments)
    }

    /// The tables to read, the column that orders them, and the conditions of `filters`.
    private static func source(_ filters: RunsFilter) -> (from: String, orderColumn: String, conditions: SQLQuery) {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        let tags = filters.tags.sorted { $0.key < $1.key }
        var from = "runs r"
        var orderColumn = "r.id"
        for (index, tag) in tags.enumerated() {
            let alias = "t\(index)"
            if index == 0 {
                from = "run_tags t0 CROSS JOIN runs r ON r.id = t0.run_storage_id"
                orderColumn = "t0.run_storage_id"
            } else {
                from += " JOIN run_tags \(alias) ON \(alias).run_storage_id = r.id"
            }
            conditions.append("\(alias).key = ? AND \(alias).value = ?")
            arguments += [tag.key.databaseValue, tag.value.databaseValue]
        }
        func add(_ condition: SQLQuery) {
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        if let runIDs = filters.runIDs { add(.inList("r.run_id", runIDs.map(\.rawValue.databaseValue))) }
        if let jobName = filters.jobName { add(SQLQuery(sql: "r.job_name = ?", arguments: [jobName.databaseValue])) }
        if let statuses = filters.statuses { add(.inList("r.status", statuses.map(\.rawValue.databaseValue))) }
        let times: [(Date?, String)] = [
            (filters.createdBefore, "r.create_timestamp < ?"), (filters.createdAfter, "r.create_timestamp > ?"),
            (filters.updatedBefore, "r.update_timestamp < ?"), (filters.updatedAfter, "r.update_timestamp > ?"),
        ]
        for case (let date?, let condition) in times {
            add(SQLQuery(sql: condition, arguments: [date.timeIntervalSince1970.databaseValue]))
        }
        return (from, orderColumn, SQLQuery(sql: conditions.joined(separator: " AND "), arguments: arguments))
    }
}
