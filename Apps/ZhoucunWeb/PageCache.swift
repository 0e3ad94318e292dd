import Foundation
import GazetteModel
import GazetteStore
import Hummingbird

/// Pages as rendered, kept until the store changes. The office's record changes a few times a day
/// and is read all day: a page is rendered once per version of the store (`StoreVersion`), not
/// once per visitor. A page is kept under everything it is made from: its path and query, HTML or
/// JSON, 长者模式, the office's day (the home page's agenda is today's) and the visitor's session
/// (the page names who signed in). Only pages answered
/// 200 are kept; the whole cache is dropped when the store changes, and the oldest pages go first
/// past a budget of bytes, so that memory stays flat whatever visitors ask.
final class PageCache: @unchecked Sendable {
    struct Key: Hashable {
        var target: String
        var json: Bool
        var large: Bool
        var day: CivilDate
        /// The visitor's session: a page names who signed in and carries their form token.
        var session: String?
    }

    static let budget = 32 << 20

    private let version: StoreVersion
    private let lock = NSLock()
    private var entries: [Key: Web.Answer] = [:]
    private var order: [Key] = []
    private var bytes = 0
    private var seen: Int64?

    init(_ version: StoreVersion) {
        self.version = version
    }

    /// The store's version now, and the page kept for `key` if it was made from that version.
    func lookUp(_ key: Key) throws -> (version: Int64, kept: Web.Answer?) {
        let now = try version.current()
        return lock.withLock {
            if seen != now {
                entries = [:]; order = []; bytes = 0
                seen = now
            }
            return (now, entries[key])
        }
    }

    /// Keeps a page made from `made` (the version looked up before it was rendered): a page made
    /// while the store changed is never served, since the version it is kept under is gone.
    func keep(_ entry: Web.Answer, for key: Key, madeFrom made: Int64) {
        let size = entry.body.readableBytes
        guard size <= Self.budget / 4 else { return }
        lock.withLock {
            guard seen == made, entries[key] == nil else { return }
            entries[key] = entry
            order.append(key)
            bytes += size
            while bytes > Self.budget, !order.isEmpty {
                let oldest = order.removeFirst()
                bytes -= entries.removeValue(forKey: oldest)?.body.readableBytes ?? 0
            }
        }
    }
}
