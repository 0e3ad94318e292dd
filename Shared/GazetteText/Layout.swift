import Foundation
import GazetteModel

/// A run of text placed on a page, as a format gives it: one glyph (PDF), one line (OFD). Units
/// are the format's own (points, millimetres); y grows downward from the page's top.
public struct TextRun: Sendable, Equatable {
    public var text: String
    public var x: Double
    public var top: Double
    public var width: Double
    /// The glyphs' height: the font size, near enough.
    public var height: Double
    /// Red print: the 发文机关标志 of a 公文 is red.
    public var isRed: Bool
    /// White space only: kept to separate words, never to shape rows or columns.
    let isSpace: Bool

    public init(text: String, x: Double, top: Double, width: Double, height: Double, isRed: Bool = false) {
        self.isSpace = text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
        self.text = text
        self.x = x
        self.top = top
        self.width = width
        self.height = height
        self.isRed = isRed
    }

    public var right: Double { x + width }

    /// The red of a 发文机关标志 (0–255 each): much red, little green and blue.
    public static func isRed(red: Double, green: Double, blue: Double) -> Bool {
        red > 160 && green < 90 && blue < 90
    }
    public var bottom: Double { top + height }
    var middle: Double { top + height / 2 }
}

public struct LaidOutPage: Sendable {
    /// As the file numbers its pages, from 1.
    public var number: Int
    public var width: Double
    public var height: Double
    public var runs: [TextRun]

    public init(number: Int, width: Double, height: Double, runs: [TextRun]) {
        self.number = number
        self.width = width
        self.height = height
        self.runs = runs
    }
}

/// What every door hands the reader of 公文 structure: the text, laid out on pages where the
/// format knows the layout (PDF, OFD) or as lines where it does not (HTML, DOCX, plain text), and
/// the metadata the file carries (an OFD's CustomDatas, a web page's disclosure table), which is
/// evidence weaker than the print.
public struct LaidOutDocument: Sendable {
    public enum Content: Sendable {
        case lines([String])
        case pages([LaidOutPage])
    }

    public var content: Content
    /// `发文字号`, `标题`, `发文机关`, `成文日期`, `发布机构` with their values as printed.
    public var metadata: [(label: String, value: String)]

    public init(content: Content, metadata: [(label: String, value: String)] = []) {
        self.content = content
        self.metadata = metadata
    }

