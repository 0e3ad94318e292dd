import Foundation
import GazetteModel
import ModuleSpine

/// A rule's outcome in words, with the clause it comes from.
public struct Reason: Codable, Sendable, Equatable {
    public var text: String
    public var citation: String
}

public enum AlertLevel: String, Codable, Sendable, Comparable, CaseIterable {
    case none, yellow, orange, red

    /// 五(一): yellow → Ⅲ, orange → Ⅱ, red → Ⅰ.
    public var response: String? {
        switch self {
        case .none: nil
        case .yellow: "III"
        case .orange: "II"
        case .red: "I"
        }
    }

    public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension AlertLevel: LabelledChoice {
    /// 黄色 / 黄色预警 …, as the plan and the alert notices print them.
    public var labels: [String] {
        switch self {
        case .none: ["无", "无预警"]
        case .yellow: ["黄色", "黄色预警", "黄"]
        case .orange: ["橙色", "橙色预警", "橙"]
        case .red: ["红色", "红色预警", "红"]
        }
    }
}

/// The longest run of the forecast that decides the alert.
public struct Episode: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    /// Consecutive days with AQI > 200.
    public var days: Int
    /// The longest run inside it with AQI > 300.
    public var daysAbove300: Int
    public var maxAQI: Int
}

/// 四(一) 预警分级: the alert level a forecast calls for.
public struct AlertRules: Sendable {
    var threshold: Int
    var yellowDays: Int
    var orangeDays: Int
    var redDays: Int
    var severeAQI: Int
    var severeDays: Int
    var extremeAQI: Int
    var sources: [String: String]

    /// The rules in force on a date, from the module's parameters.
    public init(parameters: ParameterTable, on date: CivilDate) throws {
        func value(_ id: String) throws -> Int {
            NSDecimalNumber(decimal: try parameters.decimal(id, on: date).value).intValue
        }
        threshold = try value("alert.aqi-threshold")
        yellowDays = try value("alert.yellow.min-days")
        orangeDays = try value("alert.orange.min-days")
        redDays = try value("alert.red.min-days")
        severeAQI = try value("alert.red.severe-aqi")
        severeDays = try value("alert.red.severe-min-days")
        extremeAQI = try value("alert.red.extreme-aqi")
        sources = [:]
        for id in ["alert.aqi-threshold", "alert.yellow.min-days", "alert.orange.min-days", "alert.red.min-days"] {
            sources[id] = try parameters.decimal(id, on: date).source
        }
    }

    /// Runs of consecutive days above the threshold, in every series, each with its longest
    /// stretch above the severe level.
    func episodes(_ forecast: Forecast) -> [Episode] {
        var episodes: [Episode] = []
        for series in forecast.series {
            var start: Int?
            for index in 0...series.count {
                let above = index < series.count && (series[index].aqi ?? 0) > threshold
                if above, start == nil { start = index }
                if !above, let first = start {
                    let run = series[first..<index]
                    var longestSevere = 0
                    var current = 0
                    for day in run {
                        current = (day.aqi ?? 0) > severeAQI ? current + 1 : 0
                        longestSevere = max(longestSevere, current)
                    }
                    episodes.append(Episode(from: run.first!.label, to: run.last!.label, days: run.count,
                                            daysAbove300: longestSevere, maxAQI: run.compactMap(\.aqi).max() ?? 0))
                    start = nil
                }
            }
        }
        return episodes
    }

    /// The highest level the forecast reaches, the episode that reaches it, and why.
    public func assess(_ forecast: Forecast) -> (level: AlertLevel, episode: Episode?, reasons: [Reason]) {
        let peak = forecast.series.flatMap { $0 }.compactMap(\.aqi).max() ?? 0
        let episodes = episodes(forecast)
        var level = AlertLevel.none
        var chosen: Episode?
        for episode in episodes {
            let reached: AlertLevel
            if episode.days >= redDays && episode.daysAbove300 >= severeDays {
                reached = .red
            } else if episode.days >= orangeDays {
                reached = .orange
            } else if episode.days >= yellowDays {
                reached = .yellow
            } else {
                reached = .none
            }
            if reached > level || (reached == level && (chosen?.days ?? 0) < episode.days) {
                level = reached
                chosen = episode
            }
        }
        var reasons: [Reason] = []
        let unit = forecast.isHourly ? "24-hour windows" : "days"
        if let chosen {
            reasons.append(Reason(
                text: "AQI > \(threshold) forecast for \(chosen.days) consecutive \(unit) (\(chosen.from) to \(chosen.to)), \(chosen.daysAbove300) of them in a row > \(severeAQI); highest \(chosen.maxAQI)",
                citation: sources["alert.aqi-threshold"]!
            ))
        }
        if peak >= extremeAQI {
            level = .red
            reasons.append(Reason(text: "AQI forecast to reach \(extremeAQI) (highest \(peak)): red", citation: sources["alert.red.min-days"]!))
        }
        switch level {
        case .red where peak < extremeAQI:
            reasons.append(Reason(text: "red: > \(threshold) for \(redDays) days or more and > \(severeAQI) for \(severeDays) days or more", citation: sources["alert.red.min-days"]!))
        case .orange:
            reasons.append(Reason(text: "orange: > \(threshold) for \(orangeDays) days or more, and the red conditions are not met", citation: sources["alert.orange.min-days"]!))
        case .yellow:
            reasons.append(Reason(text: "yellow: > \(threshold) for \(yellowDays) days or more, and the orange and red conditions are not met", citation: sources["alert.yellow.min-days"]!))
        case .none:
            reasons.append(Reason(text: "no alert: AQI > \(threshold) is not forecast for \(yellowDays) consecutive \(unit)", citation: sources["alert.yellow.min-days"]!))
        default:
            break
        }
        if forecast.series.flatMap({ $0 }).contains(where: \.dust) {
            reasons.append(Reason(text: "days of sand and dust (沙尘) are left out of the count", citation: sources["alert.aqi-threshold"]!))
        }
        return (level, chosen, reasons)
    }
}
