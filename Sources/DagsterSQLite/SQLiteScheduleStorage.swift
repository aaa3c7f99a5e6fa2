import DagsterCore
import DagsterStorage
import Foundation
import GRDB

/// Schedule storage in a swift-dagster SQLite database: the `instigators` and
/// `instigator_ticks` tables.
public struct SQLiteScheduleStorage: ScheduleStorage {
    /// The database.
    public let database: SQLiteDatabase

    /// Schedule storage over `database`.
    public init(database: SQLiteDatabase) { self.database = database }

    public func allInstigatorStates(type: InstigatorType?) async throws -> [InstigatorState] {
        let bodies = try await database.read("reading schedule and sensor states") { db in
            if let type {
                return try String.fetchAll(
                    db, sql: "SELECT body FROM instigators WHERE type = ? ORDER BY name, origin_id", arguments: [type.rawValue])
            }
            return try String.fetchAll(db, sql: "SELECT body FROM instigators ORDER BY name, origin_id")
        }
        return try bodies.map { try StoredText.decode(InstigatorState.self, from: $0) }
    }

    public func getInstigatorState(_ originID: String) async throws -> InstigatorState? {
        let body = try await database.read("reading the state of \(originID)") { db in
            try String.fetchOne(db, sql: "SELECT body FROM instigators WHERE origin_id = ?", arguments: [originID])
        }
        return try body.map { try StoredText.decode(InstigatorState.self, from: $0) }
    }

    public func upsertInstigatorState(_ state: InstigatorState) async throws {
        let body = try StoredText.encode(state)
        try await database.write("storing the state of \(state.name)") { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO instigators (origin_id, name, type, status, body, update_timestamp)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    state.originID, state.name, state.type.rawValue, state.status.rawValue, body,
                    Date().timeIntervalSince1970,
                ])
        }
    }

    public func deleteInstigatorState(_ originID: String) async throws {
        try await database.write("deleting the state of \(originID)") { db in
            try db.execute(sql: "DELETE FROM instigator_ticks WHERE origin_id = ?", arguments: [originID])
            try db.execute(sql: "DELETE FROM instigators WHERE origin_id = ?", arguments: [originID])
        }
    }

    public func createTick(_ tick: InstigatorTick) async throws -> InstigatorTick {
        let body = try StoredText.encode(tick)
        let id = try await database.write("storing a tick of \(tick.name)") { db in
            try db.execute(
                sql: "INSERT INTO instigator_ticks (origin_id, status, timestamp, body) VALUES (?, ?, ?, ?)",
                arguments: [tick.originID, tick.status.rawValue, tick.timestamp, body])
            return db.lastInsertedRowID
        }
        var stored = tick
        stored.tickID = id
        return stored
    }

    public func updateTick(_ tick: InstigatorTick) async throws {
        let body = try StoredText.encode(tick)
        try await database.write("updating tick \(tick.tickID)") { db in
            try db.execute(
                sql: "UPDATE instigator_ticks SET status = ?, timestamp = ?, body = ? WHERE id = ?",
                arguments: [tick.status.rawValue, tick.timestamp, body, tick.tickID])
            if db.changesCount == 0 { throw DagsterError(.notFound, "no tick with id \(tick.tickID)") }
        }
    }

    public func getTicks(_ originID: String, statuses: Set<TickStatus>?, after: Double?, before: Double?, limit: Int?)
        async throws -> [InstigatorTick]
    {
        let query = Self.ticksQuery(
            select: "SELECT id, body", originID: originID, statuses: statuses, after: after, before: before, limit: limit)
        let rows = try await database.read("reading the ticks of \(originID)") { db in
            try Row.fetchAll(db, sql: query.sql, arguments: query.statementArguments).map { ($0[0] as Int64, $0[1] as String) }
        }
        return try rows.map { id, body in
            var tick = try StoredText.decode(InstigatorTick.self, from: body)
            tick.tickID = id
            return tick
        }
    }

    public func purgeTicks(_ originID: String, before: Double, statuses: Set<TickStatus>?) async throws {
        let query = Self.ticksQuery(
            select: "DELETE", originID: originID, statuses: statuses, after: nil, before: before, limit: nil)
        try await database.write("purging the ticks of \(originID)") { db in
            try db.execute(sql: query.sql, arguments: query.statementArguments)
        }
    }

    private static func ticksQuery(
        select: String, originID: String, statuses: Set<TickStatus>?, after: Double?, before: Double?, limit: Int?
    ) -> SQLQuery {
        var sql = "\(select) FROM instigator_ticks WHERE origin_id = ?"
        var arguments: [DatabaseValue] = [originID.databaseValue]
        if let statuses {
            let condition = SQLQuery.inList("status", statuses.map(\.rawValue).sorted().map(\.databaseValue))
            sql += " AND " + condition.sql
            arguments += condition.arguments
        }
        if let after {
            sql += " AND timestamp > ?"
            arguments.append(after.databaseValue)
        }
        if let before {
            sql += " AND timestamp < ?"
            arguments.append(before.databaseValue)
        }
        if select.hasPrefix("SELECT") { sql += " ORDER BY timestamp DESC, id DESC" }
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit.databaseValue)
        }
        return SQLQuery(sql: sql, arguments: arguments)
    }

    public func wipe() async throws {
        try await database.write("wiping schedule storage") { db in
            try db.execute(sql: "DELETE FROM instigator_ticks; DELETE FROM instigators")
        }
    }
}
