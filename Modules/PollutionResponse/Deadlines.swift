import Foundation
import GRDB
import GazetteModel
import ModuleSpine

/// A date and time of day in the office's time zone, as alerts are issued (`2020-12-01T08:00`),
/// or a day whose hour was not given (`2020-12-03`) where the plan counts in days: the hour is
/// never made up.
public struct LocalDateTime: Sendable, Comparable, CustomStringConvertible {
    public var date: CivilDate
    /// Minutes after midnight; nil when only the day is known.
    public var minutes: Int?

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T").split(separator: "T")
        guard (1...2).contains(parts.count), case .success(let date) = TypedValue.date(String(parts[0])) else { return nil }
        self.date = date
        guard parts.count == 2 else { minutes = nil; return }
        let time = parts[1].split(separator: ":")
        guard (1...3).contains(time.count), let hour = Int(time[0]), (0...23).contains(hour),
              let minute = time.count > 1 ? Int(time[1]) : 0, (0...59).contains(minute) else { return nil }
        minutes = hour * 60 + minute
    }

    init(date: CivilDate, minutes: Int) {
        self.date = date.adding(days: minutes / 1440)
        self.minutes = minutes % 1440
    }

    /// Whether the hour is known.
    public var hasTime: Bool { minutes != nil }

    /// `hours` later; a day without its hour stays that day's (callers that count hours need the hour).
    public func adding(hours: Int) -> LocalDateTime {
        guard let minutes else { return self }
        return LocalDateTime(date: date, minutes: minutes + hours * 60)
    }

    public var description: String {
        guard let minutes else { return date.description }
        let hour = minutes / 60, minute = minutes % 60
        return "\(date)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    /// Earlier by day, or by time on the same day when both hours are known: a day without its
    /// hour is before no time of that same day, nor after one.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        if lhs.date != rhs.date { return lhs.date < rhs.date }
        guard let left = lhs.minutes, let right = rhs.minutes else { return false }
        return left < right
    }

    public static func == (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.date == rhs.date && lhs.minutes == rhs.minutes
    }
}

extension LocalDateTime: Codable, DatabaseValueConvertible {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LocalDateTime(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date and time (YYYY-MM-DDTHH:MM, or YYYY-MM-DD): \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalDateTime? {
        String.fromDatabaseValue(dbValue).flatMap { LocalDateTime($0) }
    }
}

/// The reports an alert makes due (四(二), 六(一), 六(三)).
public enum ReportKind: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case dailyReport = "daily-report", cityReport = "city-report", summary, yearlyReview = "yearly-review"

    public var labels: [String] {
        switch self {
        case .dailyReport: ["每日报告", "日报"]
        case .cityReport: ["向市报告", "市报告"]
        case .summary: ["总结", "总结报告"]
        case .yearlyReview: ["年度评估", "年度总结"]
        }
    }
}

/// What is due when, with the clause that asks for it.
public struct Deadline: Codable, Sendable, Equatable {
    /// `regional-issue`, `daily-report`, `city-report`, `summary`, `yearly-review`.
    public var kind: String
    public var what: String
    /// A date, or a date and time.
    public var due: String
    public var citation: String
}

/// 四(二), 四(四), 六(一), 六(三): the deadlines an alert sets running.
public struct ResponseDeadlines: Sendable {
    let parameters: ParameterTable
    let calendar: WorkingDayCalendar

    public init(parameters: ParameterTable, calendar: WorkingDayCalendar) {
        self.parameters = parameters
        self.calendar = calendar
    }

    /// Issue within N hours of a regional alert (四(四)).
    public func regionalIssue(_ regional: LocalDateTime) throws -> Deadline {
        let (hours, source) = try parameters.decimal("alert.regional.issue-within", on: regional.date)
        return Deadline(kind: "regional-issue", what: "issue the alert (within \(hours) hours of the regional alert)",
                        due: regional.adding(hours: NSDecimalNumber(decimal: hours).intValue).description, citation: source)
    }

    /// Everything an alert issued at `issued` and lifted on `lifted` makes due. While it still
    /// runs (`lifted` nil), daily reports are listed through `reportsThrough`.
    public func all(issued: LocalDateTime, lifted: CivilDate?, regional: LocalDateTime? = nil, reportsThrough: CivilDate? = nil) throws -> [Deadline] {
        var deadlines: [Deadline] = []
        if let regional { deadlines.append(try regionalIssue(regional)) }
        let progress = try parameters.decimal("report.progress.every", on: issued.date)
        let last = lifted ?? reportsThrough ?? issued.date
        var day = issued.date
        while day <= last {
            deadlines.append(Deadline(kind: "daily-report", what: "each town and member unit reports progress to the command office",
                                      due: day.description, citation: progress.source))
            day = day.adding(days: NSDecimalNumber(decimal: progress.value).intValue)
        }
        let city = try parameters.decimal("report.city.after", on: issued.date)
        deadlines.append(Deadline(kind: "city-report", what: "report the previous day's alert and response to the city command",
                                  due: issued.date.adding(days: NSDecimalNumber(decimal: city.value).intValue).description, citation: city.source))
        if let lifted {
            let summary = try parameters.decimal("report.summary.within", on: lifted)
            let (due, note) = try calendar.reckon(workingDays: NSDecimalNumber(decimal: summary.value).intValue, from: lifted)
            deadlines.append(Deadline(kind: "summary", what: "summary of this episode (within \(summary.value) working days of the end of the response)"
                                      + (note.map { "; \($0)" } ?? ""),
                                      due: due.description, citation: summary.source))
            let review = try parameters.decimal("review.month", on: lifted)
            let month = NSDecimalNumber(decimal: review.value).intValue
            var year = lifted.year
            if lifted > CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))! { year += 1 }
            deadlines.append(Deadline(kind: "yearly-review", what: "review of the past 12 months' responses, sent to the city and district command offices",
                                      due: CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!.description,
                                      citation: review.source))
        }
        return deadlines
    }
}

extension Deadline: Tabular {
    public static let columns: [OutputColumn<Deadline>] = [
        OutputColumn("due") { $0.due }, OutputColumn("kind") { $0.kind }, OutputColumn("what") { $0.what }, OutputColumn("citation") { $0.citation },
    ]
}
