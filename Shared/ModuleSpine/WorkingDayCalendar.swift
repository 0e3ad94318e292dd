import Foundation
import GazetteModel

/// China's working-day calendar: weekends off, statutory holidays off, and the weekend days
/// made working days (调休上班) by the State Council's yearly notice.
///
/// Only years the data covers are answered; any other year is an error, never a guess.
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
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WorkingDayCalendar {
        var calendar = WorkingDayCalendar()
        guard let url = Bundle.module.url(forResource: "cn-workdays", withExtension: "csv") else {
            throw CalendarError("the working-day calendar is missing from the installation")
        }
        try calendar.load(String(contentsOf: url, encoding: .utf8), file: "cn-workdays.csv")
        for path in (environment["ZHOUCUN_CALENDAR"] ?? "").split(separator: ":") where !path.isEmpty {
            let text: String
            do { text = try String(contentsOfFile: String(path), encoding: .utf8) } catch {
                throw CalendarError("cannot read calendar file \(path) (from ZHOUCUN_CALENDAR): \(error.localizedDescription)")
            }
            try calendar.load(text, file: String(path))
        }
        return calendar
    }

    /// Adds a data file: `date,kind,name,source` rows, and a `# years: 2022 2023` line naming the
    /// years it covers completely.
    public mutating func load(_ text: String, file: String) throws {
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where line.trimmingCharacters(in: .whitespaces).hasPrefix("# years:") {
            for word in line.trimmingCharacters(in: .whitespaces).dropFirst("# years:".count).split(separator: " ") {
                guard let year = Int(word) else { throw CalendarError("\(file):\(offset + 1): not a year: \(word)") }
                years.insert(year)
            }
        }
        let table: CSVTable
        do {
            table = try CSVTable(text: text, file: file, columns: [.init("date"), .init("kind"), .init("name", required: false), .init("source", required: false)], comments: true)
        } catch let error as InputError {
            throw CalendarError(error.description)
        }
        for row in table.rows {
            guard let date = CivilDate(row.value("date") ?? "") else { throw CalendarError("\(row.error("date", "not a YYYY-MM-DD date"))") }
            guard let kind = Kind(rawValue: row.value("kind") ?? "") else {
                throw CalendarError("\(row.error("kind", "\(row.value("kind") ?? "") is neither holiday nor workday"))")
            }
            if kind == .workday && !date.isWeekend {
                throw CalendarError("\(row.error("date", "\(date) is a weekday; only a weekend day can be made a working day"))")
            }
            entries[date] = Entry(date: date, kind: kind, name: row.value("name") ?? "", source: row.value("source").flatMap { $0.isEmpty ? nil : $0 } ?? file)
        }
    }

    public func covers(_ date: CivilDate) -> Bool { years.contains(date.year) }

    public func isWorkday(_ date: CivilDate) throws -> Bool {
        guard covers(date) else {
            throw CalendarError("the working-day calendar has no data for \(date.year) (it covers \(years.sorted().map(String.init).joined(separator: ", "))); add a data file through ZHOUCUN_CALENDAR")
        }
        switch entries[date]?.kind {
        case .holiday?: return false
        case .workday?: return true
        case nil: return !date.isWeekend
        }
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
