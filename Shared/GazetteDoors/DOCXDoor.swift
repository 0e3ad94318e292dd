import GazetteModel
import GazetteText

/// A 公文 drafted in Word: the paragraphs of `word/document.xml` in body order, tables as tables
/// (a roster table as its roster), and the core properties as weak metadata.
public enum DOCXDoor {
    public static func read(_ bytes: [UInt8], file: String) throws -> DoorReading {
        var package = try ZipPackage(bytes, file: file)
        let main = try mainPart(&package)
        let document = try XMLNode.parse(try package.bytes(main), file: file, part: main)
        guard let body = document.child("body") else {
            throw DoorError(file: file, part: main, message: "no w:body: not a Word document")
        }
        var lines: [String] = []
        for block in body.children {
            switch block.name {
            case "p": lines += [paragraph(block), ""]
            case "tbl": lines += TableText.lines(rows(block)) + [""]
            case "sdt": lines += (block.child("sdtContent")?.children ?? []).filter { $0.name == "p" }.flatMap { [paragraph($0), ""] }
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
                let span = Int(properties?.child("gridSpan")?["val"] ?? "") ?? 1
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
