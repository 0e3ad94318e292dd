import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// 督办's lights: where each task stands on a day, reckoned on the working-day calendar.
/// Green: on time; yellow (临期): due within `warningDays` working days; red (逾期): past its
/// deadline and not done; done (已办结): on time or late. A recurring order (`每季度末月20日前`) is
/// due at each occurrence; an occurrence passes when one of the task's units reported in its
/// period, and one that passed without a report makes the task red.
public struct Supervision: Sendable {
    public enum Light: String, Codable, Sendable, CaseIterable {
        case green, yellow, red, done

        /// The status word the ledger prints.
        public var status: String {
            switch self {
            case .green: "未办结"
            case .yellow: "临期"
            case .red: "逾期"
            case .done: "已办结"
            }
        }
    }

    /// A task's state on a day.
    public struct State: Sendable, Equatable {
        public var light: Light
        /// The deadline that decides the light: the one in force, or the occurrence of a
        /// recurring order concerned; nil for ongoing work.
        public var due: CivilDate?
        /// For a task done: whether it was done by its deadline.
        public var onTime: Bool?
        public var status: String { light.status }
    }

    public var calendar: WorkingDayCalendar
    /// 临期: due within this many working days.
    public var warningDays: Int

    /// Three working days: the office's practice for a 催办 call before a deadline, where the
    /// store sets none.
    public static let defaultWarningDays = 3

    /// The warning days the office set (`zhoucun config warning-days`), else the default.
    public static func warningDays(in db: Database) throws -> Int {
        try StoreSettings.warningDays(in: db) ?? defaultWarningDays
    }

    public init(calendar: WorkingDayCalendar, warningDays: Int = Supervision.defaultWarningDays) {
        self.calendar = calendar
        self.warningDays = warningDays
    }

    public func state(of task: TaskRecords.Task, on day: CivilDate) throws -> State {
        if let done = task.done, done.onDate <= day {
            let due = task.row.recurring == nil ? task.due : nil
            return State(light: .done, due: due, onTime: due.map { done.onDate <= $0 })
        }
        if let recurrence = task.row.recurring.flatMap(Deadline.Recurrence.init) {
            return try recurringState(task, recurrence, on: day)
        }
        guard let due = task.due else { return State(light: .green, due: nil) }
        return State(light: try light(due: due, on: day), due: due)
    }

    func light(due: CivilDate, on day: CivilDate) throws -> Light {
        if due < day { return .red }
        let warned = try calendar.adding(workingDays: warningDays, to: day)
        return due <= warned ? .yellow : .green
    }

    func recurringState(_ task: TaskRecords.Task, _ recurrence: Deadline.Recurrence, on day: CivilDate) throws -> State {
        let start = task.row.assignedOn
        let reports = task.reports.map(\.onDate).sorted()
        var previous = start
        for occurrence in Self.occurrences(of: recurrence, printed: task.row.dueText ?? "", day: task.row.recurringDay, from: start) {
            if occurrence >= day {
                // Reported for this period already: nothing to chase before the next one.
                if reports.contains(where: { $0 > previous && $0 <= day }) { return State(light: .green, due: occurrence) }
                return State(light: try light(due: occurrence, on: day), due: occurrence)
            }
            if !reports.contains(where: { $0 > previous && $0 <= occurrence }) { return State(light: .red, due: occurrence) }
            previous = occurrence
        }
        return State(light: .green, due: nil)
    }

