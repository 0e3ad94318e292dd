import Foundation
import GazetteModel
import GazetteText
import XMLCore

/// A 公文 as a government site publishes it (政府信息公开): the article body found among the
/// site's chrome, the disclosure table (索引号, 发文机关, 成文日期, 发文字号) and the meta tags as
/// metadata.
public enum HTMLDoor {
    public static func read(_ bytes: [UInt8], file: String) throws -> DoorReading {
        let page: HTMLElement
        let encoding = try encoding(of: bytes, file: file)
        do {
            page = try HTMLTreeReader.read(bytes, encoding: encoding)
        } catch let error as XMLReadError {
            throw DoorError(file: file, message: "not a readable web page: \(error)")
        }
        var warnings: [String] = []
        if !endsWhole(bytes, utf16: encoding.hasPrefix("UTF-16")) {
            warnings.append("\(file): the page ends without its closing </body> or </html>: it may have been cut short")
        }
        var metadata: [(label: String, value: String)] = []
        var rows: [[String]] = []
        // The innermost disclosure tables: a layout table around one is no disclosure table.
        for table in page.all(where: { $0.name == "table" }) where isDisclosureTable(table)
            && !table.children.contains(where: { if case .element(let inner) = $0 { inner.all { $0.name == "table" }.contains(where: isDisclosureTable) } else { false } }) {
            rows += table.rows()
        }
        let body = articleBody(of: page)
        var lines = metadataLines(rows)
        let meta = metaTags(page)
        if let title = meta["articletitle"] { metadata.append(("标题", title)) }
        if let source = meta["contentsource"] { metadata.append(("发布机构", source)) }
        lines += body.map(textLines) ?? []
        guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw DoorError(file: file, message: "the page has no text in its body")
        }
        // Bytes that did not decode in the encoding chosen: mojibake is refused, never stored.
        if let (number, line) = lines.enumerated().first(where: { $0.element.contains("\u{FFFD}") }) {
            throw DoorError(file: file, message: "line \(number + 1) of the page's text does not decode as \(encoding) (\(line.prefix(24))…): the page's label and its bytes disagree; save it as UTF-8")
        }
        // The disclosure rows lead the text: the page frame reads `|` rows of label and value.
        return DoorReading(document: LaidOutDocument(content: .lines(lines), metadata: metadata), warnings: warnings)
    }

    /// Whether a page ends as a whole page does, with its closing `</body>` or `</html>`.
    static func endsWhole(_ bytes: [UInt8], utf16: Bool) -> Bool {
        let tail = bytes.suffix(4096).filter { !utf16 || $0 != 0 }
        let text = String(decoding: tail.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        return text.contains("</html") || text.contains("</body")
    }

    // MARK: - Encoding

    /// What libxml2 should decode the page as, decided by the evidence of the bytes against the
    /// label: a byte order mark first (UTF-8, UTF-16); bytes that are valid UTF-8 are UTF-8
    /// whatever the label says; labels of the GB family mean GB18030 (a page labelled GB2312 that
    /// holds GBK characters, 镕 or 喆, is otherwise cut short without a word), and bytes that are
    /// not GB18030 under such a label are refused at the first one that is not. A NUL byte (outside
    /// UTF-16) would cut the page there: it is refused with its place.
    static func encoding(of bytes: [UInt8], file: String) throws -> String {
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = UTF8Check.position(of: nul, in: bytes[...])
            throw InputError(file: file, line: line, column: column, message: "a NUL byte in the page: what follows it would be lost; the file is not a web page as saved")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        guard let invalid = UTF8Check.firstInvalid(bytes[...]) else { return "UTF-8" }
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        var label = ""
        if let range = head.range(of: "charset=") {
            label = String(head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        switch label {
        case "gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "gb18030", "", "utf-8", "utf8":
            // No label, or one the bytes belie (UTF-8): the GB family, the usual for these sites.
            guard TextEncoding.isGB18030(bytes) else {
                let (line, column) = UTF8Check.position(of: invalid, in: bytes[...])
                throw InputError(file: file, line: line, column: column, message: String(
                    format: "byte 0x%02X is neither UTF-8 nor GB18030 (the page is labelled %@); save it as UTF-8",
                    bytes[invalid], label.isEmpty ? "without a charset" : label))
            }
            if label != "gb18030", TextEncoding.readsAsBig5(bytes) {
                throw InputError(file: file, line: 1, column: 1, message: """
                    the page is labelled \(label.isEmpty ? "without a charset" : label), but its bytes read as Big5 (traditional                     Chinese), not as GB18030; save it as UTF-8
                    """)
            }
            return "GB18030"
        default:
            return label.uppercased()
        }
    }

    // MARK: - Where the article is

    /// Class and id words of the containers that government sites put the article in.
    static let containerWords = ["trs_editor", "trs_ueditor", "ueditor", "zoom", "article", "content", "detail", "zwnr",
                                 "xxgk", "wzzw", "main-txt", "maintext", "text", "news_con", "con_text", "zw"]

    /// The innermost container holding most of the page's article text; without one, the element
    /// whose paragraphs hold the most text.
    static func articleBody(of page: HTMLElement) -> HTMLElement? {
        let candidates = page.all { element in
            let names = ((element.attributes["class"] ?? "") + " " + (element.attributes["id"] ?? "")).lowercased()
            return ["div", "td", "article", "section", "span", "font"].contains(element.name)
                && containerWords.contains { names.contains($0) }
        }
        let sized = candidates.map { ($0, $0.textLength) }.filter { $0.1 >= 20 }
        if let largest = sized.map(\.1).max() {
            // Nested containers: the deepest one that still holds 70% of the largest one's text.
            return sized.filter { Double($0.1) >= 0.7 * Double(largest) }.max { $0.0.depth(in: page) < $1.0.depth(in: page) }?.0
        }
        return page.all { !$0.children.isEmpty }.max { $0.paragraphText < $1.paragraphText }
    }

    static func isDisclosureTable(_ table: HTMLElement) -> Bool {
        let cells = table.all { $0.name == "td" || $0.name == "th" }.map { Normalize.label($0.plainText) }
        let labels = ["索引号", "发文字号", "文号", "发文机关", "成文日期", "发布机构", "主题分类"]
        return cells.filter { cell in labels.contains { cell.hasPrefix($0) } }.count >= 2
    }

    static func metadataLines(_ rows: [[String]]) -> [String] {
        rows.map { "| " + $0.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " | ") + " |" }
    }

    static func metaTags(_ page: HTMLElement) -> [String: String] {
        var tags: [String: String] = [:]
        for meta in page.all(where: { $0.name == "meta" }) {
            guard let name = meta.attributes["name"]?.lowercased(), let content = meta.attributes["content"],
                  !content.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            tags[name] = content
        }
        return tags
    }

    // MARK: - The article as lines

    static let blockElements: Set<String> = ["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
                                             "article", "center", "blockquote", "dd", "dt", "ul", "ol", "pre", "hr", "form"]

    /// Block elements break lines; tables become rows (a roster table its roster lines).
    static func textLines(_ element: HTMLElement) -> [String] {
        var lines: [String] = []
        var current = ""
        func breakLine() {
            if !current.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(current) }
            current = ""
        }
        func walk(_ element: HTMLElement) {
            if element.name == "table" && !isDisclosureTable(element) {
                breakLine()
                lines += TableText.lines(element.rows())
                return
            }
            if element.name == "table" { return }
            let isBlock = blockElements.contains(element.name)
            if isBlock { breakLine() }
            for child in element.children {
                switch child {
                case .element(let inner): walk(inner)
                case .text(let text): current += inlineText(text)
                }
            }
            if isBlock { breakLine() }
        }
        walk(element)
        breakLine()
        return lines.flatMap { [$0, ""] }
    }

    /// Source line breaks and runs of white space are one space, as a browser shows them; a
    /// no-break space is a space the author meant.
    static func inlineText(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character == "\n" || character == "\r" || character == "\t" || character == " " {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character == "\u{00A0}" ? " " : character)
                lastWasSpace = false
            }
        }
        return result
    }
}

