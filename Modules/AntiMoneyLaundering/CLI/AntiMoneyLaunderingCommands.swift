import ArgumentParser
import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

extension AntiMoneyLaunderingModule: CommandLineModule {
    public static var command: any ParsableCommand.Type { AMLCommand.self }
}

struct AMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: AntiMoneyLaunderingModule.id,
        abstract: AntiMoneyLaunderingModule.summary,
        subcommands: [Duties.self, Who.self, Topics.self, Meetings.self, FollowUps.self]
    )

    struct Duties: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "duties", abstract: "Each member unit's duties in the joint meeting (二).")

        @Option(help: "Only this unit (other names resolved: 人民银行淄博中心支行 finds 人民银行淄博市中心支行).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [DutyRow] {
            try ModuleListing.duties(module: AntiMoneyLaunderingModule.id, unit: unit, in: store)
        }
    }

    struct Who: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "who", abstract: "Which member units' duties cover a topic (every word must appear).")
        @Argument(help: "The topic: 可疑资金交易, 房地产, 税收 …") var topic: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [DutyRow] {
            try store.read { try JointMeeting.who(topic, in: $0) }
        }
    }

    struct Topics: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "topics", abstract: "The kinds of topic the joint meeting takes up (四(一)), as imported.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [Topic] {
            try store.read { try JointMeeting.topics(in: $0) }
        }
    }

    struct Meetings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "meetings",
            abstract: "Plenary, partial and liaison-officer meetings; their minutes and who received them.",
            subcommands: [Add.self, List.self, Show.self, Minutes.self, Receive.self,
                          LedgerCommands<MeetingRecord>.Amend.self, LedgerCommands<MeetingRecord>.VoidEntry.self]
        )

        struct Add: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a meeting.")
            @Option(help: "The date (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "The kind of meeting.") var kind: MeetingKind
            @Option(help: "What it was about.") var subject: String
            @Option(help: "A topic number from `aml topics` (repeatable).") var topic: [Int] = []
            @Option(help: "For a partial meeting: an attending member unit (repeatable).") var unit: [String] = []
            @Flag(name: .customLong("report-upward"), help: "A major question, reported upward for approval (报上级审定, 四(一)).") var reportUpward = false
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let id = try store.write {
                    try JointMeeting.addMeeting(date: date, kind: kind, subject: subject, topics: topic, units: unit, reportUpward: reportUpward, by: store.context, in: $0)
                }
                Console.print("meeting \(id): \(kind.rawValue) on \(date)")
            }
        }

        struct List: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Every meeting, with how many units received its minutes.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [Meeting] {
                try store.read { try JointMeeting.meetings(in: $0) }
            }
        }

        struct Show: StoreCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "One meeting: topics, units, minutes, and each unit's receipt.")
            @Argument(help: "The meeting's id.") var id: Int64
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func run(in store: Store) throws {
                let meeting = try store.read { try JointMeeting.meeting(id, in: $0) }
                Console.print(try output.renderOne(meeting), terminator: "")
                // The units still to receive the minutes are what a clerk chases: said in the table too.
                guard output.format == .table, meeting.minutes != nil else { return }
                let missing = meeting.deliveries.filter { $0.receivedOn == nil }.map(\.unit)
                Console.print(missing.isEmpty ? "every unit has received the minutes" : "not yet received (\(missing.count)): \(missing.joined(separator: "、"))")
            }
        }

        struct Minutes: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "minutes", abstract: "Record the minutes (纪要); they go to every member unit (三).")
            @Argument(help: "The meeting's id.") var id: Int64
            @Option(help: "The minutes' text.") var text: String
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let meeting = try store.write { db -> Meeting in
                    try JointMeeting.recordMinutes(id, text: text, by: store.context, in: db)
                    return try JointMeeting.meeting(id, in: db)
                }
                Console.print("minutes of meeting \(id) sent to \(meeting.deliveries.count) member units")
            }
        }

        struct Receive: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "receive", abstract: "Record that a unit received a meeting's minutes.")
            @Argument(help: "The meeting's id.") var id: Int64
            @Option(help: "The member unit.") var unit: String
            @Option(help: "The day it received them (YYYY-MM-DD).") var date: CivilDate
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { try JointMeeting.receive(id, unit: unit, on: date, by: store.context, in: $0) }
                Console.print("meeting \(id): minutes received by \(unit) on \(date)")
            }
        }
    }

    struct FollowUps: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "followups",
            abstract: "Decisions as follow-ups, by unit, to closure (四(二)).",
            subcommands: [List.self, Add.self, Close.self, LedgerCommands<FollowUpRecord>.Show.self,
                          LedgerCommands<FollowUpRecord>.Amend.self, LedgerCommands<FollowUpRecord>.VoidEntry.self],
            defaultSubcommand: List.self
        )

        struct List: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Every follow-up; with --overdue, only those past due and open.")
            @Flag(help: "Only the overdue ones.") var overdue = false
            @Option(help: "The day to judge on (default today).") var on: CivilDate?
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [FollowUp] {
                try store.read { try JointMeeting.followUps(on: on ?? DateArgument.today(), in: $0) }.filter { !overdue || $0.overdue }
            }
        }

        struct Add: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Turn a meeting's decision into follow-ups, by unit or by the duties that cover it.")
            @Option(help: "The meeting's id.") var meeting: Int64
            @Option(help: "The decision.") var decision: String
            @Option(help: "A responsible member unit (repeatable).") var unit: [String] = []
            @Option(name: .customLong("by-duty"), help: "A word: every unit whose duty covers it gets the follow-up (repeatable).") var byDuty: [String] = []
            @Option(help: "Due date (YYYY-MM-DD).") var due: CivilDate?
            @Flag(name: .customLong("report-upward"), help: "A major question for approval upward (报上级审定).") var reportUpward = false
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let ids = try store.write {
                    try JointMeeting.addFollowUp(meeting: meeting, decision: decision, units: unit, keywords: byDuty, due: due,
                                                 reportUpward: reportUpward, by: store.context, in: $0)
                }
                Console.print("follow-ups \(ids.map(String.init).joined(separator: ", ")) added")
            }
        }

        struct Close: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a follow-up.")
            @Argument(help: "The follow-up's id.") var id: Int64
            @Option(help: "The day it was done (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "What came of it.") var outcome: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { try JointMeeting.close(id, on: date, outcome: outcome, by: store.context, in: $0) }
                Console.print("follow-up \(id) closed on \(date)")
            }
        }
    }
}

// The ledgers' choices on the command line, in both spellings.
extension MeetingKind: ArgumentChoice {}
