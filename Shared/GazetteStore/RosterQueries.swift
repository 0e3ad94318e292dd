import Foundation
import GRDB
import GazetteModel

/// A standing body, as listed by `zhoucun roster bodies`.
public struct BodySummary: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var kind: String
    /// The founding document's 文号 (or title).
    public var document: String?
    public var citation: String?
    public var members: Int
    public var officeUnit: String?
    public var officeDirector: String?
    /// The day the founding document is dated.
    public var startDate: String?
    /// The body's last day, when a notice abolished it.
    public var endDate: String?
    /// Where it was abolished.
    public var endCitation: String?
    /// Names it bore before (`更名为`), each with its last day.
    public var formerNames: [String]
    /// Where the roster says its seats go with the units' posts (`由其所在单位接任领导自然替补`):
    /// whoever holds the post holds the seat, without a new document.
    public var seatsByPosition: String?
}

/// One seat on a body: who, in which role, for which unit, and where it is printed.
public struct Post: Codable, Sendable, Equatable {
    public var body: String
    public var name: String
    /// The label as printed, spaces removed (`总召集人`).
    public var role: String
    public var roleCode: String
    public var unit: String?
    public var titles: [String]
    public var order: Int
    public var startDate: String?
    public var endDate: String?
    public var citation: String
    public var personId: Int64
    /// `roster` (a printed list), `change` (a printed change to one seat), `clerk` (a clerk's
    /// entry), `office` (the director of the body's office).
    public var source: String
    /// The seat's own id (`roster split` names seats by it); 0 for an office.
    public var seatId: Int64
}

public struct DutyRow: Codable, Sendable, Equatable {
    public var body: String
    public var unit: String
    public var duty: String
    public var citation: String
}

public struct AssignmentRow: Codable, Sendable, Equatable {
    /// `task` (责任单位) or `matter` (联动部门).
    public var kind: String
    public var number: String?
    public var category: String?
    public var title: String
    public var units: [String]
    public var relation: String
    public var document: String
    public var citation: String
}

public struct UnitReport: Codable, Sendable, Equatable {
    public var name: String
    public var otherNames: [String]
    public var seats: [Post]
    public var duties: [DutyRow]
    public var assignments: [AssignmentRow]
}

public struct SharedPerson: Codable, Sendable, Equatable {
    public var name: String
    public var personId: Int64
    public var bodies: [String]
    public var posts: [Post]
}

public struct PersonFlag: Codable, Sendable, Equatable {
    public var personId: Int64
    public var otherPersonId: Int64
    public var reason: String
}

public struct RosterChange: Codable, Sendable, Equatable {
    /// `joined`, `left`, `changed`.
    public var change: String
    public var name: String
    public var before: Post?
    public var after: Post?
}

/// A body with its seats, as `roster body` answers.
public struct BodyRoster: Codable, Sendable, Equatable {
    public var body: BodySummary
    public var members: [Post]
    /// Why there are no members, when there are none.
    public var note: String?
}

/// What a document changed on one body's roster.
public struct BodyChanges: Codable, Sendable, Equatable {
    public var body: String
    /// `孙明（指挥长）`.
    public var joined: [String]
    public var left: [String]
    /// `耿峰：副指挥长→指挥长`.
    public var roleChanged: [String]
}

/// Why a roster query found nothing to answer with.
public struct QueryError: ReportableError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The queries across committees: who sits where, as printed, with citations.
public enum RosterQueries {
    static let postSQL = """
        SELECT b.name AS body, p.name, m.role_label, m.role_code, o.name AS unit, m.titles, m.ord,
               m.start_date, m.end_date, m.citation, m.person_id, m.source, m.id AS seat_id
        FROM membership m
        JOIN body b ON b.id = m.body_id
        JOIN person p ON p.id = m.person_id
        JOIN document d ON d.id = m.document_id AND d.is_current = 1
        LEFT JOIN organization o ON o.id = m.unit_id
        """

    /// Memberships in force on a date (all current ones when nil).
    static func inForce(_ on: String?) -> String {
        on == nil ? "" : " AND (m.start_date IS NULL OR m.start_date <= :on) AND (m.end_date IS NULL OR m.end_date >= :on)"
    }

    /// A row of `postSQL`, read by position: a person with hundreds of posts is read as fast as
    /// SQLite hands them over (no lookup by name, no JSON decoder per row).
    static func post(_ row: Row) -> Post {
        Post(body: row[0], name: row[1], role: row[2], roleCode: row[3], unit: row[4], titles: StringList.decode(row[5]),
             order: row[6], startDate: row[7], endDate: row[8], citation: row[9], personId: row[10], source: row[11], seatId: row[12])
    }

