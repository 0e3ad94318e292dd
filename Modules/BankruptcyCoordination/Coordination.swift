import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

enum BankruptcySchema {
    static let migrations = MigrationSet(owner: BankruptcyCoordinationModule.id) { migrator in
        migrator.registerMigration("bankruptcy.v1") { db in
            try db.execute(sql: """
                CREATE TABLE bankruptcy_case (
                    id INTEGER PRIMARY KEY,
                    debtor TEXT NOT NULL,
                    accepted_on TEXT NOT NULL,
                    administrator TEXT
                );
                CREATE TABLE bankruptcy_case_matter (
                    id INTEGER PRIMARY KEY,
                    case_id INTEGER NOT NULL REFERENCES bankruptcy_case(id) ON DELETE CASCADE,
                    matter TEXT NOT NULL,
                    title TEXT NOT NULL,
                    citation TEXT NOT NULL,
                    note TEXT,
                    level TEXT NOT NULL,
                    status TEXT NOT NULL
                );
                CREATE TABLE bankruptcy_routing (
                    case_matter_id INTEGER NOT NULL REFERENCES bankruptcy_case_matter(id) ON DELETE CASCADE,
                    unit TEXT NOT NULL,
                    PRIMARY KEY (case_matter_id, unit)
                );
                CREATE TABLE bankruptcy_meeting (
                    id INTEGER PRIMARY KEY,
                    level TEXT NOT NULL,
                    date TEXT NOT NULL,
                    chair TEXT,
                    case_matter_id INTEGER REFERENCES bankruptcy_case_matter(id) ON DELETE CASCADE,
                    outcome TEXT,
                    note TEXT
                );
                CREATE TABLE bankruptcy_followup (
                    id INTEGER PRIMARY KEY,
                    meeting_id INTEGER NOT NULL REFERENCES bankruptcy_meeting(id) ON DELETE CASCADE,
                    owner TEXT NOT NULL,
                    task TEXT NOT NULL,
                    due TEXT,
                    closed_on TEXT
                );
                CREATE TABLE bankruptcy_list_filing (
                    list TEXT NOT NULL,
                    period TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    filed_on TEXT NOT NULL,
                    PRIMARY KEY (list, period)
                );
                """)
        }
        // Ledgers a clerk can correct; cases and decisions closed with their outcome; the
        // member units' contacts (联系人, 三); list filings numbered like the others.
        migrator.registerMigration("bankruptcy.v2") { db in
            try db.execute(sql: """
                ALTER TABLE bankruptcy_case ADD COLUMN closed_on TEXT;
                ALTER TABLE bankruptcy_case ADD COLUMN outcome TEXT;
                ALTER TABLE bankruptcy_case ADD COLUMN voided_at TEXT;
                ALTER TABLE bankruptcy_case ADD COLUMN void_reason TEXT;
                ALTER TABLE bankruptcy_meeting ADD COLUMN voided_at TEXT;
                ALTER TABLE bankruptcy_meeting ADD COLUMN void_reason TEXT;
                ALTER TABLE bankruptcy_followup ADD COLUMN outcome TEXT;
                ALTER TABLE bankruptcy_followup ADD COLUMN voided_at TEXT;
                ALTER TABLE bankruptcy_followup ADD COLUMN void_reason TEXT;
                CREATE TABLE bankruptcy_list_filing_v2 (
                    id INTEGER PRIMARY KEY,
                    list TEXT NOT NULL,
                    period TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    filed_on TEXT NOT NULL,
                    voided_at TEXT,
                    void_reason TEXT
                );
                INSERT INTO bankruptcy_list_filing_v2 (list, period, unit, filed_on) SELECT list, period, unit, filed_on FROM bankruptcy_list_filing;
                DROP TABLE bankruptcy_list_filing;
                ALTER TABLE bankruptcy_list_filing_v2 RENAME TO bankruptcy_list_filing;
                CREATE TABLE bankruptcy_contact (
                    id INTEGER PRIMARY KEY,
                    unit TEXT NOT NULL,
                    name TEXT NOT NULL,
                    post TEXT,
                    phone TEXT,
                    since TEXT NOT NULL,
                    voided_at TEXT,
                    void_reason TEXT
                );
                """)
        }
        migrator.registerMigration("bankruptcy.v3") { db in
            try db.execute(sql: """
                ALTER TABLE bankruptcy_case_matter ADD COLUMN voided_at TEXT;
                ALTER TABLE bankruptcy_case_matter ADD COLUMN void_reason TEXT;
                """)
        }
        // The lists' quarters are named as the meetings' schedule names them (2021-Q1, not 2021-P1).
        migrator.registerMigration("bankruptcy.v4") { db in
            try db.execute(sql: "UPDATE bankruptcy_list_filing SET period = replace(period, '-P', '-Q') WHERE period LIKE '____-P%'")
        }
    }
}

