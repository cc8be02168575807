import RiskregModel

/// The register's schema, as numbered migrations recorded in `schema_migrations`
/// (the way GRDB's `DatabaseMigrator` does it). Append; never edit a shipped migration.
package enum Migrations {
    package static let all: [(version: Int, sql: String)] = [
        (1, """
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('register', 'shiplog')),
            hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime REAL NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE registers (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE
        );
        CREATE TABLE risks (
            id TEXT PRIMARY KEY,
            register_id TEXT NOT NULL REFERENCES registers(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            description_html TEXT NOT NULL,
            description_text TEXT NOT NULL,
            rank INTEGER, likelihood INTEGER, impact INTEGER,
            owner TEXT, expected_recovery TEXT, expected_recovery_seconds REAL,
            verification TEXT, drill_every_days INTEGER, status TEXT,
            fields_json TEXT NOT NULL,
            line INTEGER NOT NULL
        );
        CREATE TABLE drills (
            number INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE REFERENCES files(path) ON DELETE CASCADE,
            date TEXT, title TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('executed', 'planned', 'aborted')),
            environment TEXT, recovery_seconds REAL,
            summary TEXT NOT NULL, html TEXT NOT NULL
        );
        CREATE TABLE drill_declared_risks (
            drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
            risk_id TEXT NOT NULL,
            PRIMARY KEY (drill, risk_id)
        );
        CREATE TABLE drill_mentions (
            drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
            token TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (drill, token)
        );
        CREATE TABLE metrics (
            drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL, value TEXT NOT NULL, number REAL, unit TEXT, line INTEGER NOT NULL,
            PRIMARY KEY (drill, position)
        );
        CREATE TABLE findings (
            drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL, html TEXT NOT NULL, line INTEGER NOT NULL,
            PRIMARY KEY (drill, position)
        );
        -- Items outlive edits of their ship log: history columns are never reset by re-imports.
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('action', 'checklist')),
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            done INTEGER NOT NULL,
            line INTEGER NOT NULL, box_column INTEGER NOT NULL,
            artifact TEXT, owner TEXT, due TEXT, refs TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            opened_on TEXT,
            done_on TEXT
        );
        CREATE INDEX items_by_drill ON items(drill, kind, position);
        CREATE TABLE item_events (
            item INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            on_day TEXT NOT NULL,
            done INTEGER NOT NULL
        );
        CREATE INDEX item_events_by_item ON item_events(item);
        CREATE VIEW drill_risks AS
            SELECT d.drill, d.risk_id FROM drill_declared_risks d JOIN risks r ON r.id = d.risk_id
            UNION
            SELECT m.drill, m.token FROM drill_mentions m JOIN risks r ON r.id = m.token;
        """),
        // Records without numbers (issue 8): a string id, a kind, the author's number when there
        // is one; `number` stays the internal key. Incidents are open or resolved.
        (2, """
        CREATE TABLE drills_v2 (
            number INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'drill' CHECK (kind IN ('drill', 'incident')),
            author_number INTEGER UNIQUE,
            path TEXT NOT NULL UNIQUE REFERENCES files(path) ON DELETE CASCADE,
            date TEXT, title TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('executed', 'planned', 'aborted', 'open', 'resolved')),
            environment TEXT, recovery_seconds REAL,
            summary TEXT NOT NULL, html TEXT NOT NULL
        );
        INSERT INTO drills_v2 (number, id, kind, author_number, path, date, title, status, environment, recovery_seconds, summary, html)
            SELECT number, CAST(number AS TEXT), 'drill', number, path, date, title, status, environment, recovery_seconds, summary, html
            FROM drills;
        DROP TABLE drills;
        ALTER TABLE drills_v2 RENAME TO drills;
        -- riskreg now reads more of each document: the next import reads every file again
        -- (records update in place; items keep their identity and history).
        UPDATE files SET hash = '', mtime = 0;
        """),
        // The change log (issue 10): every insert, update or delete of a record row, whatever
        // the cause (an import, a pruned file, a cascade), with where the record was before;
        // each write transaction's last change is sealed with a random number. A site build
        // compares only the pages of records changed since the log's point it was built at.
        (3, """
        CREATE TABLE record_changes (
            seq INTEGER PRIMARY KEY,
            number INTEGER NOT NULL,
            existed INTEGER NOT NULL,
            old_date TEXT
        );
        CREATE TABLE change_seals (
            last_seq INTEGER PRIMARY KEY,
            seal INTEGER NOT NULL
        );
        CREATE TRIGGER drills_inserted AFTER INSERT ON drills BEGIN
            INSERT INTO record_changes (number, existed, old_date) VALUES (NEW.number, 0, NULL);
        END;
        CREATE TRIGGER drills_updated AFTER UPDATE ON drills BEGIN
            INSERT INTO record_changes (number, existed, old_date) VALUES (OLD.number, 1, OLD.date);
            INSERT INTO record_changes (number, existed, old_date) SELECT NEW.number, 0, NULL WHERE NEW.number != OLD.number;
        END;
        CREATE TRIGGER drills_deleted AFTER DELETE ON drills BEGIN
            INSERT INTO record_changes (number, existed, old_date) VALUES (OLD.number, 1, OLD.date);
        END;
        """),
        // Which version of riskreg's reading made each file's rows (`DocumentParser.readerVersion`):
        // a file read by an older one is read again, so a better reading reaches the register
        // without anyone editing the file. Files imported before this are read again once.
        (4, """
        ALTER TABLE files ADD COLUMN reader INTEGER NOT NULL DEFAULT 0;
        """),
        // Metrics and mentions are small rows always read by record: stored in their key's
        // order (WITHOUT ROWID), one b-tree each instead of a table and its key's index. An
        // import writes each row once instead of twice; a read is a straight scan instead of a
        // walk of the index with a lookup per row (the metrics read took a third of the time).
        (5, """
        DROP VIEW drill_risks;
        CREATE TABLE metrics_v5 (
            drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL, value TEXT NOT NULL, number REAL, unit TEXT, line INTEGER NOT NULL,
            PRIMARY KEY (drill, position)
        ) WITHOUT ROWID;
        INSERT INTO metrics_v5 (drill, position, name, value, number, unit, line)
            SELECT drill, position, name, value, number, unit, line FROM metrics;
        DROP TABLE metrics;
        ALTER TABLE metrics_v5 RENAME TO metrics;
        CREATE TABLE drill_mentions_v5 (
            drill INTEGER NOT NULL REFERENCES drills(number) ON DELETE CASCADE,
            token TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (drill, token)
        ) WITHOUT ROWID;
        INSERT INTO drill_mentions_v5 (drill, token, position) SELECT drill, token, position FROM drill_mentions;
        DROP TABLE drill_mentions;
        ALTER TABLE drill_mentions_v5 RENAME TO drill_mentions;
        CREATE VIEW drill_risks AS
            SELECT d.drill, d.risk_id FROM drill_declared_risks d JOIN risks r ON r.id = d.risk_id
            UNION
            SELECT m.drill, m.token FROM drill_mentions m JOIN risks r ON r.id = m.token;
        """),
        // An item's first state is in its own row: `opened_on` when it came in open, else
        // `done_on` (neither changes afterwards). Items written from now on have no first row in
        // `item_events` (`first_event_in_row` = 1): a cold import of 10,000 records wrote 60,000
        // event rows and their index entries that said nothing the items did not. Items written
        // before keep their rows as they are (0: every event is in `item_events`).
        (6, """
        ALTER TABLE items ADD COLUMN first_event_in_row INTEGER NOT NULL DEFAULT 0;
        """),
    ]

    /// The schema version this riskreg writes.
    package static var latest: Int { all.map(\.version).max() ?? 0 }

    /// Brings `database` up to the newest schema inside one transaction. Returns the version
    /// it had when an existing register was upgraded.
    @discardableResult
    package static func migrate(_ database: Database) throws -> Int? {
        try database.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
        let current = try database.scalarInt("SELECT MAX(version) FROM schema_migrations") ?? 0
        guard current < latest else {
            if current > latest {
                throw StoreError(kind: .schema, path: database.path, message: "register schema version \(current) is newer than this riskreg knows (\(latest)); upgrade riskreg")
            }
            return nil
        }
        // Tables are rebuilt the way SQLite documents it: foreign keys off (outside the
        // transaction, where the pragma takes effect), checked before commit, on again after.
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { try? database.execute("PRAGMA foreign_keys = ON") }
        try database.transaction {
            // Re-check under the write lock: another process may have migrated meanwhile.
            let locked = try database.scalarInt("SELECT MAX(version) FROM schema_migrations") ?? 0
            for migration in all where migration.version > locked {
                try database.execute(migration.sql)
                try database.statement("INSERT INTO schema_migrations (version, applied_at) VALUES (?, datetime('now'))")
                    .run(.int(migration.version))
            }
            if try database.scalarInt("SELECT COUNT(*) FROM pragma_foreign_key_check") ?? 0 > 0 {
                throw StoreError(kind: .schema, path: database.path, message: "migration left broken references; the register was not changed")
            }
        }
        return current > 0 ? current : nil
    }
}
