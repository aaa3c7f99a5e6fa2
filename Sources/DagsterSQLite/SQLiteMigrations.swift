import DagsterCore
import GRDB

/// The schema of a swift-dagster SQLite database, as named migrations applied in order.
///
/// Migrations are never edited once shipped: a schema change is a new migration appended here,
/// applied by `instance migrate` (or at once when the database is new).
enum SQLiteMigrations {
    /// Every migration, in the order it is applied.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-21_runs", migrate: createRunTables)
        migrator.registerMigration("2026-11-21_event_logs", migrate: createEventLogTables)
        migrator.registerMigration("2026-11-21_schedules", migrate: createScheduleTables)
        // Every status change rewrote this index, and every new run added to it; queries on
        // update times also filter on status (run monitoring) and use that index instead.
        migrator.registerMigration("2026-11-22_runs_without_update_time_index") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS idx_runs_update_timestamp")
        }
        // A counter every UPDATE of a run row raises, so a process can tell whether a run it
        // decoded before has changed since (see `RunRecordCache`). The status index carries it,
        // so a page of runs by status is checked against the cache from the index alone; a
        // status change rewrites that index entry anyway.
        migrator.registerMigration("2026-11-23_run_revisions") { db in
            try db.execute(
                sql: """
                    ALTER TABLE runs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                    DROP INDEX idx_runs_status;
                    CREATE INDEX idx_runs_status ON runs(status, id, revision);
                    """)
        }
        // Step-level events are most of a run's events, and each type sat in its own leaf of
        // this index: every step's commit rewrote half a dozen index pages.
        migrator.registerMigration("2026-11-23_event_type_index_for_run_and_asset_events") { db in
            try db.execute(
                sql: """
                    DROP INDEX idx_event_logs_type;
                    CREATE INDEX idx_event_logs_type ON event_logs(dagster_event_type, id) WHERE \(typeIndexCondition);
                    """)
        }
        return migrator
    }

    /// The event types the partial index `idx_event_logs_type` holds: those read across runs by
    /// type (run status changes for run status sensors and the daemon, asset events for asset
    /// sensors), a few per run. The other types, step-level events, are found across runs by a
    /// scan, as in Dagster's SQLite storage, where they live in one file per run. Frozen: the
    /// index was created with this list.
    static let typeIndexedEventTypes: [DagsterEventType] = [
        .runEnqueued, .runDequeued, .runStarting, .runStart, .runSuccess, .runFailure, .runCanceling, .runCanceled,
        .assetMaterialization, .assetMaterializationPlanned, .assetObservation, .assetFailedToMaterialize,
        .assetCheckEvaluation, .assetCheckEvaluationPlanned, .stepFailure,
    ]

    /// The condition of `idx_event_logs_type`. A query by one of its types must repeat this
    /// condition for SQLite to use the index (`EventsQuery`).
    static let typeIndexCondition =
        "dagster_event_type IN (" + typeIndexedEventTypes.map { "'\($0.storedValue)'" }.joined(separator: ", ") + ")"

    private static func createRunTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL UNIQUE,
                    job_name TEXT NOT NULL,
                    status TEXT NOT NULL,
                    run_config TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    op_selection TEXT,
                    step_keys_to_execute TEXT,
                    parent_run_id TEXT,
                    root_run_id TEXT,
                    snapshot_id TEXT,
                    create_timestamp REAL NOT NULL,
                    update_timestamp REAL NOT NULL,
                    start_time REAL,
                    end_time REAL
                );
                CREATE INDEX idx_runs_status ON runs(status, id);
                CREATE INDEX idx_runs_job_name ON runs(job_name, id);
                CREATE INDEX idx_runs_create_timestamp ON runs(create_timestamp);
                CREATE INDEX idx_runs_update_timestamp ON runs(update_timestamp);
                CREATE TABLE run_tags (
                    run_storage_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (run_storage_id, key)
                ) WITHOUT ROWID;
                CREATE INDEX idx_run_tags_key_value ON run_tags(key, value, run_storage_id);
                CREATE TABLE snapshots (
                    snapshot_id TEXT PRIMARY KEY,
                    body TEXT NOT NULL
                );
                CREATE TABLE kvs (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
    }

    private static func createEventLogTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE event_logs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL,
                    event TEXT NOT NULL,
                    dagster_event_type TEXT,
                    timestamp REAL NOT NULL,
                    step_key TEXT,
                    asset_key TEXT,
                    partition TEXT
                );
                CREATE INDEX idx_event_logs_run ON event_logs(run_id, id);
                CREATE INDEX idx_event_logs_type ON event_logs(dagster_event_type, id);
                CREATE INDEX idx_event_logs_asset ON event_logs(asset_key, dagster_event_type, partition, id)
                    WHERE asset_key IS NOT NULL;
                CREATE TABLE asset_keys (
                    asset_key TEXT PRIMARY KEY,
                    last_materialization_id INTEGER,
                    last_observation_id INTEGER,
                    last_run_id TEXT,
                    wipe_timestamp REAL
                );
                CREATE TABLE dynamic_partitions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    partitions_def_name TEXT NOT NULL,
                    partition TEXT NOT NULL,
                    create_timestamp REAL NOT NULL,
                    UNIQUE (partitions_def_name, partition)
                );
                """)
    }

    private static func createScheduleTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE instigators (
                    origin_id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    body TEXT NOT NULL,
                    update_timestamp REAL NOT NULL
                );
                CREATE TABLE instigator_ticks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    origin_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    timestamp REAL NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX idx_instigator_ticks_origin ON instigator_ticks(origin_id, timestamp);
                """)
    }
}
