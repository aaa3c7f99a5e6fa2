import DagsterCore
import DagsterStorage
import GRDB

/// Builds the SQL that reads event records: `id, event, run_id` of the matching rows.
enum EventsQuery {
    /// The records of one run after a storage id, optionally of some types only.
    static func forRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        -> SQLQuery
    {
        var sql = "SELECT id, event, run_id FROM event_logs WHERE run_id = ?"
        var arguments: [DatabaseValue] = [runID.rawValue.databaseValue]
        if let cursor {
            sql += " AND id > ?"
            arguments.append(cursor.databaseValue)
        }
        if let types {
            let condition = SQLQuery.inList("dagster_event_type", types.map(\.storedValue).sorted().map(\.databaseValue))
            sql += " AND " + condition.sql
            arguments += condition.arguments
        }
        sql += " ORDER BY id"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit.databaseValue)
        }
        return SQLQuery(sql: sql, arguments: arguments)
    }

    /// Records across runs matching `filter`.
    static func matching(_ filter: EventRecordsFilter, limit: Int?, ascending: Bool) -> SQLQuery {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        func add(_ condition: SQLQuery) {
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        func add(_ condition: String, _ value: some DatabaseValueConvertible) {
            add(SQLQuery(sql: condition, arguments: [value.databaseValue]))
        }
        if let type = filter.eventType {
            add("dagster_event_type = ?", type.storedValue)
            if SQLiteMigrations.typeIndexedEventTypes.contains(type) {
                conditions.append(SQLiteMigrations.typeIndexCondition)
            }
        }
        if let key = filter.assetKey { add("asset_key = ?", StoredText.assetKey(key)) }
        if let partitions = filter.assetPartitions { add(.inList("partition", partitions.map(\.databaseValue))) }
        if let id = filter.afterStorageID { add("id > ?", id) }
        if let id = filter.beforeStorageID { add("id < ?", id) }
        if let time = filter.afterTimestamp { add("timestamp > ?", time) }
        if let time = filter.beforeTimestamp { add("timestamp < ?", time) }
        if let ids = filter.storageIDs { add(.inList("id", ids.map(\.databaseValue))) }
        if let runIDs = filter.runIDs { add(.inList("run_id", runIDs.map(\.rawValue.databaseValue))) }
        var sql = "SELECT id, event, run_id FROM event_logs"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id \(ascending ? "ASC" : "DESC")"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit.databaseValue)
        }
        return SQLQuery(sql: sql, arguments: arguments)
    }
}
