import Foundation
import GazetteStore
import ModuleSpine

/// 跨机构任职: the people on several bodies and their bodies, drawn as SVG: bodies in the left
/// column, people in the right, a line for each seat. People are set at the mean height of their
/// bodies (the barycentre), so that lines cross as little as a two-column drawing allows. Each
/// name links to its page; names are escaped as the pages escape them (`ScalarHTML`: scalar by
/// scalar, so that a combining mark cannot hide a `<` or a quote).
enum SharedGraph {
    /// More than this many people and the drawing keeps the first (those on most bodies), and says so.
    static let limit = 300
    static let rowHeight = 22.0

    static func svg(_ people: [SharedPerson], on day: String) -> String {
        let shown = Array(people.prefix(limit))
        var bodies: [String] = []
        for person in shown { for body in person.bodies where !bodies.contains(body) { bodies.append(body) } }
        bodies.sort { $0.compare($1, locale: Locale(identifier: "zh_CN")) == .orderedAscending }
        let bodyRow = Dictionary(uniqueKeysWithValues: bodies.enumerated().map { ($1, $0) })
        let ordered = shown.map { person -> (person: SharedPerson, centre: Double) in
            let rows = person.bodies.compactMap { bodyRow[$0] }
            return (person, Double(rows.reduce(0, +)) / Double(max(rows.count, 1)))
        }.sorted { $0.centre < $1.centre }

        let top = 40.0
        let bodyWidth = 18.0 * Double(bodies.map(\.count).max() ?? 4) + 16
        let gap = 260.0
        let personX = bodyWidth + gap
        let width = personX + 18.0 * Double(ordered.map(\.person.name.count).max() ?? 4) + 80
        let rows = max(bodies.count, ordered.count)
        let height = top + Double(rows) * rowHeight + 30
        // Each column is spread over the full height, so the shorter one is not crammed at the top.
        let bodyStep = rows > 0 ? Double(rows) / Double(max(bodies.count, 1)) * rowHeight : rowHeight
        let personStep = rows > 0 ? Double(rows) / Double(max(ordered.count, 1)) * rowHeight : rowHeight
        func bodyY(_ row: Int) -> Double { top + (Double(row) + 0.5) * bodyStep }
        func personY(_ row: Int) -> Double { top + (Double(row) + 0.5) * personStep }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" font-family="Noto Sans CJK SC, sans-serif" font-size="14">
            <title>\(Markup.escape(day))在两个以上机构任职的人员与机构</title>
            <rect width="100%" height="100%" fill="#fff"/>
            <text x="0" y="18" font-weight="bold">机构</text><text x="\(Int(personX))" y="18" font-weight="bold">人员（任职机构数）</text>

            """
        for (row, item) in ordered.enumerated() {
            for body in item.person.bodies {
                guard let bodyIndex = bodyRow[body] else { continue }
                svg += "<line x1=\"\(Int(bodyWidth))\" y1=\"\(format(bodyY(bodyIndex)))\" x2=\"\(Int(personX - 6))\" y2=\"\(format(personY(row)))\" stroke=\"#5a7bb5\" stroke-opacity=\"0.45\"/>\n"
            }
        }
        for (row, body) in bodies.enumerated() {
            svg += "<a href=\"/bodies/\(Markup.escape(Web.pathComponent(body)))\"><text x=\"\(Int(bodyWidth - 6))\" y=\"\(format(bodyY(row) + 5))\" text-anchor=\"end\" fill=\"#0b4f8a\">\(Markup.escape(body))</text></a>\n"
        }
        for (row, item) in ordered.enumerated() {
            svg += "<a href=\"/people/\(item.person.personId)\"><text x=\"\(Int(personX))\" y=\"\(format(personY(row) + 5))\" fill=\"#0b4f8a\">\(Markup.escape(item.person.name))（\(item.person.bodies.count)）</text></a>\n"
        }
        if people.count > shown.count {
            svg += "<text x=\"0\" y=\"\(Int(height - 8))\">仅画出任职机构最多的前 \(shown.count) 人（共 \(people.count) 人）。</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