    /// The posts a query of `postSQL`'s columns finds.
    static func posts(_ sql: String, _ arguments: StatementArguments, in db: Database) throws -> [Post] {
        try Array(Row.fetchCursor(db, sql: sql, arguments: arguments).map(post))
    }

    static let bodySQL = """
        SELECT b.id, b.name, b.kind, b.citation, COALESCE(d.number, d.title) AS document, o.name AS office_unit,
               p.name AS office_director, b.start_date, b.end_date, b.end_citation, b.seats_by_position,
               (SELECT json_group_array(n.name || '（至' || COALESCE(n.until, '?') || '）') FROM body_name n WHERE n.body_id = b.id) AS former_names,
               (SELECT COUNT(*) FROM membership m JOIN document md ON md.id = m.document_id AND md.is_current = 1
                WHERE m.body_id = b.id%@) AS members
        FROM body b
        LEFT JOIN document d ON d.id = b.document_id
        LEFT JOIN organization o ON o.id = b.office_unit_id
        LEFT JOIN person p ON p.id = b.office_director_id
        """

    /// A body is in the record while a document in force founded it or seats someone on it: one
    /// whose documents were all withdrawn is left out of every answer.
    public static let bodyInForce = """
        (EXISTS (SELECT 1 FROM document bd WHERE bd.id = b.document_id AND bd.is_current = 1)
         OR EXISTS (SELECT 1 FROM membership bm JOIN document bmd ON bmd.id = bm.document_id AND bmd.is_current = 1
                    WHERE bm.body_id = b.id))
        """

    static func bodySummary(_ row: Row) -> BodySummary {
        BodySummary(id: row["id"], name: row["name"], kind: row["kind"], document: row["document"], citation: row["citation"],
                    members: row["members"], officeUnit: row["office_unit"], officeDirector: row["office_director"],
                    startDate: row["start_date"], endDate: row["end_date"], endCitation: row["end_citation"],
                    formerNames: StringList.decode(row["former_names"]),
                    seatsByPosition: row["seats_by_position"])
    }

    /// A body exists on a day from its founding document's date to its last day, unless the
    /// notice that abolished it was withdrawn.
    static func exists(_ on: String?) -> String {
        on == nil ? "" : """
             AND (b.start_date IS NULL OR b.start_date <= :on)
             AND (b.end_date IS NULL OR b.end_date >= :on
                  OR NOT EXISTS (SELECT 1 FROM document ed WHERE ed.id = b.end_document_id AND ed.is_current = 1))
            """
    }

    /// The bodies that exist on a day (every one when nil), with their members then.
    public static func bodies(on: String? = nil, in db: Database) throws -> [BodySummary] {
        try Row.fetchAll(db, sql: bodySQL.replacingOccurrences(of: "%@", with: inForce(on)) + " WHERE \(bodyInForce)\(exists(on)) ORDER BY d.date, b.id",
                         arguments: ["on": on]).map { row in
            var body = bodySummary(row)
            // Under the name it bore that day.
            if let on, let earlier = try String.fetchOne(db, sql: "SELECT name FROM body_name WHERE body_id = ? AND until >= ? ORDER BY until LIMIT 1",
                                                          arguments: [body.id, on]) {
                body.name = earlier
            }
            return body
        }
    }