    /// The due dates of a recurring order after `start`, for as long as anyone asks: the day
    /// printed (else the month's last day) of the period's last month (`末月`, `最后一个月`), of
    /// the month after the period when it says so (`季度结束后`, `次月`), or of the month a yearly
    /// or half-yearly order prints (`每年5月底前`; `每半年` in June and December for `6月`).
    public static func occurrences(of recurrence: Deadline.Recurrence, printed: String, day: Int?, from start: CivilDate) -> UnfoldSequence<CivilDate, Int> {
        let step: Int = switch recurrence {
        case .monthly: 1
        case .quarterly: 3
        case .halfYearly: 6
        case .yearly: 12
        }
        let key = Simplified.key(printed)
        let after = recurrence != .monthly && ["结束后", "次月", "下月", "首月", "第一个月"].contains(where: key.contains)
        // The month of its period a deadline falls in, counted from the period's first.
        let offset = if step >= 6, let month = Deadline.printedMonth(in: printed) { (month - 1) % step } else { step - 1 + (after ? 1 : 0) }
        // Month numbers counted from year 0: the period containing `start`, then each after it.
        let first = (start.year * 12 + start.month - 1) / step * step
        return sequence(state: 0) { index in
            while true {
                defer { index += 1 }
                let due = first + index * step + offset
                let year = due / 12
                let month = due % 12 + 1
                let length = CivilDate.daysIn(month: month, year: year)
                guard let date = CivilDate(year: year, month: month, day: min(day ?? length, length)) else { return nil }
                if date > start { return date }
                if index > 10_000 { return nil }
            }
        }
    }
}

// MARK: - The ledger's rows

extension Supervision {
    /// One task as the ledger lists it on a day (`tasks list`): the fields other tools read keep
    /// their names (`id`, `document`, `ref`, `text`, `lead`, `units`, `due_text`, `due`,
    /// `recurring`, `status`).
    public struct Line: Encodable, Sendable {
        public var id: Int64
        /// Its document's 文号, else title; nil for a leader's instruction.
        public var document: String?
        public var ref: String?
        public var citation: String
        public var text: String
        public var lead: [String]
        public var units: [String]
        /// Units named that the store does not know yet (kept as printed).
        public var unknownUnits: [String]
        public var dueText: String?
        /// The deadline in force (an extension's, else the printed one), `YYYY-MM-DD`.
        public var due: CivilDate?
        /// The deadline as printed, when an extension moved it.
        public var printedDue: CivilDate?
        public var recurring: String?
        /// For a recurring order: the occurrence the light is about.
        public var nextDue: CivilDate?
        public var status: String
        public var light: Light
        public var doneOn: CivilDate?
        public var onTime: Bool?
        public var lastReport: String?
        public var source: String?

        enum CodingKeys: String, CodingKey {
            case id, document, ref, citation, text, lead, units, unknownUnits = "unknown_units", dueText = "due_text", due,
                 printedDue = "printed_due", recurring, nextDue = "next_due", status, light, doneOn = "done_on", onTime = "on_time",
                 lastReport = "last_report", source
        }

