import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// Changes to a roster that no document printed (a phone notice, a meeting decision), entered
/// by a clerk (手工录入). Each entry is kept as a record of its own kind (type `clerk`, never listed
/// among the documents) that states the change in the gazette's words (`增补张三（区财政局局长）为
/// 成员`) and where it comes from; the roster reader applies it as it applies a printed notice, so
/// its seats carry its mark (`source: clerk`) and its citation. Undoing it takes the record back:
/// the roster is as before, and both writes are in the roster's log.
public enum RosterEditing {
    public static let documentType = "clerk"
    /// How an office labels what its staff entered by hand.
    public static let label = "手工录入"

    public enum Action: Sendable {
        /// A new seat; `affiliation` nil takes the person's unit and titles from their current seats.
        case add(name: String, role: String, affiliation: String?)
        case remove(name: String)
        /// NEW takes OLD's seat and role, with NEW's own unit and titles (given, or from NEW's
        /// current seats), never OLD's.
        case replace(old: String, new: String, affiliation: String?)
        /// The same person keeps the seat in another role (`耿峰调整为指挥长`).
        case changeRole(name: String, role: String)
    }

    public struct Refused: ReportableError {
        public var description: String
    }

    /// Records the change on the body from `date`; the id of the entry (for undoing it).
    public static func record(_ action: Action, body reference: String, date: String, source: String, by context: OperationContext,
                              in db: Database, units: UnitNames = .standard) throws -> Int64 {
        let body = try RosterQueries.body(reference, in: db)
        let sentence = try Self.sentence(action, body: body, date: date, in: db)
        let document = OfficialDocument(
            type: documentType, name: "roster-change", title: "\(label)（\(context.timestamp)，\(context.actor)）：\(source)", issuer: context.actor, date: date,
            body: [Section(blocks: [.paragraph(Paragraph(text: "\(body.name)：\(sentence)。"))])]
        )
        guard case .added(let id) = try DocumentStore.store(document, issueId: nil, source: nil, at: context.timestamp, in: db) else {
            throw Refused(description: "the same entry was recorded a moment ago: \(sentence)")
        }
        var extractor = RosterExtractor(units: units, db: db, documentId: id, document: document)
        try extractor.run()
        let changed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM membership WHERE document_id = ?1 OR ended_by = ?1", arguments: [id]) ?? 0
        guard changed > 0 else {
            // The transaction is rolled back: no trace of an entry that changed nothing.
            throw Refused(description: "\(sentence): no seat on \(body.name) changes on \(date)")
        }
        try WriteLog.append(LogEntry(context, action: "roster-change", module: "roster", record: "entry \(id) on \(body.name)",
                                     before: nil, after: "\(sentence)（自\(date)起）", reason: source), in: db)
        return id
    }

    /// Takes back an entry: its record is withdrawn, with the reason, in the roster's log.
    public static func undo(entry id: Int64, reason: String, by context: OperationContext, in db: Database) throws {
        guard try String.fetchOne(db, sql: "SELECT type FROM document WHERE id = ?", arguments: [id]) == documentType else {
            throw QueryError("no roster entry made by hand has the id \(id); `zhoucun log --module roster` lists them")
        }
        try DocumentStore.withdraw(documentId: id, reason: reason, by: context, action: "roster-undo", module: "roster", in: db)
    }

    /// The change in the words notices use, checked against the roster on the day: a person
    /// seated already is not added again, a role the body does not have is refused with the ones
    /// it has.
    static func sentence(_ action: Action, body: BodySummary, date: String, in db: Database) throws -> String {
        let members = try RosterQueries.members(ofBodyId: body.id, on: date, in: db)
        func seat(of name: String) throws -> Post {
            guard let post = members.first(where: { $0.name == Normalize.personName(name) }) else {
                throw Refused(description: "\(name) holds no seat on \(body.name) on \(date)")
            }
            return post
        }
        func unseated(_ name: String) throws {
            guard let post = members.first(where: { $0.name == Normalize.personName(name) }) else { return }
            throw Refused(description: """
                \(post.name) already sits on \(body.name) as \(post.role) (seat \(post.seatId)) on \(date); \
                to change the role: `zhoucun roster change \(body.id) --person \(post.name) --role …`
                """)
        }
        func role(_ printed: String) throws -> String {
            let roles = try RosterQueries.roles(ofBodyId: body.id, in: db)
            let label = RosterChanges.bodyRole(printed, among: roles)
            guard roles.isEmpty || roles.contains(label) else {
                throw Refused(description: "\(body.name) has no role \(printed); its roles are \(roles.joined(separator: "、"))")
            }
            return label
        }
        func affiliation(_ given: String?, of name: String) throws -> String? {
            if let given, !given.isEmpty { return Normalize.key(given) }
            return try String.fetchOne(db, sql: """
                SELECT m.affiliation FROM membership m JOIN person p ON p.id = m.person_id
                JOIN document d ON d.id = m.document_id AND d.is_current = 1
                WHERE p.name = ?1 AND m.affiliation != '' AND (m.start_date IS NULL OR m.start_date <= ?2)
                  AND (m.end_date IS NULL OR m.end_date >= ?2)
                ORDER BY m.start_date DESC LIMIT 1
                """, arguments: [Normalize.personName(name), date])
        }
        switch action {
        case .add(let name, let printed, let given):
            try unseated(name)
            let label = try role(printed)
            let unit = try affiliation(given, of: name)
            return unit.map { "增补\(name)（\($0)）为\(label)" } ?? "增补\(name)为\(label)"
        case .remove(let name):
            return "\(name)同志不再担任\(try seat(of: name).role)"
        case .replace(let old, let new, let given):
            let seat = try seat(of: old)
            try unseated(new)
            guard let unit = try affiliation(given, of: new) else {
                throw Refused(description: "\(new) holds no seat to take a unit and titles from: give them with --unit (区财政局) and --title (局长)")
            }
            return "\(old)同志不再担任\(seat.role)，由\(new)（\(unit)）同志接任"
        case .changeRole(let name, let printed):
            let seat = try seat(of: name)
            let label = try role(printed)
            guard label != seat.role else { throw Refused(description: "\(name) is \(seat.role) of \(body.name) already on \(date)") }
            return "\(name)同志由\(seat.role)调整为\(label)"
        }
    }
}
