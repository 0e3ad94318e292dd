import Foundation
import ModuleSpine

/// The forecast as an SVG chart: AQI per day (or per 24-hour window), the 200/300/500 lines of
/// 四(一), and the alert's colour behind it.
enum ForecastChart {
    static func svg(_ forecast: Forecast, alert: AlertLevel, thresholds: [Int] = [200, 300, 500]) -> String {
        let days = forecast.series.max { $0.count < $1.count } ?? []
        let width = max(400, 60 + days.count * 40), height = 320
        let top = 20, bottom = height - 60, left = 50
        let maximum = max(520, (days.compactMap(\.aqi).max() ?? 0) + 20)
        func y(_ aqi: Int) -> Int { bottom - (bottom - top) * aqi / maximum }
        let background = ["none": "#ffffff", "yellow": "#fff7cc", "orange": "#ffe2c2", "red": "#ffd0d0"][alert.rawValue]!
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" font-family="sans-serif" font-size="11">
            <rect width="\(width)" height="\(height)" fill="\(background)"/>
            <text x="\(left)" y="14">AQI forecast · alert: \(alert.rawValue)\(alert.response.map { " · response \($0)" } ?? "")</text>

            """
        for threshold in thresholds {
            svg += "<line x1=\"\(left)\" x2=\"\(width - 10)\" y1=\"\(y(threshold))\" y2=\"\(y(threshold))\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"4\" y=\"\(y(threshold) + 4)\">\(threshold)</text>\n"
        }
        for (index, day) in days.enumerated() {
            let x = left + 10 + index * 40
            guard let aqi = day.aqi else {
                svg += "<text x=\"\(x)\" y=\"\(bottom - 4)\" fill=\"#888\">\(day.dust ? "dust" : "–")</text>\n"
                continue
            }
            let color = aqi > 300 ? "#7e0023" : aqi > 200 ? "#8f3f97" : aqi > 150 ? "#ff0000" : aqi > 100 ? "#ff7e00" : aqi > 50 ? "#ffff00" : "#00e400"
            svg += "<rect x=\"\(x)\" y=\"\(y(aqi))\" width=\"26\" height=\"\(bottom - y(aqi))\" fill=\"\(color)\" stroke=\"#333\"/>"
            svg += "<text x=\"\(x)\" y=\"\(y(aqi) - 3)\">\(aqi)</text>"
            svg += "<text x=\"\(x)\" y=\"\(bottom + 14)\" transform=\"rotate(30 \(x) \(bottom + 14))\">\(Markup.escape(day.label))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
