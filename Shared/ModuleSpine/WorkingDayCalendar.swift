import Foundation
import GRDB
import GazetteModel
import GazetteStore

/// China's working-day calendar: weekends off, statutory holidays off, and the weekend days
/// made working days (调休上班) by the State Council's yearly notice.
///
/// Years the data covers are answered by it. A later year, whose notice the State Council has not
/// published (or the office has not imported), is reckoned on weekends alone, and every answer
/// that ran through it says so (`weekendNote`); a year before the data is an error.
public struct WorkingDayCalendar: Sendable {
    public enum Kind: String, Sendable { case holiday, workday }

    public struct Entry: Sendable, Hashable {
        public var date: CivilDate
        public var kind: Kind
        public var name: String
        public var source: String
    }

    public private(set) var entries: [CivilDate: Entry] = [:]
    public private(set) var years: Set<Int> = []

    public init() {}

    /// The shipped calendar, plus the files named in `$ZHOUCUN_CALENDAR` (colon-separated).
    public static func standard(environment: [String: String] = ProcessEnvironment.current) throws -> WorkingDayCalendar {
        var calendar = try shipped.get()
        for path in (environment["ZHOUCUN_CALENDAR"] ?? "").split(separator: ":") where !path.isEmpty {
            let text: String
            do { text = try String(contentsOfFile: String(path), encoding: .utf8) } catch {
                throw CalendarError("cannot read calendar file \(path) (from ZHOUCUN_CALENDAR): \(error.localizedDescription)")
            }
            try calendar.load(text, file: String(path))
        }
        return calendar
    }

    /// The calendar shipped with zhoucun, read once per process: the web page asks for it on
    /// every request.
    static let shipped: Result<WorkingDayCalendar, CalendarError> = {
        guard let url = Bundle.module.url(forResource: "cn-workdays", withExtension: "csv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure(CalendarError("the working-day calendar is missing from the installation"))
        }
        var calendar = WorkingDayCalendar()
        do { try calendar.load(text, file: "cn-workdays.csv") } catch let error as CalendarError { return .failure(error) } catch {
            return .failure(CalendarError("cn-workdays.csv: \(error)"))
        }
        return .success(calendar)
    }()

    /// Adds a data file: `date,kind,name,source` rows, and a `# years: 2022 2023` line naming the
    /// years it covers completely.
    public mutating func load(_ text: String, file: String) throws {
        let (years, entries) = try Self.parse(text, file: file)
        self.years.formUnion(years)
        for entry in entries { self.entries[entry.date] = entry }
    }

    /// The years a clerk imported into the store (`calendar import`).
    public mutating func load(from db: Database) throws {
        guard try db.tableExists("calendar_year") else { return }
        years.formUnion(try Int.fetchAll(db, sql: "SELECT year FROM calendar_year"))
        for row in try Row.fetchAll(db, sql: "SELECT date, kind, name, source FROM calendar_day") {
            guard let date = CivilDate(row["date"] as String), let kind = Kind(rawValue: row["kind"]) else { continue }
            entries[date] = Entry(date: date, kind: kind, name: row["name"], source: row["source"])
        }
    }

    /// A data file read and checked: every date once at most, a valid kind, a working day only on
    /// a weekend, each date in a year the file says it covers (`# years:`; else the years of its
    /// dates).
    public static func parse(_ text: String, file: String) throws -> (years: Set<Int>, entries: [Entry]) {
        var declared: Set<Int> = []
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where line.trimmingCharacters(in: .whitespaces).hasPrefix("# years:") {
            for word in line.trimmingCharacters(in: .whitespaces).dropFirst("# years:".count).split(separator: " ") {
                guard let year = Int(word) else { throw CalendarError("\(file):\(offset + 1): not a year: \(word)") }
                declared.insert(year)
            }
        }
        let table: CSVTable
        do {
            table = try CSVTable(text: text, file: file, columns: [.init("date"), .init("kind"), .init("name", required: false), .init("source", required: false)], comments: true)
        } catch let error as InputError {
            throw CalendarError(error.description)
        }
        var entries: [Entry] = []
        var seen: Set<CivilDate> = []
        for row in table.rows {
            guard let date = CivilDate(row.value("date") ?? "") else { throw CalendarError("\(row.error("date", "not a YYYY-MM-DD date"))") }
            guard seen.insert(date).inserted else { throw CalendarError("\(row.error("date", "\(date) is listed twice"))") }
            guard let kind = Kind(rawValue: row.value("kind") ?? "") else {
                throw CalendarError("\(row.error("kind", "\(row.value("kind") ?? "") is neither holiday nor workday"))")
            }
            if kind == .workday && !date.isWeekend {
                throw CalendarError("\(row.error("date", "\(date) is a weekday; only a weekend day can be made a working day"))")
            }
            if !declared.isEmpty && !declared.contains(date.year) {
                throw CalendarError("\(row.error("date", "\(date) is outside the years the file covers (\(declared.sorted().map(String.init).joined(separator: ", ")))"))")
            }
            entries.append(Entry(date: date, kind: kind, name: row.value("name") ?? "", source: row.value("source").flatMap { $0.isEmpty ? nil : $0 } ?? file))
        }
        return (declared.isEmpty ? Set(entries.map(\.date.year)) : declared, entries)
    }

