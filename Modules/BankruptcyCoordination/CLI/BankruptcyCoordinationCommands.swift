import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

extension BankruptcyCoordinationModule: CommandLineModule {
    public static var command: any ParsableCommand.Type { BankruptcyCommand.self }
}

struct BankruptcyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: BankruptcyCoordinationModule.id,
        abstract: BankruptcyCoordinationModule.summary,
        subcommands: [Matters.self, Cases.self, CaseMatters.self, Meetings.self, Decisions.self, Schedule.self, Lists.self, Contacts.self]
    )

    struct Matters: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "matters", abstract: "The coordination matters of 附件2 with their linked units.")

        @Option(help: "Only the matters this unit is linked to (other names resolved).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [AssignmentRow] {
            try ModuleListing.assignments(module: BankruptcyCoordinationModule.id, kind: "matter", unit: unit, in: store)
        }
    }

    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cases",
            abstract: "Bankruptcy cases, their matters routed to the linked units, and escalation 业务会议 → 专题会议 → 联席会议.",
            subcommands: [Open.self, List.self, Show.self, Matter.self, Meet.self, Close.self,
                          LedgerCommands<CaseRecord>.Amend.self, LedgerCommands<CaseRecord>.VoidEntry.self]
        )

        struct Close: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a case once the court has ended it, with its outcome (终结, 重整, 和解 …).")
            @Argument(help: "The case's id.") var id: Int64
            @Option(help: "The day it ended (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "How it ended.") var outcome: String
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { try Coordination.close(id, on: date, outcome: outcome, by: store.context, in: $0) }
                Console.print("case \(id): closed on \(date) (\(outcome))")
            }
        }

        struct Open: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case once the court has accepted it.")
            @Option(help: "The debtor enterprise.") var debtor: String
            @Option(help: "The day the court accepted the case (YYYY-MM-DD).") var accepted: CivilDate
            @Option(help: "The administrator (管理人).") var administrator: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let id = try store.write { try Coordination.open(debtor: debtor, accepted: accepted, administrator: administrator, by: store.context, in: $0) }
                Console.print("case \(id): \(debtor)")
            }
        }

        struct List: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Every case with its matters and where they stand.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [BankruptcyCase] {
                try store.read { try Coordination.cases(in: $0) }
            }
        }

        struct Show: StoreShowCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "One case: its matters, their units, levels and meetings (all of them in JSON).")
            @Argument(help: "The case's id.") var id: Int64
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func record(in store: Store) throws -> BankruptcyCase {
                try store.read { try Coordination.case(id, in: $0) }
            }
        }

        struct Matter: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "matter", abstract: "Add a matter of 附件2 to a case; it is routed to its linked units.")
            @Argument(help: "The case's id.") var id: Int64
            @Option(help: "The matter's number in 附件2 (三, or 3).") var matter: String
            @Option(help: "What the problem is.") var note: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let number = Int(matter).map { SectionNumber.chinese($0) } ?? matter
                let added = try store.write { try Coordination.addMatter(caseId: id, matter: number, note: note, by: store.context, in: $0) }
                Console.print("case matter \(added.id): \(added.matter)、\(added.title) → \(added.units.joined(separator: "、"))  [\(added.citation)]")
            }
        }

        struct Meet: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "meet", abstract: "Record a meeting on a matter of a case; unsettled, it goes up one level.")
            @Argument(help: "The case's id, as `cases list` shows it.") var id: Int64
            @Option(help: "The matter of 附件2 it is on, as `cases matter` added it (needed when the case has several).") var matter: String?
            @Option(help: "The level of the meeting.") var level: MeetingLevel
            @Option(help: "The date (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "Who chaired it (checked against the roster).") var chair: String?
            @Option(help: "What the meeting came to.") var outcome: MeetingOutcome
            @Option(help: "A decision that binds a member unit.") var decision: String?
            @Option(help: "The unit that carries the decision out.") var owner: String?
            @Option(help: "When the decision is due (YYYY-MM-DD).") var due: CivilDate?
            @Option(help: "A note.") var note: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let (caseMatter, result) = try store.write { db in
                    let caseMatter = try Coordination.caseMatter(of: id, matter: matter, in: db)
                    return (caseMatter, try Coordination.meet(caseMatter: caseMatter, level: level, date: date, chair: chair, outcome: outcome, note: note,
                                                              decision: decision, owner: owner, due: due, by: store.context, in: db))
                }
                Console.print(result.status == .settled ? "case matter \(caseMatter): settled" : "case matter \(caseMatter): unsettled, now at the \(result.level.label)  [\(result.level.citation)]")
            }
        }
    }

    struct CaseMatters: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "case-matters",
            abstract: "The matters raised in the cases, with their level and status: list, show, correct or void one.",
            subcommands: LedgerCommands<CaseMatterRecord>.all
        )
    }

    struct Meetings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meetings",
            abstract: "Every meeting held: record one not tied to a case; list, show, correct or void one.",
            subcommands: [Add.self] + LedgerCommands<MeetingRecord>.all
        )

        struct Add: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a joint or topic meeting that was held.")
            @Option(help: "The level of the meeting.") var level: MeetingLevel
            @Option(help: "The date (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "Who chaired it (checked against the roster).") var chair: String?
            @Option(help: "A note.") var note: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let id = try store.write { try Coordination.meeting(level: level, date: date, chair: chair, note: note, by: store.context, in: $0) }
                Console.print("meeting \(id): \(level.label) on \(date)")
            }
        }
    }

    struct Decisions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decisions",
            abstract: "The meetings' decisions, binding their owners (五(三)): the open ones with what is overdue; close one with its outcome.",
            subcommands: [Open.self, Close.self] + LedgerCommands<DecisionRecord>.all,
            defaultSubcommand: Open.self
        )

        struct Open: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "open", abstract: "Open decisions, with what is overdue.")
            @Option(help: "The day to judge on (default today).") var on: CivilDate?
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [Decision] {
                try store.read { try Coordination.decisions(on: on ?? DateArgument.today(), in: $0) }
            }
        }

        struct Close: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a decision with what came of it.")
            @Argument(help: "The decision's id.") var id: Int64
            @Option(help: "The day it was carried out (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "What came of it.") var outcome: String
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { try Coordination.closeDecision(id, on: date, outcome: outcome, by: store.context, in: $0) }
                Console.print("decision \(id): closed on \(date) (\(outcome))")
            }
        }
    }

    struct Schedule: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "schedule", abstract: "The joint meeting every half year and topic meetings every quarter: held and missed.")
        @Option(help: "The year.") var year: Int
        @Option(help: "The day to judge on (default today).") var on: CivilDate?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [SchedulePeriod] {
            let parameters = try BankruptcyCoordinationModule.parameters()
            return try store.read { try Cadence.schedule(year: year, on: on ?? DateArgument.today(), parameters: parameters, in: $0) }
        }
    }

    struct Lists: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lists",
            abstract: "The lists member units file (五(二)): who owes which, and what is overdue.",
            subcommands: [Due.self, File.self] + LedgerCommands<ListFilingRecord>.all,
            defaultSubcommand: Due.self
        )

        struct Due: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "due", abstract: "Each list of each period begun this year, filed or not.")
            @Option(help: "The year (default this year).") var year: Int?
            @Option(help: "The day to judge on (default today).") var on: CivilDate?
            @Flag(help: "Only the overdue ones.") var overdue = false
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [ListDue] {
                let day = on ?? DateArgument.today()
                let parameters = try BankruptcyCoordinationModule.parameters()
                return try store.read {
                    try MemberLists.due(year: year ?? day.year, on: day, parameters: parameters, in: $0)
                }.filter { !overdue || $0.overdue }
            }
        }

        struct File: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "file", abstract: "Record a list as filed for a period (2021-Q1).")
            @Option(help: "The list: its name in 五(二) (吊销企业名单, 欠税企业名单 …) or its code (revoked, tax-arrears …).") var list: String
            @Option(help: "The period, as `lists due` names it (2021-Q1).") var period: String
            @Option(help: "The day it was filed (YYYY-MM-DD).") var date: CivilDate
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { try MemberLists.file(code: list, period: period, on: date, by: store.context, in: $0) }
                Console.print("\(list) for \(period) filed on \(date)")
            }
        }
    }

    struct Contacts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contacts",
            abstract: "The contact each member unit names for the mechanism's daily work (联系人, 三).",
            subcommands: [Add.self] + LedgerCommands<ContactRecord>.all
        )

        struct Add: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a member unit's contact.")
            @Option(help: "The member unit (other names resolved).") var unit: String
            @Option(help: "The contact's name.") var name: String
            @Option(help: "Their post (承办科室负责人).") var post: String?
            @Option(help: "A phone number.") var phone: String?
            @Option(help: "Since when (YYYY-MM-DD; default today).") var since: CivilDate?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let contact = try store.write {
                    try Coordination.addContact(unit: unit, name: name, post: post, phone: phone, since: since ?? store.context.today, by: store.context, in: $0)
                }
                Console.print("contact \(contact.id!): \(name) for \(unit)")
            }
        }
    }
}

// The ledgers' choices on the command line, in both spellings.
extension MeetingLevel: ArgumentChoice {}
extension MeetingOutcome: ArgumentChoice {}
