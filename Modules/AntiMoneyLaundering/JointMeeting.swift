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
        migrator.registerMigration("aml.v2") { db in
            try db.execute(sql: """
                ALTER TABLE aml_meeting ADD COLUMN voided_at TEXT;
                ALTER TABLE aml_meeting ADD COLUMN void_reason TEXT;
                ALTER TABLE aml_followup ADD COLUMN voided_at TEXT;
                ALTER TABLE aml_followup ADD COLUMN void_reason TEXT;
                ALTER TABLE aml_followup ADD COLUMN outcome TEXT;
                """)
        }
    }
}

/// 全体会议, 部分成员会议, 联络员会议 (四(一), 四(三)).
public enum MeetingKind: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case plenary, partial, liaison

    public var labels: [String] {
        switch self {
        case .plenary: ["全体会议", "全体成员会议"]
        case .partial: ["部分成员会议"]
        case .liaison: ["联络员会议"]
        }
    }
}

/// `aml_topic`: a kind of topic read from 四(一) of an imported document.
struct TopicRecord: StoredRecord {
    static let databaseTableName = "aml_topic"
    var documentId: Int64
    var ord: Int
    var label: String
    var citation: String
}

/// `aml_meeting`.
struct MeetingRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "aml_meeting"
    static let module = AntiMoneyLaunderingModule.id
    static let noun = "meeting"
    static let command = "aml meetings"
    var id: Int64?
    var date: CivilDate
    var kind: MeetingKind
    /// The topics' labels, as JSON text.
    var topics: [String]
    var subject: String
    var minutes: String?
    var reportUpward: Bool
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "kind" ? MeetingKind.self : nil
    }

    static let columns: [OutputColumn<MeetingRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("date") { $0.date.description }, OutputColumn("kind") { $0.kind.rawValue },
        OutputColumn("subject") { $0.subject }, OutputColumn("topics") { $0.topics.joined(separator: "；") }, OutputColumn("minutes") { $0.minutes ?? "" },
    ]

    /// The joint meeting meets once the document that set it up is signed (四).
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(date, field: "date", today: today)
        guard let founding = try DocumentQueries.recognised(by: AntiMoneyLaunderingModule.id, in: db).first else {
            throw EntryError("no joint meeting is set up in the store: import \(JointMeeting.document) first")
        }
        if let signed = founding.date.flatMap({ CivilDate($0) }), date < signed {
            throw EntryError("date", "\(date) is before the joint meeting was set up (\(founding.number ?? founding.title), \(signed))")
        }
        try requireBodyExists(module: AntiMoneyLaunderingModule.id, on: date, field: "date", in: db)
    }
}

/// `aml_attendance`: a member unit at a partial meeting (every member unit at the others).
struct AttendanceRecord: StoredRecord {
    static let databaseTableName = "aml_attendance"
    var meetingId: Int64
    var unit: String
}

/// `aml_minutes_delivery`: a unit the minutes go to, and when it received them.
struct DeliveryRecord: StoredRecord {
    static let databaseTableName = "aml_minutes_delivery"
    var meetingId: Int64
    var unit: String
    var receivedOn: CivilDate?

    enum Columns {
        static let meetingId = Column("meeting_id")
        static let unit = Column("unit")
    }
}