/// How a period of the year is named by its length: `H` a half year, `Q` a quarter, `M` a month.
func periodLetter(months: Int) -> String {
    switch months {
    case 6: "H"
    case 3: "Q"
    case 1: "M"
    default: "P"
    }
}

/// The three levels of 四, lowest first: 业务会议 → 专题会议 → 联席会议.
public enum MeetingLevel: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case business, topic, joint

    public var labels: [String] { [label] }

    public var next: MeetingLevel? {
        switch self {
        case .business: .topic
        case .topic: .joint
        case .joint: nil
        }
    }

    public var label: String {
        switch self {
        case .business: "业务会议"
        case .topic: "专题会议"
        case .joint: "联席会议"
        }
    }

    /// Where the document says who calls and chairs this level.
    public var citation: String {
        switch self {
        case .business: "周政办字〔2020〕38号 四(三)"
        case .topic: "周政办字〔2020〕38号 四(二)1"
        case .joint: "周政办字〔2020〕38号 四(一)1"
        }
    }
}

/// Where a case matter stands: `open`, or `settled` at a meeting.
public enum MatterStatus: String, Codable, Sendable, DatabaseValueConvertible {
    case open, settled
}

/// A meeting's outcome on a matter (四: what it cannot settle goes up one level).
public enum MeetingOutcome: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case settled, unsettled

    public var labels: [String] {
        switch self {
        case .settled: ["已解决", "解决"]
        case .unsettled: ["未解决", "提请上一级"]
        }
    }
}

/// `bankruptcy_case`: a case the court has accepted, and how it ended.
struct CaseRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "bankruptcy_case"
    static let module = BankruptcyCoordinationModule.id
    static let noun = "case"
    static let command = "bankruptcy cases"
    var id: Int64?
    var debtor: String
    var acceptedOn: CivilDate
    var administrator: String?
    var closedOn: CivilDate?
    var outcome: String?
    var voidedAt: String?
    var voidReason: String?

    static let columns: [OutputColumn<CaseRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("debtor") { $0.debtor }, OutputColumn("accepted") { $0.acceptedOn.description },
        OutputColumn("administrator") { $0.administrator ?? "" }, OutputColumn("closed") { $0.closedOn?.description ?? "" }, OutputColumn("outcome") { $0.outcome ?? "" },
    ]

    /// A case ends after the court accepted it; its meetings all come before its end.
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(acceptedOn, field: "accepted-on", today: today)
        try requireHappened(closedOn, field: "closed-on", today: today)
        if closedOn == nil {
            try requireUnique(Column("debtor") == debtor && Column("closed_on") == nil,
                              what: "debtor: \(debtor) has an open case already (`zhoucun bankruptcy cases list`); close it before opening another", in: db)
        }
        guard let id, let closedOn else { return }
        guard closedOn >= acceptedOn else { throw EntryError("closed-on", "\(closedOn) is before the court accepted the case (\(acceptedOn))") }
        let matters = try CaseMatterRecord.filter(Column("case_id") == id).fetchAll(db).compactMap(\.id)
        if let last = try MeetingRecord.inForce.filter(matters.contains(Column("case_matter_id"))).order(Column("date").desc).fetchOne(db), last.date > closedOn {
            throw EntryError("closed-on", "\(closedOn) is before the case's last meeting (\(last.date), meeting \(last.id!))")
        }
    }
}

/// `bankruptcy_case_matter`: a matter of 附件2 raised in a case.
struct CaseMatterRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "bankruptcy_case_matter"
    static let module = BankruptcyCoordinationModule.id
    static let noun = "case matter"
    static let command = "bankruptcy case-matters"
    var id: Int64?
    var caseId: Int64
    var matter: String
    var title: String
    var citation: String
    var note: String?
    var level: MeetingLevel
    var status: MatterStatus
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "level" ? MeetingLevel.self : nil
    }

    static let columns: [OutputColumn<CaseMatterRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("case") { String($0.caseId) }, OutputColumn("matter") { "\($0.matter)、\($0.title)" },
        OutputColumn("level") { $0.level.label }, OutputColumn("status") { $0.status.rawValue }, OutputColumn("note") { $0.note ?? "" },
        OutputColumn("citation") { $0.citation },
    ]

    /// A matter is raised in a case in force that is still open.
    func check(on today: CivilDate, in db: Database) throws {
        let bankruptcyCase = try CaseRecord.entry(caseId, in: db)
        guard bankruptcyCase.voidedAt == nil else { throw EntryError("case", "case \(caseId) is void") }
        if let closed = bankruptcyCase.closedOn, status == .open { throw EntryError("case \(caseId) was closed on \(closed)") }
    }
}

