import ArgumentParser
import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

extension LandRectificationModule: CommandLineModule {
    public static var command: any ParsableCommand.Type { LandCommand.self }
}

struct LandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: LandRectificationModule.id,
        abstract: LandRectificationModule.summary,
        subcommands: [Tasks.self, Schedule.self, Parcels.self, Progress.self, Overdue.self, Findings.self, TownReports.self, Interviews.self]
    )

    struct Tasks: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "tasks", abstract: "The rectification tasks with their categories and responsible units (二).")

        @Option(help: "Only the tasks of this unit (other names resolved).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [AssignmentRow] {
            try ModuleListing.assignments(module: LandRectificationModule.id, kind: "task", unit: unit, in: store)
        }
    }

    struct Schedule: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "schedule", abstract: "The campaign's phases and what is due (三), as imported.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [Phase] {
            try store.read { try Phases.all(in: $0) }
        }
    }

    struct Parcels: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parcels",
            abstract: "The ledger (台账) of parcels and problems.",
            subcommands: [Import.self, Evaluate.self, Close.self] + LedgerCommands<Parcel>.all
        )

        struct Import: StoreWriteCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Add parcels from CSV: id,town,category,area_mu,agreed_start,actual_start,cause (more columns allowed; Chinese headers too).",
                discussion: "Towns are the district's 镇、街道 (南郊 is read as 南郊镇, and said). When a ledger is in force already, the import says what this month's file would add, remove and change, and does it only with --replace: removed parcels are voided (kept), changed ones corrected (their closes kept), each change logged."
            )
            @Argument(help: "The CSV file.") var file: String
            @Flag(help: "Put this ledger in force in place of the one there is.") var replace = false
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                var notes: [String] = []
                let parcels = try ParcelLedger.parse(try CSVTable.decode(path: file), file: file) { notes.append($0) }
                let changes = try store.write { db -> ListChanges in
                    let changes = try ParcelLedger.changes(to: parcels, in: db)
                    let listed = try ParcelLedger.all(in: db)
                    if listed.isEmpty { try ParcelLedger.add(parcels, by: store.context, in: db); return changes }
                    guard replace || changes.isEmpty else {
                        throw EntryError("a parcel ledger of \(listed.count) parcels is in force; this file changes it: \(changes.summary). Run again with --replace to put it in force")
                    }
                    return try ParcelLedger.replace(with: parcels, source: file, by: store.context, in: db)
                }
                for note in notes { Console.print("note: \(note)") }
                Console.print(changes.added.count == parcels.count ? "\(parcels.count) parcels added"
                      : "\(parcels.count) parcels listed" + (changes.isEmpty ? "; nothing changed" : ": \(changes.summary)"))
            }
        }

        struct Evaluate: StoreCommand {
            static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "Apply the idle-land rules and the disposal targets on a date.")
            @Option(help: "The date (YYYY-MM-DD); default today.") var on: CivilDate?
            @OptionGroup var store: StoreOptions
            @Option(name: .long, help: "table or json.") var format: ReportFormat = .table

            struct Answer: Encodable {
                var idle: [ParcelFinding]
                var targets: [DisposalTarget]
            }

            func run(in store: Store) throws {
                let rules = LandRules(parameters: try LandRectificationModule.parameters(), day: on ?? DateArgument.today())
                let parcels = try store.read { try ParcelLedger.all(in: $0) }
                let answer = Answer(idle: try rules.evaluate(parcels), targets: try rules.targets(parcels))
                if format == .json { Console.print(try Output.json(answer)); return }
                Console.print("idle land\n" + (try Output.render(answer.idle, as: .table)))
                Console.print("approved but unsupplied (批而未供): disposal targets\n" + (try Output.render(answer.targets, as: .table)), terminator: "")
            }
        }

        struct Close: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an item with its evidence (挂账销号).")
            @Argument(help: "The parcel's id.") var id: String
            @Option(help: "The day it was closed (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "The evidence.") var evidence: String
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { try ParcelLedger.close(id, on: date, evidence: evidence, by: store.context, in: $0) }
                Console.print("\(id) closed on \(date)")
            }
        }
    }

    struct Progress: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "progress", abstract: "Items closed against items listed, by town, category or responsible unit.")
        enum Grouping: String, ArgumentChoice {
            case town, category, unit

            var labels: [String] {
                switch self {
                case .town: ["镇街"]
                case .category: ["类别"]
                case .unit: ["责任单位"]
                }
            }
        }
        @Option(help: "The date (YYYY-MM-DD); default today.") var on: CivilDate?
        @Option(help: "How to group.") var by: Grouping = .town
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [ProgressLine] {
            try store.read { try LandRectificationModule.progress(on: on ?? DateArgument.today(), by: by.rawValue, in: $0) }
        }
    }

    struct Overdue: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "overdue", abstract: "What is past its deadline and still open.")
        @Option(help: "The date (YYYY-MM-DD); default today.") var on: CivilDate?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [ParcelFinding] {
            try store.read { try LandRectificationModule.overdue(on: on ?? DateArgument.today(), in: $0) }
        }
    }

    struct Findings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "findings",
            abstract: "What verification found in a town (弄虚作假, 整治不力, 问题严重: 三(三)): the grounds for a talk.",
            subcommands: [Add.self] + LedgerCommands<FindingRecord>.all
        )

        struct Add: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a finding of the verification in a town.")
            @Option(help: "The town or sub-district (镇、街道).") var town: String
            @Option(help: "What was found.") var kind: FindingKind
            @Option(help: "When it was found (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "What, and where.") var note: String
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let (id, townNote) = try store.write { try Verification.find(town: town, kind: kind, on: date, note: note, by: store.context, in: $0) }
                if let townNote { Console.print("note: \(townNote)") }
                Console.print("finding \(id): \(town) \(kind.labels[0]) on \(date)")
            }
        }
    }

    struct TownReports: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "town-reports",
            abstract: "The towns' self-check lists (三(二)) and summary reports (三(三)): file one, see what is due.",
            subcommands: [File.self, Due.self] + LedgerCommands<TownReportRecord>.all
        )

        struct File: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "file", abstract: "Record a town's report as filed.")
            @Option(help: "The town or sub-district.") var town: String
            @Option(help: "Which report.") var kind: TownReportKind
            @Option(help: "The day it was filed (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "A note.") var note: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let (id, townNote) = try store.write { try Verification.file(town: town, kind: kind, on: date, note: note, by: store.context, in: $0) }
                if let townNote { Console.print("note: \(townNote)") }
                Console.print("town report \(id): \(town) \(kind.labels[0]) filed on \(date)")
            }
        }

        struct Due: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "due", abstract: "Each town's reports against the schedule's due dates: filed, filed late, overdue.")
            @Option(help: "The day to judge on (default today).") var on: CivilDate?
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [TownReportDue] {
                try store.read { try Verification.reportsDue(on: on ?? DateArgument.today(), in: $0) }
            }
        }
    }

    struct Interviews: StoreListCommand {
        static let configuration = CommandConfiguration(
            commandName: "interviews",
            abstract: "The towns for a talk with the work team (约谈, 三(三)): on recorded findings; towns that only lag follow as suggestions."
        )
        @Option(help: "The date (YYYY-MM-DD); default today.") var on: CivilDate?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [Interview] {
            try store.read { try LandRectificationModule.interviews(on: on ?? DateArgument.today(), in: $0) }
        }
    }
}

// The ledgers' choices on the command line, in both spellings.
extension FindingKind: ArgumentChoice {}
extension TownReportKind: ArgumentChoice {}
extension ParcelCategory: ArgumentChoice {}
extension IdleCause: ArgumentChoice {}
