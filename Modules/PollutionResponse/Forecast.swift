import Foundation
import GazetteModel

/// An air-quality forecast, daily (`date,aqi[,dust]`) or hourly (`time,pm25,pm10,so2,no2,co,o3`).
public struct Forecast: Sendable {
    /// One day's AQI, for a 24-hour window that may cross midnight (四(一)). Nil when the day
    /// does not count: sand and dust (沙尘) are outside the plan.
    public struct Day: Sendable, Equatable {
        /// The window: a date, or the end of a 24-hour window (`2020-12-01T08:00`).
        public var label: String
        public var aqi: Int?
        public var dust: Bool
    }

    /// Sequences of days 24 hours apart. A daily forecast has one; an hourly forecast has one per
    /// hour of the day at which the windows end, so that windows crossing midnight count too.
    public var series: [[Day]]
    public var isHourly: Bool
    /// The first day the forecast covers: the plan in force then is the one applied.
    public var firstDate: CivilDate

    public static func parse(_ text: String, file: String, index: AirQualityIndex) throws -> Forecast {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.text.isEmpty && !$0.text.hasPrefix("#") }
        guard let header = lines.first else { throw InputError(file: file, line: 1, column: 1, message: "the forecast is empty") }
        lines.removeFirst()
        let columns = header.text.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if columns.first == "date", columns.dropFirst().first == "aqi" {
            return try daily(lines, columns: columns, file: file)
        }
        if columns == ["time", "pm25", "pm10", "so2", "no2", "co", "o3"] {
            return try hourly(lines, file: file, index: index)
        }
        throw InputError(file: file, line: header.number, column: 1,
                         message: "the header must be date,aqi[,dust] (daily) or time,pm25,pm10,so2,no2,co,o3 (hourly)")
    }

    static func fields(_ line: (number: Int, text: String), count: Int, file: String) throws -> [String] {
        let fields = line.text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count >= count else {
            throw InputError(file: file, line: line.number, column: 1, message: "expected \(count) fields, found \(fields.count)")
        }
        return fields
    }

    static func daily(_ lines: [(number: Int, text: String)], columns: [String], file: String) throws -> Forecast {
        var days: [(CivilDate, Day)] = []
        for line in lines {
            let fields = try fields(line, count: 2, file: file)
            guard let date = CivilDate(fields[0]) else {
                throw InputError(file: file, line: line.number, column: 1, message: "field date: \(fields[0]) is not a date (YYYY-MM-DD)")
            }
            guard let aqi = Int(fields[1]), aqi >= 0 else {
                throw InputError(file: file, line: line.number, column: fields[0].count + 2, message: "field aqi: \(fields[1]) is not a whole number ≥ 0")
            }
            if let previous = days.last?.0, date <= previous {
                throw InputError(file: file, line: line.number, column: 1, message: "field date: \(date) does not come after \(previous)")
            }
            let dust = columns.count > 2 && fields.count > 2 && ["1", "true", "yes", "dust", "沙尘"].contains(fields[2].lowercased())
            days.append((date, Day(label: date.description, aqi: dust ? nil : aqi, dust: dust)))
        }
        guard let first = days.first?.0 else { throw InputError(file: file, line: 2, column: 1, message: "the forecast has no days") }
        // A missing date breaks the run: put an empty day in its place.
        var series: [Day] = []
        for (index, (date, day)) in days.enumerated() {
            if index > 0 {
                var gap = days[index - 1].0.adding(days: 1)
                while gap < date {
                    series.append(Day(label: gap.description, aqi: nil, dust: false))
                    gap = gap.adding(days: 1)
                }
            }
            series.append(day)
        }
        return Forecast(series: [series], isHourly: false, firstDate: first)
    }

    struct Hour {
        var date: CivilDate
        var hour: Int
        var values: [Decimal]  // pm25, pm10, so2, no2, co, o3

        var ordinal: Int { date.dayNumber * 24 + hour }
        var label: String { "\(date)T\(hour < 10 ? "0" : "")\(hour):00" }
    }

    static func hourly(_ lines: [(number: Int, text: String)], file: String, index: AirQualityIndex) throws -> Forecast {
        var hours: [Hour] = []
        for line in lines {
            let fields = try fields(line, count: 7, file: file)
            let stamp = fields[0].replacingOccurrences(of: " ", with: "T")
            let parts = stamp.split(separator: "T")
            guard parts.count == 2, let date = CivilDate(String(parts[0])),
                  let hour = Int(parts[1].prefix { $0 != ":" }), (0...23).contains(hour)
            else { throw InputError(file: file, line: line.number, column: 1, message: "field time: \(fields[0]) is not YYYY-MM-DDTHH:00") }
            var values: [Decimal] = []
            for (offset, name) in ["pm25", "pm10", "so2", "no2", "co", "o3"].enumerated() {
                guard let value = Decimal(string: fields[offset + 1]), value >= 0 else {
                    throw InputError(file: file, line: line.number, column: 1, message: "field \(name): \(fields[offset + 1]) is not a concentration ≥ 0")
                }
                values.append(value)
            }
            let entry = Hour(date: date, hour: hour, values: values)
            if let previous = hours.last, entry.ordinal <= previous.ordinal {
                throw InputError(file: file, line: line.number, column: 1, message: "field time: \(entry.label) does not come after \(previous.label)")
            }
            hours.append(entry)
        }
        guard let first = hours.first else { throw InputError(file: file, line: 2, column: 1, message: "the forecast has no hours") }
        let byOrdinal = Dictionary(uniqueKeysWithValues: hours.map { ($0.ordinal, $0) })
        // One 24-hour window per hour that closes 24 recorded hours in a row.
        var windows: [Int: Day] = [:]
        for end in hours.map(\.ordinal) {
            let window = (end - 23...end).compactMap { byOrdinal[$0] }
            guard window.count == 24 else { continue }
            func mean(_ column: Int) -> Decimal { window.reduce(Decimal()) { $0 + $1.values[column] } / 24 }
            // O3: the largest 8-hour mean inside the window (each needs 8 recorded hours).
            let eightHour = (7..<24).map { last in window[(last - 7)...last].reduce(Decimal()) { $0 + $1.values[5] } / 8 }.max()
            let oneHour = window.map { $0.values[5] }.max()
            let result = try index.daily(.init(pm25: mean(0), pm10: mean(1), so2: mean(2), no2: mean(3), co: mean(4),
                                               o3EightHour: eightHour, o3OneHour: oneHour))
            windows[end] = Day(label: byOrdinal[end]!.label, aqi: result.aqi, dust: false)
        }
        guard !windows.isEmpty else {
            throw InputError(file: file, line: lines.last?.number ?? 2, column: 1, message: "an hourly forecast needs 24 hours in a row for one daily value")
        }
        let ends = windows.keys.sorted()
        var series: [[Day]] = []
        for offset in 0..<24 {
            let chain = ends.filter { ($0 - ends[0]) % 24 == offset }
            guard let start = chain.first, let stop = chain.last else { continue }
            series.append(stride(from: start, through: stop, by: 24).map { windows[$0] ?? Day(label: "", aqi: nil, dust: false) })
        }
        return Forecast(series: series, isHourly: true, firstDate: first.date)
    }
}
