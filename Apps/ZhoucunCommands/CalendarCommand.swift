import ArgumentParser
import GazetteModel
import ModuleSpine

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "China's working-day calendar (statutory holidays and 调休 working days), as deadlines use it.",
        discussion: "Covers 2020 to 2026 as shipped (the State Council notices, each day with its notice); a date beyond is an error naming its year. Add years with data files named in ZHOUCUN_CALENDAR.",
        subcommands: [Add.self, IsWorkday.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "The date N working days after DATE (before it when N is negative).")
        @Argument(help: "The start date (YYYY-MM-DD).") var date: CivilDate
        // Taken as it comes: `-3` is a number of days back, not an option.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("How many working days (negative: before DATE).", valueName: "days"))
        var days: [String] = []

        func validate() throws {
            guard days.count == 1, Int(days[0]) != nil else {
                throw ValidationError("give one whole number of working days after the date (\(days.isEmpty ? "none given" : days.joined(separator: " ")))")
            }
        }

        func run() throws {
            print(try WorkingDayCalendar.standard().adding(workingDays: Int(days[0])!, to: date))
        }
    }

    struct IsWorkday: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "is-workday", abstract: "Whether DATE is a working day (prints yes or no, and why).")
        @Argument(help: "The date (YYYY-MM-DD).") var date: CivilDate

        func run() throws {
            let day = date
            let calendar = try WorkingDayCalendar.standard()
            let working = try calendar.isWorkday(day)
            let reason = calendar.entries[day].map { entry in
                entry.kind == .holiday ? "\(entry.name) holiday, \(entry.source)" : "\(entry.name) 调休 working day, \(entry.source)"
            } ?? (day.isWeekend ? "weekend" : "weekday")
            print("\(working ? "yes" : "no"): \(day) (\(reason))")
        }
    }
}