        /// Every field, null where it has no value: other tools read the names whatever a task has.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(document, forKey: .document)
            try container.encode(ref, forKey: .ref)
            try container.encode(citation, forKey: .citation)
            try container.encode(text, forKey: .text)
            try container.encode(lead, forKey: .lead)
            try container.encode(units, forKey: .units)
            try container.encode(unknownUnits, forKey: .unknownUnits)
            try container.encode(dueText, forKey: .dueText)
            try container.encode(due, forKey: .due)
            try container.encode(printedDue, forKey: .printedDue)
            try container.encode(recurring, forKey: .recurring)
            try container.encode(nextDue, forKey: .nextDue)
            try container.encode(status, forKey: .status)
            try container.encode(light, forKey: .light)
            try container.encode(doneOn, forKey: .doneOn)
            try container.encode(onTime, forKey: .onTime)
            try container.encode(lastReport, forKey: .lastReport)
            try container.encode(source, forKey: .source)
        }
    }

    public func line(_ task: TaskRecords.Task, on day: CivilDate) throws -> Line {
        let state = try state(of: task, on: day)
        let last = task.reports.last.map { "\($0.onDate) \($0.unit ?? "")：\($0.text)" }
        return Line(id: task.id, document: task.document, ref: task.row.ref, citation: task.row.citation, text: task.row.text,
                    lead: task.names(.lead), units: task.names(.unit), unknownUnits: task.unknownUnits, dueText: task.row.dueText,
                    due: task.due, printedDue: task.due == task.row.due ? nil : task.row.due, recurring: task.row.recurring,
                    nextDue: task.row.recurring == nil ? nil : state.due, status: state.status, light: state.light,
                    doneOn: task.done?.onDate, onTime: state.onTime, lastReport: last, source: task.row.source)
    }

    /// The ledger's filter by state: 未办结 (not done), 已办结, 逾期, 临期.
    public enum StatusFilter: String, LabelledChoice {
        case open, done, overdue, dueSoon = "due-soon"

        public var labels: [String] {
            switch self {
            case .open: ["未办结"]
            case .done: ["已办结"]
            case .overdue: ["逾期"]
            case .dueSoon: ["临期"]
            }
        }

        public func admits(_ light: Light) -> Bool {
            switch self {
            case .open: light != .done
            case .done: light == .done
            case .overdue: light == .red
            case .dueSoon: light == .yellow
            }
        }
    }

    /// `tasks list`, and the web page's ledger: the tasks' lines on a day, by state (without
    /// one, those not done unless `all`) and due before a day (the occurrence concerned, for a
    /// recurring order).
    public func lines(_ tasks: [TaskRecords.Task], on day: CivilDate, status: StatusFilter? = nil, all: Bool = false,
                      dueBefore: CivilDate? = nil) throws -> [Line] {
        try tasks.map { try line($0, on: day) }.filter { line in
            if let status { guard status.admits(line.light) else { return false } } else if !all, line.light == .done { return false }
            if let dueBefore { guard let due = line.nextDue ?? line.due, due < dueBefore else { return false } }
            return true
        }
    }

    /// A deadline as a clerk types it for a task no document printed: a date (`2026-06-30`,
    /// `2026年6月30日`), or as documents print one (`6月底前`, `每季度末月20日前`, `长期坚持`), read
    /// on the year of `today`. Nil for neither.
    public static func deadline(typed text: String, today: CivilDate) -> Deadline? {
        if case .success(let date) = TypedValue.date(text) { return Deadline(printed: text, due: date) }
        return Deadline.cell(text, year: Deadline.Year(year: today.year, dated: today))
    }

    /// Why a text is no deadline `deadline(typed:today:)` reads.
    public static let notADeadline = "neither a date (2026-06-30, 2026年6月30日) nor a deadline as documents print it (6月底前, 年底前, 每季度末月20日前, 长期坚持)"

    /// A task with its history, as `tasks show` and the task's page give it.
    public struct History: Encodable, Sendable {
        public struct Entry: Encodable, Sendable {
            public var kind: String
            public var on: CivilDate
            public var unit: String?
            public var text: String
            public var to: CivilDate?
            public var reason: String?
            public var by: String
            public var at: String

            public init(_ event: TaskRecords.Event) {
                kind = switch event.kind {
                case .report: "进度反馈"
                case .done: "办结"
                case .extend: "延期"
                }
                on = event.onDate
                unit = event.unit
                text = event.text
                to = event.toDate
                reason = event.reason
                by = event.recordedBy
                at = event.recordedAt
            }
        }

        public var line: Line
        public var history: [Entry]
    }

    public func history(_ task: TaskRecords.Task, on day: CivilDate) throws -> History {
        History(line: try line(task, on: day), history: task.events.map(History.Entry.init))
    }

    /// `tasks chase`: what to chase on a day, unit by unit: every task not done that is overdue
    /// or due within the warning days, under each unit it names; unit by unit, the earliest due first.
    public struct Chase: Encodable, Sendable {
        public var unit: String
        public var role: String
        public var id: Int64
        public var document: String?
        public var ref: String?
        public var citation: String
        public var text: String
        public var due: CivilDate?
        public var status: String
        public var light: Light
        public var lastReport: String?

        enum CodingKeys: String, CodingKey {
            case unit, role, id, document, ref, citation, text, due, status, light, lastReport = "last_report"
        }
    }

    public func chase(_ tasks: [TaskRecords.Task], on day: CivilDate) throws -> [Chase] {
        var rows: [Chase] = []
        for task in tasks {
            let line = try line(task, on: day)
            guard line.light == .red || line.light == .yellow else { continue }
            for (unit, role) in line.lead.map({ ($0, "牵头") }) + line.units.map({ ($0, "责任") }) {
                rows.append(Chase(unit: unit, role: role, id: line.id, document: line.document, ref: line.ref, citation: line.citation,
                                  text: line.text, due: line.nextDue ?? line.due, status: line.status, light: line.light, lastReport: line.lastReport))
            }
        }
        // Unit by unit, the most overdue first.
        return rows.enumerated().sorted { a, b in
            if a.element.unit != b.element.unit { return a.element.unit < b.element.unit }
            let (da, db) = (a.element.due ?? .distantFuture, b.element.due ?? .distantFuture)
            return da != db ? da < db : a.offset < b.offset
        }.map(\.element)
    }

    /// `tasks stats`: per unit or per document, how many tasks, done, done on time, overdue.
    public struct Tally: Encodable, Sendable {
        public var name: String
        public var tasks = 0
        public var done = 0
        public var onTime = 0
        public var overdue = 0
        public var dueSoon = 0

        enum CodingKeys: String, CodingKey {
            case name, tasks, done, onTime = "on_time", overdue, dueSoon = "due_soon"
        }
    }

    public enum Grouping: String, Sendable, CaseIterable { case unit, document }

    public func stats(_ tasks: [TaskRecords.Task], on day: CivilDate, by grouping: Grouping) throws -> [Tally] {
        var order: [String] = []
        var tallies: [String: Tally] = [:]
        for task in tasks {
            let line = try line(task, on: day)
            let names = grouping == .unit ? line.lead + line.units : [line.document ?? "领导批示"]
            for name in Set(names).sorted(by: { names.firstIndex(of: $0)! < names.firstIndex(of: $1)! }) {
                if tallies[name] == nil { order.append(name) }
                var tally = tallies[name] ?? Tally(name: name)
                tally.tasks += 1
                if line.light == .done { tally.done += 1 }
                if line.onTime == true { tally.onTime += 1 }
                if line.light == .red { tally.overdue += 1 }
                if line.light == .yellow { tally.dueSoon += 1 }
                tallies[name] = tally
            }
        }
        return order.map { tallies[$0]! }
    }
}

