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
    }
}

/// The three levels of 四, lowest first: 业务会议 → 专题会议 → 联席会议.
public enum MeetingLevel: String, Codable, Sendable, CaseIterable {
    case business, topic, joint

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

public struct CaseMatter: Codable, Sendable, Equatable {
    public var id: Int64
    /// The matter's number in 附件2 (一 … 十二).
    public var matter: String
    public var title: String
    /// The linked units of 附件2, as routed.
    public var units: [String]
    public var level: MeetingLevel
    /// `open` or `settled`.
    public var status: String
    public var meetings: [String]
    public var citation: String
}

public struct BankruptcyCase: Codable, Sendable, Tabular {
    public var id: Int64
    public var debtor: String
    public var acceptedOn: CivilDate
    public var administrator: String?
    public var matters: [CaseMatter]

    public static let columns: [OutputColumn<BankruptcyCase>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("debtor") { $0.debtor }, OutputColumn("accepted") { $0.acceptedOn.description },
        OutputColumn("administrator") { $0.administrator ?? "" },
        OutputColumn("matters") { $0.matters.map { "\($0.matter) \($0.level.label) \($0.status)" }.joined(separator: "; ") },
    ]
}

/// Routing and escalation of a case's matters (四: 决策部署自上而下，具体工作从下到上).
enum Coordination {
    static func open(debtor: String, accepted: CivilDate, administrator: String?, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO bankruptcy_case (debtor, accepted_on, administrator) VALUES (?, ?, ?)",
                       arguments: [debtor, accepted.description, administrator])
        return db.lastInsertedRowID
    }

    /// The matters of 附件2 as imported, with their linked units.
    static func matters(in db: Database) throws -> [AssignmentRow] {
        try DocumentQueries.recognised(by: BankruptcyCoordinationModule.id, in: db).flatMap {
            try RosterQueries.assignments(kind: "matter", documentId: $0.id, in: db)
        }
    }

    /// Adds a matter to a case and routes it to exactly the linked units of 附件2. It starts at
    /// the lowest level: a business meeting between those units.
    static func addMatter(caseId: Int64, matter number: String, note: String?, in db: Database) throws -> CaseMatter {
        _ = try self.case(caseId, in: db)
        let label = SectionNumber(citation: number)?.label ?? number
        guard let matter = try matters(in: db).first(where: { $0.number == label }) else {
            throw ArgumentError("--matter: 附件2 has no matter \(number) (import 周政办字〔2020〕38号; `zhoucun bankruptcy matters` lists them)")
        }
        try db.execute(sql: """
            INSERT INTO bankruptcy_case_matter (case_id, matter, title, citation, note, level, status) VALUES (?, ?, ?, ?, ?, 'business', 'open')
            """, arguments: [caseId, label, matter.title, matter.citation, note])
        let id = db.lastInsertedRowID
        for unit in matter.units {
            try db.execute(sql: "INSERT INTO bankruptcy_routing (case_matter_id, unit) VALUES (?, ?)", arguments: [id, unit])
        }
        return try caseMatter(id, in: db)
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

    /// Records a meeting on a matter at the level it has reached. What it cannot settle goes up
    /// one level; a decision becomes a follow-up binding its owner.
    static func meet(caseMatter id: Int64, level: MeetingLevel, date: CivilDate, chair: String?, settled: Bool, note: String?,
                     decision: String?, owner: String?, due: CivilDate?, in db: Database) throws -> CaseMatter {
        let matter = try caseMatter(id, in: db)
        guard matter.status == "open" else { throw ArgumentError("matter \(id) is settled already") }
        guard matter.level == level else {
            throw ArgumentError("--level: matter \(id) stands at the \(matter.level.label) (\(matter.level.rawValue)); a \(level.label) comes only after it fails, in order (四)")
        }
        if let chair, let allowed = try chairs(level, on: date, in: db), !allowed.contains(Normalize.personName(chair)) {
            throw ArgumentError("--chair: a \(level.label) is chaired by \(allowed.joined(separator: "、")) (\(level.citation)), not \(chair)")
        }
        try db.execute(sql: "INSERT INTO bankruptcy_meeting (level, date, chair, case_matter_id, outcome, note) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [level.rawValue, date.description, chair.map(Normalize.personName), id, settled ? "settled" : "unsettled", note])
        let meetingId = db.lastInsertedRowID
        if let decision {
            guard let owner else { throw ArgumentError("--owner: a decision needs the unit that carries it out") }
            let (_, unit) = try RosterQueries.requireUnit(owner, in: db)
            try db.execute(sql: "INSERT INTO bankruptcy_followup (meeting_id, owner, task, due) VALUES (?, ?, ?, ?)",
                           arguments: [meetingId, unit, decision, due?.description])
        }
        if settled {
            try db.execute(sql: "UPDATE bankruptcy_case_matter SET status = 'settled' WHERE id = ?", arguments: [id])
        } else if let next = level.next {
            try db.execute(sql: "UPDATE bankruptcy_case_matter SET level = ? WHERE id = ?", arguments: [next.rawValue, id])
        }
        return try caseMatter(id, in: db)
    }

    /// A meeting not tied to a case (the half-yearly joint meeting, the quarterly topic meeting).
    static func meeting(level: MeetingLevel, date: CivilDate, chair: String?, note: String?, in db: Database) throws -> Int64 {
        if let chair, let allowed = try chairs(level, on: date, in: db), !allowed.contains(Normalize.personName(chair)) {
            throw ArgumentError("--chair: a \(level.label) is chaired by \(allowed.joined(separator: "、")) (\(level.citation)), not \(chair)")
        }
        try db.execute(sql: "INSERT INTO bankruptcy_meeting (level, date, chair, note) VALUES (?, ?, ?, ?)",
                       arguments: [level.rawValue, date.description, chair.map(Normalize.personName), note])
        return db.lastInsertedRowID
    }

    static func caseMatter(_ id: Int64, in db: Database) throws -> CaseMatter {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM bankruptcy_case_matter WHERE id = ?", arguments: [id]) else {
            throw QueryError("no case matter \(id)")
        }
        let units = try String.fetchAll(db, sql: "SELECT unit FROM bankruptcy_routing WHERE case_matter_id = ? ORDER BY rowid", arguments: [id])
        let meetings = try Row.fetchAll(db, sql: "SELECT level, date, outcome FROM bankruptcy_meeting WHERE case_matter_id = ? ORDER BY date, id", arguments: [id])
            .map { "\($0["date"] as String) \(MeetingLevel(rawValue: $0["level"])!.label) \($0["outcome"] as String? ?? "")" }
        return CaseMatter(id: id, matter: row["matter"], title: row["title"], units: units, level: MeetingLevel(rawValue: row["level"])!,
                          status: row["status"], meetings: meetings, citation: row["citation"])
    }

    static func `case`(_ id: Int64, in db: Database) throws -> BankruptcyCase {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM bankruptcy_case WHERE id = ?", arguments: [id]) else {
            throw QueryError("no case \(id); `zhoucun bankruptcy cases list` lists them")
        }
        let matters = try Int64.fetchAll(db, sql: "SELECT id FROM bankruptcy_case_matter WHERE case_id = ? ORDER BY id", arguments: [id])
            .map { try caseMatter($0, in: db) }
        return BankruptcyCase(id: id, debtor: row["debtor"], acceptedOn: CivilDate(row["accepted_on"])!, administrator: row["administrator"], matters: matters)
    }

