import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// Changes to a roster that no document printed (a phone notice, a meeting decision), entered
/// by a clerk. Each entry is kept as a record of its own kind (type `clerk`) that states the change
/// in the gazette's words (`增补张三（区财政局局长）为成员`) and where it comes from; the roster
/// reader applies it as it applies a printed notice, so its seats carry its mark (`source: clerk`)
/// and its citation. Undoing it withdraws the record: the roster is as before, and both writes
/// are in the log.
public enum RosterEditing {
    public static let documentType = "clerk"

    public enum Action: Sendable {
        case add(name: String, role: String, affiliation: String)
        case remove(name: String)
        case replace(old: String, new: String)
    }

    public struct NothingChanged: ReportableError {
        public var description: String
    }

    /// Records the change on the body from `date`; the id of the entry (for undoing it).
    public static func record(_ action: Action, body reference: String, date: String, source: String, clerk: String,
                              in database: GazetteDatabase, units: UnitNames = .standard) throws -> Int64 {
        try database.writer.write { db in
            let body = try RosterQueries.body(reference, in: db)
            let sentence = try Self.sentence(action, bodyId: body.id, date: date, in: db)
            let at = ISO8601DateFormatter().string(from: Date())
            let document = OfficialDocument(
                type: documentType, name: "roster-change", title: "书记员录入（\(at)，\(clerk)）：\(source)", issuer: clerk, date: date,
                body: [Section(blocks: [.paragraph(Paragraph(text: "\(body.name)：\(sentence)。"))])]
            )
            guard case .added(let id) = try DocumentStore.store(document, issueId: nil, source: nil, in: db) else {
                throw NothingChanged(description: "the same entry was recorded a moment ago: \(sentence)")
            }
            var extractor = RosterExtractor(units: units, db: db, documentId: id, document: document)
            try extractor.run()
            let changed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM membership WHERE document_id = ?1 OR ended_by = ?1", arguments: [id]) ?? 0
            guard changed > 0 else {
                // The transaction is rolled back: no trace of an entry that changed nothing.
                throw NothingChanged(description: "\(sentence): no seat on \(body.name) changes on \(date)")
            }
            try WriteLog.append(LogEntry(by: clerk, action: "roster-change", module: "roster", record: "entry \(id) on \(body.name)",
                                         before: nil, after: "\(sentence)（自\(date)起）", reason: source), in: db)
            return id
        }
    }

    /// Takes back an entry: its record is withdrawn, with the reason.
    public static func undo(entry id: Int64, reason: String, clerk: String, in database: GazetteDatabase) throws {
        try database.writer.write { db in
            guard try String.fetchOne(db, sql: "SELECT type FROM document WHERE id = ?", arguments: [id]) == documentType else {
                throw QueryError("no clerk's roster entry has the id \(id); `zhoucun log --module roster` lists them")
            }
            try DocumentStore.withdraw(documentId: id, reason: reason, by: clerk, in: db)
        }
    }

    /// The change in the words notices use, with the role the person holds on the day.
    static func sentence(_ action: Action, bodyId: Int64, date: String, in db: Database) throws -> String {
        func role(of name: String) throws -> String {
            guard let post = try RosterQueries.members(ofBodyId: bodyId, on: date, in: db).first(where: { $0.name == Normalize.personName(name) }) else {
                throw QueryError("\(name) holds no seat on this body on \(date)")
            }
            return post.role
        }
        switch action {
        case .add(let name, let role, let affiliation):
            return affiliation.isEmpty ? "增补\(name)为\(role)" : "增补\(name)（\(affiliation)）为\(role)"
        case .remove(let name):
            return "\(name)同志不再担任\(try role(of: name))"
        case .replace(let old, let new):
            return "\(old)同志不再担任\(try role(of: old))，由\(new)同志接任"
        }
    }
}