/// `bankruptcy_routing`: a linked unit a case matter goes to.
struct RoutingRecord: StoredRecord {
    static let databaseTableName = "bankruptcy_routing"
    var caseMatterId: Int64
    var unit: String
}

/// `bankruptcy_meeting`: a meeting held, on a case matter or not.
struct MeetingRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "bankruptcy_meeting"
    static let module = BankruptcyCoordinationModule.id
    static let noun = "meeting"
    static let command = "bankruptcy meetings"
    var id: Int64?
    var level: MeetingLevel
    var date: CivilDate
    var chair: String?
    var caseMatterId: Int64?
    var outcome: MeetingOutcome?
    var note: String?
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        switch field {
        case "level": MeetingLevel.self
        case "outcome": MeetingOutcome.self
        default: nil
        }
    }

    static let columns: [OutputColumn<MeetingRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("level") { $0.level.label }, OutputColumn("date") { $0.date.description },
        OutputColumn("chair") { $0.chair ?? "" }, OutputColumn("case matter") { $0.caseMatterId.map(String.init) ?? "" },
        OutputColumn("outcome") { $0.outcome?.rawValue ?? "" }, OutputColumn("note") { $0.note ?? "" },
    ]

    /// A meeting on a case matter comes after the court accepted the case (五(一)), and after
    /// the meetings before it on the same matter; the mechanism meets from its own document on.
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(date, field: "date", today: today)
        if let founded = try DocumentQueries.recognised(by: BankruptcyCoordinationModule.id, in: db).first?.date.flatMap({ CivilDate($0) }), date < founded {
            throw EntryError("date", "\(date) is before the coordination mechanism was set up (\(founded))")
        }
        try requireBodyExists(module: BankruptcyCoordinationModule.id, on: date, field: "date", in: db)
        guard let matterId = caseMatterId else { return }
        let matter = try CaseMatterRecord.entry(matterId, in: db)
        let bankruptcyCase = try CaseRecord.entry(matter.caseId, in: db)
        try Self.requireInForce(bankruptcyCase, field: "case-matter-id")
        if date < bankruptcyCase.acceptedOn {
            throw EntryError("date", "\(date) is before the court accepted the case (\(bankruptcyCase.acceptedOn)): matters are coordinated as the bankruptcy procedure goes on (周政办字〔2020〕38号 四)")
        }
        if let previous = try MeetingRecord.inForce.filter(Column("case_matter_id") == matterId && Column("id") < (id ?? Int64.max))
            .order(Column("date").desc).fetchOne(db), date < previous.date {
            throw EntryError("date", "\(date) is before the matter's previous meeting (\(previous.date), \(previous.level.label))")
        }
    }
}

/// `bankruptcy_followup`: a decision binding its owner, and how it was carried out.
struct DecisionRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "bankruptcy_followup"
    static let module = BankruptcyCoordinationModule.id
    static let noun = "decision"
    static let command = "bankruptcy decisions"
    var id: Int64?
    var meetingId: Int64
    var owner: String
    var task: String
    var due: CivilDate?
    var closedOn: CivilDate?
    var outcome: String?
    var voidedAt: String?
    var voidReason: String?

    static let columns: [OutputColumn<DecisionRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("meeting") { String($0.meetingId) }, OutputColumn("owner") { $0.owner },
        OutputColumn("task") { $0.task }, OutputColumn("due") { $0.due?.description ?? "" }, OutputColumn("closed") { $0.closedOn?.description ?? "" },
        OutputColumn("outcome") { $0.outcome ?? "" },
    ]

    /// A decision is carried out after the meeting that made it.
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(closedOn, field: "closed-on", today: today)
        let meeting = try MeetingRecord.entry(meetingId, in: db)
        try Self.requireInForce(meeting, field: "meeting-id")
        if let due, due < meeting.date { throw EntryError("due", "\(due) is before the meeting that made the decision (\(meeting.date))") }
        if let closedOn, closedOn < meeting.date { throw EntryError("closed-on", "\(closedOn) is before the meeting that made the decision (\(meeting.date))") }
        if closedOn != nil, (outcome ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw EntryError("outcome", "a decision is closed with what came of it")
        }
    }
}

