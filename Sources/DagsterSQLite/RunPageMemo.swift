import GRDB
import Synchronization

/// The pages of runs last handed out, by query and shape, each with the ids and revisions of
/// its rows.
///
/// A page read again whose rows are the same runs at the same revisions (a runs list polled
/// every few seconds) is handed out again as it is: the array is shared, not rebuilt record by
/// record. Any change to a run of the page, or to which runs are in it, shows in its rows, and
/// the page is then built again.
final class RunPageMemo: Sendable {
    /// A query (statement text after `SELECT …` and its arguments) and the element type of its page.
    struct Key: Hashable, Sendable {
        var sql: String
        var arguments: [DatabaseValue]
        var shape: ObjectIdentifier
    }

    private struct Page {
        var rows: [RunRecordCache.RowVersion]
        var parts: any Sendable
    }

    private let pages = Mutex<[Key: Page]>([:])
    /// The most pages kept; the memo starts over when it is full.
    private let capacity = 64
    /// Pages with more rows than this are not kept (their memory would outweigh the gain).
    private let largestPage = 1000

    /// The page kept for `key`, when its rows are exactly `rows`.
    func page<Part>(_ key: Key, rows: [RunRecordCache.RowVersion], as _: Part.Type) -> [Part]? {
        pages.withLock { pages in
            guard let page = pages[key], page.rows == rows else { return nil }
            return page.parts as? [Part]
        }
    }

    /// Keeps `parts`, the page of `key` built from `rows`.
    func keep<Part: Sendable>(_ parts: [Part], rows: [RunRecordCache.RowVersion], for key: Key) {
        guard rows.count <= largestPage else { return }
        pages.withLock { pages in
            if pages.count >= capacity, pages[key] == nil { pages.removeAll(keepingCapacity: true) }
            pages[key] = Page(rows: rows, parts: parts)
        }
    }
}