    /// A body by id, exact name, or the one body whose name contains the text.
    public static func body(_ reference: String, in db: Database) throws -> BodySummary {
        let sql = bodySQL.replacingOccurrences(of: "%@", with: "") + " WHERE \(bodyInForce)"
        if let id = Int64(reference), let row = try Row.fetchOne(db, sql: sql + " AND b.id = ?", arguments: [id]) {
            return bodySummary(row)
        }
        let key = Normalize.key(reference)
        if let row = try Row.fetchOne(db, sql: sql + " AND (b.name = ? OR b.id IN (SELECT body_id FROM body_name WHERE name = ?))",
                                      arguments: [key, key]) { return bodySummary(row) }
        let pattern = "%" + key.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let matches = try Row.fetchAll(db, sql: sql + """
             AND (b.name LIKE ?1 ESCAPE '\\' OR b.id IN (SELECT body_id FROM body_name WHERE name LIKE ?1 ESCAPE '\\')) ORDER BY b.id LIMIT 11
            """, arguments: [pattern]).map(bodySummary)
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw QueryError("no body is named like \(reference); `zhoucun roster bodies` lists them") }
        let shown = matches.prefix(10).map(\.name).joined(separator: ", ") + (matches.count > 10 ? ", …" : "")
        throw QueryError("\(reference) names several bodies: \(shown); give its id")
    }

    /// The members of a body in printed order, as the roster stood on a date.
    public static func members(ofBodyId bodyId: Int64, on: String? = nil, in db: Database) throws -> [Post] {
        // On a day, one list is in force: its printed order, changes in their places. Over the
        // whole history, list after list.
        try posts(postSQL + " WHERE m.body_id = :body\(inForce(on)) ORDER BY "
                    + (on == nil ? "d.date, m.document_id, m.ord" : "m.ord, d.date, m.document_id"), ["body": bodyId, "on": on], in: db)
    }

    /// A body's seats on a day (every seat when nil), optionally those of one role (`组长`,
    /// `指挥部成员` read as the body's `成员`; a role it does not have is an error). No seat comes
    /// with a note that says why: the body did not exist yet or any more, or no one held the role.
    public static func seats(of reference: String, on: String?, role: String? = nil, in db: Database) throws -> BodyRoster {
        let body = try self.body(reference, in: db)
        var members = try self.members(ofBodyId: body.id, on: on, in: db)
        var label: String?
        if let role {
            let roles = try self.roles(ofBodyId: body.id, in: db)
            label = RosterChanges.bodyRole(role, among: roles)
            guard let label, roles.contains(label) else {
                throw QueryError("\(body.name) has no role \(role); its roles are \(roles.joined(separator: "、"))")
            }
            members = members.filter { $0.role == label }
        }
        var note: String?
        if members.isEmpty {
            let day = on.map { " on \($0)" } ?? ""
            let why = on.map { ": " + existence(body, on: $0) } ?? ""
            note = label.map { "no one is \($0) of \(body.name)\(day)\(why)" } ?? "\(body.name) has no members\(day)\(why)"
        }
        return BodyRoster(body: body, members: members, note: note)
    }

    /// The roles a body's rosters print, in the order of their first seat.
    public static func roles(ofBodyId bodyId: Int64, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT m.role_label FROM membership m JOIN document d ON d.id = m.document_id AND d.is_current = 1
            WHERE m.body_id = ? GROUP BY m.role_label ORDER BY MIN(m.ord), MIN(m.id)
            """, arguments: [bodyId])
    }

    /// When a body was abolished by a notice in force: its name, last day and where.
    public static func abolition(ofBodyId bodyId: Int64, in db: Database) throws -> (name: String, lastDay: String, citation: String)? {
        try Row.fetchOne(db, sql: """
            SELECT b.name, b.end_date, COALESCE(b.end_citation, '') AS citation FROM body b
            JOIN document d ON d.id = b.end_document_id AND d.is_current = 1 WHERE b.id = ? AND b.end_date IS NOT NULL
            """, arguments: [bodyId]).map { ($0["name"], $0["end_date"], $0["citation"]) }
    }

    /// Whether a body existed on a day, in words: set up on D, abolished on D.
    static func existence(_ body: BodySummary, on day: String) -> String {
        if let start = body.startDate, day < start {
            return "it was set up on \(start) (\(body.citation ?? body.document ?? ""))"
        }
        if let end = body.endDate, day > end {
            return "it was abolished: its last day was \(end) (\(body.endCitation ?? ""))"
        }
        return "it was set up on \(body.startDate ?? "an undated day") (\(body.citation ?? "")), and no seat of it is recorded on that day"
    }

    /// Every post of people with this name (spaces ignored: `高 东` finds 高东): their seats, and
    /// the offices they direct (办公室主任), a post too.
    public static func posts(ofPerson name: String, on: String? = nil, in db: Database) throws -> [Post] {
        let people = "SELECT id FROM person WHERE name = :name UNION SELECT person_id FROM person_name WHERE name = :name"
        let arguments: StatementArguments = ["name": Normalize.personName(name), "on": on]
        let seats = try posts(postSQL + " WHERE m.person_id IN (\(people))\(inForce(on)) ORDER BY p.id, d.date, b.id, m.ord", arguments, in: db)
        let offices = try posts("""
            SELECT b.name AS body, p.name, '办公室主任' AS role_label, 'office-director' AS role_code, o.name AS unit, '[]' AS titles,
                   0 AS ord, b.start_date, b.end_date, b.citation, p.id AS person_id, 'office' AS source, 0 AS seat_id
            FROM body b JOIN person p ON p.id = b.office_director_id LEFT JOIN organization o ON o.id = b.office_unit_id
            WHERE b.office_director_id IN (\(people)) AND \(bodyInForce)\(exists(on)) ORDER BY b.id
            """, arguments, in: db)
        return seats + offices
    }

    /// Every pair of records that may be one person (or were split), with why.
    public static func flags(in db: Database) throws -> [PersonFlag] {
        try Row.fetchAll(db, sql: """
            SELECT f.person_id, f.other_person_id, f.reason FROM person_flag f ORDER BY f.person_id, f.other_person_id
            """).map { PersonFlag(personId: $0["person_id"], otherPersonId: $0["other_person_id"], reason: $0["reason"]) }
    }

    public static func flags(ofPerson name: String, in db: Database) throws -> [PersonFlag] {
        try Row.fetchAll(db, sql: """
            SELECT f.person_id, f.other_person_id, f.reason FROM person_flag f JOIN person p ON p.id = f.person_id
            WHERE p.name = ? ORDER BY f.person_id
            """, arguments: [Normalize.personName(name)]).map { PersonFlag(personId: $0["person_id"], otherPersonId: $0["other_person_id"], reason: $0["reason"]) }
    }

    /// The unit's id, through its other names.
    public static func unitId(_ name: String, in db: Database, units: UnitNames = .standard) throws -> (Int64, String)? {
        let key = units.canonical(name)
        if let row = try Row.fetchOne(db, sql: "SELECT id, name FROM organization WHERE name = ?", arguments: [key]) {
            return (row["id"], row["name"])
        }
        if let row = try Row.fetchOne(db, sql: """
            SELECT o.id, o.name FROM organization_name n JOIN organization o ON o.id = n.organization_id WHERE n.name = ?
            """, arguments: [Normalize.key(name)]) {
            return (row["id"], row["name"])
        }
        return nil
    }

    /// The unit's id and canonical name, or an error that says no document names it.
    public static func requireUnit(_ name: String, in db: Database) throws -> (Int64, String) {
        guard let found = try unitId(name, in: db) else {
            throw QueryError("no unit is named \(name) in the imported documents")
        }
        return found
    }

    public static func unit(_ name: String, on: String? = nil, in db: Database) throws -> UnitReport {
        let (id, canonical) = try requireUnit(name, in: db)
        let otherNames = try String.fetchAll(db, sql: "SELECT name FROM organization_name WHERE organization_id = ? ORDER BY name", arguments: [id])
        let seats = try posts(postSQL + " WHERE m.unit_id = :unit\(inForce(on)) ORDER BY d.date, b.id, m.ord", ["unit": id, "on": on], in: db)
        return UnitReport(name: canonical, otherNames: otherNames, seats: seats,
                          duties: try duties(unitId: id, in: db), assignments: try assignments(unitId: id, in: db))
    }

    public static func duties(unitId: Int64? = nil, bodyId: Int64? = nil, in db: Database) throws -> [DutyRow] {
        try Row.fetchAll(db, sql: """
            SELECT b.name AS body, o.name AS unit, t.text, t.citation FROM duty t
            JOIN body b ON b.id = t.body_id JOIN organization o ON o.id = t.unit_id
            JOIN document d ON d.id = t.document_id AND d.is_current = 1
            WHERE (:unit IS NULL OR t.unit_id = :unit) AND (:body IS NULL OR t.body_id = :body)
            ORDER BY d.date, t.document_id, t.ord
            """, arguments: ["unit": unitId, "body": bodyId]).map {
                DutyRow(body: $0["body"], unit: $0["unit"], duty: $0["text"], citation: $0["citation"])
            }
    }

    /// Tasks and matters, optionally those of one unit or of one document, with all their units.
    public static func assignments(unitId: Int64? = nil, kind: String? = nil, documentId: Int64? = nil, in db: Database) throws -> [AssignmentRow] {
        try Row.fetchAll(db, sql: """
            SELECT a.id, a.kind, a.number, a.category, a.title, a.citation, COALESCE(d.number, d.title) AS document,
                   (SELECT json_group_array(name) FROM (SELECT o.name FROM assignment_unit u JOIN organization o ON o.id = u.unit_id
                    WHERE u.assignment_id = a.id ORDER BY u.ord)) AS units,
                   (SELECT relation FROM assignment_unit u WHERE u.assignment_id = a.id LIMIT 1) AS relation
            FROM assignment a JOIN document d ON d.id = a.document_id AND d.is_current = 1
            WHERE (:unit IS NULL OR a.id IN (SELECT assignment_id FROM assignment_unit WHERE unit_id = :unit))
              AND (:kind IS NULL OR a.kind = :kind)
              AND (:document IS NULL OR d.id = :document)
            ORDER BY d.date, a.document_id, a.ord
            """, arguments: ["unit": unitId, "kind": kind, "document": documentId]).map { row in
                AssignmentRow(kind: row["kind"], number: row["number"], category: row["category"], title: row["title"],
                              units: StringList.decode(row["units"]),
                              relation: row["relation"] ?? "", document: row["document"], citation: row["citation"])
            }
    }

    /// People on at least `minimum` bodies, with their bodies. SQLite finds the people; only
    /// their posts are read.
    public static func shared(minimum: Int = 2, on: String? = nil, in db: Database) throws -> [SharedPerson] {
        let posts = try posts(postSQL + """
             WHERE m.person_id IN (
                SELECT m.person_id FROM membership m JOIN document d ON d.id = m.document_id AND d.is_current = 1
                WHERE 1\(inForce(on)) GROUP BY m.person_id HAVING COUNT(DISTINCT m.body_id) >= :minimum
            )\(inForce(on)) ORDER BY p.id, d.date, b.id, m.ord
            """, ["on": on, "minimum": minimum], in: db)
        var byPerson: [Int64: [Post]] = [:]
        var order: [Int64] = []
        for post in posts {
            if byPerson[post.personId] == nil { order.append(post.personId) }
            byPerson[post.personId, default: []].append(post)
        }
        return order.map { id in
            let posts = byPerson[id]!
            var bodies: [String] = []
            for post in posts where !bodies.contains(post.body) { bodies.append(post.body) }
            return SharedPerson(name: posts[0].name, personId: id, bodies: bodies, posts: posts)
        }.sorted { ($0.bodies.count, $1.name) > ($1.bodies.count, $0.name) }
    }

    /// What changed in a body's roster between two dates: who joined, who left, whose role or
    /// titles changed.
    public static func diff(bodyId: Int64, from: String, to: String, in db: Database) throws -> [RosterChange] {
        guard from <= to else {
            throw QueryError("--from \(from) is after --to \(to): give the earlier roster first (the changes would read backwards)")
        }
        let before = try members(ofBodyId: bodyId, on: from, in: db)
        let after = try members(ofBodyId: bodyId, on: to, in: db)
        var changes: [RosterChange] = []
        for post in after {
            if let old = before.first(where: { $0.personId == post.personId }) {
                if old.role != post.role || old.titles != post.titles || old.unit != post.unit {
                    changes.append(RosterChange(change: "changed", name: post.name, before: old, after: post))
                }
            } else {
                changes.append(RosterChange(change: "joined", name: post.name, before: nil, after: post))
            }
        }
        for post in before where !after.contains(where: { $0.personId == post.personId }) {
            changes.append(RosterChange(change: "left", name: post.name, before: post, after: nil))
        }
        return changes
    }

    /// What one document changed on the bodies it did not found: on each, who joined, who
    /// left and whose role changed from the day before its date to its date.
    public static func changes(byDocument documentId: Int64, in db: Database) throws -> [BodyChanges] {
        guard let date = try String.fetchOne(db, sql: "SELECT date FROM document WHERE id = ?", arguments: [documentId]),
              let day = CivilDate(date) else { return [] }
        let bodies = try Row.fetchAll(db, sql: """
            SELECT b.id, b.name FROM body b WHERE b.id IN (SELECT body_id FROM membership WHERE document_id = ?1 OR ended_by = ?1)
              AND NOT (b.document_id = ?1 AND COALESCE(b.start_date, '') = ?2) ORDER BY b.id
            """, arguments: [documentId, date])
        return try bodies.compactMap { row in
            let diff = try self.diff(bodyId: row["id"], from: day.adding(days: -1).description, to: date, in: db)
            let changes = BodyChanges(
                body: row["name"],
                joined: diff.filter { $0.change == "joined" }.map { "\($0.name)（\($0.after?.role ?? "")）" },
                left: diff.filter { $0.change == "left" }.map { "\($0.name)（\($0.before?.role ?? "")）" },
                roleChanged: diff.filter { $0.change == "changed" && $0.before?.role != $0.after?.role }
                    .map { "\($0.name)：\($0.before?.role ?? "")→\($0.after?.role ?? "")" })
            return changes.joined.isEmpty && changes.left.isEmpty && changes.roleChanged.isEmpty ? nil : changes
        }
    }

    /// The date of a document given by 文号, or the date itself.
    public static func date(_ dateOrDocument: String, in db: Database) throws -> String {
        if CivilDate(dateOrDocument) != nil { return dateOrDocument }
        guard let found = try DocumentQueries.find(dateOrDocument, in: db), let date = found.summary.date else {
            throw QueryError("\(dateOrDocument) is neither a date (YYYY-MM-DD) nor the 文号 of a dated imported document")
        }
        return date
    }
}
