import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

enum AMLSchema {
    static let migrations = MigrationSet(owner: AntiMoneyLaunderingModule.id) { migrator in
        migrator.registerMigration("aml.v1") { db in
            try db.execute(sql: """
                CREATE TABLE aml_topic (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    ord INTEGER NOT NULL,
                    label TEXT NOT NULL,
                    citation TEXT NOT NULL,
                    PRIMARY KEY (document_id, ord)
                );
                CREATE TABLE aml_meeting (
                    id INTEGER PRIMARY KEY,
                    date TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    topics TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    minutes TEXT,
                    report_upward INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE aml_attendance (
                    meeting_id INTEGER NOT NULL REFERENCES aml_meeting(id) ON DELETE CASCADE,
                    unit TEXT NOT NULL,
                    PRIMARY KEY (meeting_id, unit)
                );
                CREATE TABLE aml_minutes_delivery (
                    meeting_id INTEGER NOT NULL REFERENCES aml_meeting(id) ON DELETE CASCADE,
                    unit TEXT NOT NULL,
                    received_on TEXT,
                    PRIMARY KEY (meeting_id, unit)
                );
                CREATE TABLE aml_followup (
                    id INTEGER PRIMARY KEY,
                    meeting_id INTEGER NOT NULL REFERENCES aml_meeting(id) ON DELETE CASCADE,
                    unit TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    due TEXT,
                    closed_on TEXT,
                    report_upward INTEGER NOT NULL DEFAULT 0,
                    basis TEXT NOT NULL
                );
                """)
        }
    }
}

/// A kind of topic the joint meeting takes up (四(一): `联席会议的议题包括：…`), read from the document.
public struct Topic: Codable, Sendable, Equatable, Tabular {
    public var number: Int
    public var label: String
    public var citation: String

    public static let columns: [OutputColumn<Topic>] = [
        OutputColumn("number") { String($0.number) }, OutputColumn("topic") { $0.label }, OutputColumn("citation") { $0.citation },
    ]
}

public struct Meeting: Codable, Sendable, Tabular {
    public var id: Int64
    public var date: CivilDate
    /// `plenary` (全体会议), `partial` (部分成员会议) or `liaison` (联络员会议).
    public var kind: String
    public var subject: String
    public var topics: [String]
    public var attendingUnits: [String]
    public var minutes: String?
    /// Each member unit the minutes go to, and the day it received them (nil: not yet).
    public var deliveries: [Delivery]
    public var reportUpward: Bool
    public var citation: String

    public struct Delivery: Codable, Sendable, Equatable {
        public var unit: String
        public var receivedOn: CivilDate?
    }

    public static let columns: [OutputColumn<Meeting>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("date") { $0.date.description }, OutputColumn("kind") { $0.kind },
        OutputColumn("subject") { $0.subject }, OutputColumn("minutes") { meeting in
            meeting.minutes == nil ? "none yet"
                : "\(meeting.deliveries.filter { $0.receivedOn != nil }.count)/\(meeting.deliveries.count) units received"
        },
        OutputColumn("upward") { $0.reportUpward ? "报上级审定" : "" }, OutputColumn("citation") { $0.citation },
    ]
}

public struct FollowUp: Codable, Sendable, Tabular {
    public var id: Int64
    public var meeting: Int64
    public var unit: String
    public var decision: String
    public var due: CivilDate?
    public var closedOn: CivilDate?
    public var overdue: Bool
    public var reportUpward: Bool
    /// Why this unit: the duty that covers the decision, or `assigned`.
    public var basis: String

    public static let columns: [OutputColumn<FollowUp>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("meeting") { String($0.meeting) }, OutputColumn("unit") { $0.unit },
        OutputColumn("decision") { $0.decision }, OutputColumn("due") { $0.due?.description ?? "" },
        OutputColumn("status") { $0.closedOn.map { "closed \($0)" } ?? ($0.overdue ? "OVERDUE" : "open") }, OutputColumn("basis") { $0.basis },
    ]
}

/// The joint meeting's ledger: meetings, minutes, follow-ups, and duties found by topic.
enum JointMeeting {
    static let document = "周政办字〔2020〕35号"

