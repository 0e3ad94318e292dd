import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

extension IncentivesModule: CommandLineModule {
    public static var command: any ParsableCommand.Type { IncentivesCommand.self }
}

struct IncentivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: IncentivesModule.id,
        abstract: IncentivesModule.summary,
        subcommands: [Evaluate.self, Projects.self, Payments.self, Results.self, Clawback.self, Funds.self, Spending.self, Thresholds.self]
    )

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate",
            abstract: "Does a project qualify, and what will it get, year by year (二(三)); top-level handling (二(二)).",
            discussion: """
                PROJECT.json fields (money in 万元, foreign capital in 万美元): industry (smart-equipment, new-materials, big-data), \
                totalInvestment, foreignInvestmentActual, usdRate, externalInvestmentActual, outOfCityShare (0–1), committedTaxPerMu, \
                registeredCapital, annualRent, annualTax, landSupport, otherSubsidies, startDate, registeredLocally, \
                independentLegalPerson, industrialPolicyCompliant; optional operationYearsCommitted, keyChain.
                """
        )
        @Argument(help: "The project file (JSON).") var project: String
        @Option(help: "The rules in force on this date (default: the project's startDate, else today).") var on: CivilDate?
        @Option(name: .long, help: "table or json.") var format: ReportFormat = .json

        func run() throws {
            let facts = try IncentivesModule.readProject(project)
            let date = on ?? facts.startDate ?? DateArgument.today()
            let evaluation = try IncentiveRules(parameters: try IncentivesModule.parameters(), on: date).evaluate(facts)
            if format == .json { Console.print(try Output.json(evaluation)); return }
            Console.print("eligible: \(evaluation.eligible.map { $0 ? "yes" : "no" } ?? "unknown (facts missing)")   industry: \(evaluation.industry.rawValue)")
            for condition in evaluation.conditions {
                Console.print("  [\(condition.passed.map { $0 ? "pass" : "FAIL" } ?? " ?  ")] \(condition.id): \(condition.detail)  [\(condition.citation)]")
            }
            Console.print(Output.table(header: ["year", "from", "rent", "investment", "total"], rows: evaluation.schedule.map {
                [String($0.year), $0.from?.description ?? "", "\($0.rentSubsidy)", "\($0.investmentSubsidy)", "\($0.total)"]
            }), terminator: "")
            Console.print("total \(evaluation.total)万元 (cap \(evaluation.cap)万元\(evaluation.capped ? ", capped" : "")) [\(evaluation.citations["cap"] ?? "")]")
            if evaluation.topLevel.flagged == true {
                Console.print("top-level handling: \(evaluation.topLevel.receivedBy) screens and reports to \(evaluation.topLevel.escalatedTo.joined(separator: "、")) [\(evaluation.topLevel.citation)]")
            }
            for note in evaluation.notes { Console.print("note: \(note)") }
        }
    }

    struct Projects: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "projects",
            abstract: "The project ledger: projects, payments made, results year by year.",
            subcommands: [Add.self, List.self, Show.self, Pay.self, Result.self,
                          LedgerCommands<ProjectEntry>.Amend.self, LedgerCommands<ProjectEntry>.VoidEntry.self]
        )

        struct Add: StoreWriteCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a project: its facts as options, from a PROJECT.json, or many from a CSV (--csv).",
                discussion: """
                    zhoucun incentives projects add --name 甲项目 --industry 智能装备制造 --total-investment 8000 --out-of-city-share 60% …
                    The facts (万元 unless said; 是/否 for the yes-or-no ones): \(ProjectFacts.help).
                    A CSV has a name (项目名称) column and one column per fact, headed in English or Chinese; a header or \
                    option that is no fact is refused, never ignored.
                    """
            )
            @Option(help: "The project's name in the ledger.") var name: String?
            @Option(help: "A CSV of projects: one row each, with their names.") var csv: String?
            // The PROJECT.json, or --FACT VALUE pairs: read here, so that a fact's value is never taken for a file.
            @Argument(parsing: .allUnrecognized, help: ArgumentHelp("A PROJECT.json, or --FACT VALUE pairs (see the discussion).", valueName: "facts"))
            var facts: [String] = []
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            /// The JSON file, when one is given before the options.
            var file: String? { facts.first.flatMap { $0.hasPrefix("--") ? nil : $0 } }

            func validate() throws {
                if csv != nil && (name != nil || !facts.isEmpty) {
                    throw ValidationError("--csv gives the projects with their names and facts: give it alone")
                }
                if csv == nil && name == nil { throw ValidationError("give the project's --name (or a --csv of projects)") }
                if file != nil && facts.count > 1 { throw ValidationError("give the facts as a PROJECT.json or as options, not both") }
            }

            func run(in store: Store) throws {
                let projects: [(name: String, project: Project)]
                if let csv {
                    projects = try ProjectFacts.projects(csv: try CSVTable.decode(path: csv), file: csv)
                } else if let file {
                    projects = [(name ?? "", try IncentivesModule.readProject(file))]
                } else {
                    projects = [(name ?? "", try ProjectFacts.project(try FieldArguments.pairs(facts, each: "fact").map { ($0.field, $0.value, "--\($0.field)") }))]
                }
                let ids = try store.write { db in
                    try projects.map { try ProjectLedger.add(name: $0.name, project: $0.project, on: DateArgument.today(), by: store.context, in: db) }
                }
                for (id, project) in zip(ids, projects) { Console.print("project \(id): \(Normalize.key(project.name))") }
            }
        }

        struct List: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Every project in the ledger.")
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [ProjectRecord] {
                try store.read { try ProjectLedger.records(in: $0) }
            }
        }

        struct Show: StoreCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "One project: its facts, payments and results (all of them in JSON).")
            @Argument(help: "The project's id or name.") var project: String
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func run(in store: Store) throws {
                let record = try store.read { try ProjectLedger.record(try ProjectLedger.id(project, in: $0), in: $0) }
                Console.print(try output.renderOne(record), terminator: "")
                guard output.format == .table else { return }
                Console.print("\npayments\n" + (try Output.render(record.payments, as: .table)), terminator: "")
                Console.print("\nresults\n" + (try Output.render(record.results, as: .table)), terminator: "")
            }
        }

        struct Pay: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "pay", abstract: "Record a subsidy payment.")
            @Argument(help: "The project's id or name.") var project: String
            @Option(help: "The subsidy paid.") var kind: PaymentKind
            @Option(help: "万元.") var amount: Decimal
            @Option(help: "The payment date (YYYY-MM-DD).") var date: CivilDate
            @Flag(help: "Pay although the rules refuse it: the district decided this case on its own (一事一议, 三(三)); needs --reason.") var override = false
            @Option(help: "Why the rules are set aside (kept with the payment and in the log).") var reason: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func validate() throws {
                if override && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                    throw ValidationError("--override needs --reason: the decision that allows it")
                }
                if !override && reason != nil { throw ValidationError("--reason goes with --override") }
            }

            func run(in store: Store) throws {
                let why = override ? reason : nil
                do {
                    _ = try store.write { try ProjectLedger.pay(try ProjectLedger.id(project, in: $0), kind: kind, amount: amount, on: date, override: why, by: store.context, in: $0) }
                } catch let refusal as EntryError {
                    throw EntryError(refusal.description + " (`--override --reason …` records such a decision)")
                }
                Console.print("paid \(amount)万元 (\(kind.rawValue)) on \(date)" + (why.map { "; against the rules: \($0)" } ?? ""))
            }
        }

        struct Result: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "result", abstract: "Record what a project did in a year of production.")
            @Argument(help: "The project's id or name.") var project: String
            @Option(help: "The year of production, from 1.") var year: Int
            @Option(name: .customLong("tax-per-mu"), help: "Tax per mu, 万元.") var taxPerMu: Decimal?
            @Option(name: .customLong("annual-tax"), help: "Tax that year, 万元.") var annualTax: Decimal?
            @Option(help: "Still operating in the district.") var operating: YesNo?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { db in
                    let id = try ProjectLedger.id(project, in: db)
                    try ProjectLedger.result(YearResult(projectId: id, year: year, taxPerMu: taxPerMu, annualTax: annualTax,
                                                        operating: operating.map { $0 == .yes }), by: store.context, in: db)
                }
                Console.print("year \(year) recorded")
            }
        }
    }

    struct Payments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payments", abstract: "The subsidies paid: list, show, correct or void one.",
            subcommands: [ProjectEntries<Payment>.self, LedgerCommands<Payment>.Show.self, LedgerCommands<Payment>.Amend.self, LedgerCommands<Payment>.VoidEntry.self]
        )
    }

    struct Results: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "results", abstract: "The projects' yearly results: list, show, correct or void one.",
            subcommands: [ProjectEntries<YearResult>.self, LedgerCommands<YearResult>.Show.self, LedgerCommands<YearResult>.Amend.self,
                          LedgerCommands<YearResult>.VoidEntry.self]
        )
    }

    /// `list` of a ledger whose entries belong to a project: the project by its name, as the
    /// clerk knows it, beside its id.
    struct ProjectEntries<Entry: LedgerEntry & ProjectOwned>: StoreListCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: "Every \(Entry.noun) in the ledger, with its project's name; --all shows the voided ones too.")
        }
        @Flag(help: "Voided entries too, marked void.") var all = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [ProjectOwnedLine<Entry>] {
            try store.read { db in
                let names = Dictionary(try ProjectEntry.fetchAll(db).compactMap { entry in entry.id.map { ($0, entry.name) } }, uniquingKeysWith: { first, _ in first })
                return try (all ? Entry.all() : Entry.inForce).fetchAll(db).map { ProjectOwnedLine(line: LedgerLine(entry: $0), project: names[$0.projectId] ?? "") }
            }
        }
    }

    struct Spending: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "spending", abstract: "Spending from the promotion funds: list, show, correct or void one.", subcommands: LedgerCommands<SpendingRecord>.all
        )
    }

    struct Clawback: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "clawback", abstract: "What must be recovered from a project that missed its commitments, and why (三(三)).")
        @Argument(help: "The project's id or name.") var project: String
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "table or json.") var format: ReportFormat = .json

        func run(in store: Store) throws {
            let record = try store.read { try ProjectLedger.record(try ProjectLedger.id(project, in: $0), in: $0) }
            let clawback = try ProjectLedger.clawback(record, parameters: try IncentivesModule.parameters(), on: DateArgument.today())
            if format == .json { Console.print(try Output.json(clawback)); return }
            Console.print("\(clawback.project): recover \(clawback.recover)万元 of \(clawback.paid)万元 paid  [\(clawback.citation)]")
            for missed in clawback.missed { Console.print("  missed: \(missed.detail)  [\(missed.citation)]") }
        }
    }

    struct Funds: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funds",
            abstract: "The promotion funds of 二(四): 50万元 a year per park, 30万元 per industry promotion company.",
            subcommands: [Allocate.self, Spend.self, List.self, LedgerCommands<FundRecord>.Show.self, LedgerCommands<FundRecord>.Amend.self,
                          LedgerCommands<FundRecord>.VoidEntry.self]
        )

        struct Allocate: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "allocate", abstract: "Allocate a holder's fund for a year (the amount of 二(四) unless given).")
            @Option(help: "The park or company.") var holder: String
            @Option(help: "Who holds it.") var kind: FundHolderKind
            @Option(help: "The year.") var year: Int
            @Option(help: "万元, when it differs from 二(四) (it is then flagged).") var amount: Decimal?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let parameters = try IncentivesModule.parameters()
                let allocated = try store.write {
                    try FundLedger.allocate(holder: holder, kind: kind, year: year, amount: amount, parameters: parameters, by: store.context, in: $0).allocated
                }
                Console.print("\(holder) \(year): \(allocated)万元 allocated")
            }
        }

        struct Spend: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "spend", abstract: "Record spending from a fund; --misuse marks spending not on promotion.")
            @Option(help: "The park or company.") var holder: String
            @Option(help: "The fund's year.") var year: Int
            @Option(help: "万元.") var amount: Decimal
            @Option(help: "The date (YYYY-MM-DD).") var date: CivilDate
            @Option(help: "What it was for.") var purpose: String
            @Flag(help: "Not spent on promotion (三(二)).") var misuse = false
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                _ = try store.write {
                    try FundLedger.spend(holder: holder, year: year, amount: amount, on: date, purpose: purpose, misuse: misuse, by: store.context, in: $0)
                }
                Console.print("\(holder) \(year): \(amount)万元 spent")
            }
        }

        struct List: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Funds with what was spent, and what is to be recovered.")
            @Option(help: "Only this year.") var year: Int?
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [FundLine] {
                let parameters = try IncentivesModule.parameters()
                return try store.read { try FundLedger.lines(year: year, parameters: parameters, in: $0) }
            }
        }
    }

    /// The entry thresholds of 二(三), per industry, as dated parameters.
    struct Thresholds: ListCommand {
        static let configuration = CommandConfiguration(commandName: "thresholds", abstract: "Each industry's entry thresholds in force on a date (二(三)).")

        @Option(help: "The date (YYYY-MM-DD); default today.") var on: CivilDate?
        @OptionGroup var output: FormatOptions

        struct Row: Tabular {
            var industry: String
            var parameter: String
            var label: String
            var value: String
            var unit: String
            var citation: String

            static let columns: [OutputColumn<Row>] = [
                OutputColumn("industry") { $0.industry }, OutputColumn("label") { $0.label }, OutputColumn("value") { $0.value },
                OutputColumn("unit") { $0.unit }, OutputColumn("citation") { $0.citation },
            ]
        }

        func rows() throws -> [Row] {
            let date = on ?? DateArgument.today()
            let table = try IncentivesModule.parameters()
            return try table.parameters.filter { parameter in Industry.allCases.contains { parameter.id.hasPrefix($0.rawValue + ".") } }.map { parameter in
                let (dated, unit) = try table.value(parameter.id, on: date)
                return Row(industry: String(parameter.id.prefix { $0 != "." }), parameter: parameter.id, label: parameter.label,
                           value: dated.value, unit: unit, citation: dated.source)
            }
        }
    }
}

// The ledgers' choices on the command line, in both spellings.
extension PaymentKind: ArgumentChoice {}
extension FundHolderKind: ArgumentChoice {}
