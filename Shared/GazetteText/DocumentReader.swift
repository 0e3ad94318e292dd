import Foundation
import GazetteModel

/// Reads one official document from its lines: header, addressees, body, signature, date,
/// publication scope, the enclosed text and the attachments.
struct DocumentReader {
    let lines: [SourceLine]
    let range: Range<Int>
    let numberLine: Int?
    let file: String

    mutating func read() throws -> OfficialDocument {
        let numberLine = numberLine!
        let headerKeys = lines[range.lowerBound ..< numberLine].filter { !$0.isBlank }.map(\.key)
        let (issuer, title) = Self.splitHeader(headerKeys)
        var document = OfficialDocument(number: DocumentHead.ownNumber(lines[numberLine]), title: title, issuer: issuer)
        document.name = Self.kind(of: title)
        let headLine = lines[range.lowerBound ..< numberLine].first { !$0.isBlank }?.number
        document.found = [
            FoundElement("标题", line: headLine, how: "the gazette's heading lines above the 文号", confidence: .high),
            FoundElement("发文字号", line: lines[numberLine].number, how: "alone on its line under the title", confidence: .high),
        ]
        if issuer != nil { document.found?.insert(FoundElement("发文机关", line: headLine, how: "the organ heading the title", confidence: .high), at: 0) }
        readBody(from: numberLine + 1, into: &document)
        return document
    }

    /// One document on its own: its head found by shape, the page's metadata where the print is
    /// silent, and the signature's organs before the header's.
    mutating func readSingle(metadata: PageFrame.Metadata) -> OfficialDocument {
        let head = DocumentHead.find(in: lines, range: range)
        // The title as printed (GB/T 9704: 发文机关 + 事由 + 文种); the organ at its head is
        // evidence of the issuer.
        let title = head.title ?? metadata.title.map(Normalize.key)
        var headIssuer = head.issuer
        // The organ heading the title (`广州市对外贸易经济合作局关于实施…的通知`), of any kind.
        if headIssuer == nil, let printed = title, let about = printed.range(of: "关于"), about.lowerBound != printed.startIndex,
           DocumentHead.isOrganOnly(String(printed[..<about.lowerBound])) {
            headIssuer = String(printed[..<about.lowerBound])
        }
        var document = OfficialDocument(number: head.number ?? metadata.number, title: title ?? "",
                                        issuer: headIssuer ?? metadata.issuer)
        document.name = Self.kind(of: document.title)
        var found = head.found
        let fromMetadata = "the page's metadata"
        if head.number == nil, metadata.number != nil { found.append(FoundElement("发文字号", line: nil, how: fromMetadata, confidence: .medium)) }
        if head.title == nil, metadata.title != nil { found.append(FoundElement("标题", line: nil, how: fromMetadata, confidence: .medium)) }
        if head.issuer == nil, headIssuer != nil { found.append(FoundElement("发文机关", line: nil, how: "the organ heading the title", confidence: .medium)) }
        if headIssuer == nil, metadata.issuer != nil { found.append(FoundElement("发文机关", line: nil, how: fromMetadata, confidence: .medium)) }
        document.found = found
        let signed = readBody(from: head.bodyStart, into: &document)
        if let signed { document.issuer = signed }
        if document.issuer == nil, let publisher = metadata.publisher {
            document.issuer = publisher
            document.found?.append(FoundElement("发文机关", line: nil, how: "the site that posted the page (发布机构)", confidence: .low))
        }
        document.issuer = document.issuer.map { SignatureBlock.jointIssuers($0).joined(separator: "、") }
        if document.date == nil, let date = metadata.date {
            document.date = date
            document.found?.append(FoundElement("成文日期", line: nil, how: fromMetadata, confidence: .medium))
        }
        return document
    }

    /// `周村区人民政府办公室关于印发…的通知` → issuer `周村区人民政府办公室`, title `关于印发…的通知`.
    static func splitHeader(_ keys: [String]) -> (String?, String) {
        let joined = keys.joined()
        if let range = joined.range(of: "关于"), range.lowerBound != joined.startIndex {
            let issuer = String(joined[..<range.lowerBound])
            if TextReader.startsWithIssuer(issuer) { return (issuer, String(joined[range.lowerBound...])) }
        }
        if keys.count > 1, TextReader.startsWithIssuer(keys[0]) {
            return (keys[0], keys.dropFirst().joined())
        }
        return (nil, joined)
    }