/// `aml_followup`: one unit's part in carrying out a decision.
struct FollowUpRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "aml_followup"
    static let module = AntiMoneyLaunderingModule.id
    static let noun = "follow-up"
    static let command = "aml followups"
    var id: Int64?
    var meetingId: Int64
    var unit: String
    var decision: String
    var due: CivilDate?
    var closedOn: CivilDate?
    var reportUpward: Bool
    var basis: String
    /// What came of it, when closed.
    var outcome: String?
    var voidedAt: String?
    var voidReason: String?

    static let columns: [OutputColumn<FollowUpRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("meeting") { String($0.meetingId) }, OutputColumn("unit") { $0.unit },
        OutputColumn("decision") { $0.decision }, OutputColumn("due") { $0.due?.description ?? "" }, OutputColumn("closed") { $0.closedOn?.description ?? "" },
        OutputColumn("outcome") { $0.outcome ?? "" },
    ]

    /// A decision comes from its meeting: it is not due, nor closed, before the meeting was held.
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(closedOn, field: "closed-on", today: today)
        let meeting = try MeetingRecord.entry(meetingId, in: db)
        try Self.requireInForce(meeting, field: "meeting-id")
        if let due, due < meeting.date { throw EntryError("due", "\(due) is before meeting \(meetingId) was held (\(meeting.date))") }
        if let closedOn, closedOn < meeting.date {
            throw EntryError("closed-on", "\(closedOn) is before meeting \(meetingId) was held (\(meeting.date)): a decision is carried out after it is made (\(JointMeeting.document) 四(二))")
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
    public var kind: MeetingKind
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
        OutputColumn("id") { String($0.id) }, OutputColumn("date") { $0.date.description }, OutputColumn("kind") { $0.kind.rawValue },
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
        var topics: [TopicRecord] = []
        imported.document.walk { section, citation in
            for case .paragraph(let paragraph) in section.blocks {
                guard let range = paragraph.text.range(of: "议题包括：") else { continue }
                let list = paragraph.text[range.upperBound...].prefix { $0 != "。" }
                for part in list.split(separator: "；") where !part.isEmpty {
                    topics.append(TopicRecord(documentId: imported.id, ord: topics.count + 1, label: String(part), citation: citation.description))
                }
            }
        }
        for var topic in topics { try topic.insert(db) }
    }

    static func topics(in db: Database) throws -> [Topic] {
        // The topics of the documents in force (a withdrawn or superseded version's are left out).
        let documents = try DocumentQueries.recognised(by: AntiMoneyLaunderingModule.id, in: db).map(\.id)
        return try TopicRecord.filter(documents.contains(Column("document_id"))).order(Column("ord")).fetchAll(db)
            .map { Topic(number: $0.ord, label: $0.label, citation: $0.citation) }
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

    static func addMeeting(date: CivilDate, kind: MeetingKind, subject: String, topics: [Int], units: [String], reportUpward: Bool, by context: OperationContext, in db: Database) throws -> Int64 {
        let known = try self.topics(in: db)
        let labels = try topics.map { number -> String in
            guard let topic = known.first(where: { $0.number == number }) else {
                throw EntryError("topic", "there is no topic \(number); `zhoucun aml topics` lists them (import \(document) first)")
            }
            return topic.label
        }
        let members = try memberUnits(in: db)
        let attending: [String]
        switch kind {
        case .partial:
            guard !units.isEmpty else { throw EntryError("unit", "a partial meeting names the member units that attend") }
            attending = try units.map { try member($0, of: members, in: db) }
        case .plenary, .liaison:
            attending = members
        }
        var meeting = MeetingRecord(date: date, kind: kind, topics: labels, subject: subject, reportUpward: reportUpward)
        try Ledger.add(&meeting, by: context, in: db)
        for unit in attending {
            var attendance = AttendanceRecord(meetingId: meeting.id!, unit: unit)
            try attendance.insert(db)
        }
        return meeting.id!
    }

    /// A member unit's canonical name, through its other names.
    static func member(_ name: String, of members: [String], in db: Database) throws -> String {
        let (_, canonical) = try RosterQueries.requireUnit(name, in: db)
        guard members.contains(canonical) else { throw EntryError("unit", "\(canonical) is not a member unit of the joint meeting") }
        return canonical
    }

    /// 三: minutes of a plenary go to every member unit; of other meetings, to those who attended.
    static func recordMinutes(_ id: Int64, text: String, by context: OperationContext, in db: Database) throws {
        let record = try Ledger.change(MeetingRecord.self, key: id, action: "minutes", records: ["minutes"], by: context, in: db) { $0.minutes = text }
        let recipients = record.kind == .plenary ? try memberUnits(in: db) : try meeting(id, in: db).attendingUnits
        for unit in recipients {
            var delivery = DeliveryRecord(meetingId: id, unit: unit)
            try delivery.insert(db, onConflict: .ignore)
        }
    }

    static func receive(_ id: Int64, unit: String, on day: CivilDate, by context: OperationContext, in db: Database) throws {
        let (_, canonical) = try RosterQueries.requireUnit(unit, in: db)
        let meeting = try MeetingRecord.entry(id, in: db)
        try MeetingRecord.requireInForce(meeting, field: "meeting")
        guard day >= meeting.date else {
            throw EntryError("date", "\(day) is before meeting \(id) was held (\(meeting.date)): its minutes are sent to the member units after it (\(document) 三)")
        }
        guard var delivery = try DeliveryRecord.filter(DeliveryRecord.Columns.meetingId == id && DeliveryRecord.Columns.unit == canonical).fetchOne(db) else {
            throw QueryError("the minutes of meeting \(id) were not sent to \(canonical); record the minutes first")
        }
        if let received = delivery.receivedOn {
            throw EntryError("date", "\(canonical) is recorded as having received the minutes of meeting \(id) on \(received) already; that receipt is kept")
        }
        delivery.receivedOn = day
        try delivery.update(db)
        try WriteLog.append(LogEntry(context, action: "receive", module: AntiMoneyLaunderingModule.id,
                                     record: "meeting \(id) minutes to \(canonical)", before: nil, after: day.description, reason: ""), in: db)
    }

    static func meeting(_ id: Int64, in db: Database) throws -> Meeting {
        let record = try MeetingRecord.entry(id, in: db)
        let deliveries = try DeliveryRecord.filter(DeliveryRecord.Columns.meetingId == id).order(Column.rowID).fetchAll(db)
        let attending = try AttendanceRecord.filter(Column("meeting_id") == id).order(Column.rowID).fetchAll(db)
        return Meeting(
            id: id, date: record.date, kind: record.kind, subject: record.subject, topics: record.topics,
            attendingUnits: attending.map(\.unit), minutes: record.minutes,
            deliveries: deliveries.map { Meeting.Delivery(unit: $0.unit, receivedOn: $0.receivedOn) }, reportUpward: record.reportUpward,
            citation: record.kind == .liaison ? "\(document) 四(三)" : "\(document) 四(一)"
        )
    }

    static func meetings(in db: Database) throws -> [Meeting] {
        try MeetingRecord.inForce.order(Column("date"), Column("id")).fetchAll(db).map { try meeting($0.id!, in: db) }
    }

    /// Units whose duties cover a topic: every word of the query in the duty text (spaces split words).
    static func who(_ topic: String, in db: Database) throws -> [DutyRow] {
        let words = topic.split(whereSeparator: \.isWhitespace).map { Normalize.key(String($0)) }.filter { !$0.isEmpty }
        guard !words.isEmpty else { throw EntryError("topic", "say what to look for") }
        return try DocumentQueries.bodyIds(foundedByDocumentsOf: AntiMoneyLaunderingModule.id, in: db).flatMap { bodyId in
            try RosterQueries.duties(bodyId: bodyId, in: db).filter { duty in words.allSatisfy { duty.duty.contains($0) } }
        }
    }

    /// 四(二): decisions are carried out by member units according to their duties. Without a
    /// unit, the decision goes to every unit whose duty covers one of its words.
    static func addFollowUp(meeting id: Int64, decision: String, units: [String], keywords: [String], due: CivilDate?, reportUpward: Bool,
                            by context: OperationContext, in db: Database) throws -> [Int64] {
        _ = try MeetingRecord.entry(id, in: db)
        var assignments: [(String, String)] = []
        if units.isEmpty {
            guard !keywords.isEmpty else { throw EntryError("give a unit, or words to find the units whose duties cover the decision") }
            for keyword in keywords {
                for duty in try who(keyword, in: db) where !assignments.contains(where: { $0.0 == duty.unit }) {
                    assignments.append((duty.unit, "duty covers “\(keyword)” (\(duty.citation))"))
                }
            }
            guard !assignments.isEmpty else { throw QueryError("no member unit's duty covers \(keywords.joined(separator: ", ")); name the unit") }
        } else {
            let members = try memberUnits(in: db)
            assignments = try units.map { (try member($0, of: members, in: db), "assigned") }
        }
        return try assignments.map { unit, basis in
            var followUp = FollowUpRecord(meetingId: id, unit: unit, decision: decision, due: due, reportUpward: reportUpward, basis: basis)
            try Ledger.add(&followUp, by: context, in: db)
            return followUp.id!
        }
    }

    static func close(_ id: Int64, on day: CivilDate, outcome: String?, by context: OperationContext, in db: Database) throws {
        try Ledger.change(FollowUpRecord.self, key: id, action: "close", records: ["closedOn"], by: context, in: db) {
            $0.closedOn = day
            $0.outcome = outcome
        }
    }

    static func followUps(on day: CivilDate, in db: Database) throws -> [FollowUp] {
        // Follow-ups of meetings in force, as they stood on `day`: one closed after it was open then.
        let meetings = Set(try MeetingRecord.inForce.fetchAll(db).compactMap(\.id))
        return try FollowUpRecord.inForce.order(Column("id")).fetchAll(db).filter { meetings.contains($0.meetingId) }.map { record in
            let closed = record.closedOn.flatMap { $0 <= day ? $0 : nil }
            return FollowUp(id: record.id!, meeting: record.meetingId, unit: record.unit, decision: record.decision, due: record.due, closedOn: closed,
                            overdue: closed == nil && (record.due.map { $0 < day } ?? false), reportUpward: record.reportUpward, basis: record.basis)
        }
    }
}
