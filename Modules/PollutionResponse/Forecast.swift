import Foundation
import GazetteModel
import ModuleSpine

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
        let dailyColumns: [CSVTable.Column] = [.init("date", "日期"), .init("aqi"), .init("dust", "沙尘", required: false)]
        if let daily = try? CSVTable(text: text, file: file, columns: dailyColumns, comments: true) { return try Self.daily(daily) }
        let hourlyColumns: [CSVTable.Column] = [.init("time", "时间")] + pollutants.map { CSVTable.Column($0) }
        if let hourly = try? CSVTable(text: text, file: file, columns: hourlyColumns, comments: true) { return try Self.hourly(hourly, index: index) }
        // An empty file or a broken quote is said as such; else the header is wrong.
        let table = try CSVTable(text: text, file: file, columns: [], comments: true)
        throw InputError(file: file, line: table.headerLine, column: 1,
                         message: "the header must be date,aqi[,dust] (daily) or time,pm25,pm10,so2,no2,co,o3 (hourly); it reads \(table.header.joined(separator: ","))")
    }

    static let pollutants = ["pm25", "pm10", "so2", "no2", "co", "o3"]

    static func daily(_ table: CSVTable) throws -> Forecast {
        var days: [(CivilDate, Day)] = []
        for row in table.rows {
            let text = try row.required("date")
            guard let date = CivilDate(text) else { throw row.error("date", "\(text) is not a date (YYYY-MM-DD)") }
            guard let aqi = Int(row.value("aqi") ?? ""), aqi >= 0 else { throw row.error("aqi", "\(row.value("aqi") ?? "") is not a whole number ≥ 0") }
            if let previous = days.last?.0, date <= previous {
                throw row.error("date", "\(date) does not come after \(previous)")
            }
            let dustText = row.value("dust") ?? ""
            guard let flag = ["dust", "沙尘"].contains(dustText.lowercased()) ? .yes : YesNo(printed: dustText) else {
                throw row.error("dust", "\(dustText) is neither yes nor no (是/否)")
            }
            let dust = flag == .yes
            days.append((date, Day(label: date.description, aqi: dust ? nil : aqi, dust: dust)))
        }
        guard let first = days.first?.0 else { throw InputError(file: table.file, line: 2, column: 1, message: "the forecast has no days") }
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

    static func hourly(_ table: CSVTable, index: AirQualityIndex) throws -> Forecast {
        var hours: [Hour] = []
        for row in table.rows {
            let time = try row.required("time")
            let parts = time.replacingOccurrences(of: " ", with: "T").split(separator: "T")
            guard parts.count == 2, let date = CivilDate(String(parts[0])),
                  let hour = Int(parts[1].prefix { $0 != ":" }), (0...23).contains(hour)
            else { throw row.error("time", "\(time) is not YYYY-MM-DDTHH:00") }
            let values = try pollutants.map { name in
                guard let value = Decimal(string: row.value(name) ?? ""), value >= 0 else { throw row.error(name, "\(row.value(name) ?? "") is not a concentration ≥ 0") }
                return value
            }
            let entry = Hour(date: date, hour: hour, values: values)
            if let previous = hours.last, entry.ordinal <= previous.ordinal {
                throw row.error("time", "\(entry.label) does not come after \(previous.label)")
            }
            hours.append(entry)
        }
        guard let first = hours.first else { throw InputError(file: table.file, line: 2, column: 1, message: "the forecast has no hours") }
        // Each row holds rolling 24-hour means (the O3 column its 8-hour mean): the row is already
        // the day ending at its hour, and is not averaged again. A day counts at a level when the
        // 24 rows ending with it all reach it: 60 hours above 200 are two days, not three.
        var aqiByOrdinal: [Int: Int] = [:]
        for hour in hours {
            let values = hour.values
            aqiByOrdinal[hour.ordinal] = try index.daily(.init(pm25: values[0], pm10: values[1], so2: values[2], no2: values[3], co: values[4],
                                                              o3EightHour: values[5], o3OneHour: nil)).aqi
        }
        let byOrdinal = Dictionary(uniqueKeysWithValues: hours.map { ($0.ordinal, $0) })
        var windows: [Int: Day] = [:]
        for end in hours.map(\.ordinal) {
            let window = (end - 23...end).compactMap { aqiByOrdinal[$0] }
            guard window.count == 24, let lowest = window.min() else { continue }
            windows[end] = Day(label: byOrdinal[end]!.label, aqi: lowest, dust: false)
        }
        guard !windows.isEmpty else {
            throw InputError(file: table.file, line: table.rows.last?.line ?? 2, column: 1, message: "an hourly forecast needs 24 hours in a row for one daily value")
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