/// `bankruptcy_list_filing`: a list filed for a period.
struct ListFilingRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "bankruptcy_list_filing"
    static let module = BankruptcyCoordinationModule.id
    static let noun = "list filing"
    static let command = "bankruptcy lists"
    var id: Int64?
    var list: String
    var period: String
    var unit: String
    var filedOn: CivilDate
    var voidedAt: String?
    var voidReason: String?

    static let columns: [OutputColumn<ListFilingRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("list") { $0.list }, OutputColumn("period") { $0.period },
        OutputColumn("unit") { $0.unit }, OutputColumn("filed") { $0.filedOn.description },
    ]

    /// The period is one the document's interval makes (五(二): `YYYY-Pn`), and the list is filed
    /// once it has begun.
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(filedOn, field: "filed-on", today: today)
        guard let definition = try MemberLists.definitions().first(where: { $0.code == list }) else {
            throw EntryError("list", "\(list) is not one of \(try MemberLists.definitions().map(\.code).joined(separator: ", ")) (周政办字〔2020〕38号 五(二))")
        }
        guard unit == definition.unit else { throw EntryError("unit", "\(definition.list) is filed by \(definition.unit), not \(unit) (周政办字〔2020〕38号 五(二))") }
        let periods = try MemberLists.periods(of: period, parameters: try BankruptcyCoordinationModule.parameters())
        guard let (from, _) = periods else {
            throw EntryError("period", "\(period) is not a period of the lists (filed every quarter as the district sets it: YYYY-Q1 … YYYY-Q4)")
        }
        guard filedOn >= from else { throw EntryError("filed-on", "\(filedOn) is before the period \(period) began (\(from))") }
        try requireUnique(Column("list") == list && Column("period") == period, what: "\(list) for \(period) is filed already", in: db)
    }
}

/// `bankruptcy_contact`: the contact each member unit names (联系人: 各成员单位分别确定1名承办科室负责人为联系人, 三).
struct ContactRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "bankruptcy_contact"
    static let module = BankruptcyCoordinationModule.id
    static let noun = "contact"
    static let command = "bankruptcy contacts"
    var id: Int64?
    var unit: String
    var name: String
    var post: String?
    var phone: String?
    var since: CivilDate
    var voidedAt: String?
    var voidReason: String?

    static let columns: [OutputColumn<ContactRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("unit") { $0.unit }, OutputColumn("name") { $0.name },
        OutputColumn("post") { $0.post ?? "" }, OutputColumn("phone") { $0.phone ?? "" }, OutputColumn("since") { $0.since.description },
    ]

    /// One contact per member unit (三): a new one replaces the old with `contacts amend`.
    func check(on today: CivilDate, in db: Database) throws {
        try requireUnique(Column("unit") == unit, what: "unit: \(unit) has its contact already (one per member unit, 周政办字〔2020〕38号 三)", in: db)
    }
}

public struct CaseMatter: Codable, Sendable, Equatable {
    public var id: Int64
    /// The matter's number in 附件2 (一 … 十二).
    public var matter: String
    public var title: String
    /// The linked units of 附件2, as routed.
    public var units: [String]
    public var level: MeetingLevel
    public var status: MatterStatus
    public var meetings: [String]
    public var citation: String
}

public struct BankruptcyCase: Codable, Sendable, Tabular {
    public var id: Int64
    public var debtor: String
    public var acceptedOn: CivilDate
    public var administrator: String?
    public var closedOn: CivilDate?
    public var outcome: String?
    public var matters: [CaseMatter]

    public static let columns: [OutputColumn<BankruptcyCase>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("debtor") { $0.debtor }, OutputColumn("accepted") { $0.acceptedOn.description },
        OutputColumn("administrator") { $0.administrator ?? "" },
        OutputColumn("closed") { bankruptcyCase in bankruptcyCase.closedOn.map { "\($0): \(bankruptcyCase.outcome ?? "")" } ?? "" },
        OutputColumn("matters") { $0.matters.map { "\($0.matter) \($0.level.label) \($0.status.rawValue)" }.joined(separator: "; ") },
    ]
}

/// Routing and escalation of a case's matters (四: 决策部署自上而下，具体工作从下到上).
enum Coordination {
    static func open(debtor: String, accepted: CivilDate, administrator: String?, by context: OperationContext, in db: Database) throws -> Int64 {
        var record = CaseRecord(debtor: Normalize.key(debtor), acceptedOn: accepted, administrator: administrator)
        try Ledger.add(&record, by: context, in: db)
        return record.id!
    }

    static func close(_ id: Int64, on day: CivilDate, outcome: String, by context: OperationContext, in db: Database) throws {
        try Ledger.change(CaseRecord.self, key: id, action: "close", records: ["closedOn"], by: context, in: db) { record in
            record.closedOn = day
            record.outcome = outcome
        }
    }