extension HTMLElement {
    /// Every element below this one (itself included) that matches, in document order.
    func all(where matches: (HTMLElement) -> Bool) -> [HTMLElement] {
        var found: [HTMLElement] = matches(self) ? [self] : []
        for child in children {
            if case .element(let element) = child { found += element.all(where: matches) }
        }
        return found
    }

    var plainText: String {
        children.map { child in
            switch child {
            case .text(let text): text
            case .element(let element): element.plainText
            }
        }.joined()
    }

    var textLength: Int { plainText.filter { !$0.isWhitespace }.count }

    /// The text in this element's own paragraphs: what a block of article text is made of.
    var paragraphText: Int {
        children.reduce(0) { total, child in
            guard case .element(let element) = child, element.name == "p" || element.name == "br" else { return total }
            return total + element.textLength
        }
    }

    /// How deep this element sits below `root`, by structure (elements have no identity).
    func depth(in root: HTMLElement) -> Int {
        func search(_ node: HTMLElement, _ level: Int) -> Int? {
            if node.name == name && node.attributes == attributes && node.textLength == textLength { return level }
            for child in node.children {
                if case .element(let element) = child, let found = search(element, level + 1) { return found }
            }
            return nil
        }
        return search(root, 0) ?? 0
    }

    /// The rows of this table as cell texts (those of tables nested in a cell are not its rows).
    func rows() -> [[String]] {
        let sections = children.compactMap { child -> HTMLElement? in
            if case .element(let element) = child, ["thead", "tbody", "tfoot"].contains(element.name) { element } else { nil }
        }
        return ([self] + sections).flatMap { part in
            part.children.compactMap { child -> HTMLElement? in if case .element(let row) = child, row.name == "tr" { row } else { nil } }
        }.map { row in
            row.children.compactMap { child -> String? in
                guard case .element(let cell) = child, cell.name == "td" || cell.name == "th" else { return nil }
                return HTMLDoor.inlineText(cell.plainText).trimmingCharacters(in: .whitespaces)
            }
        }
    }
}
