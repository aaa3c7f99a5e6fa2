import DagsterCore
import DagsterStorage
import Foundation
import GRDB

/// One row of `asset_keys` joined with its latest events.
private struct AssetRow: Sendable {
    var key: String
    var lastRunID: String?
    var wipeTimestamp: Double?
    var materializationID: Int64?
    var materialization: String?
    var observationID: Int64?
    var observation: String?
}

extension SQLiteEventLogStorage {
    /// Points an asset's index entry at a newly stored materialization or observation.
    static func indexAssetEvent(_ assetKey: String, type: DagsterEventType, storageID: Int64, runID: RunID, _ db: Database)
        throws
    {
        let column: String
        switch type {
        case .assetMaterialization: column = "last_materialization_id"
        case .assetObservation: column = "last_observation_id"
        default: return
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO asset_keys (asset_key, \(column), last_run_id) VALUES (?, ?, ?)
                ON CONFLICT (asset_key) DO UPDATE SET \(column) = excluded.\(column), last_run_id = excluded.last_run_id
                """
        ).execute(arguments: [assetKey, storageID, runID.rawValue])
    }

    /// Recomputes an asset's index entry from the events still indexed, dropping it when nothing
    /// is left and the asset was never wiped.
    static func rebuildAssetKey(_ assetKey: String, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE asset_keys SET
                    last_materialization_id = (SELECT MAX(id) FROM event_logs WHERE asset_key = ?1 AND dagster_event_type = ?2),
                    last_observation_id = (SELECT MAX(id) FROM event_logs WHERE asset_key = ?1 AND dagster_event_type = ?3),
                    last_run_id = (SELECT run_id FROM event_logs WHERE asset_key = ?1 ORDER BY id DESC LIMIT 1)
                WHERE asset_key = ?1
                """,
            arguments: [
                assetKey, DagsterEventType.assetMaterialization.storedValue, DagsterEventType.assetObservation.storedValue,
            ])
        try db.execute(
            sql: """
                DELETE FROM asset_keys WHERE asset_key = ? AND last_materialization_id IS NULL
                    AND last_observation_id IS NULL AND wipe_timestamp IS NULL
                """, arguments: [assetKey])
    }

    public func getAssetKeys(prefix: [String]?, limit: Int?, after cursor: AssetKey?) async throws -> [AssetKey] {
        var keys = try await liveAssetKeys().filter { key in
            (prefix.map { key.path.starts(with: $0) } ?? true) && (cursor.map { key > $0 } ?? true)
        }
        keys.sort()
        return limit.map { Array(keys.prefix($0)) } ?? keys
    }

