import Foundation
import GRDB
import GazetteModel

/// 督办: the tasks documents assign, and what the units report on them. Tasks are read from
/// every document at import (`OfficialDocument.readTasks()`); a clerk adds the ones a leader
/// gives (领导批示). A task is known by its id (its lineage) across the versions of its document.
public enum TaskRecords {
    /// One row of `task`: a task as one version of a document prints it.
    public struct TaskRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
        public static let databaseTableName = "task"
        public var id: Int64?
        public var lineage: Int64
        public var documentId: Int64?
        public var ord: Int
        public var ref: String?
        public var citation: String
        public var text: String
        public var layout: String
        public var dueText: String?
        public var due: CivilDate?
        public var recurring: String?
        public var recurringDay: Int?
        public var ongoing: Bool
        public var assignedOn: CivilDate
        public var source: String?

        enum CodingKeys: String, CodingKey {
            case id, lineage, documentId = "document_id", ord, ref, citation, text, layout, dueText = "due_text", due, recurring,
                 recurringDay = "recurring_day", ongoing, assignedOn = "assigned_on", source
        }

        public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// One row of `task_unit`: a unit named for a task, as printed, and the store's unit when it
    /// knows it (nil: flagged as unknown).
    public struct UnitRow: Codable, Sendable, FetchableRecord, PersistableRecord {
        public static let databaseTableName = "task_unit"
        public var taskId: Int64
        public var ord: Int
        public var relation: Relation
        public var name: String
        public var unitId: Int64?

