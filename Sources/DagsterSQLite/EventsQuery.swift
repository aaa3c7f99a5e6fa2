import DagsterCore
import DagsterStorage
import GRDB

/// Builds the SQL that reads event records.
enum EventsQuery {
    /// The records of one run after a storage id, optionally of some types only.
    static func forRun(_ runID: RunID, after cursor: Int64?, ofTypes types: Set<DagsterEventType>?, limit: Int?)
        -> SQLQuery
    {
        var sql = "SELECT id, event FROM event_logs WHERE run_id = ?"
        var arguments: [DatabaseValue] = [runID.rawValue.databaseValue]
        if let cursor {
            sql += " AND id > ?"
            arguments.append(cursor.databaseValue)
        }
        if let types {
            let names = types.map(\.storedValue).sorted()
            sql += " AND dagster_event_type IN (\(SQLQuery.placeholders(names.count)))"
            arguments += names.map(\.databaseValue)
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
        func add(_ condition: String, _ values: [DatabaseValue]) {
            conditions.append(values.isEmpty && condition.contains("IN") ? "0" : condition)
            arguments += values
        }
        if let type = filter.eventType { add("dagster_event_type = ?", [type.storedValue.databaseValue]) }
        if let key = filter.assetKey { add("asset_key = ?", [StoredText.assetKey(key).databaseValue]) }
        if let partitions = filter.assetPartitions {
            add("partition IN (\(SQLQuery.placeholders(partitions.count)))", partitions.map(\.databaseValue))
        }
        if let id = filter.afterStorageID { add("id > ?", [id.databaseValue]) }
        if let id = filter.beforeStorageID { add("id < ?", [id.databaseValue]) }
        if let time = filter.afterTimestamp { add("timestamp > ?", [time.databaseValue]) }
        if let time = filter.beforeTimestamp { add("timestamp < ?", [time.databaseValue]) }
        if let ids = filter.storageIDs { add("id IN (\(SQLQuery.placeholders(ids.count)))", ids.map(\.databaseValue)) }
        if let runIDs = filter.runIDs {
            add("run_id IN (\(SQLQuery.placeholders(runIDs.count)))", runIDs.map(\.rawValue.databaseValue))
        }
        var sql = "SELECT id, event FROM event_logs"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY id \(ascending ? "ASC" : "DESC")"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit.databaseValue)
        }
        return SQLQuery(sql: sql, arguments: arguments)
    }
}
