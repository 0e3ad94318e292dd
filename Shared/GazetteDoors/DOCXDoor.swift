import GazetteModel
import GazetteText

/// A 公文 drafted in Word: the paragraphs of `word/document.xml` in body order with the numbers
/// Word puts before them (`一、`, `（一）`, `1.` from `word/numbering.xml`), tables as tables (a
/// roster table as its roster), and the core properties as weak metadata.
public enum DOCXDoor {
    public static func read(_ bytes: [UInt8], file: String) throws -> DoorReading {
        var package = try ZipPackage(bytes, file: file)
        let main = try mainPart(&package)
        let document = try XMLNode.parse(try package.bytes(main), file: file, part: main)
        guard let body = document.child("body") else {
            throw DoorError(file: file, part: main, message: "no w:body: not a Word document")
        }
        var numbering = try Numbering(&package)
        var lines: [String] = []
        for block in body.children {
            switch block.name {
            case "p": lines += [numbering.label(of: block) + paragraph(block), ""]
            case "tbl": lines += TableText.lines(rows(block)) + [""]
            case "sdt": lines += (block.child("sdtContent")?.children ?? []).filter { $0.name == "p" }.flatMap { [numbering.label(of: $0) + paragraph($0), ""] }
            default: continue
            }
        }
        return DoorReading(document: LaidOutDocument(content: .lines(lines), metadata: try properties(&package)))
    }

    /// `word/document.xml`, or where the package relationships point.
    static func mainPart(_ package: inout ZipPackage) throws -> String {
        if package.entry("word/document.xml") != nil { return "word/document.xml" }
        let relationships = try XMLNode.parse(try package.bytes("_rels/.rels"), file: package.file, part: "_rels/.rels")
        guard let target = relationships.children("Relationship").first(where: { ($0["Type"] ?? "").hasSuffix("/officeDocument") })?["Target"] else {
            throw DoorError(file: package.file, part: "_rels/.rels", message: "names no main document part")
        }
        return try package.resolve(target, from: "_rels/.rels").replacingOccurrences(of: "_rels/", with: "")
    }

    /// A paragraph's text: its runs, tabs as spaces, line breaks kept.
    static func paragraph(_ node: XMLNode) -> String {
        var text = ""
        func walk(_ node: XMLNode) {
            switch node.name {
            case "t": text += node.text
            case "tab": text += "  "
            case "br", "cr": text += "\n"
            case "delText", "instrText", "pPr", "rPr": return
            default: for child in node.children { walk(child) }
            }
        }
        walk(node)
        return text
    }

    /// Rows of cells; a cell merged down (`w:vMerge` without `restart`) repeats the one above.
    static func rows(_ table: XMLNode) -> [[String]] {
        var rows: [[String]] = []
        for row in table.children("tr") {
            var cells: [String] = []
            for cell in row.children("tc") {
                let properties = cell.child("tcPr")
                let span = min(64, max(1, Int(properties?.child("gridSpan")?["val"] ?? "") ?? 1))
                var text = cell.children("p").map(paragraph).joined(separator: " ")
                if let merge = properties?.child("vMerge"), merge["val"] != "restart", let above = rows.last, cells.count < above.count {
                    text = above[cells.count]
                }
                cells += [text] + Array(repeating: "", count: max(0, span - 1))
            }
            rows.append(cells)
        }
        return rows
    }

    /// `docProps/core.xml`: the title, and a subject that is a 文号.
    static func properties(_ package: inout ZipPackage) throws -> [(label: String, value: String)] {
        guard package.entry("docProps/core.xml") != nil else { return [] }
        let core = try XMLNode.parse(try package.bytes("docProps/core.xml"), file: package.file, part: "docProps/core.xml")
        var metadata: [(label: String, value: String)] = []
        if let title = core.child("title")?.text, !title.isEmpty { metadata.append(("标题", title)) }
        if let subject = core.child("subject")?.text, DocumentNumber(subject) != nil { metadata.append(("发文字号", subject)) }
        return metadata
    }
}

/// Word's automatic numbering: each list (`w:num`) counts its levels, and each level prints its
/// counters through a pattern (`%1、`, `（%2）`) in its format (decimal, chineseCounting …).
struct Numbering {
    struct Level {
        var format = "decimal"
        var pattern = ""
        var start = 1
    }

    /// Levels by list id, through the abstract definitions.
    private var levels: [String: [Int: Level]] = [:]
    private var counters: [String: [Int?]] = [:]

    init(_ package: inout ZipPackage) throws {
        guard package.entry("word/numbering.xml") != nil else { return }
        let numbering = try XMLNode.parse(try package.bytes("word/numbering.xml"), file: package.file, part: "word/numbering.xml")
        var abstract: [String: [Int: Level]] = [:]
        for definition in numbering.children("abstractNum") {
            guard let id = definition["abstractNumId"] else { continue }
            for level in definition.children("lvl") {
                guard let index = level["ilvl"].flatMap(Int.init), (0 ..< 9).contains(index) else { continue }
                abstract[id, default: [:]][index] = Level(format: level.child("numFmt")?["val"] ?? "decimal",
                                                          pattern: level.child("lvlText")?["val"] ?? "",
                                                          start: min(100_000, max(0, level.child("start")?["val"].flatMap(Int.init) ?? 1)))
            }
        }
        for list in numbering.children("num") {
            guard let id = list["numId"], let definition = list.child("abstractNumId")?["val"] else { continue }
            levels[id] = abstract[definition]
        }
    }

    /// The number Word prints before a paragraph, or "" (bullets print none here).
    mutating func label(of paragraph: XMLNode) -> String {
        guard let properties = paragraph.child("pPr")?.child("numPr"), let list = properties.child("numId")?["val"],
              let definition = levels[list] else { return "" }
        let level = min(8, max(0, properties.child("ilvl")?["val"].flatMap(Int.init) ?? 0))
        // nil: the level has not counted yet (a list may start at 0).
        var count = counters[list] ?? Array(repeating: nil, count: 9)
        count[level] = count[level].map { min($0 + 1, 1_000_000) } ?? (definition[level]?.start ?? 1)
        for deeper in (level + 1) ..< 9 { count[deeper] = nil }
        counters[list] = count
        guard let pattern = definition[level], pattern.format != "bullet", pattern.format != "none" else { return "" }
        var text = pattern.pattern
        for index in 0 ... level {
            let value = count[index] ?? (definition[index]?.start ?? 1)
            text = text.replacingOccurrences(of: "%\(index + 1)", with: Self.format(value, definition[index]?.format ?? "decimal"))
        }
        return text
    }

    static func format(_ value: Int, _ format: String) -> String {
        switch format {
        case "chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting", "taiwaneseCounting":
            return chinese(value)
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            return (1 ... 20).contains(value) ? String(UnicodeScalar(0x2460 + value - 1)!) : String(value)
        case "upperLetter": return (1 ... 26).contains(value) ? String(UnicodeScalar(64 + value)!) : String(value)
        case "lowerLetter": return (1 ... 26).contains(value) ? String(UnicodeScalar(96 + value)!) : String(value)
        default: return String(value)
        }
    }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
    static func chinese(_ value: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard value > 0, value < 1000 else { return String(value) }
        let hundreds = value / 100, tens = value / 10 % 10, ones = value % 10
        var text = hundreds > 0 ? "\(digits[hundreds])百" : ""
        if tens > 0 {
            text += (tens == 1 && hundreds == 0 ? "" : String(digits[tens])) + "十"
        } else if hundreds > 0 && ones > 0 {
            text += "零"
        }
        if ones > 0 { text += String(digits[ones]) }
        return text
    }
}