    /// The case matter a clerk means by a case and a matter of 附件2 (`3`), or by the case alone
    /// when it has one matter open.
    static func caseMatter(of caseId: Int64, matter: String?, in db: Database) throws -> Int64 {
        let bankruptcyCase = try CaseRecord.entry(caseId, in: db)
        try CaseMatterRecord.requireInForce(bankruptcyCase, field: "case")
        let matters = try CaseMatterRecord.inForce.filter(Column("case_id") == caseId).order(Column("id")).fetchAll(db)
        let listed = matters.map { "\($0.matter)、\($0.title)" }.joined(separator: "; ")
        guard let matter else {
            guard matters.count == 1, let only = matters.first else {
                throw EntryError("matter", matters.isEmpty ? "case \(caseId) has no matter yet: add one with `zhoucun bankruptcy cases matter \(caseId) --matter N`"
                                                           : "case \(caseId) has \(matters.count) matters (\(listed)): say which with --matter")
            }
            return only.id!
        }
        guard let found = matters.first(where: { $0.matter == matter }) else {
            throw EntryError("matter", "case \(caseId) has no matter \(matter)\(matters.isEmpty ? "" : " (it has \(listed))")")
        }
        return found.id!
    }

    static func closeDecision(_ id: Int64, on day: CivilDate, outcome: String, by context: OperationContext, in db: Database) throws {
        try Ledger.change(DecisionRecord.self, key: id, action: "close", records: ["closedOn"], by: context, in: db) {
            $0.closedOn = day
            $0.outcome = outcome
        }
    }

    /// The matters of 附件2 as imported, with their linked units.
    static func matters(in db: Database) throws -> [AssignmentRow] {
        try DocumentQueries.recognised(by: BankruptcyCoordinationModule.id, in: db).flatMap {
            try RosterQueries.assignments(kind: "matter", documentId: $0.id, in: db)
        }
    }

    /// Adds a matter to a case and routes it to exactly the linked units of 附件2. It starts at
    /// the lowest level: a business meeting between those units.
    static func addMatter(caseId: Int64, matter number: String, note: String?, by context: OperationContext, in db: Database) throws -> CaseMatter {
        _ = try CaseRecord.entry(caseId, in: db)
        let label = SectionNumber(citation: number)?.label ?? number
        guard let matter = try matters(in: db).first(where: { $0.number == label }) else {
            throw EntryError("matter", "附件2 has no matter \(number) (import 周政办字〔2020〕38号; `zhoucun bankruptcy matters` lists them)")
        }
        var record = CaseMatterRecord(caseId: caseId, matter: label, title: matter.title, citation: matter.citation, note: note,
                                      level: .business, status: .open)
        try Ledger.add(&record, reason: "routed to \(matter.units.joined(separator: "、"))", by: context, in: db)
        for unit in matter.units {
            var routing = RoutingRecord(caseMatterId: record.id!, unit: unit)
            try routing.insert(db)
        }
        return try caseMatter(record.id!, in: db)
    }

    /// The people who may chair a level, from the roster in force (四(一)1, 四(二)1).
    static func chairs(_ level: MeetingLevel, on day: CivilDate, in db: Database) throws -> [String]? {
        guard level != .business, let bodyId = try DocumentQueries.bodyIds(foundedByDocumentsOf: BankruptcyCoordinationModule.id, in: db).first else {
            return nil
        }
        let members = try RosterQueries.members(ofBodyId: bodyId, on: day.description, in: db)
        switch level {
        case .joint:
            return members.filter { ["chief-convener", "convener"].contains($0.roleCode) }.map(\.name)
        case .topic:
            let director = try RosterQueries.bodies(in: db).first { $0.id == bodyId }?.officeDirector
            return members.filter { $0.roleCode == "convener" }.map(\.name) + [director].compactMap { $0 }
        case .business:
            return nil
        }
    }

    static func checkChair(_ chair: String?, _ level: MeetingLevel, on date: CivilDate, in db: Database) throws {
        if let chair, let allowed = try chairs(level, on: date, in: db), !allowed.contains(Normalize.personName(chair)) {
            throw EntryError("chair", "a \(level.label) is chaired by \(allowed.joined(separator: "、")) (\(level.citation)), not \(chair)")
        }
    }

