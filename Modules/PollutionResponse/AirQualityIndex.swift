import Foundation
import GazetteModel

/// The six pollutants of HJ 633-2012.
public enum Pollutant: String, CaseIterable, Codable, Sendable, Comparable {
    case pm25 = "PM2.5", pm10 = "PM10", so2 = "SO2", no2 = "NO2", co = "CO", o3 = "O3"

    public static func < (lhs: Pollutant, rhs: Pollutant) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The averaging period a concentration is for, as HJ 633-2012 表1 names its columns.
public enum Averaging: String, Codable, Sendable {
    case hour = "1h", eightHours = "8h", day = "24h"
}

/// One segment of 表1: concentrations [low, high] map linearly to IAQI [low, high].
struct Breakpoint: Sendable {
    var pollutant: Pollutant
    var averaging: Averaging
    var iaqiLow: Decimal
    var iaqiHigh: Decimal
    var low: Decimal
    var high: Decimal
}

/// The AQI grade (HJ 633-2012 表2).
public struct AQILevel: Codable, Sendable, Equatable {
    /// 1 … 6 (一级 … 六级).
    public var grade: Int
    /// 优, 良, 轻度污染, 中度污染, 重度污染, 严重污染.
    public var category: String
    /// green, yellow, orange, red, purple, maroon.
    public var color: String

    static func of(_ aqi: Int) -> AQILevel {
        switch aqi {
        case ...50: AQILevel(grade: 1, category: "优", color: "green")
        case 51...100: AQILevel(grade: 2, category: "良", color: "yellow")
        case 101...150: AQILevel(grade: 3, category: "轻度污染", color: "orange")
        case 151...200: AQILevel(grade: 4, category: "中度污染", color: "red")
        case 201...300: AQILevel(grade: 5, category: "重度污染", color: "purple")
        default: AQILevel(grade: 6, category: "严重污染", color: "maroon")
        }
    }
}

/// What `zhoucun pollution aqi` answers.
public struct AQIResult: Codable, Sendable, Equatable {
    public var aqi: Int
    /// IAQI per pollutant given.
    public var iaqi: [String: Int]
    /// The pollutants with the highest IAQI, when the AQI is above 50 (首要污染物).
    public var primary: [String]
    /// Pollutants whose IAQI is above 100 (超标污染物).
    public var exceeding: [String]
    public var level: AQILevel
    /// Which column of 表1 each IAQI came from, and the special rules applied.
    public var notes: [String]
    public var citation: String
}

public struct AQIError: ReportableError, Sendable {
    public var description: String
}

/// Air quality index by HJ 633-2012 (环境空气质量指数（AQI）技术规定（试行）).
public struct AirQualityIndex: Sendable {
    public static let citation = "HJ 633-2012 5.1, 表1, 表2"
    let breakpoints: [Breakpoint]

    /// The breakpoints shipped with the module.
    public static func standard() throws -> AirQualityIndex {
        guard let url = Bundle.module.url(forResource: "hj633-breakpoints", withExtension: "csv") else {
            throw AQIError(description: "the HJ 633-2012 breakpoints are missing from the installation")
        }
        return try AirQualityIndex(csv: String(contentsOf: url, encoding: .utf8))
    }

    init(csv: String) throws {
        let columns = ["pollutant", "averaging", "iaqi_lo", "iaqi_hi", "bp_lo", "bp_hi"]
        let table = try CSVTable(text: csv, file: "hj633-breakpoints.csv", columns: columns.map { CSVTable.Column($0) }, comments: true)
        breakpoints = try table.rows.map { row in
            guard let pollutant = Pollutant(rawValue: row.value("pollutant") ?? ""), let averaging = Averaging(rawValue: row.value("averaging") ?? ""),
                  let iaqiLow = Decimal(string: row.value("iaqi_lo") ?? ""), let iaqiHigh = Decimal(string: row.value("iaqi_hi") ?? ""),
                  let low = Decimal(string: row.value("bp_lo") ?? ""), let high = Decimal(string: row.value("bp_hi") ?? "")
            else { throw AQIError(description: "hj633-breakpoints.csv:\(row.line): cannot read the row") }
            return Breakpoint(pollutant: pollutant, averaging: averaging, iaqiLow: iaqiLow, iaqiHigh: iaqiHigh, low: low, high: high)
        }
    }

    /// IAQI of one concentration, rounded up to a whole number (HJ 633-2012 5.1). Nil when 表1
    /// has no row for it (above its last breakpoint); the caller says what it does then.
    func iaqi(_ pollutant: Pollutant, _ averaging: Averaging, _ concentration: Decimal) -> Int? {
        guard concentration >= 0 else { return nil }
        let segments = breakpoints.filter { $0.pollutant == pollutant && $0.averaging == averaging }
        guard let segment = segments.first(where: { concentration >= $0.low && concentration <= $0.high }) else { return nil }
        let value = (segment.iaqiHigh - segment.iaqiLow) / (segment.high - segment.low) * (concentration - segment.low) + segment.iaqiLow
        return Self.roundUp(value)
    }

    static func roundUp(_ value: Decimal) -> Int {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 0, .up)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    func top(_ pollutant: Pollutant, _ averaging: Averaging) -> Decimal? {
        breakpoints.filter { $0.pollutant == pollutant && $0.averaging == averaging }.map(\.high).max()
    }

