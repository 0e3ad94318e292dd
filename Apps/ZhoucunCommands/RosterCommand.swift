import ArgumentParser
import Foundation
import GazetteImport
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Who sits where: the members of every body, across documents.",
        subcommands: [Bodies.self, Body.self, Person.self, Unit.self, Shared.self, Diff.self, Change.self, Undo.self, Flags.self,
                      Merge.self, Split.self, Export.self, Graph.self]
    )

    /// `--on DATE`: the roster as it stood that day; today by default; `--history`: every day.
    struct OnDate: ParsableArguments {
        @Option(help: "The roster as it stood on this date (YYYY-MM-DD; default: today).") var on: CivilDate?
        @Flag(help: "Every seat and body there ever was, each with its dates.") var history = false

        func validate() throws {
            if history && on != nil { throw ValidationError("--on and --history exclude each other") }
        }

        /// The day asked about, or nil for the whole history.
        func validated() throws -> String? {
            history ? nil : (on ?? DateArgument.today()).description
        }
    }

    struct Bodies: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "bodies", abstract: "Every body with its founding document, members and office.")
        @OptionGroup var date: OnDate
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [BodySummary] {
            let on = try date.validated()
            return try store.read { try RosterQueries.bodies(on: on, in: $0) }
        }
    }

    struct Body: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "body", abstract: "A body's members in printed order (`--role 组长`: who holds a role).")
        @Argument(help: "The body's id, its name (or a former one), or a part of it that only it has.") var body: String
        @Option(help: "Only the seats of this role (组长, 指挥长, 成员 …), as the body's roster names it.") var role: String?
        @OptionGroup var date: OnDate
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run(in store: Store) throws {
            let on = try date.validated()
            let answer = try store.read { try RosterQueries.seats(of: body, on: on, role: role, in: $0) }
            switch output.format {
            case .json: Console.print(try Output.json(answer))
            case .csv: Console.print(try output.render(answer.members), terminator: "")
            case .table:
                Console.print("\(answer.body.name)  (\(answer.body.citation ?? ""))")
                if !answer.body.formerNames.isEmpty { Console.print("formerly \(answer.body.formerNames.joined(separator: "、"))") }
                if let end = answer.body.endDate { Console.print("abolished: its last day was \(end)  (\(answer.body.endCitation ?? ""))") }
                if let rule = answer.body.seatsByPosition {
                    Console.print("seats go with the units' posts: a successor in a unit's post takes its seat without a new document  (\(rule))")
                }
                if let note = answer.note { Console.print(note) } else { Console.print(try Output.render(answer.members, as: .table), terminator: "") }
            }
        }
    }

    struct Person: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "person", abstract: "One person's posts across every body (`高 东` finds 高东).")
        @Argument(help: "The person's name.") var name: String
        @OptionGroup var date: OnDate
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        struct Answer: Encodable {
            var name: String
            var posts: [Post]
            /// Records with this name that may be different people (unrelated units).
            var flags: [PersonFlag]
        }

        func run(in store: Store) throws {
            let on = try date.validated()
            let answer = try store.read { db in
                Answer(name: Normalize.personName(name), posts: try RosterQueries.posts(ofPerson: name, on: on, in: db),
                       flags: try RosterQueries.flags(ofPerson: name, in: db))
            }
            guard !answer.posts.isEmpty else {
                throw QueryError(on == nil ? "no one named \(answer.name) sits on any body of the imported documents"
                                 : "no one named \(answer.name) sits on a body on \(on!); `--history` shows every post there was")
            }
            switch output.format {
            case .json: Console.print(try Output.json(answer))
            default:
                Console.print(try output.render(answer.posts), terminator: "")
                for flag in answer.flags where output.format == .table { Console.print("note: \(flag.reason)") }
            }
        }
    }

    struct Unit: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "unit", abstract: "A unit's seats, duties, tasks and matters, in every body (other names resolved).")
        @Argument(help: "The unit's name, as printed anywhere.") var name: String
        @OptionGroup var date: OnDate
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run(in store: Store) throws {
            let on = try date.validated()
            let report = try store.read { try RosterQueries.unit(name, on: on, in: $0) }
            switch output.format {
            case .json: Console.print(try Output.json(report))
            case .csv:
                let rows = report.seats.map { ["seat", $0.body, "\($0.name) \($0.role)", $0.citation] }
                    + report.duties.map { ["duty", $0.body, $0.duty, $0.citation] }
                    + report.assignments.map { [$0.kind, $0.document, $0.title, $0.citation] }
                Console.print(Output.csv([["kind", "where", "what", "citation"]] + rows), terminator: "")
            case .table:
                Console.print("\(report.name)" + (report.otherNames.isEmpty ? "" : "  (also printed as \(report.otherNames.joined(separator: "、")))"))
                Console.print("\nseats\n" + (try Output.render(report.seats, as: .table)), terminator: "")
                Console.print("\nduties\n" + (try Output.render(report.duties, as: .table)), terminator: "")
                Console.print("\ntasks and matters\n" + (try Output.render(report.assignments, as: .table)), terminator: "")
            }
        }
    }

    struct Shared: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "shared", abstract: "The people who sit on several bodies.")
        @Option(help: "At least this many bodies.") var min = 2
        @OptionGroup var date: OnDate
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [SharedPerson] {
            let on = try date.validated()
            return try store.read { try RosterQueries.shared(minimum: min, on: on, in: $0) }
        }
    }

    struct Diff: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "diff", abstract: "Who joined, who left, and whose role or titles changed between two rosters.")
        @Argument(help: "The body's id or name.") var body: String
        @Option(help: "A date (YYYY-MM-DD) or a document's 文号.") var from: String
        @Option(help: "A date (YYYY-MM-DD) or a document's 文号.") var to: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [RosterChange] {
            try store.read { db in
                let found = try RosterQueries.body(body, in: db)
                return try RosterQueries.diff(bodyId: found.id, from: try RosterQueries.date(from, in: db),
                                              to: try RosterQueries.date(to, in: db), in: db)
            }
        }
    }

    struct Change: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract: "Record a change no document printed (a phone notice, a meeting decision): add, remove or replace a member, or change a role.",
            discussion: """
                One change at a time:
                  --add NAME --role ROLE [--unit UNIT --title TITLE]
                  --remove NAME
                  --replace OLD --with NEW [--unit UNIT --title TITLE]   (NEW takes OLD's seat and role, with NEW's own unit)
                  --person NAME --role ROLE                             (the same seat in another role: 耿峰调整为指挥长)
                Without --unit, the person's unit and titles come from their current seats. The change is kept as an                 entry made by hand (手工录入) with its source, shown as such in every answer, logged, and taken back with                 `roster undo ENTRY`.
                """
        )
        @Argument(help: "The body's id or name.") var body: String
        @Option(help: "The day the change takes effect (YYYY-MM-DD; default: today).") var date: CivilDate?
        @Option(help: "Add this person …") var add: String?
        @Option(help: "Remove this person from the body.") var remove: String?
        @Option(help: "Replace this person …") var replace: String?
        @Option(name: .customLong("with"), help: "… with this one, in the same seat and role.") var successor: String?
        @Option(help: "Give this person another role on the body …") var person: String?
        @Option(help: "… the role (成员, 副组长 …), for --add and --person.") var role: String?
        @Option(help: "The unit, for --add and --replace (区财政局; titles may follow: 区财政局局长).") var unit: String?
        @Option(help: "The titles, for --add and --replace (局长, 副局长).") var title: String?
        @Option(help: "Where the change comes from (kept with it): 区政府办公室电话通知 2026-11-20.") var source: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func validate() throws {
            let actions = [add != nil, remove != nil, replace != nil, person != nil].filter { $0 }.count
            guard actions == 1 else {
                throw ValidationError("say one change: --add NAME --role R, --remove NAME, --replace OLD --with NEW, or --person NAME --role R")
            }
            if (add != nil || person != nil) && role == nil { throw ValidationError("--\(add != nil ? "add" : "person") needs --role") }
            if replace != nil && successor == nil { throw ValidationError("--replace needs --with NEW") }
            if successor != nil && replace == nil { throw ValidationError("--with goes with --replace OLD") }
            if (remove != nil || person != nil) && (unit != nil || title != nil) { throw ValidationError("--unit and --title go with --add or --replace") }
            if role != nil && (remove != nil || replace != nil) { throw ValidationError("--role goes with --add or --person: a successor takes the seat's role") }
            if source.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--source is blank: say where the change comes from") }
        }

        func run(in store: Store) throws {
            let affiliation = unit == nil && title == nil ? nil : (unit ?? "") + (title ?? "")
            let action: RosterEditing.Action = if let add {
                .add(name: add, role: role ?? "", affiliation: affiliation)
            } else if let remove {
                .remove(name: remove)
            } else if let person {
                .changeRole(name: person, role: role ?? "")
            } else {
                .replace(old: replace ?? "", new: successor ?? "", affiliation: affiliation)
            }
            let day = (date ?? DateArgument.today()).description
            let entry = try store.write { try RosterEditing.record(action, body: body, date: day, source: source, by: store.context, in: $0) }
            Console.print("entry \(entry): recorded from \(day); `zhoucun roster undo \(entry) --reason …` takes it back")
        }
    }

    struct Undo: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "undo", abstract: "Take back a roster entry made by hand: the roster is as it was before it.")
        @Argument(help: "The entry's id, as `roster change` printed it.") var entry: Int64
        @Option(help: "Why it is taken back (kept in the log).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            try store.write { try RosterEditing.undo(entry: entry, reason: reason, by: store.context, in: $0) }
            Console.print("entry \(entry): taken back")
        }
    }

    struct Flags: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "flags", abstract: "Records that may be one person (same name, unrelated units), and records a clerk split.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [PersonFlag] {
            try store.read { try RosterQueries.flags(in: $0) }
        }
    }

    struct Merge: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge", abstract: "Two records that are one person: the second's seats move to the first.",
            discussion: "Each record by its id or its name; `merge 王卫 王卫` merges the two records of that name. A name that several records bear is answered with each record's unit, seats and id.")
        @Argument(help: "The record kept: its id (`roster person NAME` shows it) or its name.") var keep: String
        @Argument(help: "The record merged into it: its id or its name.") var other: String
        @Option(help: "Why they are one person (kept in the log).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let (kept, merged) = try store.write { db in
                let pair = try PersonRecords.pair(keep, other, in: db)
                try PersonRecords.merge(keep: pair.keep, other: pair.other, reason: reason, by: store.context, in: db)
                return pair
            }
            Console.print("person \(merged) merged into person \(kept)")
        }
    }

    struct Split: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "split", abstract: "One record that is two people: the seats named go to a new record.")
        @Argument(help: "The record: its id or its name.") var person: String
        @Option(help: "The seats that belong to the other person (seat ids, comma-separated, as `roster person NAME` shows them).") var seats: String
        @Option(help: "Why they are two people (kept in the log).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let ids = try seats.split(separator: ",").map { part -> Int64 in
                guard let id = Int64(part.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--seats: \(part) is not a seat id") }
                return id
            }
            let new = try store.write { db in
                try PersonRecords.split(person: try PersonRecords.record(person, in: db).id, seats: ids, reason: reason, by: store.context, in: db)
            }
            Console.print("seats \(ids.map(String.init).joined(separator: ",")) now belong to person \(new)")
        }
    }

    struct Export: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Every roster as Popolo JSON, with sources.")
        @Flag(help: "Popolo JSON (persons, organizations, memberships, posts).") var popolo = false
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var date: OnDate
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard popolo else { throw ValidationError("say which format: --popolo") }
        }

        func run(in store: Store) throws {
            let on = try date.validated()
            let export = try store.read { try Popolo.export(from: $0, on: on) }
            try OutputFile.write(try Output.json(export) + "\n", to: output, inputs: [store.path])
        }
    }

    struct Graph: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "graph", abstract: "People and bodies as a Graphviz graph (`dot -Tsvg`).")
        enum Format: String, ExpressibleByArgument { case dot }
        @Option(help: "The graph format.") var format: Format = .dot
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var date: OnDate
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let on = try date.validated()
            try OutputFile.write(try store.read { try Popolo.dot(from: $0, on: on) }, to: output, inputs: [store.path])
        }
    }
}

extension PersonFlag: Tabular {
    public static let columns: [OutputColumn<PersonFlag>] = [
        OutputColumn("person") { String($0.personId) }, OutputColumn("other") { String($0.otherPersonId) }, OutputColumn("reason") { $0.reason },
    ]
}