    /// Records a meeting on a matter at the level it has reached. What it cannot settle goes up
    /// one level; a decision becomes a follow-up binding its owner.
    static func meet(caseMatter id: Int64, level: MeetingLevel, date: CivilDate, chair: String?, outcome: MeetingOutcome, note: String?,
                     decision: String?, owner: String?, due: CivilDate?, by context: OperationContext, in db: Database) throws -> CaseMatter {
        let before = try CaseMatterRecord.entry(id, in: db)
        var matter = before
        guard matter.voidedAt == nil else { throw EntryError("case matter \(id) is void") }
        guard matter.status == .open else { throw EntryError("matter \(id) is settled already") }
        let bankruptcyCase = try CaseRecord.entry(matter.caseId, in: db)
        if let closed = bankruptcyCase.closedOn { throw EntryError("case \(bankruptcyCase.id!) was closed on \(closed)") }
        guard matter.level == level else {
            throw EntryError("level", "matter \(id) stands at the \(matter.level.label) (\(matter.level.rawValue)); a \(level.label) comes only after it fails, in order (四)")
        }
        try checkChair(chair, level, on: date, in: db)
        var meeting = MeetingRecord(level: level, date: date, chair: chair.map(Normalize.personName), caseMatterId: id, outcome: outcome, note: note)
        try Ledger.add(&meeting, by: context, in: db)
        if let decision {
            guard let owner else { throw EntryError("owner", "a decision needs the unit that carries it out") }
            let (_, unit) = try RosterQueries.requireUnit(owner, in: db)
            var followUp = DecisionRecord(meetingId: meeting.id!, owner: unit, task: decision, due: due)
            try Ledger.add(&followUp, by: context, in: db)
        }
        if outcome == .settled {
            matter.status = .settled
        } else if let next = level.next {
            matter.level = next
        }
        try Ledger.update(matter, from: before, action: outcome == .settled ? "settle" : "escalate",
                          reason: "meeting \(meeting.id!) (\(level.label), \(date))", by: context, in: db)
        return try caseMatter(id, in: db)
    }

    /// A member unit's contact (联络员), under the unit's name as the roster has it.
    static func addContact(unit typed: String, name: String, post: String?, phone: String?, since: CivilDate, by context: OperationContext,
                           in db: Database) throws -> ContactRecord {
        let (_, unit) = try RosterQueries.requireUnit(typed, in: db)
        var contact = ContactRecord(unit: unit, name: Normalize.personName(name), post: post, phone: phone, since: since)
        try Ledger.add(&contact, by: context, in: db)
        return contact
    }

    /// A meeting not tied to a case (the half-yearly joint meeting, the quarterly topic meeting).
    static func meeting(level: MeetingLevel, date: CivilDate, chair: String?, note: String?, by context: OperationContext, in db: Database) throws -> Int64 {
        try checkChair(chair, level, on: date, in: db)
        var meeting = MeetingRecord(level: level, date: date, chair: chair.map(Normalize.personName), note: note)
        try Ledger.add(&meeting, by: context, in: db)
        return meeting.id!
    }

    static func caseMatter(_ id: Int64, in db: Database) throws -> CaseMatter {
        let record = try CaseMatterRecord.entry(id, in: db)
        let units = try RoutingRecord.filter(Column("case_matter_id") == id).order(Column.rowID).fetchAll(db).map(\.unit)
        let meetings = try MeetingRecord.inForce.filter(Column("case_matter_id") == id).order(Column("date"), Column("id")).fetchAll(db)
            .map { "\($0.date) \($0.level.label) \($0.outcome?.rawValue ?? "")" }
        return CaseMatter(id: id, matter: record.matter, title: record.title, units: units, level: record.level,
                          status: record.status, meetings: meetings, citation: record.citation)
    }

    static func `case`(_ id: Int64, in db: Database) throws -> BankruptcyCase {
        let record = try CaseRecord.entry(id, in: db)
        let matters = try CaseMatterRecord.inForce.filter(Column("case_id") == id).order(Column("id")).fetchAll(db).map { try caseMatter($0.id!, in: db) }
        return BankruptcyCase(id: id, debtor: record.debtor, acceptedOn: record.acceptedOn, administrator: record.administrator,
                              closedOn: record.closedOn, outcome: record.outcome, matters: matters)
    }

    static func cases(in db: Database) throws -> [BankruptcyCase] {
        try CaseRecord.inForce.order(Column("id")).fetchAll(db).map { try self.case($0.id!, in: db) }
    }
}

/// A decision of a meeting, binding its owner (五(三): 对各成员单位均具有约束力).
public struct Decision: Codable, Sendable, Equatable, Tabular {
    public var id: Int64
    public var meeting: String
    public var owner: String
    public var task: String
    public var due: CivilDate?
    public var overdue: Bool
    public var citation: String