    /// Imports the years of a data file into the store, each whole: refused for a year the
    /// calendar covers already. The years imported.
    public func importYears(_ text: String, file: String, by context: OperationContext, in db: Database) throws -> [Int] {
        let (years, entries) = try Self.parse(text, file: file)
        guard !years.isEmpty else { throw CalendarError("\(file): no days in it; a year's calendar lists its holidays and working weekend days") }
        if let known = years.sorted().first(where: self.years.contains) {
            throw CalendarError("\(file): \(known) is in the calendar already (`zhoucun calendar show \(known)`); nothing was imported")
        }
        let now = context.timestamp
        for year in years.sorted() {
            try db.execute(sql: "INSERT INTO calendar_year (year, file, imported_at, imported_by) VALUES (?, ?, ?, ?)", arguments: [year, file, now, context.actor])
        }
        for entry in entries {
            try db.execute(sql: "INSERT INTO calendar_day (date, year, kind, name, source) VALUES (?, ?, ?, ?, ?)",
                           arguments: [entry.date.description, entry.date.year, entry.kind.rawValue, entry.name, entry.source])
        }
        let sources = Set(entries.map(\.source)).sorted().joined(separator: ", ")
        try WriteLog.append(LogEntry(context, action: "calendar-import", module: "calendar", record: "years \(years.sorted().map(String.init).joined(separator: ", "))",
                                     before: nil, after: "\(entries.count) days from \(file)", reason: sources), in: db)
        return years.sorted()
    }

    /// The years after the data that a reckoning between two dates ran through.
    public func provisionalYears(from start: CivilDate, to end: CivilDate) -> [Int] {
        guard let last = years.max() else { return [] }
        return (Swift.min(start.year, end.year) ... Swift.max(start.year, end.year)).filter { $0 > last && !years.contains($0) }
    }

    /// `2027年节假日安排未载入，按周末计算`, for the years reckoned on weekends alone.
    public static func weekendNote(_ years: [Int]) -> String? {
        years.isEmpty ? nil : "\(years.map(String.init).joined(separator: "、"))年节假日安排未载入，按周末计算"
    }

    public func covers(_ date: CivilDate) -> Bool { years.contains(date.year) }

    public func isWorkday(_ date: CivilDate) throws -> Bool {
        guard covers(date) else {
            if let last = years.max(), date.year > last { return !date.isWeekend }
            throw CalendarError("the working-day calendar has no data for \(date.year) (it covers \(years.sorted().map(String.init).joined(separator: ", "))), and a year before it is not guessed")
        }
        switch entries[date]?.kind {
        case .holiday?: return false
        case .workday?: return true
        case nil: return !date.isWeekend
        }
    }

    /// The date `count` working days after `date`, with the note a reckoning through a year
    /// without data carries.
    public func reckon(workingDays count: Int, from date: CivilDate) throws -> (date: CivilDate, note: String?) {
        let due = try adding(workingDays: count, to: date)
        return (due, Self.weekendNote(provisionalYears(from: date, to: due)))
    }

    /// The date `count` working days after `date` (before it when negative).
    public func adding(workingDays count: Int, to date: CivilDate) throws -> CivilDate {
        var current = date
        var remaining = abs(count)
        let step = count >= 0 ? 1 : -1
        while remaining > 0 {
            current = current.adding(days: step)
            if try isWorkday(current) { remaining -= 1 }
        }
        return current
    }
}

public struct CalendarError: ReportableError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