    /// The text the reader of 公文 structure reads: the metadata as a front matter (the page
    /// frame reads it as such), then the lines.
    public var text: String {
        var lines: [String] = []
        let fields = metadata.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        if !fields.isEmpty {
            lines.append("---")
            lines += fields.map { "\($0.label)：\($0.value.replacingOccurrences(of: "\n", with: " "))" }
            lines.append("---")
        }
        switch content {
        case .lines(let flow): lines += flow
        case .pages(let pages): lines += PageLayout.paragraphs(pages)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension PlainTextGazette {
    /// Reads what a door laid out, through the same reader as plain text.
    public static func parse(_ document: LaidOutDocument, file: String) throws -> GazetteIssue {
        try parse(document.text, file: file)
    }
}

/// Turns placed runs into the paragraphs of a text, by geometry alone: runs into lines by their
/// vertical overlap, lines into columns where a gutter divides the page, running headers and
/// page numbers dropped by their place and their repetition, and lines into paragraphs where a
/// full line runs on into one that is not indented.
enum PageLayout {
    /// One printed line (or one column's part of it).
    struct Line {
        var page: Int
        var runs: [TextRun]
        var text: String
        var x: Double
        var right: Double
        var top: Double
        var height: Double
        /// The edges of the column the line sits in.
        var columnLeft = 0.0
        var columnRight = 0.0
        /// The column sets its numbered clauses in by the paragraph indent (two characters).
        var clausesSetIn = false
    }

    static func paragraphs(_ pages: [LaidOutPage]) -> [String] {
        // A run placed nowhere a page can be (NaN, infinities, absurd sizes from a hostile file) is dropped.
        let pages = pages.map { page in
            var page = page
            page.runs = page.runs.filter { run in
                [run.x, run.top, run.width, run.height].allSatisfy { $0.isFinite && abs($0) < 1e7 } && run.width >= 0 && run.height > 0
            }
            if !(page.width.isFinite && page.height.isFinite) || page.width > 1e7 || page.height > 1e7 { (page.width, page.height) = (0, 0) }
            return page
        }
        let pageRows = pages.map { rows($0.runs) }
        let furniture = runningFurniture(pages, rows: pageRows)
        var flow: [(column: Column, line: Line)] = []
        // A page whose second column is short or empty shows no gutter of its own; the other pages'
        // gutter still divides the rows that stop short of it.
        let gutters = zip(pages, pageRows).map { gutter($1, page: $0) }
        let documentGutter = gutters.compactMap { $0 }.first
        for ((page, rows), own) in zip(zip(pages, pageRows), gutters) {
            var gutter = own
            // …but not a page of one column, whose rows run on through it.
            if gutter == nil, let documentGutter, rows.count(where: { split($0, documentGutter) == nil }) <= max(2, rows.count / 6),
               rows.count >= 4 {
                gutter = documentGutter
            }
            for (column, lines) in columns(rows, page: page, gutter: gutter) {
                flow += lines.filter { !isFurniture($0, page: page, repeated: furniture) }.map { (column, $0) }
            }
        }
        // A column's edges are those of the whole document's lines in it: a page of short roster
        // lines does not move the margin.
        var edges: [Column: (left: Double, right: Double, clausesSetIn: Bool)] = [:]
        for column in Set(flow.map(\.column)) {
            let lines = flow.filter { $0.column == column }.map(\.line)
            let left = percentile(lines.map(\.x), 0.1)
            let numbered = lines.filter { startsClause($0.text) && !startsAttachment($0.text) }
            let setIn = numbered.count(where: { abs($0.x - left - 2 * $0.height) <= 0.6 * $0.height })
            let atMargin = numbered.count(where: { abs($0.x - left) <= 0.6 * $0.height })
            edges[column] = (left, percentile(lines.map(\.right), 0.9), setIn >= 3 * max(1, atMargin))
        }
        return reflow(flow.map { column, line in
            var line = line
            (line.columnLeft, line.columnRight, line.clausesSetIn) = edges[column]!
            return line
        })
    }

    // MARK: - Runs into lines

    /// Runs that overlap vertically by half the smaller height are one row; a subscript (₂ set
    /// smaller and lower) stays in its line.
    static func rows(_ runs: [TextRun]) -> [[TextRun]] {
        // Spaces ride along (they separate a name from its unit) but do not shape the rows.
        let sorted = runs.filter { !$0.isSpace }.sorted { ($0.middle, $0.x) < ($1.middle, $1.x) }
        var rows: [[TextRun]] = []
        var band: (top: Double, bottom: Double) = (0, 0)
        for run in sorted {
            if let last = rows.indices.last {
                let overlap = min(band.bottom, run.bottom) - max(band.top, run.top)
                // The band stays that of the row's first run: grown by each run it would chain the
                // half-offset lines of two columns into one.
                if overlap >= 0.5 * min(band.bottom - band.top, run.height) {
                    rows[last].append(run)
                    continue
                }
            }
            rows.append([run])
            band = (run.top, run.bottom)
        }
        for space in runs where space.isSpace {
            if let row = rows.firstIndex(where: { row in row.contains { abs($0.middle - space.middle) <= 0.5 * $0.height } }) {
                rows[row].append(space)
            }
        }
        return rows.map { $0.sorted { $0.x < $1.x } }
    }

    static func line(_ runs: [TextRun], page: Int) -> Line {
        let printed = runs.filter { !$0.isSpace }
        let height = percentile(printed.map(\.height), 0.5)
        var text = ""
        var previous: TextRun?
        var spaced = false
        for run in runs {
            if run.isSpace {
                spaced = previous != nil
                continue
            }
            // A space printed, or a gap wider than a character, is a space the print meant (roster
            // columns, a label and its value); a smaller gap is kerning or justification.
            if let previous, spaced || run.x - previous.right > 0.9 * height { text += " " }
            text += run.text
            previous = run
            spaced = false
        }
        return Line(page: page, runs: printed, text: text, x: printed.map(\.x).min() ?? 0, right: printed.map(\.right).max() ?? 0,
                    top: printed.map(\.top).min() ?? 0, height: height)
    }

    // MARK: - Columns

    /// Where a line stands: across the page, or in the left or right one of two columns.
    enum Column: Hashable {
        case full, left, right
    }

    /// The lines of a page in reading order: where a gutter runs down the page, the left column
    /// before the right one, between the full-width lines (a head frame, a title) that cross it.
    static func columns(_ rows: [[TextRun]], page: LaidOutPage, gutter: ClosedRange<Double>?) -> [(Column, [Line])] {
        guard let gutter else { return [(.full, rows.map { line($0, page: page.number) })] }
        var result: [(Column, [Line])] = []
        var left: [Line] = [], right: [Line] = []
        func flush() {
            if !left.isEmpty { result.append((.left, left)) }
            if !right.isEmpty { result.append((.right, right)) }
            left = []
            right = []
        }
        for row in rows {
            guard let (leftRuns, rightRuns) = split(row, gutter) else {
                flush()
                result.append((.full, [line(row, page: page.number)]))
                continue
            }
            if leftRuns.contains(where: { !$0.isSpace }) { left.append(line(leftRuns, page: page.number)) }
            if rightRuns.contains(where: { !$0.isSpace }) { right.append(line(rightRuns, page: page.number)) }
        }
        flush()
        return result
    }

    /// A row cut at the gutter into its left and right parts; nil when its text runs on through
    /// the gutter (a title, a running head) rather than stopping at one side and starting again at
    /// the other. The cut is the widest gap near the gutter: punctuation may hang into it.
    static func split(_ row: [TextRun], _ gutter: ClosedRange<Double>) -> (left: [TextRun], right: [TextRun])? {
        let printed = row.filter { !$0.isSpace }
        guard let first = printed.first, let last = printed.last else { return ([], []) }
        // Punctuation may hang into the gutter from either side, never across it.
        if last.right <= gutter.upperBound { return (row, []) }
        if first.x >= gutter.lowerBound { return ([], row) }
        let width = gutter.upperBound - gutter.lowerBound
        var cut: (at: Double, gap: Double)?
        for (a, b) in zip(printed, printed.dropFirst()) where a.middleX < gutter.upperBound && b.middleX > gutter.lowerBound {
            let gap = b.x - a.right
            if gap > (cut?.gap ?? 0) { cut = (b.x, gap) }
        }
        // Text runs on with gaps under a character's width; the columns stand apart by more.
        guard let cut, cut.gap >= min(1.2 * max(first.height, last.height), 0.5 * width) else { return nil }
        return (row.filter { $0.x < cut.at }, row.filter { $0.x >= cut.at })
    }

    /// A vertical band in the middle of the page that almost no row crosses, with long lines of
    /// text on both sides of it.
    static func gutter(_ rows: [[TextRun]], page: LaidOutPage) -> ClosedRange<Double>? {
        guard rows.count >= 8, page.width > 0 else { return nil }
        let step = page.width / 200
        var crossing = [Int](repeating: 0, count: 200)
        var lastRow = [Int](repeating: -1, count: 200)
        for (index, row) in rows.enumerated() {
            // Spaces do not count: poppler puts one between the columns of a row.
            for run in row where !run.isSpace {
                let from = max(0, Int(run.x / step)), to = min(199, Int(run.right / step))
                guard from <= to else { continue }
                for bucket in from ... to where lastRow[bucket] != index {
                    lastRow[bucket] = index
                    crossing[bucket] += 1
                }
            }
        }
        // A head frame (organ, title, 文号) and a running head cross the gutter of a first page.
        let allowed = max(2, rows.count / 6)
        var best: ClosedRange<Int>?
        var start: Int?
        for bucket in 70 ... 130 {
            if crossing[bucket] <= allowed {
                start = start ?? bucket
                if let start, best.map({ bucket - start > $0.count - 1 }) ?? true { best = start ... bucket }
            } else {
                start = nil
            }
        }
        guard let best, Double(best.count) * step >= 8 else { return nil }
        let band = Double(best.lowerBound) * step ... Double(best.upperBound + 1) * step
        // Columns of running text: many rows on each side, and long ones (a roster's name column is short).
        let leftWidths = rows.compactMap { row -> Double? in
            let runs = row.filter { $0.right <= band.lowerBound + step }
            guard let first = runs.first, let last = runs.last else { return nil }
            return last.right - first.x
        }
        let rightWidths = rows.compactMap { row -> Double? in
            let runs = row.filter { $0.x >= band.upperBound - step }
            guard let first = runs.first, let last = runs.last else { return nil }
            return last.right - first.x
        }
        let medians = [percentile(leftWidths, 0.5), percentile(rightWidths, 0.5)]
        guard leftWidths.count >= 6, rightWidths.count >= 6,
              medians.max()! >= 0.25 * page.width, medians.min()! >= 0.15 * page.width else { return nil }
        return band
    }

    // MARK: - Running headers and page numbers

    /// Texts printed at the top or foot of at least two pages and of a third of them: running heads.
    static func runningFurniture(_ pages: [LaidOutPage], rows pageRows: [[[TextRun]]]) -> Set<String> {
        guard pages.count >= 2 else { return [] }
        var count: [String: Int] = [:]
        for (page, rows) in zip(pages, pageRows) {
            var seen = Set<String>()
            for row in rows where inMargin(row.map(\.top).min() ?? 0, row.map(\.bottom).max() ?? 0, page: page) {
                let key = Normalize.key(row.map(\.text).joined())
                if !key.isEmpty, seen.insert(key).inserted { count[key, default: 0] += 1 }
            }
        }
        let needed = max(2, pages.count / 3)
        return Set(count.filter { $0.value >= needed }.keys)
    }

    static func inMargin(_ top: Double, _ bottom: Double, page: LaidOutPage) -> Bool {
        page.height > 0 && (bottom <= page.height * 0.12 || top >= page.height * 0.88)
    }

    static func isFurniture(_ line: Line, page: LaidOutPage, repeated: Set<String>) -> Bool {
        guard inMargin(line.top, line.top + line.height, page: page) else { return false }
        let key = Normalize.key(line.text)
        return repeated.contains(key) || isPageNumber(key)
    }

    /// `— 3 —`, `-3-`, `第3页`, `3/12`, or a number alone.
    static func isPageNumber(_ key: String) -> Bool {
        let digits = key.filter(\.isNumber)
        guard !digits.isEmpty, digits.count <= 4 else { return false }
        let rest = key.filter { !$0.isNumber && !"—–-－―─ ".contains($0) }
        return rest.isEmpty || rest == "第页" || rest == "第页共页" || rest == "/"
    }

    // MARK: - Lines into paragraphs

    /// A line that reaches its column's right edge runs on into the next one when that one starts
    /// at the left edge (or the edge of an indented block) in the same size: the print wrapped a paragraph there (on a page break
    /// too). Indented lines, short lines and changes of size begin or end paragraphs.
    static func reflow(_ lines: [Line]) -> [String] {
        let bodySize = percentile(lines.map(\.height), 0.5)
        var paragraphs: [String] = []
        var current: Line?
        for line in lines {
            if var open = current {
                let sameSize = abs(line.height - open.height) <= 0.15 * max(line.height, open.height)
                if sameSize && (runsOn(open, into: line) || isWrappedHeading(open, line, bodySize: bodySize)) {
                    open.text += line.text
                    open.x = min(open.x, line.x)
                    open.right = line.right
                    open.columnRight = line.columnRight
                    current = open
                    continue
                }
                paragraphs.append(open.text)
            }
            current = line
        }
        if let current { paragraphs.append(current.text) }
        return paragraphs
    }

    /// A full line runs on into one back at the margin; or, in a block set in from it (a roster),
    /// back at the block's edge.
    static func runsOn(_ open: Line, into line: Line) -> Bool {
        // A number or a Latin word is not broken: a line that stops short by less than the word
        // the next line begins with wrapped before that word (`…对于总投资` / `5000 万元…`).
        let full = fills(open) || open.right + leadingWord(line) >= open.columnRight - 1.5 * open.height
        // Two characters in is where a paragraph begins (GB/T 9704 §7.3.3): its wrap goes back to
        // the margin, so a line under it at the same place begins the next paragraph. Only a
        // roster entry there (`总召集人：…`) wraps under itself.
        let indent = open.x - open.columnLeft
        let firstLine = abs(indent - 2 * open.height) <= 0.6 * open.height && !startsRosterEntry(open.text)
        let flush = abs(line.x - line.columnLeft) <= 0.6 * line.height
            || (indent > 0.6 * open.height && !firstLine && abs(line.x - open.x) <= 0.6 * line.height)
        // Where a column sets its clauses in, a number back at the margin after a full line is an
        // inline `（1）` the print wrapped before.
        let atMargin = abs(line.x - line.columnLeft) <= 0.6 * line.height
        let opensClause = startsClause(line.text) && !(line.clausesSetIn && atMargin && !startsAttachment(line.text))
        return full && flush && !opensClause && !endsContentsEntry(open.text) && !startsRosterEntry(line.text)
    }

    /// The line reaches its column's right edge.
    static func fills(_ line: Line) -> Bool {
        line.right >= line.columnRight - 1.5 * line.height
    }

    /// The width of the number or Latin word a line begins with (`5000` of `5000 万元`); 0 when it
    /// begins with anything else.
    static func leadingWord(_ line: Line) -> Double {
        var last: TextRun?
        for run in line.runs {
            guard run.text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "%") }),
                  last.map({ run.x - $0.right <= 0.25 * line.height }) ?? true else { break }
            last = run
        }
        guard let first = line.runs.first, let last else { return 0 }
        return last.right - first.x
    }

