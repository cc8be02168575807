import RiskregModel

/// The register's change log (`record_changes`, filled by triggers on `drills`, and
/// `change_seals`, one row per write transaction that changed a record): what a site build
/// reads to know which records changed since the point its previous build was made at.
extension RegisterStore {
    /// Change rows kept: older ones (and their seals) go, and a site built before them is
    /// compared page by page again. Five full imports of a 40,000-record register.
    static let changesKept = 200_000

    /// Seals the changes this transaction logged with a random number (see
    /// `RecordChanges.Mark`), and drops rows past `changesKept`. Runs before every commit
    /// that changed a row (`Database.beforeCommittingChanges`).
    static func sealChanges(_ database: Database) throws {
        try sealChanges(database, keeping: changesKept)
    }

    static func sealChanges(_ database: Database, keeping kept: Int) throws {
        guard let last = try database.scalarInt("SELECT MAX(seq) FROM record_changes") else { return }
        if last > (try database.scalarInt("SELECT MAX(last_seq) FROM change_seals") ?? 0) {
            try database.statement("INSERT INTO change_seals (last_seq, seal) VALUES (?, ?)").run(.int(last), .int(Int.random(in: 1...Int.max)))
        }
        let oldest = last - kept
        if oldest > 0, try database.scalarInt("SELECT 1 FROM record_changes WHERE seq <= ? LIMIT 1", .int(oldest)) != nil {
            try database.statement("DELETE FROM record_changes WHERE seq <= ?").run(.int(oldest))
            try database.statement("DELETE FROM change_seals WHERE last_seq <= ?").run(.int(oldest))
        }
    }

    /// The log's newest sealed point; nil when no record was ever written.
    package func changeMark() throws -> RecordChanges.Mark? {
        try database.statement("SELECT last_seq, seal FROM change_seals ORDER BY last_seq DESC LIMIT 1")
            .rows { RecordChanges.Mark(sequence: $0.int(0), seal: $0.int(1)) }.first
    }

    /// Every record change after `mark`, oldest first; nil when this log has no such point
    /// (another register's mark, or one older than the log keeps).
    package func recordChanges(after mark: RecordChanges.Mark) throws -> [RecordChanges.Change]? {
        guard try database.scalarInt("SELECT seal FROM change_seals WHERE last_seq = ?", .int(mark.sequence)) == mark.seal else { return nil }
        return try database.statement("SELECT number, existed, old_date FROM record_changes WHERE seq > ? ORDER BY seq")
            .rows(.int(mark.sequence)) { row in
                RecordChanges.Change(key: row.int(0), before: row.bool(1) ? .init(date: row.optionalString(2)) : nil)
            }
    }

    /// The log's point now and what changed since `previous` (a site's last build), read in
    /// this store's snapshot: call it with `snapshot`, on a store opened for reading.
    package func recordChanges(since previous: RecordChanges.Mark?) throws -> RecordChanges {
        RecordChanges(mark: try changeMark(), after: previous, since: try previous.flatMap { try recordChanges(after: $0) })
    }
}
