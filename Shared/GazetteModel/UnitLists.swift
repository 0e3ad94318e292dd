import Foundation

/// Lists of units inside running text: `责任单位：区自然资源局、区农业农村局…` and
/// `（联动部门：区法院、区税务局）`.
public enum UnitLists {
    /// Labels that introduce a list of units, and what the units are to the clause.
    public static let labels: [(label: String, relation: String)] = [
        ("责任单位", "responsible"), ("责任部门", "responsible"), ("牵头单位", "lead"),
        ("配合单位", "supporting"), ("联动部门", "linked"), ("参与单位", "supporting"),
    ]

    public struct Mention: Sendable {
        public var label: String
        public var relation: String
        /// The list itself, without its label and closing bracket.
        public var range: Range<String.Index>
    }

    /// Every labelled list in the text, in order.
    public static func mentions(in text: String) -> [Mention] {
        // Every label is followed by a colon: most paragraphs have none and need no search.
        guard text.unicodeScalars.contains(where: { $0 == "：" || $0 == ":" }) else { return [] }
        var result: [Mention] = []
        for (label, relation) in labels {
            var searchStart = text.startIndex
            while let found = text.range(of: label, range: searchStart ..< text.endIndex) {
                var cursor = found.upperBound
                guard cursor < text.endIndex, text[cursor] == "：" || text[cursor] == ":" else {
                    searchStart = found.upperBound
                    continue
                }
                cursor = text.index(after: cursor)
                // A list ends at its bracket, its sentence or clause, or where the next list begins
                // (`（牵头单位：区商务局；责任单位：区财政局）`).
                let end = text[cursor...].firstIndex(where: { "）)。；;\n".contains($0) }) ?? text.endIndex
                if cursor < end { result.append(Mention(label: label, relation: relation, range: cursor ..< end)) }
                searchStart = end
            }
        }
        // Lists never overlap: whoever reads them walks the text once, from left to right.
        var lastEnd = text.startIndex
        return result.sorted { $0.range.lowerBound < $1.range.lowerBound }.filter { mention in
            guard mention.range.lowerBound >= lastEnd else { return false }
            lastEnd = mention.range.upperBound
            return true
        }
    }
}

extension UnitNames {
    /// A list split into the units as printed (with their canonical names) and the separators
    /// between them (canonical nil), so that markup can wrap each unit and keep the text.
    public func tokens(_ list: String) -> [(printed: String, canonical: String?)] {
        var result: [(String, String?)] = []
        var current = ""
        var rest = Substring(list)
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { result.append((current, canonical(trimmed))) } else if !current.isEmpty { result.append((current, nil)) }
            current = ""
        }
        while let character = rest.first {
            if let collective = Self.collectives.first(where: { rest.hasPrefix($0.0) }) {
                flush()
                result.append((collective.0, collective.1))
                rest = rest.dropFirst(collective.0.count)
                continue
            }
            if "、，,；;".contains(character) {
                flush()
                result.append((String(character), nil))
            } else {
                current.append(character)
            }
            rest = rest.dropFirst()
        }
        flush()
        return result
    }
}

extension UnitNames {
    /// The canonical units of every labelled list in the text, in order.
    public func listedUnits(in text: String) -> [String] {
        UnitLists.mentions(in: text).flatMap { mention in
            tokens(String(text[mention.range])).compactMap(\.canonical)
        }
    }
}