    static func cases(in db: Database) throws -> [BankruptcyCase] {
        try Int64.fetchAll(db, sql: "SELECT id FROM bankruptcy_case ORDER BY id").map { try self.case($0, in: db) }
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
        try Row.fetchAll(db, sql: """
            SELECT f.id, f.owner, f.task, f.due, m.level, m.date FROM bankruptcy_followup f JOIN bankruptcy_meeting m ON m.id = f.meeting_id
            WHERE f.closed_on IS NULL ORDER BY f.due, f.id
            """).map { row in
                let due = (row["due"] as String?).flatMap(CivilDate.init)
                return Decision(id: row["id"], meeting: "\(row["date"] as String) \(MeetingLevel(rawValue: row["level"])!.label)", owner: row["owner"],
                                task: row["task"], due: due, overdue: due.map { $0 < today } ?? false, citation: "周政办字〔2020〕38号 五(三)")
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
        guard let start = CivilDate(year: year, month: 1, day: 1) else { throw ArgumentError("--year: \(year) is not a year") }
        var periods: [SchedulePeriod] = []
        for (level, id, name) in [(MeetingLevel.joint, "joint-meeting.interval-months", "H"), (.topic, "topic-meeting.interval-months", "Q")] {
            let (months, source) = try parameters.decimal(id, on: start)
            let step = NSDecimalNumber(decimal: months).intValue
            guard step > 0, 12 % step == 0 else { throw ParameterError(description: "\(id) must divide the year into whole periods") }
            for (index, firstMonth) in stride(from: 1, through: 12, by: step).enumerated() {
                let from = CivilDate(year: year, month: firstMonth, day: 1)!
                let lastMonth = firstMonth + step - 1
                let to = CivilDate(year: year, month: lastMonth, day: CivilDate.daysIn(month: lastMonth, year: year))!
                let held = try String.fetchAll(db, sql: "SELECT DISTINCT date FROM bankruptcy_meeting WHERE level = ? AND date BETWEEN ? AND ? ORDER BY date",
                                               arguments: [level.rawValue, from.description, to.description]).compactMap(CivilDate.init)
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
    public var citation: String

    public static let columns: [OutputColumn<ListDue>] = [
        OutputColumn("list") { $0.list }, OutputColumn("unit") { $0.unit }, OutputColumn("period") { $0.period },
        OutputColumn("due") { $0.due.description }, OutputColumn("status") { $0.filedOn.map { "filed \($0)" } ?? ($0.overdue ? "OVERDUE" : "open") },
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

    static func file(code: String, period: String, on day: CivilDate, in db: Database) throws {
        guard let definition = try definitions().first(where: { $0.code == code }) else {
            throw ArgumentError("--list: \(code) is not one of \(try definitions().map(\.code).joined(separator: ", "))")
        }
        try db.execute(sql: "INSERT OR REPLACE INTO bankruptcy_list_filing (list, period, unit, filed_on) VALUES (?, ?, ?, ?)",
                       arguments: [code, period, definition.unit, day.description])
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
            let period = "\(year)-P\(index + 1)"
            for definition in try definitions() {
                let filed = try String.fetchOne(db, sql: "SELECT filed_on FROM bankruptcy_list_filing WHERE list = ? AND period = ?",
                                                arguments: [definition.code, period]).flatMap(CivilDate.init)
                rows.append(ListDue(list: definition.list, code: definition.code, unit: definition.unit, period: period, due: end,
                                    filedOn: filed, overdue: filed == nil && end < today, citation: source))
            }
        }
        return rows
    }
}