        public enum Relation: String, Codable, Sendable, DatabaseValueConvertible { case lead, unit }

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id", ord, relation, name, unitId = "unit_id"
        }
    }

    /// One row of `task_event`: a unit's progress report (进度反馈), the task's end (办结), or an
    /// extension of its deadline (延期).
    public struct Event: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
        public static let databaseTableName = "task_event"
        public enum Kind: String, Codable, Sendable, DatabaseValueConvertible { case report, done, extend }

        public var id: Int64?
        public var lineage: Int64
        public var kind: Kind
        public var onDate: CivilDate
        public var unit: String?
        /// The progress, the evidence it was done, or why the deadline moved.
        public var text: String
        /// The new deadline of an extension.
        public var toDate: CivilDate?
        /// Why an end was recorded again (an amended 办结).
        public var reason: String?
        public var recordedBy: String
        public var recordedAt: String

        enum CodingKeys: String, CodingKey {
            case id, lineage, kind, onDate = "on_date", unit, text, toDate = "to_date", reason, recordedBy = "recorded_by", recordedAt = "recorded_at"
        }

        public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// A task as the ledger shows it: its current text and units, where it comes from, and its history.
    public struct Task: Sendable {
        public var row: TaskRow
        /// The id clerks use: the task's lineage.
        public var id: Int64 { row.lineage }
        /// Its document's 文号, else title; nil for a leader's instruction.
        public var document: String?
        public var lead: [UnitRow]
        public var units: [UnitRow]
        public var events: [Event]

        /// The deadline in force: the last extension's, else the printed one.
        public var due: CivilDate? { events.last(where: { $0.kind == .extend })?.toDate ?? row.due }
        /// The last end recorded.
        public var done: Event? { events.last(where: { $0.kind == .done }) }
        public var reports: [Event] { events.filter { $0.kind == .report } }

        public func names(_ relation: UnitRow.Relation) -> [String] { (relation == .lead ? lead : units).map(\.name) }
        /// The units named that the store does not know.
        public var unknownUnits: [String] { (lead + units).filter { $0.unitId == nil }.map(\.name) }
        public var allUnits: [String] { (lead + units).map(\.name) }
    }

    // MARK: - Import

    /// Stores the tasks one version of a document prints. A task the version before it also
    /// printed (same number and words, else same words) keeps its id and its history.
    public static func store(_ tasks: [AssignedTask], documentId: Int64, assignedOn: CivilDate, in db: Database, units: UnitNames = .standard) throws {
        let previous = try previousTasks(of: documentId, in: db)
        var taken = Set<Int64>()
        for (order, task) in tasks.enumerated() {
            let key = Normalize.key(task.text)
            let match = previous.first { !taken.contains($0.lineage) && $0.ref == task.ref && Normalize.key($0.text) == key }
                ?? previous.first { !taken.contains($0.lineage) && Normalize.key($0.text) == key }
            var row = TaskRow(id: nil, lineage: match?.lineage ?? 0, documentId: documentId, ord: order + 1, ref: task.ref,
                              citation: task.citation.description, text: task.text, layout: task.layout.rawValue, dueText: task.deadline?.printed,
                              due: task.deadline?.due, recurring: task.deadline?.recurrence?.rawValue, recurringDay: task.deadline?.day,
                              ongoing: task.deadline?.ongoing ?? false, assignedOn: assignedOn, source: nil)
            try row.insert(db)
            if let match {
                taken.insert(match.lineage)
            } else {
                row.lineage = row.id!
                try row.update(db)
            }
            try insertUnits(lead: task.lead, units: task.units, taskId: row.id!, in: db, names: units)
        }
    }

    static func insertUnits(lead: [String], units: [String], taskId: Int64, in db: Database, names: UnitNames) throws {
        let named = lead.map { ($0, UnitRow.Relation.lead) } + units.map { ($0, UnitRow.Relation.unit) }
        for (order, (name, relation)) in named.enumerated() {
            let unit = try RosterQueries.unitId(name, in: db, units: names)
            try UnitRow(taskId: taskId, ord: order + 1, relation: relation, name: name, unitId: unit?.0).insert(db)
        }
    }

    /// The tasks of the version a new one replaces: the latest other version of the same document.
    static func previousTasks(of documentId: Int64, in db: Database) throws -> [TaskRow] {
        try TaskRow.fetchAll(db, sql: """
            SELECT t.* FROM task t WHERE t.document_id = (
                SELECT o.id FROM document o JOIN document d ON d.identity = o.identity
                WHERE d.id = ? AND o.id != d.id ORDER BY o.version DESC LIMIT 1)
            ORDER BY t.ord
            """, arguments: [documentId])
    }

    // MARK: - Reading

    public struct Filter: Sendable {
        public var unit: String?
        public var document: String?
        public init(unit: String? = nil, document: String? = nil) {
            self.unit = unit
            self.document = document
        }
    }

    /// The tasks in force: those of documents in force, and the ones leaders gave, in the order
    /// of their documents and as printed. `unit` keeps those naming the unit (any of its names).
    public static func tasks(_ filter: Filter = Filter(), in db: Database, units names: UnitNames = .standard) throws -> [Task] {
        var conditions = ["(t.document_id IS NULL OR d.is_current = 1)"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let document = filter.document {
            let ids = try documentIds(document, in: db)
            conditions.append("t.document_id IN (\(ids.map(String.init).joined(separator: ",")))")
        }
        if let unit = filter.unit {
            // As printed, or through the store's unit (any of its names) when it knows one.
            let printed = unit.trimmingCharacters(in: .whitespaces)
            if let known = try RosterQueries.unitId(unit, in: db, units: names) {
                conditions.append("t.id IN (SELECT task_id FROM task_unit WHERE name = ? OR unit_id = ?)")
                arguments += [printed, known.0]
            } else {
                conditions.append("t.id IN (SELECT task_id FROM task_unit WHERE name = ?)")
                arguments.append(printed)
            }
        }
        let rows = try TaskRow.fetchAll(db, sql: """
            SELECT t.* FROM task t LEFT JOIN document d ON d.id = t.document_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY t.document_id IS NULL, t.document_id, t.ord, t.id
            """, arguments: StatementArguments(arguments) ?? [])
        return try rows.map { try task($0, in: db) }
    }

    /// One task by its id, in force or not.
    public static func task(id: Int64, in db: Database) throws -> Task {
        guard let task = try find(id: id, in: db) else {
            throw QueryError("no task has the id \(id); `zhoucun tasks list` lists them with their ids")
        }
        return task
    }

    /// The task of this id, nil when there is none: its version in force, else its latest.
    public static func find(id: Int64, in db: Database) throws -> Task? {
        try TaskRow.fetchOne(db, sql: """
            SELECT t.* FROM task t LEFT JOIN document d ON d.id = t.document_id WHERE t.lineage = ?
            ORDER BY (t.document_id IS NULL OR d.is_current = 1) DESC, t.id DESC LIMIT 1
            """, arguments: [id]).map { try task($0, in: db) }
    }

    static func task(_ row: TaskRow, in db: Database) throws -> Task {
        let units = try UnitRow.fetchAll(db, sql: "SELECT * FROM task_unit WHERE task_id = ? ORDER BY ord", arguments: [row.id])
        let events = try Event.fetchAll(db, sql: "SELECT * FROM task_event WHERE lineage = ? ORDER BY id", arguments: [row.lineage])
        let document = try row.documentId.flatMap { id in
            try String.fetchOne(db, sql: "SELECT COALESCE(number, title) FROM document WHERE id = ?", arguments: [id])
        }
        return Task(row: row, document: document, lead: units.filter { $0.relation == .lead },
                    units: units.filter { $0.relation == .unit }, events: events)
    }

    /// The documents a reference names: an id, a 文号 or a title.
    static func documentIds(_ reference: String, in db: Database) throws -> [Int64] {
        let text = reference.trimmingCharacters(in: .whitespaces)
        let ids = try Int64.fetchAll(db, sql: """
            SELECT id FROM document WHERE is_current = 1 AND (CAST(id AS TEXT) = ?1 OR number = ?1 OR title = ?1 OR identity = ?1)
            """, arguments: [text])
        guard !ids.isEmpty else {
            throw QueryError("no document in force has the id, 文号 or title \(reference); `zhoucun docs list` lists them")
        }
        return ids
    }

    // MARK: - Writes

    /// A unit's progress on a task (进度反馈).
    public static func report(_ id: Int64, unit: String, on date: CivilDate, progress: String, by context: OperationContext, in db: Database,
                              units names: UnitNames = .standard) throws -> Event {
        let task = try task(id: id, in: db)
        let unit = try namedUnit(unit, of: task, in: db, units: names)
        guard !progress.trimmingCharacters(in: .whitespaces).isEmpty else { throw QueryError("--progress is blank: say what was done") }
        return try record(Event(lineage: task.id, kind: .report, onDate: date, unit: unit, text: progress, recordedBy: context.actor,
                                recordedAt: context.timestamp), action: "task-report", task: task, by: context, in: db)
    }

    /// The task's end (办结, 销号). Refused when it is done already, unless a reason says why the
    /// end is recorded again (an amendment: the earlier one stays in the history).
    public static func done(_ id: Int64, on date: CivilDate, evidence: String, reason: String?, by context: OperationContext, in db: Database) throws -> Event {
        let task = try task(id: id, in: db)
        guard !evidence.trimmingCharacters(in: .whitespaces).isEmpty else { throw QueryError("--evidence is blank: say how it was done (文件、验收、照片…)") }
        let reason = reason?.trimmingCharacters(in: .whitespaces)
        if let done = task.done, reason?.isEmpty ?? true {
            throw QueryError("task \(id) was done on \(done.onDate) (\(done.text)); to record its end again give --reason")
        }
        return try record(Event(lineage: task.id, kind: .done, onDate: date, text: evidence, reason: reason, recordedBy: context.actor,
                                recordedAt: context.timestamp), action: "task-done", task: task, by: context, in: db)
    }

    /// A new deadline (延期): the printed one is kept, and every extension with its reason.
    public static func extend(_ id: Int64, to date: CivilDate, reason: String, on today: CivilDate, by context: OperationContext,
                              in db: Database) throws -> Event {
        let task = try task(id: id, in: db)
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw QueryError("--reason is blank: say why the deadline moves") }
        if let done = task.done { throw QueryError("task \(id) was done on \(done.onDate): a task done has no deadline to move") }
        if task.row.recurring != nil || task.row.ongoing {
            throw QueryError("task \(id) is \(task.row.dueText ?? "ongoing"): it has no single deadline to move")
        }
        if let due = task.due, date <= due { throw QueryError("\(date) is not after the deadline in force, \(due)") }
        return try record(Event(lineage: task.id, kind: .extend, onDate: today, text: reason, toDate: date, recordedBy: context.actor,
                                recordedAt: context.timestamp), action: "task-extend", task: task, by: context, in: db)
    }

    /// A task no document printed: a leader's instruction (领导批示), with where it comes from.
    public static func add(text: String, lead: [String], units: [String], deadline: Deadline?, source: String, by context: OperationContext,
                           in db: Database, names: UnitNames = .standard) throws -> Task {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw QueryError("--text is blank: say what is to be done") }
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty else { throw QueryError("--source is blank: say who gave the instruction, and when") }
        guard !lead.isEmpty else { throw QueryError("--lead names no unit: a task needs a unit to lead it") }
        let order = (try Int.fetchOne(db, sql: "SELECT MAX(ord) FROM task WHERE document_id IS NULL") ?? 0) + 1
        var row = TaskRow(id: nil, lineage: 0, documentId: nil, ord: order, ref: nil, citation: source, text: text, layout: "instruction",
                          dueText: deadline?.printed, due: deadline?.due, recurring: deadline?.recurrence?.rawValue, recurringDay: deadline?.day,
                          ongoing: deadline?.ongoing ?? false, assignedOn: context.today, source: source)
        try row.insert(db)
        row.lineage = row.id!
        try row.update(db)
        try insertUnits(lead: lead, units: units, taskId: row.id!, in: db, names: names)
        let task = try task(row, in: db)
        try WriteLog.append(LogEntry(context, action: "task-add", module: "tasks", record: "task \(task.id)", before: nil,
                                     after: "\(text)（牵头：\(lead.joined(separator: "、"))\(deadline.map { "；时限：\($0.printed)" } ?? "")）", reason: source), in: db)
        return task
    }

    static func record(_ event: Event, action: String, task: Task, by context: OperationContext, in db: Database) throws -> Event {
        var event = event
        try event.insert(db)
        let what = switch event.kind {
        case .report: "\(event.unit ?? "")：\(event.text)"
        case .done: "办结 \(event.onDate)：\(event.text)"
        case .extend: "延期至 \(event.toDate.map(String.init(describing:)) ?? "")"
        }
        try WriteLog.append(LogEntry(context, action: action, module: "tasks", record: "task \(task.id) (\(task.row.citation))",
                                     before: event.kind == .extend ? task.due.map(String.init(describing:)) : nil,
                                     after: what, reason: event.reason ?? (event.kind == .extend ? event.text : "")), in: db)
        return event
    }

    /// The unit of a task a reference names (any of its names), as the task prints it.
    static func namedUnit(_ reference: String, of task: Task, in db: Database, units names: UnitNames) throws -> String {
        let key = Normalize.key(reference)
        if let printed = task.allUnits.first(where: { Normalize.key($0) == key }) { return printed }
        if let known = try RosterQueries.unitId(reference, in: db, units: names),
           let row = (task.lead + task.units).first(where: { $0.unitId == known.0 }) {
            return row.name
        }
        throw QueryError("task \(task.id) does not name \(reference); its units: \(task.allUnits.joined(separator: "、"))")
    }
}
