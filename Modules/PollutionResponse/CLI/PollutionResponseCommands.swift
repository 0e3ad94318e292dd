import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

extension PollutionResponseModule: CommandLineModule {
    public static var command: any ParsableCommand.Type { PollutionCommand.self }
}

struct PollutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: PollutionResponseModule.id,
        abstract: PollutionResponseModule.summary,
        subcommands: [AQI.self, Assess.self, Deadlines.self, Alerts.self, Reports.self, Adjustments.self, Enterprises.self, Orders.self, Duties.self]
    )

    struct AQI: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "aqi",
            abstract: "AQI, IAQI, primary pollutant and level from concentrations (HJ 633-2012).",
            discussion: "Daily: 24-hour means, O3 as its maximum 8-hour mean. Hourly: 1-hour values, PM as 24-hour means. µg/m³; CO in mg/m³."
        )
        enum Period: String, ExpressibleByArgument { case daily, hourly }

        @Option(help: "daily or hourly.") var period: Period = .daily
        @Option var pm25: Decimal?
        @Option var pm10: Decimal?
        @Option var so2: Decimal?
        @Option var no2: Decimal?
        @Option var co: Decimal?
        @Option(help: "O3: the maximum 8-hour mean (daily) or the 1-hour value (hourly).") var o3: Decimal?
        @Option(name: .customLong("o3-1h"), help: "Daily: the maximum 1-hour O3, used when the 8-hour mean is above 800.") var o3OneHour: Decimal?
        @Option(name: .customLong("so2-24h"), help: "Hourly: the 24-hour SO2 mean, used when the 1-hour value is above 800.") var so2Day: Decimal?
        @Option(name: .long, help: "table or json.") var format: ReportFormat = .table

        func run() throws {
            let index = try AirQualityIndex.standard()
            let result = period == .daily
                ? try index.daily(.init(pm25: pm25, pm10: pm10, so2: so2, no2: no2, co: co, o3EightHour: o3, o3OneHour: o3OneHour))
                : try index.hourly(.init(pm25: pm25, pm10: pm10, so2: so2, no2: no2, co: co, o3: o3, so2Day: so2Day))
            if format == .json { Console.print(try Output.json(result)); return }
            Console.print("AQI \(result.aqi)  \(result.level.grade)级 \(result.level.category) (\(result.level.color))")
            Console.print("IAQI: " + result.iaqi.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            Console.print("primary: " + (result.primary.isEmpty ? "none (AQI ≤ 50)" : result.primary.joined(separator: ", ")))
            for note in result.notes { Console.print("note: \(note)") }
            Console.print("source: \(result.citation)")
        }
    }

    struct Assess: StoreCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "The alert and response a forecast calls for, who signs, the measures, targets and deadlines, each with its clause.",
            discussion: "The forecast is CSV: daily `date,aqi[,dust]` (dust: yes/no, 是/否), or hourly `time,pm25,pm10,so2,no2,co,o3` where each row holds the rolling 24-hour means ending at its hour (O3: its 8-hour mean); a day counts at a level when the 24 rows ending with it all reach it. Without a store, the plan's own numbers are used and no signer is named."
        )
        @Option(help: "The forecast CSV.") var forecast: String
        @Option(name: .customLong("regional-alert"), help: "When a regional alert was received (YYYY-MM-DDTHH:MM).") var regionalAlert: LocalDateTime?
        @Option(help: "Also draw the forecast as SVG into this file.") var chart: String?
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "table or json.") var format: ReportFormat = .table

        func run(in store: Store) throws {
            let index = try AirQualityIndex.standard()
            let parsed = try Forecast.parse(try CSVTable.decode(path: forecast), file: forecast, index: index)
            let assessor = Assessor(parameters: try PollutionResponseModule.parameters(), calendar: try self.store.calendar())
            let database = FileManager.default.fileExists(atPath: store.path) ? try store.existing() : nil
            let assessment = try assessor.assess(parsed, regional: regionalAlert, database: database)
            if let chart {
                try ForecastChart.svg(parsed, alert: assessment.alert).write(toFile: chart, atomically: true, encoding: .utf8)
            }
            if format == .json { Console.print(try Output.json(assessment)); return }
            Console.print("alert: \(assessment.alert.rawValue)" + (assessment.response.map { "   response: \($0)" } ?? "") + "   plan: \(assessment.plan)")
            for reason in assessment.reasons { Console.print("  \(reason.text)  [\(reason.citation)]") }
            if let signer = assessment.signer {
                Console.print("signer: \(signer.role) \(signer.name ?? "?")" + (signer.afterAgreementOf.map { ", after a deputy commander agrees (\($0.joined(separator: "、")))" } ?? "") + "  [\(signer.citation)]")
            }
            if let targets = assessment.targets {
                Console.print("targets: SO2, NOx, PM, VOCs each ≥ \(targets.eachPercent)%, SO2+NOx ≥ \(targets.so2PlusNoxPercent)%  [\(targets.citation)]; coal-fired units −\(targets.coalPowerDailyPercent)% a day  [\(targets.coalPowerCitation)]")
            }
            // The measures' own words: the clerk drafting the alert copies them.
            for measure in assessment.measures {
                Console.print("measure \(measure.level) \(measure.kind): \(measure.heading)  [\(measure.citation)]")
                for line in measure.text.split(separator: "\n") where !line.isEmpty { Console.print("    " + Output.visible(String(line))) }
            }
            for deadline in assessment.deadlines { Console.print("due \(deadline.due): \(deadline.what)  [\(deadline.citation)]") }
            for note in assessment.notes { Console.print("note: \(note)") }
        }
    }

    struct Deadlines: ListCommand {
        static let configuration = CommandConfiguration(commandName: "deadlines", abstract: "What is due when, for an alert issued and lifted on given dates.")
        @Option(help: "When the alert was issued (YYYY-MM-DDTHH:MM).") var issued: LocalDateTime
        @Option(help: "The day the alert was lifted (YYYY-MM-DD).") var lifted: CivilDate?
        @Option(name: .customLong("regional-alert"), help: "When a regional alert was received.") var regionalAlert: LocalDateTime?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows() throws -> [Deadline] {
            let deadlines = ResponseDeadlines(parameters: try PollutionResponseModule.parameters(), calendar: try store.calendar())
            return try deadlines.all(issued: issued, lifted: lifted, regional: regionalAlert)
        }
    }

    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alerts",
            abstract: "The alert ledger (台账): issue, adjust, lift, file reports, list with overdue and late reports flagged; correct or void an entry.",
            subcommands: [Issue.self, Adjust.self, Lift.self, Report.self, List.self, Show.self,
                          LedgerCommands<AlertRecord>.Amend.self, LedgerCommands<AlertRecord>.VoidEntry.self]
        )

        struct Issue: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "issue", abstract: "Record an alert as issued; its signer comes from the roster in force.")
            @Option(help: "The level.") var level: AlertLevel
            @Option(help: "When it was issued (YYYY-MM-DDTHH:MM; the day alone where no regional alert is given: the plan counts its deadlines in days).") var issued: LocalDateTime
            @Option(name: .customLong("regional-alert"), help: "When the regional alert that caused it was received.") var regionalAlert: LocalDateTime?
            @Option(help: "A note.") var note: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let alert = try store.write { try AlertLedger.issue(level: level, issued: issued, regional: regionalAlert, note: note, by: store.context, in: $0) }
                Console.print("alert \(alert.id!): \(level.rawValue), response \(level.response ?? "-"), issued \(issued)" + (alert.signer.map { ", signed by \($0)" } ?? ""))
                if alert.signer == nil {
                    Console.warn("warning: no signer: no heavy-pollution plan of the district with its roster is in force on \(issued.date)")
                }
            }
        }

        struct Adjust: StoreWriteCommand {
            static let configuration = CommandConfiguration(
                commandName: "adjust",
                abstract: "Record a change of an alert's level as the city announces it (预警调整, 四(三)); its signer comes from the roster, as for issuing."
            )
            @Argument(help: "The alert's id.") var id: Int64
            @Option(help: "The new level.") var level: AlertLevel
            @Option(help: "When it was adjusted (YYYY-MM-DDTHH:MM, or the day alone).") var at: LocalDateTime
            @Option(help: "A note (the city's notice).") var note: String?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let adjustment = try store.write { try AlertLedger.adjust(id, to: level, at: at, note: note, by: store.context, in: $0) }
                Console.print("alert \(id): adjusted to \(level.rawValue) at \(at) (adjustment \(adjustment.id!)), response \(level.response ?? "-")")
            }
        }

        struct Lift: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "lift", abstract: "Record an alert as lifted.")
            @Argument(help: "The alert's id.") var id: Int64
            @Option(help: "When it was lifted (YYYY-MM-DDTHH:MM, or the day alone: what follows a lifting counts in days).") var lifted: LocalDateTime
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                try store.write { try AlertLedger.lift(id, at: lifted, by: store.context, in: $0) }
                Console.print("alert \(id): lifted \(lifted)")
            }
        }

        struct Report: StoreWriteCommand {
            static let configuration = CommandConfiguration(commandName: "report", abstract: "Record a report as filed.")
            @Argument(help: "The alert's id.") var id: Int64
            @Option(help: "The kind of report.") var kind: ReportKind
            @Option(help: "The day it is for (YYYY-MM-DD), as `deadlines` lists it.") var date: CivilDate
            @Option(help: "The day it was filed (YYYY-MM-DD; default today): a report filed after its due day is marked late.") var filed: CivilDate?
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let filedOn = filed ?? DateArgument.today()
                try store.write { try AlertLedger.report(id, kind: kind, date: date, filed: filedOn, by: store.context, in: $0) }
                Console.print("alert \(id): \(kind.rawValue) for \(date) filed on \(filedOn)")
            }
        }

        struct Show: StoreCommand {
            static let configuration = CommandConfiguration(
                commandName: "show", abstract: "One alert as it stands on a date: its level and signer after adjustments, and each report overdue or late.")
            @Argument(help: "The alert's id.") var id: Int64
            @Option(help: "The date to judge on (default today).") var on: CivilDate?
            @OptionGroup var store: StoreOptions
            @Option(name: .long, help: "table or json.") var format: ReportFormat = .table

            func run(in store: Store) throws {
                let deadlines = ResponseDeadlines(parameters: try PollutionResponseModule.parameters(), calendar: try self.store.calendar())
                let day = on ?? DateArgument.today()
                guard let status = try store.read({ try AlertLedger.list(on: day, deadlines: deadlines, only: id, in: $0) }).first else { return }
                if format == .json { Console.print(try Output.json(status)); return }
                Console.print("alert \(status.id): \(status.level.rawValue)" + (status.response.map { "   response \($0)" } ?? "") + "   on \(day)")
                Console.print("issued \(status.issuedAt)" + (status.liftedAt.map { "   lifted \($0)" } ?? "   not lifted") + (status.signer.map { "   signer \($0)" } ?? ""))
                if let voided = status.voidedAt { Console.print("VOID at \(voided): \(status.voidReason ?? "")") }
                for adjustment in status.adjustments { Console.print("adjusted \(adjustment)") }
                if let late = status.lateIssue { Console.print("issued late: due \(late.due)  [\(late.citation)]") }
                for deadline in status.overdue { Console.print("overdue: \(deadline.kind) due \(deadline.due)  [\(deadline.citation)]") }
                for late in status.late { Console.print("late: \(late)") }
                if let problem = status.problem { Console.print("note: \(problem)") }
            }
        }

        struct List: StoreListCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Every alert, with the reports overdue on a date.")
            @Option(help: "The date to judge overdue reports on (default today).") var on: CivilDate?
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func rows(in store: Store) throws -> [AlertStatus] {
                let deadlines = ResponseDeadlines(parameters: try PollutionResponseModule.parameters(), calendar: try self.store.calendar())
                return try store.read { try AlertLedger.list(on: on ?? DateArgument.today(), deadlines: deadlines, in: $0) }
            }
        }
    }

    struct Reports: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reports",
            abstract: "The reports filed for the alerts: list, show, correct or void one.",
            subcommands: LedgerCommands<ReportRecord>.all
        )
    }

    struct Adjustments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "adjustments",
            abstract: "The alerts' level adjustments (四(三)): list, show, correct or void one.",
            subcommands: LedgerCommands<AdjustmentRecord>.all
        )
    }

    struct Enterprises: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enterprises",
            abstract: "The emergency reduction list (应急减排清单): import it, list it, correct or void an entry.",
            subcommands: [Import.self] + LedgerCommands<Enterprise>.all
        )

        struct Import: StoreWriteCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Import the list from CSV: name,town,industry,grade,protected,yellow,orange,red[,condition] (or the Chinese headers).",
                discussion: "When a list is in force already, the import says what it would add, remove and change, and does it only with --replace: removed enterprises are voided (kept), changed ones corrected, each change logged."
            )
            @Argument(help: "The CSV file.") var file: String
            @Flag(help: "Put this list in force in place of the one there is.") var replace = false
            @OptionGroup var writer: WriterOptions
            @OptionGroup var store: StoreOptions

            func run(in store: Store) throws {
                let enterprises = try Enterprise.parse(try CSVTable.decode(path: file), file: file)
                let changes = try store.write { db -> Enterprise.Changes in
                    let changes = try Enterprise.changes(to: enterprises, in: db)
                    let listed = try Enterprise.all(in: db)
                    if !listed.isEmpty, !changes.isEmpty, !replace {
                        throw EntryError("a reduction list of \(listed.count) enterprises is in force; this file changes it: \(changes.summary). Run again with --replace to put it in force")
                    }
                    return try Enterprise.replace(with: enterprises, source: file, by: store.context, in: db)
                }
                Console.print("\(enterprises.count) enterprises listed (\(enterprises.filter(\.protected).count) protected)"
                      + (changes.isEmpty ? "; nothing changed" : ": \(changes.summary)"))
            }
        }
    }

    struct Orders: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "orders", abstract: "What each listed enterprise must do at an alert level; which protected ones keep running, and how.")
        @Option(help: "The level.") var level: AlertLevel
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [Order] {
            try store.read { db in Order.orders(for: try Enterprise.all(in: db), at: level, plan: PlanDocument.number) }
        }
    }

    struct Duties: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "duties", abstract: "The emergency command's member units and their duties (附件3).")

        @Option(help: "Only this unit (other names resolved).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [DutyRow] {
            try ModuleListing.duties(module: PollutionResponseModule.id, unit: unit, in: store)
        }
    }
}

extension LocalDateTime: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

// The ledgers' choices on the command line, in both spellings.
extension ReportKind: ArgumentChoice {}
extension AlertLevel: ArgumentChoice {}
