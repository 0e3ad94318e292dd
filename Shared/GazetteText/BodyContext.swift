import Foundation
import GazetteModel

/// Turns a run of body lines into paragraphs, rosters and numbered sections.
struct BodyContext {
    /// Titles listed after `附件：`; such a line is structure, never running text.
    var listedTitles: Set<String>

    struct Result {
        var blocks: [Block] = []
        var children: [Section] = []
        var isEmpty: Bool { blocks.isEmpty && children.isEmpty }
    }

    func sections(_ lines: [SourceLine], _ range: Range<Int>) -> Result {
        var builder = SectionBuilder()
        var index = range.lowerBound
        while index < range.upperBound {
            let line = lines[index]
            if line.isBlank { index += 1; continue }
            if AttachmentLines.list(line.text) != nil {
                index = AttachmentLines.items(after: index, in: lines, before: range.upperBound).next
                continue
            }
            if case .role? = RosterLines.classify(line.raw),
               let roster = RosterLines.read(lines[index ..< range.upperBound].map(\.raw)) {
                builder.add(.roster(Roster(entries: roster.entries)))
                index += roster.consumed
                continue
            }
            // A paragraph, with the lines the PDF broke it into.
            var printed = stripBullet(line)
            var last = index
            var next = nextNonBlank(lines, after: index, before: range.upperBound)
            while let candidate = next, Self.isOpen(printed), !isStructural(lines[candidate]) {
                printed += stripBullet(lines[candidate])
                last = candidate
                next = nextNonBlank(lines, after: candidate, before: range.upperBound)
            }
            index = last + 1
            let text = Normalize.text(printed)
            if let (number, rest) = SectionNumber.leading(text) {
                let (heading, paragraph) = Self.splitHeading(rest)
                builder.open(number: number, heading: heading, isSentence: rest.hasPrefix((heading ?? "") + "。"))
                if let paragraph { builder.add(.paragraph(Self.paragraph(paragraph))) }
            } else {
                builder.add(.paragraph(Self.paragraph(text)))
            }
        }
        return builder.finish()
    }

    static func paragraph(_ text: String) -> Paragraph {
        Paragraph(text: text, organizations: UnitNames.standard.listedUnits(in: text))
    }

    func stripBullet(_ line: SourceLine) -> String {
        var raw = line.raw
        if let first = raw.first, "-–•·".contains(first), raw.dropFirst().first?.isWhitespace == true {
            raw = String(raw.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        return raw
    }

    func nextNonBlank(_ lines: [SourceLine], after index: Int, before end: Int) -> Int? {
        var next = index + 1
        while next < end, lines[next].isBlank { next += 1 }
        return next < end ? next : nil
    }

    /// A line ends in the middle of a sentence: the next line carries on.
    static func isOpen(_ printed: String) -> Bool {
        let key = Normalize.key(printed)
        // A table row (`1 | 地区生产总值 | …`) is a line of its own.
        guard let last = key.last, !key.contains("|") else { return false }
        if "，、（(“《—".contains(last) { return true }
        let continues = last.unicodeScalars.allSatisfy { Normalize.isHan($0) } || last.isNumber
        return continues && key.count >= 30 && key.contains(where: { "，、。：；".contains($0) })
    }

    /// A line that starts something of its own and is never the tail of a broken sentence.
    func isStructural(_ line: SourceLine) -> Bool {
        let key = line.key
        return SectionNumber.leading(line.text) != nil || DocumentNumber(key) != nil || DateLine.parse(key) != nil
            || ScopeLine.matches(key) || AttachmentLines.list(line.text) != nil || AttachmentLines.marker(key) != nil
            || listedTitles.contains(key) || RosterLines.classify(line.raw) != nil
    }

    /// `党政主要领导定期外出招商。为着力…` → heading and the paragraph after it.
    static func splitHeading(_ rest: String) -> (String?, String?) {
        guard !rest.isEmpty else { return (nil, nil) }
        if let stop = rest.firstIndex(of: "。"), rest.distance(from: rest.startIndex, to: stop) <= 40 {
            let heading = String(rest[..<stop])
            let after = String(rest[rest.index(after: stop)...]).trimmingCharacters(in: .whitespaces)
            return (heading, after.isEmpty ? nil : after)
        }
        if rest.count <= 30, !rest.contains(where: { "，；：".contains($0) }) { return (rest, nil) }
        return (nil, rest)
    }
}

/// Nests numbered sections by level as they come: a number closes every open section at its
/// level or deeper.
struct SectionBuilder {
    private var root = BodyContext.Result()
    private var open: [Section] = []
    /// Parallel to `open`: the heading was a whole sentence (`当发布红色预警时，启动Ⅰ级应急响应。`).
    private var sentenceHeadings: [Bool] = []

    mutating func open(number: SectionNumber, heading: String?, isSentence: Bool) {
        while let top = open.last, let level = top.number?.level, level >= number.level { close() }
        open.append(Section(number: number, heading: heading))
        sentenceHeadings.append(isSentence)
    }

    mutating func add(_ block: Block) {
        if open.isEmpty {
            root.blocks.append(block)
        } else {
            open[open.count - 1].blocks.append(block)
        }
    }

    private mutating func close() {
        var section = open.removeLast()
        // A sentence with nothing under it was the clause's text, not its heading.
        if sentenceHeadings.removeLast(), section.blocks.isEmpty, section.children.isEmpty, let heading = section.heading {
            section.heading = nil
            section.blocks = [.paragraph(BodyContext.paragraph(heading + "。"))]
        }
        if open.isEmpty {
            root.children.append(section)
        } else {
            open[open.count - 1].children.append(section)
        }
    }

    mutating func finish() -> BodyContext.Result {
        while !open.isEmpty { close() }
        return root
    }
}
