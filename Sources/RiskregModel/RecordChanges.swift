/// What the register's change log says about its records (written by the store whenever a
/// record row is inserted, updated or deleted, whatever the cause): how far it goes, and which
/// records changed after a given point. A site build compares a page of a record nobody changed
/// since its previous build with nothing: its fingerprint is the one it had.
package struct RecordChanges: Sendable, Equatable {
    /// A point in one register's change log: the last change of a write transaction, and the
    /// random number that transaction was sealed with. A different register (another file, or
    /// a copy restored from a backup and written since) has no entry with both.
    package struct Mark: Sendable, Equatable, CustomStringConvertible {
        package var sequence: Int
        package var seal: Int

        package init(sequence: Int, seal: Int) {
            self.sequence = sequence
            self.seal = seal
        }

        /// `sequence:seal`, as a site's build stamp keeps it.
        package var description: String { "\(sequence):\(seal)" }

        package init?(_ text: some StringProtocol) {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let sequence = Int(parts[0]), let seal = Int(parts[1]) else { return nil }
            self.init(sequence: sequence, seal: seal)
        }
    }

    /// One record row that changed: its internal key, and where it was before (nil when it
    /// was new). A record whose date changed moved in the date order; its old neighbours' pages
    /// link past it now.
    package struct Change: Sendable, Equatable {
        package var key: Int
        package var before: Before?

        package struct Before: Sendable, Equatable {
            package var date: String?

            package init(date: String?) {
                self.date = date
            }
        }

        package init(key: Int, before: Before?) {
            self.key = key
            self.before = before
        }
    }

    /// Where the log was when it was read (nil when nothing was ever logged).
    package var mark: Mark?
    /// The previous build's mark that `since` starts from.
    package var after: Mark?
    /// Every change after `after`, oldest first; nil when unknown (no previous build, another
    /// register, or the log no longer goes back that far).
    package var since: [Change]?

    package init(mark: Mark?, after: Mark?, since: [Change]?) {
        self.mark = mark
        self.after = after
        self.since = since
    }

    /// Nothing known: every page is compared.
    package static let unknown = RecordChanges(mark: nil, after: nil, since: nil)
}