    public static let columns: [OutputColumn<Decision>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("meeting") { $0.meeting }, OutputColumn("owner") { $0.owner },
        OutputColumn("task") { $0.task }, OutputColumn("due") { $0.due?.description ?? "" },
        OutputColumn("status") { $0.overdue ? "OVERDUE" : "open" }, OutputColumn("citation") { $0.citation },
    ]
}

extension Coordination {
    static func decisions(on today: CivilDate, in db: Database) throws -> [Decision] {
        // Open on `today`: not closed by then, made at a meeting in force.
        let open = DecisionRecord.inForce.filter(Column("closed_on") == nil || Column("closed_on") > today)
        return try open.order(Column("due"), Column("id")).fetchAll(db).compactMap { decision in
            guard let meeting = try MeetingRecord.inForce.filter(key: decision.meetingId).fetchOne(db) else { return nil }
            return Decision(id: decision.id!, meeting: "\(meeting.date) \(meeting.level.label)", owner: decision.owner, task: decision.task,
                            due: decision.due, overdue: decision.due.map { $0 < today } ?? false, citation: "周政办字〔2020〕38号 五(三)")
        }
    }
}

/// One period of the meeting cadence: held, missed, or still to come.
public struct SchedulePeriod: Codable, Sendable, Equatable, Tabular {
    public var level: String
    public var period: String
    public var from: CivilDate
    public var to: CivilDate
    public var held: [CivilDate]
    /// `held`, `missed` or `due`.
    public var status: String
    public var citation: String

    public static let columns: [OutputColumn<SchedulePeriod>] = [
        OutputColumn("meeting") { $0.level }, OutputColumn("period") { $0.period }, OutputColumn("from") { $0.from.description },
        OutputColumn("to") { $0.to.description }, OutputColumn("held") { $0.held.map(\.description).joined(separator: ", ") },
        OutputColumn("status") { $0.status }, OutputColumn("citation") { $0.citation },
    ]
}

enum Cadence {
    /// 四(一)3 and 四(二)3: a joint meeting every half year, a topic meeting every quarter.
    static func schedule(year: Int, on today: CivilDate, parameters: ParameterTable, in db: Database) throws -> [SchedulePeriod] {
        guard let start = CivilDate(year: year, month: 1, day: 1) else { throw EntryError("year", "\(year) is not a year") }
        var periods: [SchedulePeriod] = []
        for (level, id, name) in [(MeetingLevel.joint, "joint-meeting.interval-months", "H"), (.topic, "topic-meeting.interval-months", "Q")] {
            let (months, source) = try parameters.decimal(id, on: start)
            let step = NSDecimalNumber(decimal: months).intValue
            guard step > 0, 12 % step == 0 else { throw ParameterError(description: "\(id) must divide the year into whole periods") }
            for (index, firstMonth) in stride(from: 1, through: 12, by: step).enumerated() {
                let from = CivilDate(year: year, month: firstMonth, day: 1)!
                let lastMonth = firstMonth + step - 1
                let to = CivilDate(year: year, month: lastMonth, day: CivilDate.daysIn(month: lastMonth, year: year))!
                let held = try MeetingRecord.inForce.filter(Column("level") == level && Column("date") >= from && Column("date") <= to)
                    .order(Column("date")).fetchAll(db).map(\.date).reduce(into: [CivilDate]()) { if $0.last != $1 { $0.append($1) } }
                let status = !held.isEmpty ? "held" : (to < today ? "missed" : "due")
                periods.append(SchedulePeriod(level: level.label, period: "\(year)-\(name)\(index + 1)", from: from, to: to, held: held,
                                              status: status, citation: source))
            }
        }
        return periods
    }
}

/// The lists member units file (五(二)), who owes which, and what is overdue.
public struct ListDue: Codable, Sendable, Equatable, Tabular {
    public var list: String
    public var code: String
    public var unit: String
    public var period: String
    public var due: CivilDate
    public var filedOn: CivilDate?
    public var overdue: Bool
    /// Filed after it was due.
    public var late: Bool
    public var citation: String

    public static let columns: [OutputColumn<ListDue>] = [
        OutputColumn("list") { $0.list }, OutputColumn("unit") { $0.unit }, OutputColumn("period") { $0.period },
        OutputColumn("due") { $0.due.description },
        OutputColumn("status") { row in row.filedOn.map { "filed \($0)" + (row.late ? " (late)" : "") } ?? (row.overdue ? "OVERDUE" : "open") },
        OutputColumn("citation") { $0.citation },
    ]
}

enum MemberLists {
    struct Definition { var code: String; var list: String; var unit: String }

