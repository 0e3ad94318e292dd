import ArgumentParser
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

/// `zhoucun tasks`: 督办, the supervision ledger of the tasks every document assigns.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "督办: the tasks every document assigns (lead units, units, deadline), what the units report, what is late.",
        discussion: """
            Tasks are read from every document at import: clauses ending in a unit bracket, items with 牵头单位/责任单位/完成时限 \
            lines, tables flattened to text, and the orders of a covering notice. Lights on a day: green (on time), yellow (临期, \
            due within --warning-days working days), red (逾期), done (已办结).
            """,
        subcommands: [List.self, Show.self, Report.self, Done.self, Extend.self, Add.self, Chase.self, Stats.self]
    )

    /// `--on`, the day the lights are for, and the warning days.
    struct DayOptions: ParsableArguments {
        @Option(help: "The day the lights are for (default: today in the office's time zone).") var on: CivilDate?
        @Option(help: "临期: a task due within this many working days is yellow (default: the store's, `zhoucun config warning-days`).")
        var warningDays: Int?

        func supervision(_ options: StoreOptions, _ store: Store) throws -> (Supervision, CivilDate) {
            if let warningDays, warningDays < 0 { throw ValidationError("--warning-days \(warningDays): a count of working days is 0 or more") }
            let days = try warningDays ?? store.read { try Supervision.warningDays(in: $0) }
            return (Supervision(calendar: try options.calendar(), warningDays: days), on ?? DateArgument.today())
        }
    }

    struct List: StoreListCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "The tasks in force with their lights; by default those not done (--all: every one)."
        )
        @Option(help: "Tasks naming this unit (as lead or responsible; any of its names).") var unit: String?
        @Option(help: "Tasks of one document: its id, 文号 or title.") var document: String?
        @Option(help: "Tasks due before this day (by the deadline in force).") var dueBefore: CivilDate?
        @Option(help: "未办结 (open), 已办结 (done), 逾期 (overdue) or 临期 (due-soon).") var status: Supervision.StatusFilter?
        @Flag(help: "Every task, done ones too.") var all = false
        @OptionGroup var day: DayOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [Supervision.Line] {
            let (supervision, on) = try day.supervision(self.store, store)
            let tasks = try store.read { try TaskRecords.tasks(TaskRecords.Filter(unit: unit, document: document), in: $0) }
            return try supervision.lines(tasks, on: on, status: status, all: all, dueBefore: dueBefore)
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One task: its clause, its units, its deadline and its history.")
        @Argument(help: "The task's id (`tasks list`).") var id: Int64
        @OptionGroup var day: DayOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run(in store: Store) throws {
            let (supervision, on) = try day.supervision(self.store, store)
            let task = try store.read { try TaskRecords.task(id: id, in: $0) }
            let shown = try supervision.history(task, on: on)
            if output.format == .json {
                Console.print(try Output.json(shown))
            } else {
                Console.print(try output.renderOne(shown.line), terminator: "")
                if !shown.history.isEmpty {
                    Console.print("")
                    Console.print(try output.render(shown.history), terminator: "")
                }
            }
        }
    }

    struct Report: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "report", abstract: "A unit's progress on a task (进度反馈).")
        @Argument(help: "The task's id.") var id: Int64
        @Option(help: "The unit reporting: one the task names.") var unit: String
        @Option(help: "The day of the report.") var date: CivilDate
        @Option(help: "What was done.") var progress: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let event = try store.write { try TaskRecords.report(id, unit: unit, on: date, progress: progress, by: store.context, in: $0) }
            Console.print("task \(id): \(event.unit ?? unit) reported on \(event.onDate)")
        }
    }

    struct Done: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract: "A task done (办结, 销号), with the evidence; refused when it is done already unless --reason says why it is recorded again."
        )
        @Argument(help: "The task's id.") var id: Int64
        @Option(help: "The day it was done.") var date: CivilDate
        @Option(help: "How it was done: the file, the acceptance, the report that shows it.") var evidence: String
        @Option(help: "Why the end of a task done already is recorded again (an amendment).") var reason: String?
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let event = try store.write { try TaskRecords.done(id, on: date, evidence: evidence, reason: reason, by: store.context, in: $0) }
            Console.print("task \(id): done on \(event.onDate)")
        }
    }

    struct Extend: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "extend", abstract: "A new deadline (延期); the printed one is kept.")
        @Argument(help: "The task's id.") var id: Int64
        @Option(help: "The new deadline.") var to: CivilDate
        @Option(help: "Why it moves (who approved it).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let event = try store.write { try TaskRecords.extend(id, to: to, reason: reason, on: store.context.today, by: store.context, in: $0) }
            Console.print("task \(id): due \(event.toDate.map(String.init(describing:)) ?? "")")
        }
    }

    struct Add: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "A task no document printed: a leader's instruction (领导批示).")
        @Option(help: "The unit that leads it (several: separated by 、 or commas).") var lead: String
        @Option(help: "The other units responsible, separated by 、 or commas.") var units: String?
        @Option(help: "The deadline: a date (2026-06-30), or as a document prints it (6月底前, 每季度末月20日前, 长期坚持).") var due: String?
        @Option(help: "What is to be done.") var text: String
        @Option(help: "Who gave the instruction, where and when (区长批示，2026年3月2日).") var source: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let today = store.context.today
            let deadline = try due.map { text in
                guard let read = Supervision.deadline(typed: text, today: today) else { throw QueryError("--due \(text): \(Supervision.notADeadline)") }
                return read
            }
            let list = { (text: String?) in (text ?? "").split(whereSeparator: { "、，,；;".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            let task = try store.write {
                try TaskRecords.add(text: text, lead: list(lead), units: list(units), deadline: deadline, source: source, by: store.context, in: $0)
            }
            Console.print("task \(task.id) added")
        }
    }

    struct Chase: StoreListCommand {
        static let configuration = CommandConfiguration(
            commandName: "chase",
            abstract: "What to chase on a day (催办), unit by unit: tasks overdue or due within the warning days."
        )
        @OptionGroup var day: DayOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [Supervision.Chase] {
            let (supervision, on) = try day.supervision(self.store, store)
            return try supervision.chase(try store.read { try TaskRecords.tasks(in: $0) }, on: on)
        }
    }

    struct Stats: StoreListCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "Per unit (or per document): tasks, done, done on time, overdue, due soon."
        )
        @Option(help: "unit or document.") var per: Supervision.Grouping = .unit
        @OptionGroup var day: DayOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [Supervision.Tally] {
            let (supervision, on) = try day.supervision(self.store, store)
            return try supervision.stats(try store.read { try TaskRecords.tasks(in: $0) }, on: on, by: per)
        }
    }
}

extension Supervision.Grouping: ExpressibleByArgument {}

extension Supervision.StatusFilter: ArgumentChoice {}
