import Foundation
import GazetteModel

/// Walks the lines of a gazette text: masthead, table of contents, then each document.
struct TextReader {
    var lines: [SourceLine]
    let file: String

    /// A file with one 文号 (or none) is one document, its head found by shape; a file with
    /// several is a gazette issue (or a compilation), cut at each 文号 with its header above.
    mutating func read() throws -> GazetteIssue {
        let frame = PageFrame(lines)
        lines = frame.lines
        var issue = GazetteIssue()
        readMasthead(into: &issue)
        let numberLines = lines.indices.filter { isDocumentNumberLine(lines[$0]) }
        let numbers = Set(numberLines.compactMap { DocumentHead.ownNumber(lines[$0]).flatMap(DocumentNumber.init)?.canonical })
        guard numbers.count > 1, let firstNumber = numberLines.first else {
            issue.documents = [singleDocument(metadata: frame.metadata)]
            return issue
        }
        // A 目录 after the first 文号 belongs to a document (an enclosed plan's contents).
        let contentsStart = lines.firstIndex { $0.key == "目录" }.flatMap { $0 < firstNumber ? $0 : nil }

        // Find where each document starts: its header lines above the 文号.
        var starts: [(header: Int, number: Int)] = []
        var floor = (contentsStart ?? -1) + 1
        var contentsEnd: Int?
        for numberLine in numberLines {
            let header = headerStart(above: numberLine, floor: floor, contents: issue.contents)
            if contentsEnd == nil { contentsEnd = header }
            starts.append((header, numberLine))
            floor = numberLine + 1
        }
        if let contentsStart, let contentsEnd {
            issue.contents = readContents(contentsStart + 1 ..< contentsEnd)
            // Header choice can use the contents once they are known: read again with them.
            starts = []
            floor = contentsStart + 1
            for numberLine in numberLines {
                starts.append((headerStart(above: numberLine, floor: floor, contents: issue.contents), numberLine))
                floor = numberLine + 1
            }
        }
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1].header : lines.count
            var document = DocumentReader(lines: lines, range: start.header ..< end, numberLine: start.number, file: file)
            issue.documents.append(try document.read())
        }
        return issue
    }

    // MARK: - Masthead and contents

    func readMasthead(into issue: inout GazetteIssue) {
        for line in lines.prefix(40) where !line.isBlank {
            if issue.title == nil, line.key.hasSuffix("公报"), line.key.count <= 30 {
                issue.title = line.key
            } else if issue.year == nil, let match = Self.issuePattern.firstMatch(in: line.key) {
                issue.year = Int(match[1])
                issue.number = Int(match[2])
            }
            if line.key == "目录" || isDocumentNumberLine(line) { break }
        }
    }

    static let issuePattern = Pattern(#"^([0-9]{4})年?第([0-9]{1,3})期$"#)
    static let contentsPattern = Pattern(#"^(.+?)[.…·．]{2,}[(（]?([0-9]{1,4})[)）]?$"#)

    func readContents(_ range: Range<Int>) -> [ContentsEntry] {
        var entries: [ContentsEntry] = []
        var category: String?
        var wrapped = ""
        let printed = lines[range].filter { !$0.isBlank }
        for (index, line) in printed.enumerated() {
            if let match = Self.contentsPattern.firstMatch(in: line.key) {
                entries.append(ContentsEntry(category: category, title: wrapped + match[1], page: Int(match[2])))
                wrapped = ""
            } else if line.key.count > 20, index + 1 < printed.count, Self.isContentsLine(printed[index + 1]) {
                // A long title wraps: its first line has no leader and no page; a heading is short.
                wrapped += line.key
            } else {
                category = line.key
            }
        }
        return entries
    }

    static func isContentsLine(_ line: SourceLine) -> Bool {
        contentsPattern.firstMatch(in: line.key) != nil
    }

    // MARK: - Document headers

    func isDocumentNumberLine(_ line: SourceLine) -> Bool {
        DocumentHead.ownNumber(line) != nil
    }

    /// The first line of the header above a 文号: issuer and title, which may wrap.
    func headerStart(above numberLine: Int, floor: Int, contents: [ContentsEntry]) -> Int {
        var candidates: [Int] = []
        var index = numberLine - 1
        while index >= floor, candidates.count < 4 {
            let line = lines[index]
            if line.isBlank { index -= 1; continue }
            guard Self.isHeaderLike(line) else { break }
            candidates.insert(index, at: 0)
            index -= 1
        }
        guard !candidates.isEmpty else { return numberLine }
        let titles = Set(contents.map { Normalize.key($0.title) })
        for (offset, first) in candidates.enumerated() {
            let joined = candidates[offset...].map { lines[$0].key }.joined()
            if titles.contains(joined) { return first }
        }
        if let first = candidates.first(where: { Self.startsWithIssuer(lines[$0].key) }) { return first }
        return candidates.last!
    }

    static func isHeaderLike(_ line: SourceLine) -> Bool {
        let key = line.key
        return key.count <= 60 && !key.contains("。") && !key.hasSuffix("：") && !isContentsLine(line)
            && SectionNumber.leading(line.text) == nil && RosterLines.classify(line.raw) == nil
            && DateLine.parse(key) == nil && !ScopeLine.matches(key) && DocumentNumber(key) == nil
    }

    static let issuerEndings = ["人民政府办公室", "人民政府办公厅", "人民政府", "办公室", "办公厅", "委员会", "政府"]

    static func startsWithIssuer(_ key: String) -> Bool {
        issuerEndings.contains { ending in
            guard let range = key.range(of: ending) else { return false }
            return key.distance(from: key.startIndex, to: range.lowerBound) <= 20
        }
    }

    /// A file that holds one document.
    func singleDocument(metadata: PageFrame.Metadata) -> OfficialDocument {
        let first = lines.firstIndex { !$0.isBlank } ?? 0
        var reader = DocumentReader(lines: lines, range: first ..< lines.count, numberLine: nil, file: file)
        return reader.readSingle(metadata: metadata)
    }
}

/// `2020年10月12日` (or `二〇〇五年六月十一日`) on a line of its own.
enum DateLine {
    static let pattern = Pattern(#"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$"#)
    static let isoPattern = Pattern(#"^([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})"#)

    static func parse(_ key: String) -> String? {
        let digits = key.contains("年") && key.unicodeScalars.contains(where: { chineseDigits[$0] != nil }) ? arabic(key) : key
        guard let match = pattern.firstMatch(in: digits) else { return nil }
        return iso(match[1], match[2], match[3])
    }

    /// `2023-12-15`, `2023/12/15`, `2023.12.15` (a metadata value), time of day allowed after it.
    static func parseISO(_ key: String) -> String? {
        guard let match = isoPattern.firstMatch(in: key) else { return nil }
        return iso(match[1], match[2], match[3])
    }

    static func iso(_ year: String, _ month: String, _ day: String) -> String? {
        guard let year = Int(year), let month = Int(month), let day = Int(day), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// `二〇〇五年六月十一日` → `2005年6月11日`: year digit by digit, month and day with 十.
    static func arabic(_ key: String) -> String {
        guard let nian = key.firstIndex(of: "年") else { return key }
        let yearPart = key[..<nian].unicodeScalars.map { scalar in chineseDigits[scalar].map(String.init) ?? String(scalar) }.joined()
        var rest = ""
        var number: Int?
        for scalar in key[key.index(after: nian)...].unicodeScalars {
            if scalar == "十" {
                number = (number ?? 1) * 10
            } else if let digit = chineseDigits[scalar], scalar != "O", scalar != "Ｏ" {
                number = (number ?? 0) >= 10 && (number ?? 0) % 10 == 0 ? number! + digit : (number ?? 0) * 10 + digit
            } else {
                if let value = number { rest += String(value); number = nil }
                rest.unicodeScalars.append(scalar)
            }
        }
        if let value = number { rest += String(value) }
        return yearPart + "年" + rest
    }
}

/// The 版记's 印发 line (GB/T 9704 §7.4.3): the 印发机关 and the 印发日期,
/// `周村区人民政府办公室　2020年10月13日印发`.
enum ImprintLine {
    static let pattern = Pattern(#"^(.+?)([0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日)印发$"#)

    static func matches(_ key: String) -> Bool {
        guard let match = pattern.firstMatch(in: key) else { return false }
        return DocumentHead.isOrganOnly(match[1]) && DateLine.parse(match[2]) != nil
    }
}

/// `（此件公开发布）`, `（此件依申请公开）`.
enum ScopeLine {
    static func matches(_ key: String) -> Bool {
        (key.hasPrefix("（此件") || key.hasPrefix("(此件")) && (key.hasSuffix("）") || key.hasSuffix(")"))
    }
}