    /// The kind of document, from the last word of its title.
    static func kind(of title: String) -> String {
        let kinds: [(String, String)] = [
            ("通知", "notice"), ("意见", "opinion"), ("决定", "decision"), ("办法", "measures"), ("方案", "plan"),
            ("预案", "plan"), ("批复", "reply"), ("通报", "bulletin"), ("公告", "announcement"), ("规定", "regulation"),
            ("制度", "regulation"), ("函", "letter"), ("报告", "report"),
        ]
        return kinds.first { title.hasSuffix($0.0) }?.1 ?? "notice"
    }

    // MARK: - Body

    /// Reads the body; returns the organs of the signature, when one is printed.
    @discardableResult
    mutating func readBody(from start: Int, into document: inout OfficialDocument) -> String? {
        var cursor = skipBlanks(start)
        if cursor < range.upperBound, Self.isAddressees(lines[cursor]) {
            document.addressees = String(lines[cursor].key.dropLast())
            document.found?.append(FoundElement("主送机关", line: lines[cursor].number, how: "the line ending in a colon that opens the body", confidence: .high))
            cursor += 1
        }
        let list = attachmentList()
        let listed = list?.items ?? []
        if let list {
            document.found?.append(FoundElement("附件说明", line: lines[list.line].number, how: "a 附件： line listing \(listed.count) attachment\(listed.count == 1 ? "" : "s")", confidence: .high))
        }
        let signature = SignatureBlock.find(in: lines, from: cursor, to: range.upperBound)
        var afterSignature = cursor
        if let signature {
            document.date = signature.date
            document.scope = signature.scope
            if document.issuer == nil { document.issuer = signature.issuer }
            afterSignature = signature.next
            if signature.issuer != nil {
                document.found?.append(FoundElement("发文机关署名", line: lines[signature.line].number, how: "the organ above the date at the foot", confidence: .high))
            }
            document.found?.append(FoundElement("成文日期", line: lines[signature.dateLine].number, how: "a date at the foot of the notice, under the signature", confidence: .high))
        }
        let attachmentStarts = findAttachmentStarts(from: afterSignature, list: list)
        // The 版记 closes the 公文 (GB/T 9704 §7.4; attachments come before it): no clause's text.
        let documentEnd = imprintStart() ?? range.upperBound
        let mainEnd = attachmentStarts.first?.line ?? documentEnd

        let context = BodyContext(listedTitles: Set(listed.map { Normalize.key($0.title) }))
        if let signature {
            let notice = context.sections(lines, cursor ..< signature.line)
            if !notice.isEmpty { document.body.append(Section(role: .notice, blocks: notice.blocks, children: notice.children)) }
            var enclosureStart = skipBlanks(afterSignature)
            var heading: String?
            if enclosureStart < mainEnd, Self.isTitleLike(lines[enclosureStart]) {
                heading = lines[enclosureStart].key
                enclosureStart += 1
            }
            let enclosure = context.sections(lines, enclosureStart ..< mainEnd)
            if heading != nil || !enclosure.isEmpty {
                document.body.append(Section(heading: heading, role: .enclosure, blocks: enclosure.blocks, children: enclosure.children))
            }
        } else {
            let body = context.sections(lines, cursor ..< mainEnd)
            if !body.blocks.isEmpty { document.body.append(Section(blocks: body.blocks)) }
            document.body += body.children
        }

        for (index, start) in attachmentStarts.enumerated() {
            let end = index + 1 < attachmentStarts.count ? attachmentStarts[index + 1].line : documentEnd
            var bodyStart = start.line + 1
            var title = start.title
            if title == nil {
                let titleLine = skipBlanks(bodyStart)
                if titleLine < end, Self.isTitleLike(lines[titleLine]) {
                    title = lines[titleLine].key
                    bodyStart = titleLine + 1
                }
            }
            let label = start.label ?? Self.label(for: title, in: listed) ?? "附件\(index + 1)"
            let body = context.sections(lines, bodyStart ..< end)
            var sections = body.children
            if !body.blocks.isEmpty { sections.insert(Section(blocks: body.blocks), at: 0) }
            document.attachments.append(Attachment(label: label, title: title ?? label, body: sections))
        }
        document.replaces = document.repealedNumbers
        return signature?.issuer
    }

    func skipBlanks(_ start: Int) -> Int {
        var index = start
        while index < range.upperBound, lines[index].isBlank { index += 1 }
        return index
    }

    static func isAddressees(_ line: SourceLine) -> Bool {
        line.key.hasSuffix("：") && line.key.count <= 80 && SectionNumber.leading(line.text) == nil
            && RosterLines.classify(line.raw) == nil && !line.key.hasPrefix("附件")
    }