    /// Concentrations for a daily report: 24-hour means, O3 as its daily maximum 8-hour mean
    /// (with the daily maximum 1-hour value for when the 8-hour value is above 800).
    public struct Daily: Sendable {
        public var pm25, pm10, so2, no2, co, o3EightHour, o3OneHour: Decimal?
        public init(pm25: Decimal? = nil, pm10: Decimal? = nil, so2: Decimal? = nil, no2: Decimal? = nil, co: Decimal? = nil,
                    o3EightHour: Decimal? = nil, o3OneHour: Decimal? = nil) {
            (self.pm25, self.pm10, self.so2, self.no2, self.co, self.o3EightHour, self.o3OneHour) = (pm25, pm10, so2, no2, co, o3EightHour, o3OneHour)
        }
    }

    /// Concentrations for an hourly report: 1-hour values, PM as their 24-hour means, and SO2's
    /// 24-hour mean for when its 1-hour value is above 800.
    public struct Hourly: Sendable {
        public var pm25, pm10, so2, no2, co, o3, so2Day: Decimal?
        public init(pm25: Decimal? = nil, pm10: Decimal? = nil, so2: Decimal? = nil, no2: Decimal? = nil, co: Decimal? = nil,
                    o3: Decimal? = nil, so2Day: Decimal? = nil) {
            (self.pm25, self.pm10, self.so2, self.no2, self.co, self.o3, self.so2Day) = (pm25, pm10, so2, no2, co, o3, so2Day)
        }
    }

    public func daily(_ values: Daily) throws -> AQIResult {
        var indices: [Pollutant: Int] = [:]
        var notes: [String] = []
        for (pollutant, value) in [(Pollutant.pm25, values.pm25), (.pm10, values.pm10), (.so2, values.so2), (.no2, values.no2), (.co, values.co)] {
            guard let value else { continue }
            indices[pollutant] = try index(pollutant, .day, value, &notes)
        }
        if let o3 = values.o3EightHour {
            if o3 > 800 {
                // 表1 note: above 800, no 8-hour IAQI; O3 is reported from its 1-hour value.
                guard let hourly = values.o3OneHour else {
                    throw AQIError(description: "--o3 \(o3) is above 800, where HJ 633-2012 表1 gives no 8-hour IAQI; give the daily maximum 1-hour value with --o3-1h")
                }
                notes.append("O3 8-hour mean above 800: IAQI from the 1-hour value (HJ 633-2012 表1 note)")
                indices[.o3] = try index(.o3, .hour, hourly, &notes)
            } else {
                indices[.o3] = try index(.o3, .eightHours, o3, &notes)
            }
        }
        return try result(indices, notes)
    }

    public func hourly(_ values: Hourly) throws -> AQIResult {
        var indices: [Pollutant: Int] = [:]
        var notes: [String] = []
        for (pollutant, value, averaging) in [(Pollutant.pm25, values.pm25, Averaging.day), (.pm10, values.pm10, .day),
                                              (.no2, values.no2, .hour), (.co, values.co, .hour), (.o3, values.o3, .hour)] {
            guard let value else { continue }
            indices[pollutant] = try index(pollutant, averaging, value, &notes)
        }
        if let so2 = values.so2 {
            if so2 > 800 {
                // 表1 note: above 800, no 1-hour IAQI; SO2 is reported from its 24-hour mean.
                guard let day = values.so2Day else {
                    throw AQIError(description: "--so2 \(so2) is above 800, where HJ 633-2012 表1 gives no 1-hour IAQI; give the 24-hour mean with --so2-24h")
                }
                notes.append("SO2 1-hour value above 800: IAQI from the 24-hour mean (HJ 633-2012 表1 note)")
                indices[.so2] = try index(.so2, .day, day, &notes)
            } else {
                indices[.so2] = try index(.so2, .hour, so2, &notes)
            }
        }
        return try result(indices, notes)
    }

    private func index(_ pollutant: Pollutant, _ averaging: Averaging, _ value: Decimal, _ notes: inout [String]) throws -> Int {
        guard value >= 0 else { throw AQIError(description: "\(pollutant.rawValue): a concentration cannot be negative (\(value))") }
        if let iaqi = iaqi(pollutant, averaging, value) { return iaqi }
        // Above the last breakpoint 表1 defines nothing; we report 500, the top of the scale, and say so.
        notes.append("\(pollutant.rawValue) \(value) is above the last breakpoint of 表1 (\(top(pollutant, averaging) ?? 0)): IAQI shown as 500")
        return 500
    }

    private func result(_ indices: [Pollutant: Int], _ notes: [String]) throws -> AQIResult {
        guard let aqi = indices.values.max() else {
            throw AQIError(description: "give at least one concentration (--pm25, --pm10, --so2, --no2, --co, --o3)")
        }
        let ordered = indices.keys.sorted()
        return AQIResult(
            aqi: aqi,
            iaqi: Dictionary(uniqueKeysWithValues: indices.map { ($0.key.rawValue, $0.value) }),
            primary: aqi > 50 ? ordered.filter { indices[$0] == aqi }.map(\.rawValue) : [],
            exceeding: ordered.filter { indices[$0]! > 100 }.map(\.rawValue),
            level: .of(aqi), notes: notes, citation: Self.citation
        )
    }
}
