import Foundation
import GazetteModel
import GazetteStore
import Hummingbird
import OfficeAccounts

/// What the server derives from the store, kept until the store changes. The office's record
/// changes a few times a day and is read all day: a page is rendered, and a session looked up,
/// once per version of the store (`StoreVersion`), not once per request. The whole cache is
/// dropped when the version changes; a value made while the store changed is kept under the
/// version read before it was made, which is already gone, so it is never served. Past a budget
/// the oldest values go first, so that memory stays flat whatever visitors ask.
final class KeptUntilChange<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private let budget: Int
    private let cost: (Value) -> Int
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]
    private var order: [Key] = []
    private var spent = 0
    private var seen: Int64?

    /// `budget` of `cost` in all (bytes, or a count); a value costing more than a quarter of it is not kept.
    init(budget: Int, cost: @escaping (Value) -> Int) {
        self.budget = budget
        self.cost = cost
    }

    /// The value kept for `key`, if it was made from this version of the store.
    func value(for key: Key, at version: Int64) -> Value? {
        lock.withLock {
            if seen != version {
                entries = [:]; order = []; spent = 0
                seen = version
            }
            return entries[key]
        }
    }

    /// Keeps a value made from `version` (read before it was made).
    func keep(_ value: Value, for key: Key, madeFrom version: Int64) {
        let size = cost(value)
        guard size <= budget / 4 else { return }
        lock.withLock {
            guard seen == version, entries[key] == nil else { return }
            entries[key] = value
            order.append(key)
            spent += size
            while spent > budget, !order.isEmpty {
                let oldest = order.removeFirst()
                spent -= entries.removeValue(forKey: oldest).map(cost) ?? 0
            }
        }
    }
}

/// A page is kept as sent, under everything it is made from: its path and query, HTML or JSON,
/// 长者模式, the office's day (the home page's agenda is today's) and the visitor's session (the
/// page names who signed in and carries their form token). Only pages answered 200 are kept, up
/// to 32 MB.
struct PageKey: Hashable, Sendable {
    var target: String
    var json: Bool
    var large: Bool
    var day: CivilDate
    var session: String?
}

typealias PageCache = KeptUntilChange<PageKey, Web.Answer>
/// Sessions found, by their token's hash, up to 10,000: a sign-out, a disabled account or a
/// session's use written are writes, which drop them all.
typealias SessionCache = KeptUntilChange<String, Session>

extension KeptUntilChange where Key == PageKey, Value == Web.Answer {
    static func pages() -> PageCache { PageCache(budget: 32 << 20) { $0.body.readableBytes } }
}

extension KeptUntilChange where Key == String, Value == Session {
    static func sessions() -> SessionCache { SessionCache(budget: 10_000) { _ in 1 } }
}
