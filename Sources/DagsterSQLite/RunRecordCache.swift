import DagsterStorage
import Synchronization

/// Run records already decoded from the `runs` table, by storage id, each with the revision of
/// the row it came from.
///
/// Every UPDATE of a run row raises its `revision`, and storage ids are never reused (the
/// column is AUTOINCREMENT), so a cached record is current exactly when its revision matches
/// the row's, whichever process wrote the row. Reading a page of runs again (the webserver's
/// and the daemon's polling) then costs a narrow query of ids and revisions, and no decoding.
final class RunRecordCache: Sendable {
    /// A row's storage id and revision.
    struct RowVersion: Equatable, Sendable {
        var storageID: Int64
        var revision: Int64
    }

    private final class Entry: Sendable {
        let revision: Int64
        let record: RunRecord
        init(revision: Int64, record: RunRecord) {
            self.revision = revision
            self.record = record
        }
    }

    private let entries = Mutex<[Int64: Entry]>([:])
    /// The most records kept; the cache starts over when it is full.
    let capacity: Int

    /// An empty cache of at most `capacity` records.
    init(capacity: Int = 4096) { self.capacity = capacity }

    /// `part` of the record of each of `rows`, in order, when every one of them is cached at its
    /// row's revision; `nil` when any is missing or stale.
    func records<Part>(of rows: [RowVersion], _ part: (RunRecord) -> Part) -> [Part]? {
        entries.withLock { entries in
            var parts: [Part] = []
            parts.reserveCapacity(rows.count)
            for row in rows {
                guard let entry = entries[row.storageID], entry.revision == row.revision else { return nil }
                parts.append(part(entry.record))
            }
            return parts
        }
    }

    /// Keeps `records`, each decoded from its row at the revision beside it.
    func store(_ records: [(record: RunRecord, revision: Int64)]) {
        entries.withLock { entries in
            if entries.count + records.count > capacity { entries.removeAll(keepingCapacity: true) }
            for (record, revision) in records.suffix(capacity) {
                entries[record.storageID] = Entry(revision: revision, record: record)
            }
        }
    }

    /// The number of records kept.
    var count: Int { entries.withLock { $0.count } }
}