    private func liveAssetKeys() async throws -> [AssetKey] {
        let texts = try await database.read("reading asset keys") { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT asset_key FROM asset_keys
                    WHERE last_materialization_id IS NOT NULL OR last_observation_id IS NOT NULL
                    """)
        }
        return try texts.map(StoredText.assetKey(from:))
    }

    public func getLatestMaterialization(_ key: AssetKey) async throws -> EventLogRecord? {
        let storedKey = StoredText.assetKey(key)
        let row = try await database.readStatement("reading the latest materialization of \(key.userString)") { db in
            try db.cachedStatement(
                sql: """
                    SELECT m.id, m.event FROM asset_keys a JOIN event_logs m ON m.id = a.last_materialization_id
                    WHERE a.asset_key = ?
                    """
            ).fetchAll(arguments: [storedKey]) { row in (row.int64(0) ?? 0, row.text(1) ?? "") }.first
        }
        return try row.map { try record(storageID: $0.0, body: $0.1) }
    }

    public func getLatestDataVersions(_ keys: [AssetKey]) async throws -> [AssetKey: AssetDataVersion] {
        guard !keys.isEmpty else { return [:] }
        let byText = Dictionary(keys.map { (StoredText.assetKey($0), $0) }) { first, _ in first }
        let query = Self.latestDataVersionsQuery(storedKeys: Array(byText.keys))
        let rows = try await database.readStatement("reading the data versions of \(keys.count) assets") { db in
            try db.cachedStatement(sql: query.sql).fetchAll(arguments: query.statementArguments) { row in
                (row.text(0) ?? "", (row.int64(1), row.text(2), row.text(3)), (row.int64(4), row.text(5), row.text(6)))
            }
        }
        var versions: [AssetKey: AssetDataVersion] = [:]
        for (text, materialization, observation) in rows {
            guard let key = byText[text] else { continue }
            let (id, version, event) = (observation.0 ?? 0) > (materialization.0 ?? 0) ? observation : materialization
            guard let id else { continue }
            if let version {
                versions[key] = AssetDataVersion(version: version, storageID: id)
            } else if let event {
                versions[key] = AssetDataVersion(recordedBy: try record(storageID: id, body: event))
            }
        }
        return versions
    }

    /// The newest materialization and observation of each asset (stored keys), as their
    /// storage ids and data version tags, extracted by SQLite instead of decoding whole events;
    /// an event whose tag SQLite cannot find (one written with escaped slashes, or without a
    /// version) comes whole. The subquery extracts each tag once; its `LIMIT -1 OFFSET 0` keeps
    /// SQLite from flattening it into the outer query, which would copy `json_extract` into the
    /// CASE and run it twice per row.
    static func latestDataVersionsQuery(storedKeys: [String]) -> SQLQuery {
        let condition = SQLQuery.inList("a.asset_key", storedKeys.map(\.databaseValue))
        return SQLQuery(
            sql: """
                SELECT asset_key, m_id, m_version, CASE WHEN m_version IS NULL THEN m_event END,
                    o_id, o_version, CASE WHEN o_version IS NULL THEN o_event END
                FROM (
                    SELECT a.asset_key, m.id AS m_id, \(Self.dataVersionTag("m", "assetMaterialization")) AS m_version,
                        m.event AS m_event, o.id AS o_id, \(Self.dataVersionTag("o", "assetObservation")) AS o_version,
                        o.event AS o_event
                    FROM asset_keys a
                    LEFT JOIN event_logs m ON m.id = a.last_materialization_id
                    LEFT JOIN event_logs o ON o.id = a.last_observation_id
                    WHERE \(condition.sql)
                    LIMIT -1 OFFSET 0
                )
                """, arguments: condition.arguments)
    }

    /// The SQL extracting the data version tag of a stored materialization or observation
    /// (alias `table`); NULL when SQLite does not find it (an event written with escaped
    /// slashes, or without a version).
    private static func dataVersionTag(_ table: String, _ payloadCase: String) -> String {
        "json_extract(\(table).event, '$.dagsterEvent.payload.\(payloadCase)._0.tags.\"\(AssetEventTags.dataVersion)\"')"
    }

    public func getPartitionMaterializations(_ key: AssetKey) async throws -> [String: PartitionMaterializationState] {
        let storedKey = StoredText.assetKey(key)
        // SQLite gives the other columns of the row holding MAX(id) (its run id).
        let rows = try await database.readStatement("reading the partitions of \(key.userString)") { db in
            try db.cachedStatement(
                sql: """
                    SELECT partition, dagster_event_type, MAX(id), run_id FROM event_logs
                    WHERE asset_key = ? AND dagster_event_type IN (?, ?) AND partition IS NOT NULL
                    GROUP BY partition, dagster_event_type
                    """
            ).fetchAll(
                arguments: [
                    storedKey, DagsterEventType.assetMaterialization.storedValue,
                    DagsterEventType.assetMaterializationPlanned.storedValue,
                ]
            ) { row in (row.text(0) ?? "", row.text(1) ?? "", row.int64(2) ?? 0, row.text(3) ?? "") }
        }
        var states: [String: PartitionMaterializationState] = [:]
        for (partition, eventType, storageID, runID) in rows {
            if eventType == DagsterEventType.assetMaterialization.storedValue {
                states[partition, default: .init()].lastMaterializationID = storageID
            } else {
                states[partition, default: .init()].lastPlanned = .init(storageID: storageID, runID: RunID(runID))
            }
        }
        return states
    }

    public func getAssetRecords(_ keys: [AssetKey]?) async throws -> [AssetRecord] {
        var sql = """
            SELECT a.asset_key, a.last_run_id, a.wipe_timestamp, a.last_materialization_id, m.event,
                a.last_observation_id, o.event
            FROM asset_keys a
            LEFT JOIN event_logs m ON m.id = a.last_materialization_id
            LEFT JOIN event_logs o ON o.id = a.last_observation_id
            WHERE (a.last_materialization_id IS NOT NULL OR a.last_observation_id IS NOT NULL)
            """
        var arguments: [DatabaseValue] = []
        if let keys {
            let condition = SQLQuery.inList("a.asset_key", keys.map { StoredText.assetKey($0).databaseValue })
            sql += " AND " + condition.sql
            arguments = condition.arguments
        }
        let query = SQLQuery(sql: sql, arguments: arguments)
        let rows = try await database.readStatement("reading asset records") { db in
            try Row.fetchAll(db.cachedStatement(sql: query.sql), arguments: query.statementArguments).map { row in
                AssetRow(
                    key: row[0], lastRunID: row[1], wipeTimestamp: row[2], materializationID: row[3],
                    materialization: row[4], observationID: row[5], observation: row[6])
            }
        }
        func record(_ id: Int64?, _ body: String?) throws -> EventLogRecord? {
            guard let id, let body else { return nil }
            return try self.record(storageID: id, body: body)
        }
        var records = try rows.map { row in
            AssetRecord(
                assetKey: try StoredText.assetKey(from: row.key),
                lastMaterialization: try record(row.materializationID, row.materialization),
                lastObservation: try record(row.observationID, row.observation), lastRunID: row.lastRunID.map { RunID($0) },
                wipeTimestamp: row.wipeTimestamp)
        }
        if let keys {
            let order = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            records.sort { order[$0.assetKey, default: 0] < order[$1.assetKey, default: 0] }
        } else {
            records.sort { $0.assetKey < $1.assetKey }
        }
        return records
    }

    public func wipeAssets(_ keys: [AssetKey]) async throws {
        let texts = keys.map(StoredText.assetKey)
        try await database.write("wiping \(keys.count) assets") { db in
            let now = Date().timeIntervalSince1970
            for key in texts {
                try db.execute(sql: "UPDATE event_logs SET asset_key = NULL WHERE asset_key = ?", arguments: [key])
                try db.execute(
                    sql: """
                        UPDATE asset_keys SET last_materialization_id = NULL, last_observation_id = NULL,
                            wipe_timestamp = ? WHERE asset_key = ?
                        """, arguments: [now, key])
            }
        }
    }

    public func addDynamicPartitions(_ definitionName: String, keys: [String]) async throws {
        try await database.write("adding partitions to \(definitionName)") { db in
            let now = Date().timeIntervalSince1970
            let insert = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO dynamic_partitions (partitions_def_name, partition, create_timestamp) VALUES (?, ?, ?)")
            for key in keys { try insert.execute(arguments: [definitionName, key, now]) }
        }
    }

    public func deleteDynamicPartition(_ definitionName: String, key: String) async throws {
        try await database.write("deleting partition \(key) of \(definitionName)") { db in
            try db.execute(
                sql: "DELETE FROM dynamic_partitions WHERE partitions_def_name = ? AND partition = ?",
                arguments: [definitionName, key])
        }
    }

    public func getDynamicPartitions(_ definitionName: String) async throws -> [String] {
        try await database.read("reading the partitions of \(definitionName)") { db in
            try String.fetchAll(
                db, sql: "SELECT partition FROM dynamic_partitions WHERE partitions_def_name = ? ORDER BY id",
                arguments: [definitionName])
        }
    }
}

extension AssetDataVersion {
    /// The data version a materialization or observation record carries (its
    /// `dagster/data_version` tag), with the record's storage id; `nil` for an event without one.
    init?(recordedBy record: EventLogRecord) {
        let event = record.entry.dagsterEvent
        guard let version = (event?.assetMaterialization?.tags ?? event?.assetObservation?.tags)?[AssetEventTags.dataVersion] else { return nil }
        self.init(version: version, storageID: record.storageID)
    }
}