extension Supervision.Line: Tabular {
    public static let columns: [OutputColumn<Supervision.Line>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("document") { $0.document ?? "领导批示" }, OutputColumn("ref") { $0.ref ?? "" },
        OutputColumn("task") { $0.text }, OutputColumn("lead") { $0.lead.joined(separator: "、") }, OutputColumn("units") { $0.units.joined(separator: "、") },
        OutputColumn("deadline") { $0.dueText ?? "" }, OutputColumn("due") { ($0.nextDue ?? $0.due)?.description ?? "" },
        OutputColumn("status") { $0.status }, OutputColumn("citation") { $0.citation },
    ]
}

extension Supervision.History.Entry: Tabular {
    public static let columns: [OutputColumn<Supervision.History.Entry>] = [
        OutputColumn("kind") { $0.kind }, OutputColumn("on") { $0.on.description }, OutputColumn("unit") { $0.unit ?? "" },
        OutputColumn("text") { $0.text }, OutputColumn("to") { $0.to?.description ?? "" }, OutputColumn("reason") { $0.reason ?? "" },
        OutputColumn("by") { $0.by }, OutputColumn("at") { $0.at },
    ]
}

extension Supervision.Chase: Tabular {
    public static let columns: [OutputColumn<Supervision.Chase>] = [
        OutputColumn("unit") { $0.unit }, OutputColumn("role") { $0.role }, OutputColumn("id") { String($0.id) },
        OutputColumn("task") { $0.text }, OutputColumn("due") { $0.due?.description ?? "" }, OutputColumn("status") { $0.status },
        OutputColumn("last report") { $0.lastReport ?? "" }, OutputColumn("citation") { $0.citation },
    ]
}

extension Supervision.Tally: Tabular {
    public static let columns: [OutputColumn<Supervision.Tally>] = [
        OutputColumn("name") { $0.name }, OutputColumn("tasks") { String($0.tasks) }, OutputColumn("done") { String($0.done) },
        OutputColumn("on time") { String($0.onTime) }, OutputColumn("overdue") { String($0.overdue) }, OutputColumn("due soon") { String($0.dueSoon) },
    ]
}

extension CivilDate {
    static let distantFuture = CivilDate(year: 9999, month: 12, day: 31)!
}