    /// 四(一): `联席会议的议题包括：A；B；C。` — each part a kind of topic.
    static func readTopics(_ imported: ImportedDocument, in db: Database) throws {
        var order = 0
        var failure: (any Error)?
        imported.document.walk { section, citation in
            for case .paragraph(let paragraph) in section.blocks {
                guard failure == nil, let range = paragraph.text.range(of: "议题包括：") else { continue }
                let list = paragraph.text[range.upperBound...].prefix { $0 != "。" }
                for part in list.split(separator: "；") where !part.isEmpty {
                    order += 1
                    do {
                        try db.execute(sql: "INSERT INTO aml_topic (document_id, ord, label, citation) VALUES (?, ?, ?, ?)",
                                       arguments: [imported.id, order, String(part), citation.description])
                    } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
    }

    static func topics(in db: Database) throws -> [Topic] {
        try Row.fetchAll(db, sql: """
            SELECT t.ord, t.label, t.citation FROM aml_topic t JOIN document d ON d.id = t.document_id AND d.is_current = 1 ORDER BY t.ord
            """).map { Topic(number: $0["ord"], label: $0["label"], citation: $0["citation"]) }
    }

    /// The joint meeting's member units: those with duties in it, and those whose people sit as
    /// members (成员). The conveners' own units are not member units for that.
    static func memberUnits(in db: Database) throws -> [String] {
        var units: [String] = []
        for bodyId in try DocumentQueries.bodyIds(foundedByDocumentsOf: AntiMoneyLaunderingModule.id, in: db) {
            units += try RosterQueries.duties(bodyId: bodyId, in: db).map(\.unit)
            units += try RosterQueries.members(ofBodyId: bodyId, in: db).filter { $0.roleCode == "member" }.compactMap(\.unit)
        }
        var seen = Set<String>()
        return units.filter { seen.insert($0).inserted }
    }

    static func addMeeting(date: CivilDate, kind: String, subject: String, topics: [Int], units: [String], reportUpward: Bool, in db: Database) throws -> Int64 {
        guard ["plenary", "partial", "liaison"].contains(kind) else {
            throw ArgumentError("--kind: \(kind) is not plenary, partial or liaison")
        }
        let known = try self.topics(in: db)
        let labels = try topics.map { number -> String in
            guard let topic = known.first(where: { $0.number == number }) else {
                throw ArgumentError("--topic: there is no topic \(number); `zhoucun aml topics` lists them (import \(document) first)")
            }
            return topic.label
        }
        let members = try memberUnits(in: db)
        let attending: [String]
        switch kind {
        case "partial":
            guard !units.isEmpty else { throw ArgumentError("--unit: a partial meeting names the member units that attend") }
            attending = try units.map { try member($0, of: members, in: db) }
        default:
            attending = members
        }
        try db.execute(sql: "INSERT INTO aml_meeting (date, kind, topics, subject, report_upward) VALUES (?, ?, ?, ?, ?)",
                       arguments: [date.description, kind, String(decoding: try JSONEncoder().encode(labels), as: UTF8.self), subject, reportUpward])
        let id = db.lastInsertedRowID
        for unit in attending {
            try db.execute(sql: "INSERT INTO aml_attendance (meeting_id, unit) VALUES (?, ?)", arguments: [id, unit])
        }
        return id
    }

    /// A member unit's canonical name, through its other names.
    static func member(_ name: String, of members: [String], in db: Database) throws -> String {
        let (_, canonical) = try RosterQueries.requireUnit(name, in: db)
        guard members.contains(canonical) else { throw ArgumentError("--unit: \(canonical) is not a member unit of the joint meeting") }
        return canonical
    }

    /// 三: minutes of a plenary go to every member unit; of other meetings, to those who attended.
    static func recordMinutes(_ id: Int64, text: String, in db: Database) throws {
        let meeting = try self.meeting(id, in: db)
        try db.execute(sql: "UPDATE aml_meeting SET minutes = ? WHERE id = ?", arguments: [text, id])
        let recipients = meeting.kind == "plenary" ? try memberUnits(in: db) : meeting.attendingUnits
        for unit in recipients {
            try db.execute(sql: "INSERT OR IGNORE INTO aml_minutes_delivery (meeting_id, unit) VALUES (?, ?)", arguments: [id, unit])
        }
    }

    static func receive(_ id: Int64, unit: String, on day: CivilDate, in db: Database) throws {
        let (_, canonical) = try RosterQueries.requireUnit(unit, in: db)
        try db.execute(sql: "UPDATE aml_minutes_delivery SET received_on = ? WHERE meeting_id = ? AND unit = ?", arguments: [day.description, id, canonical])
        guard db.changesCount == 1 else { throw QueryError("the minutes of meeting \(id) were not sent to \(canonical); record the minutes first") }
    }

    static func meeting(_ id: Int64, in db: Database) throws -> Meeting {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM aml_meeting WHERE id = ?", arguments: [id]) else {
            throw QueryError("no meeting \(id) in the ledger")
        }
        let kind: String = row["kind"]
        let deliveries = try Row.fetchAll(db, sql: "SELECT unit, received_on FROM aml_minutes_delivery WHERE meeting_id = ? ORDER BY rowid", arguments: [id])
            .map { Meeting.Delivery(unit: $0["unit"], receivedOn: ($0["received_on"] as String?).flatMap(CivilDate.init)) }
        return Meeting(
            id: id, date: CivilDate(row["date"])!, kind: kind, subject: row["subject"],
            topics: (try? JSONDecoder().decode([String].self, from: Data((row["topics"] as String).utf8))) ?? [],
            attendingUnits: try String.fetchAll(db, sql: "SELECT unit FROM aml_attendance WHERE meeting_id = ? ORDER BY rowid", arguments: [id]),
            minutes: row["minutes"], deliveries: deliveries, reportUpward: row["report_upward"],
            citation: kind == "liaison" ? "\(document) 四(三)" : "\(document) 四(一)"
        )
    }

    static func meetings(in db: Database) throws -> [Meeting] {
        try Int64.fetchAll(db, sql: "SELECT id FROM aml_meeting ORDER BY date, id").map { try meeting($0, in: db) }
    }

    /// Units whose duties cover a topic: every word of the query in the duty text (spaces split words).
    static func who(_ topic: String, in db: Database) throws -> [DutyRow] {
        let words = topic.split(whereSeparator: \.isWhitespace).map { Normalize.key(String($0)) }.filter { !$0.isEmpty }
        guard !words.isEmpty else { throw ArgumentError("TOPIC: say what to look for") }
        return try DocumentQueries.bodyIds(foundedByDocumentsOf: AntiMoneyLaunderingModule.id, in: db).flatMap { bodyId in
            try RosterQueries.duties(bodyId: bodyId, in: db).filter { duty in words.allSatisfy { duty.duty.contains($0) } }
        }
    }

    /// 四(二): decisions are carried out by member units according to their duties. Without a
    /// unit, the decision goes to every unit whose duty covers one of its words.
    static func addFollowUp(meeting id: Int64, decision: String, units: [String], keywords: [String], due: CivilDate?, reportUpward: Bool,
                            in db: Database) throws -> [Int64] {
        _ = try meeting(id, in: db)
        var assignments: [(String, String)] = []
        if units.isEmpty {
            guard !keywords.isEmpty else { throw ArgumentError("give --unit, or --by-duty words to find the units whose duties cover the decision") }
            for keyword in keywords {
                for duty in try who(keyword, in: db) where !assignments.contains(where: { $0.0 == duty.unit }) {
                    assignments.append((duty.unit, "duty covers “\(keyword)” (\(duty.citation))"))
                }
            }
            guard !assignments.isEmpty else { throw QueryError("no member unit's duty covers \(keywords.joined(separator: ", ")); give --unit") }
        } else {
            let members = try memberUnits(in: db)
            assignments = try units.map { (try member($0, of: members, in: db), "assigned") }
        }
        var ids: [Int64] = []
        for (unit, basis) in assignments {
            try db.execute(sql: "INSERT INTO aml_followup (meeting_id, unit, decision, due, report_upward, basis) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, unit, decision, due?.description, reportUpward, basis])
            ids.append(db.lastInsertedRowID)
        }
        return ids
    }

    static func close(_ id: Int64, on day: CivilDate, in db: Database) throws {
        try db.execute(sql: "UPDATE aml_followup SET closed_on = ? WHERE id = ?", arguments: [day.description, id])
        guard db.changesCount == 1 else { throw QueryError("no follow-up \(id)") }
    }

    static func followUps(on day: CivilDate, in db: Database) throws -> [FollowUp] {
        try Row.fetchAll(db, sql: "SELECT * FROM aml_followup ORDER BY id").map { row in
            let due = (row["due"] as String?).flatMap(CivilDate.init)
            let closed = (row["closed_on"] as String?).flatMap(CivilDate.init)
            return FollowUp(id: row["id"], meeting: row["meeting_id"], unit: row["unit"], decision: row["decision"], due: due, closedOn: closed,
                            overdue: closed == nil && (due.map { $0 < day } ?? false), reportUpward: row["report_upward"], basis: row["basis"])
        }
    }
}