    /// A title set larger than the text and centred wraps onto a second centred line; an organ's
    /// name above it, a title already complete, a 文号 or a date stand alone.
    static func isWrappedHeading(_ open: Line, _ line: Line, bodySize: Double) -> Bool {
        guard open.height >= 1.15 * bodySize, centred(open), centred(line) else { return false }
        let key = Normalize.key(open.text), next = Normalize.key(line.text)
        // An organ's name above a title is short; a line that fills its column wrapped there,
        // whatever word the break left at its end (`周村区重污染天气应急指挥部` / `成员名单`).
        let organ = DocumentHead.isOrganOnly(key) && !fills(open)
        return !organ && !DocumentHead.endsLikeTitle(key) && DocumentNumber(next) == nil
            && DateLine.parse(next) == nil && !startsClause(line.text)
    }

    static func centred(_ line: Line) -> Bool {
        abs((line.x + line.right) / 2 - (line.columnLeft + line.columnRight) / 2) <= 1.5 * line.height
    }

    /// A numbered clause or an attachment label begins a paragraph of its own, wherever it stands.
    static func startsClause(_ text: String) -> Bool {
        let key = Normalize.key(String(text.prefix(16)))
        return SectionNumber.leading(key) != nil || startsAttachment(text)
    }

    static func startsAttachment(_ text: String) -> Bool {
        Normalize.key(String(text.prefix(16))).hasPrefix("附件")
    }

    /// A roster line that happens to fill the column is followed by the next member (`李永凯 区…`)
    /// or label (`成员：…`), not by its rest; a rest such as `心主任` only looks like a bare label.
    static func startsRosterEntry(_ text: String) -> Bool {
        // A member line has a space after its name, a label a colon: running text neither, so
        // the roster reader is asked only about lines that could be one.
        guard text.prefix(16).contains(where: { $0 == " " || $0 == "：" || $0 == ":" }) else { return false }
        return switch RosterLines.classify(text) {
        case .members: true
        case .role: text.contains("：") || text.contains(":")
        case nil: false
        }
    }

    /// `…………（8）`: an entry of a table of contents ends at its page number.
    static func endsContentsEntry(_ text: String) -> Bool {
        // A line's text begins and ends with a printed glyph: no trimming needed.
        (text.hasSuffix(")") || text.hasSuffix("）")) && (text.contains("…") || text.contains("..."))
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
    }
}

extension TextRun {
    var middleX: Double { x + width / 2 }
}