    static func definitions() throws -> [Definition] {
        guard let url = Bundle.module.url(forResource: "member-lists", withExtension: "csv") else {
            throw ParameterError(description: "member-lists.csv is missing from the installation")
        }
        let table = try CSVTable(text: try String(contentsOf: url, encoding: .utf8), file: "member-lists.csv",
                                 columns: [.init("code"), .init("list"), .init("unit")], comments: true)
        return try table.rows.map { Definition(code: try $0.required("code"), list: try $0.required("list"), unit: try $0.required("unit")) }
    }

    /// A list as a clerk names it: its code (`revoked`), its name in 五(二) (`吊销企业名单及基本情况`)
    /// or the name's first part (`吊销企业名单`).
    static func code(of typed: String) throws -> String {
        let key = Normalize.key(typed)
        let lists = try definitions()
        if let found = lists.first(where: { $0.code == key || $0.list == key || $0.list.hasPrefix(key) && key.hasSuffix("名单") }) { return found.code }
        throw EntryError("list", "\(typed) is not one of the lists of 五(二): \(lists.map { "\($0.list) (\($0.code))" }.joined(separator: "、"))")
    }

    static func file(code typed: String, period: String, on day: CivilDate, by context: OperationContext, in db: Database) throws {
        let code = try code(of: typed)
        let unit = try definitions().first { $0.code == code }?.unit ?? ""
        let named = try Self.period(period, parameters: try BankruptcyCoordinationModule.parameters()) ?? period
        var filing = ListFilingRecord(list: code, period: named, unit: unit, filedOn: day)
        try Ledger.add(&filing, by: context, in: db)
    }

    /// A period as typed (`2021-Q1`; `2021-P1` as earlier lists named it) in the name the lists
    /// use, or nil.
    static func period(_ typed: String, parameters: ParameterTable) throws -> String? {
        let key = Normalize.key(typed).uppercased()
        guard let match = key.wholeMatch(of: /([0-9]{4})-[PQHM]([0-9]{1,2})/), let year = Int(match.1),
              let yearEnd = CivilDate(year: year, month: 12, day: 31) else { return nil }
        let step = NSDecimalNumber(decimal: try parameters.decimal("lists.interval-months", on: yearEnd).value).intValue
        return "\(year)-\(periodLetter(months: step))\(match.2)"
    }

    /// The first and last day of a period named `YYYY-Qn`, when the district's interval makes it.
    static func periods(of period: String, parameters: ParameterTable) throws -> (CivilDate, CivilDate)? {
        guard let match = period.wholeMatch(of: /([0-9]{4})-[PQHM]([0-9]{1,2})/), let year = Int(match.1), let index = Int(match.2),
              let yearEnd = CivilDate(year: year, month: 12, day: 31) else { return nil }
        let step = NSDecimalNumber(decimal: try parameters.decimal("lists.interval-months", on: yearEnd).value).intValue
        guard step > 0, 12 % step == 0, (1...(12 / step)).contains(index) else { return nil }
        let firstMonth = (index - 1) * step + 1, lastMonth = firstMonth + step - 1
        return (CivilDate(year: year, month: firstMonth, day: 1)!, CivilDate(year: year, month: lastMonth, day: CivilDate.daysIn(month: lastMonth, year: year))!)
    }

    /// Each list for each period of the year that has begun by `on`; due at the period's end.
    static func due(year: Int, on today: CivilDate, parameters: ParameterTable, in db: Database) throws -> [ListDue] {
        let (months, source) = try parameters.decimal("lists.interval-months", on: CivilDate(year: year, month: 12, day: 31)!)
        let step = NSDecimalNumber(decimal: months).intValue
        guard step > 0, 12 % step == 0 else { throw ParameterError(description: "lists.interval-months must divide the year into whole periods") }
        var rows: [ListDue] = []
        for (index, firstMonth) in stride(from: 1, through: 12, by: step).enumerated() {
            guard let from = CivilDate(year: year, month: firstMonth, day: 1), from <= today else { continue }
            let lastMonth = firstMonth + step - 1
            let end = CivilDate(year: year, month: lastMonth, day: CivilDate.daysIn(month: lastMonth, year: year))!
            let period = "\(year)-\(periodLetter(months: step))\(index + 1)"
            for definition in try definitions() {
                let filed = try ListFilingRecord.inForce.filter(Column("list") == definition.code && Column("period") == period).fetchOne(db)?.filedOn
                rows.append(ListDue(list: definition.list, code: definition.code, unit: definition.unit, period: period, due: end,
                                    filedOn: filed, overdue: filed == nil && end < today, late: filed.map { $0 > end } ?? false, citation: source))
            }
        }
        return rows
    }
}
