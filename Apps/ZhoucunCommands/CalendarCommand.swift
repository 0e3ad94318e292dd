import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "China's working-day calendar (statutory holidays and 调休 working days), as deadlines use it.",
        discussion: """
            Covers 2020 to 2026 as shipped (the State Council notices, each day with its notice). A later year whose \
            notice is not loaded is reckoned on weekends alone, and every answer through it says so \
            (2027年节假日安排未载入，按周末计算). When the State Council publishes a year's notice (国务院办公厅关于…年部分节假日安排的通知), \
            `zhoucun calendar import FILE` adds it to the store; data files named in ZHOUCUN_CALENDAR are read too.

            The file is CSV, one row per day that is not as its weekday makes it:
              # years: 2027
              date,kind,name,source
              2027-01-01,holiday,元旦,国办发明电〔2026〕N号
              2027-02-07,workday,春节,国办发明电〔2026〕N号
            kind is holiday (a day off) or workday (a Saturday or Sunday made a working day); each date once.
            """,
        subcommands: [Add.self, IsWorkday.self, Show.self, Import.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "The date N working days after DATE (before it when N is negative).")
        @Argument(help: "The start date (YYYY-MM-DD).") var date: CivilDate
        // Taken as it comes: `-3` is a number of days back, not an option.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("How many working days (negative: before DATE).", valueName: "days"))
        var days: [String] = []
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard days.count == 1, Int(days[0]) != nil else {
                throw ValidationError("give one whole number of working days after the date (\(days.isEmpty ? "none given" : days.joined(separator: " ")))")
            }
        }

        func run() throws {
            let (due, note) = try store.calendar().reckon(workingDays: Int(days[0])!, from: date)
            Console.print(due.description + (note.map { "  (\($0))" } ?? ""))
        }
    }

    struct IsWorkday: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "is-workday", abstract: "Whether DATE is a working day (prints yes or no, and why).")
        @Argument(help: "The date (YYYY-MM-DD).") var date: CivilDate
        @OptionGroup var store: StoreOptions

        func run() throws {
            let day = date
            let calendar = try store.calendar()
            let working = try calendar.isWorkday(day)
            let reason = calendar.entries[day].map { entry in
                entry.kind == .holiday ? "\(entry.name) holiday, \(entry.source)" : "\(entry.name) 调休 working day, \(entry.source)"
            } ?? (day.isWeekend ? "weekend" : "weekday")
            let note = WorkingDayCalendar.weekendNote(calendar.provisionalYears(from: day, to: day))
            Console.print("\(working ? "yes" : "no"): \(day) (\(reason))" + (note.map { "; \($0)" } ?? ""))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "What the calendar knows of a year: its holidays and working weekend days, each with its notice.")
        @Argument(help: "The year (2027).") var year: Int
        @OptionGroup var store: StoreOptions

        func run() throws {
            let calendar = try store.calendar()
            guard calendar.years.contains(year) else {
                let note = WorkingDayCalendar.weekendNote(calendar.provisionalYears(from: CivilDate(year: year, month: 1, day: 1)!, to: CivilDate(year: year, month: 12, day: 31)!))
                Console.print(note.map { "\($0); `zhoucun calendar import FILE` adds the year from the State Council's notice" }
                      ?? "\(year): not in the calendar (it covers \(calendar.years.sorted().map(String.init).joined(separator: ", ")))")
                return
            }
            let days = calendar.entries.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
            Console.print("\(year): \(days.filter { $0.kind == .holiday }.count) days off, \(days.filter { $0.kind == .workday }.count) weekend days worked")
            for day in days {
                Console.print("\(day.date)  \(day.kind == .holiday ? "休" : "班")  \(day.name)  \(day.source)")
            }
        }
    }

    struct Import: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add a year from the State Council's notice, as a CSV file (see `zhoucun calendar --help` for its form), to the store.",
            discussion: "Checked before anything is written: every date once at most, each kind holiday or workday, a working day only on a weekend, each date in a year the file covers; a year the calendar has already is refused."
        )
        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let text = try CSVTable.decode(path: file)
            let calendar = try self.store.calendar()
            let years = try store.write { try calendar.importYears(text, file: file, by: store.context, in: $0) }
            Console.print("calendar: \(years.map(String.init).joined(separator: ", ")) imported from \(file)")
        }
    }
}