    static func isTitleLike(_ line: SourceLine) -> Bool {
        let key = line.key
        return !line.isBlank && key.count <= 50 && !key.contains(where: { "。，；：".contains($0) })
            && SectionNumber.leading(line.text) == nil && RosterLines.classify(line.raw) == nil
            && AttachmentLines.marker(key) == nil && AttachmentLines.list(line.text) == nil
    }

    /// Where the 版记 begins: its 印发 line, or the 抄送 line above it.
    func imprintStart() -> Int? {
        guard let line = range.reversed().first(where: { ImprintLine.matches(lines[$0].key) }) else { return nil }
        var above = line - 1
        while above >= range.lowerBound, lines[above].isBlank { above -= 1 }
        return above >= range.lowerBound && lines[above].key.hasPrefix("抄送") ? above : line
    }

    // MARK: - Attachments

    /// The `附件：` line and the attachments it lists, with their numbers.
    func attachmentList() -> (line: Int, items: [AttachmentLines.Listed])? {
        for index in range {
            guard let first = AttachmentLines.list(lines[index].text) else { continue }
            return (index, [first] + AttachmentLines.items(after: index, in: lines, before: range.upperBound).items)
        }
        return nil
    }

    struct AttachmentStart {
        var line: Int
        var label: String?
        var title: String?
    }

    /// Where attachments begin: a `附件 2` marker line, or a listed title standing alone.
    func findAttachmentStarts(from start: Int, list: (line: Int, items: [AttachmentLines.Listed])?) -> [AttachmentStart] {
        var starts: [AttachmentStart] = []
        var seenTitles = Set<String>()
        let listLine = list?.line
        let listed = list?.items ?? []
        for index in start ..< range.upperBound where !lines[index].isBlank {
            let key = lines[index].key
            if let number = AttachmentLines.marker(key) {
                starts.append(AttachmentStart(line: index, label: number.map { "附件\($0)" } ?? "附件"))
                let titleLine = skipBlanks(index + 1)
                if titleLine < range.upperBound { seenTitles.insert(lines[titleLine].key) }
            } else if let listLine, index > listLine + listed.count - 1,
                      let item = listed.first(where: { Normalize.key($0.title) == key }), !seenTitles.contains(key) {
                // An attachment whose 附件 marker the PDF lost: its listed title opens it.
                seenTitles.insert(key)
                starts.append(AttachmentStart(
                    line: index,
                    label: item.number.map { "附件\($0)" } ?? "附件",
                    title: key
                ))
            }
        }
        return starts
    }

    static func label(for title: String?, in listed: [AttachmentLines.Listed]) -> String? {
        guard let title, let item = listed.first(where: { Normalize.key($0.title) == title }) else { return nil }
        return item.number.map { "附件\($0)" } ?? "附件"
    }

}

/// The lines that list and open attachments.
enum AttachmentLines {
    struct Listed {
        var number: Int?
        var title: String
    }

    static let listPattern = Pattern(#"^附件[:：]\s*(.*)$"#)
    static let itemPattern = Pattern(#"^([0-9]{1,2})[.．、]\s*(.+)$"#)
    static let markerPattern = Pattern(#"^附件([0-9]{0,2})$"#)

    /// `附件：1. 周村区…` or `附件：周村区…名单`.
    static func list(_ text: String) -> Listed? {
        guard let match = listPattern.firstMatch(in: text) else { return nil }
        let rest = match[1].trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty else { return nil }
        return item(rest) ?? Listed(number: nil, title: Normalize.key(rest))
    }

    static func item(_ text: String) -> Listed? {
        guard let match = itemPattern.firstMatch(in: text) else { return nil }
        return Listed(number: Int(match[1]), title: Normalize.key(match[2]))
    }

    /// The numbered items under the `附件：` line at `list`, and the line after the last. A blank
    /// line may stand between them (Word and web pages give each item a paragraph of its own);
    /// across one, only the next number carries the list on.
    static func items(after list: Int, in lines: [SourceLine], before end: Int) -> (items: [Listed], next: Int) {
        var items: [Listed] = []
        var number = Self.list(lines[list].text)?.number
        var next = list + 1
        while true {
            var candidate = next
            while candidate < end, lines[candidate].isBlank { candidate += 1 }
            guard candidate < end, let listed = Self.item(lines[candidate].text),
                  candidate == next || (listed.number != nil && listed.number == number.map({ $0 + 1 })) else { break }
            items.append(listed)
            number = listed.number
            next = candidate + 1
        }
        return (items, next)
    }

    /// `附件 2` → 2; `附件` → nil inside; anything else → nil outside.
    static func marker(_ key: String) -> Int?? {
        guard let match = markerPattern.firstMatch(in: key) else { return nil }
        return .some(Int(match[1]))
    }
}
