import GazetteModel

/// Maps an Akoma Ntoso element tree to the shared document model, following
/// `shared/design/AKN_MAPPING.md`: each field from the first place that has it.
struct DocumentMapper {
    let units: UnitNames

    static let bodyNames = ["mainBody", "body", "judgmentBody", "debateBody", "amendmentBody", "portionBody"]
    static let hierarchyNames: Set<String> = [
        "hcontainer", "section", "part", "chapter", "article", "paragraph", "subsection", "subparagraph", "point",
        "clause", "subclause", "division", "title", "book", "tome", "subchapter", "subpart", "subdivision",
        "subtitle", "list", "indent", "alinea", "rule", "subrule", "proviso", "sublist", "transitional", "level",
        "debateSection", "administrationOfOath", "rollCall", "prayers", "oralStatements", "writtenStatements",
        "personalStatements", "ministerialStatements", "resolutions", "nationalInterest", "declarationOfVote",
        "communication", "petitions", "papers", "noticesOfMotion", "questions", "address", "proceduralMotions",
        "pointOfOrder", "adjournment", "introduction", "background", "arguments", "remedies", "motivation", "decision",
    ]
    /// Wrappers whose children belong to the level they sit in.
    static let transparentNames: Set<String> = [
        "intro", "content", "wrapUp", "blockContainer", "container", "div", "speech", "question", "answer",
        "other", "scene", "narrative", "summary", "longTitle", "formula", "recitals", "recital", "preamble",
        "citations", "citation", "componentRef", "subFlow",
    ]

    // MARK: - Issue

    func issue(from collection: Node) -> GazetteIssue {
        var issue = GazetteIssue()
        let meta = collection.child("meta")
        let publication = meta?.child("publication")
        let work = meta?.child("identification")?.child("FRBRWork")
        issue.title = publication?["showAs"] ?? collection.child("coverPage")?.descendant("docTitle")?.text()
        let printedNumber = publication?["number"] ?? collection.child("coverPage")?.descendant("docNumber")?.text()
        if let printedNumber, let (year, number) = Self.issueNumber(printedNumber) {
            issue.year = year
            issue.number = number
        }
        if let dateNode = work?.child("FRBRdate"), dateNode["name"] == "publication" {
            issue.date = Self.isoDate(dateNode["date"])
        }
        for item in collection.child("coverPage")?.descendants("tocItem") ?? [] {
            let page = item.children("inline").first { $0["name"] == "page" }.flatMap { Int($0.text()) }
            let title = item.text { $0.name == "inline" && $0["name"] == "page" }
            issue.contents.append(ContentsEntry(category: item["class"], title: title, page: page))
        }
        return issue
    }

    /// `2020年第9期` → (2020, 9).
    static func issueNumber(_ printed: String) -> (Int, Int)? {
        let key = Normalize.key(printed)
        guard let nianIndex = key.firstIndex(where: { $0 == "年" || $0 == "第" }),
              let year = Int(key[..<nianIndex].filter(\.isNumber)),
              let di = key.firstIndex(of: "第"), let qi = key.firstIndex(of: "期"), di < qi,
              let number = Int(key[key.index(after: di) ..< qi])
        else { return nil }
        return (year, number)
    }

    static func isoDate(_ raw: String?) -> String? {
        guard let raw, raw.count >= 10 else { return nil }
        let date = String(raw.prefix(10))
        let parts = date.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
        return date
    }

    // MARK: - Documents

    func document(from node: Node) -> OfficialDocument {
        let meta = node.child("meta")
        let work = meta?.child("identification")?.child("FRBRWork")
        // The preface, then the cover page: either may carry docTitle, docNumber, docProponent.
        let fronts = [node.child("preface"), node.child("coverPage")].compactMap { $0 }
        let preface = fronts.first
        func front(_ name: String) -> String? { fronts.lazy.compactMap { $0.descendant(name)?.text().nilIfEmpty }.first }
        let references = Self.references(in: meta)

        let number = front("docNumber")
            ?? work?.child("FRBRnumber")?["showAs"]
            ?? work?.children("FRBRalias").first { $0["name"] == "wenhao" }?["value"]
            ?? work?.child("FRBRnumber")?["value"]
        let title = front("docTitle")
            ?? work?.child("FRBRname")?["value"]
            ?? preface?.descendant("longTitle")?.text().nilIfEmpty
            ?? work?.child("FRBRuri")?["value"]
            ?? node.name
        let issuer = front("docProponent")
            ?? work?.child("FRBRauthor")?["href"].flatMap { href in
                href.hasPrefix("#") ? references[String(href.dropFirst())] : nil
            }.flatMap { $0 == "zhoucun" ? nil : $0 }
        let workDate = work?.child("FRBRdate").flatMap { $0["name"] == "unknown" ? nil : Self.isoDate($0["date"]) }
        let date = workDate
            ?? Self.isoDate(preface?.descendant("docDate")?["date"])
            ?? Self.isoDate(node.child("conclusions")?.descendant("date")?["date"])

        // `Normalize.text`, not `key`: spaces between Latin words stay (`Congress of USA`,
        // `2017 No. 126 (C. 10)`); between Chinese characters they go.
        var document = OfficialDocument(type: node.name, name: node["name"] ?? node.name, number: number.map(Self.printedNumber),
                                        title: Normalize.text(title), issuer: issuer.map(Normalize.text), date: date)
        let found = (meta?.children("proprietary") ?? []).flatMap { $0.children("{\(AkomaNtosoWriter.readingNamespace)}found") }.compactMap { node -> FoundElement? in
            guard let element = node["element"], let how = node["how"], let confidence = node["confidence"].flatMap(FoundElement.Confidence.init) else { return nil }
            return FoundElement(element, line: node["line"].flatMap { Int($0) }, how: how, confidence: confidence)
        }
        if !found.isEmpty { document.found = found }
        if let addressees = preface?.elements.first(where: { $0["class"] == "addressees" })?.text() {
            document.addressees = String(Normalize.key(addressees).trimmingSuffix("："))
        }
        let conclusionParagraphs = node.child("conclusions")?.descendants("p") ?? []
        document.scope = conclusionParagraphs.map { Normalize.key($0.text()) }.first { $0.hasPrefix("（此件") || $0.hasPrefix("(此件") }
        if let body = Self.bodyNames.lazy.compactMap({ node.child($0) }).first {
            document.body = sections(in: body)
        }
        for (index, attachment) in (node.child("attachments")?.children("attachment") ?? []).enumerated() {
            guard let inner = attachment.elements.first(where: { Self.documentTypes.contains($0.name) }) else { continue }
            let innerPreface = inner.child("preface")
            let label = innerPreface?.descendant("docNumber")?.text().nilIfEmpty.map(Normalize.key) ?? "附件\(index + 1)"
            let title = innerPreface?.descendant("docTitle")?.text().nilIfEmpty
                ?? inner.child("meta")?.descendant("FRBRname")?["value"] ?? label
            let body = Self.bodyNames.lazy.compactMap { inner.child($0) }.first
            document.attachments.append(Attachment(label: label, title: Normalize.key(title), body: body.map(sections(in:)) ?? []))
        }
        return document
    }

    static var documentTypes: Set<String> { AkomaNtosoReader.documentTypes }

    /// A 文号 with its spaces removed (`周政办字〔2020〕39 号`); any other number as printed, runs of
    /// white space made one (`2017 No. 126 (C. 10)`).
    static func printedNumber(_ raw: String) -> String {
        if DocumentNumber(raw) != nil { return Normalize.key(raw) }
        return raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// eId → showAs of the TLC entries.
    static func references(in meta: Node?) -> [String: String] {
        var result: [String: String] = [:]
        for node in meta?.child("references")?.elements ?? [] {
            if let eId = node["eId"] { result[eId] = node["showAs"] ?? eId }
        }
        return result
    }

    // MARK: - Sections

    /// The sections of a container. Content before the first section becomes an unnumbered one.
    func sections(in container: Node) -> [Section] {
        var result: [Section] = []
        var loose: [RawBlock] = []
        func flushLoose() {
            let blocks = finish(loose)
            if !blocks.isEmpty { result.append(Section(blocks: blocks)) }
            loose = []
        }
        func visit(_ node: Node) {
            for element in node.elements {
                if Self.hierarchyNames.contains(element.name) {
                    flushLoose()
                    result.append(section(from: element))
                } else if Self.transparentNames.contains(element.name) {
                    visit(element)
                } else {
                    loose += rawBlocks(element)
                }
            }
        }
        visit(container)
        flushLoose()
        return result
    }

    func section(from node: Node) -> Section {
        var section = Section()
        if let num = node.child("num")?.text(), !num.isEmpty {
            section.number = SectionNumber.leading(Normalize.text(num)).map(\.number) ?? SectionNumber(level: 6, label: Normalize.text(num))
        }
        section.heading = node.child("heading")?.text().nilIfEmpty.map(Normalize.text)
        if node.name == "hcontainer" { section.role = node["name"].flatMap(Section.Role.init(rawValue:)) }
        var blocks: [RawBlock] = []
        func visit(_ container: Node) {
            for element in container.elements where !["num", "heading", "subheading"].contains(element.name) {
                if Self.hierarchyNames.contains(element.name) {
                    section.children.append(self.section(from: element))
                } else if Self.transparentNames.contains(element.name) {
                    visit(element)
                } else {
                    blocks += rawBlocks(element)
                }
            }
        }
        visit(node)
        section.blocks = finish(blocks)
        return section
    }

    // MARK: - Blocks

    enum RawBlock {
        /// Text with its spaces as written (rosters need them), and units marked up inline.
        case paragraph(String, organizations: [String])
        case roster(Roster)
    }

    func rawBlocks(_ node: Node) -> [RawBlock] {
        switch node.name {
        case "table":
            return table(node)
        case "blockList", "ul", "ol", "toc":
            return node.elements.flatMap { item -> [RawBlock] in
                let text = item.text()
                return text.isEmpty ? [] : [.paragraph(text, organizations: organizations(in: item))]
            }
        case "meta", "num", "heading", "authorialNote", "noteRef", "eol", "eop", "img":
            return []
        default:
            let text = node.text()
            return text.isEmpty ? [] : [.paragraph(text, organizations: organizations(in: node))]
        }
    }

    /// A table is a roster when its rows carry `<person>`, or when its rows read as roster lines.
    func table(_ node: Node) -> [RawBlock] {
        let rows = node.descendants("tr").filter { $0.child("th") == nil }
        let cells = rows.map { $0.elements.filter { $0.name == "td" || $0.name == "th" } }
        if rows.contains(where: { $0.descendant("person") != nil }) {
            var entries: [RosterEntry] = []
            var role = ""
            for row in cells {
                guard let personCell = row.firstIndex(where: { $0.descendant("person") != nil }) else { continue }
                let roleText = row[..<personCell].map { Normalize.label($0.text()) }.joined()
                if !roleText.isEmpty { role = roleText.trimmingSuffix("：").trimmingSuffix(":") }
                let name = Normalize.personName(row[personCell].descendant("person")!.text())
                let affiliation = row[(personCell + 1)...].map { Normalize.key($0.text()) }.joined()
                entries.append(RosterEntry(role: role, name: name, affiliation: affiliation))
            }
            return entries.isEmpty ? [] : [.roster(Roster(entries: entries))]
        }
        let lines = cells.map { $0.map { $0.text() }.joined(separator: " ") }
        if let roster = RosterLines.read(lines), roster.consumed == lines.count {
            return [.roster(Roster(entries: roster.entries))]
        }
        return zip(rows, lines).compactMap { row, line in
            line.isEmpty ? nil : .paragraph(line, organizations: organizations(in: row))
        }
    }

    func organizations(in node: Node) -> [String] {
        node.descendants("organization").map { units.canonical($0.text()) }
    }

    /// Runs of paragraphs that read as a roster become one; the rest are normalised text.
    func finish(_ raw: [RawBlock]) -> [Block] {
        var blocks: [Block] = []
        var index = 0
        while index < raw.count {
            switch raw[index] {
            case .roster(let roster):
                blocks.append(.roster(roster))
                index += 1
            case .paragraph(let text, let organizations):
                if case .role? = RosterLines.classify(text) {
                    let texts = raw[index...].prefix { if case .paragraph = $0 { true } else { false } }.map { block -> String in
                        if case .paragraph(let text, _) = block { return text }
                        return ""
                    }
                    if let roster = RosterLines.read(texts) {
                        blocks.append(.roster(Roster(entries: roster.entries)))
                        index += roster.consumed
                        continue
                    }
                }
                blocks.append(.paragraph(Paragraph(text: Normalize.text(text), organizations: organizations)))
                index += 1
            }
        }
        return blocks
    }

    // MARK: - References

    static let pointerAttributes = ["refersTo", "as"]

    /// `refersTo` and `as` values that point at no declared eId.
    func danglingReferences(in node: Node, file: String) -> [String] {
        var declared = Set<String>()
        var pointers: [(node: Node, attribute: String, value: String)] = []
        func inspect(_ element: Node) {
            if element.name == "meta" {
                for reference in element.child("references")?.elements ?? [] {
                    if let eId = reference["eId"] { declared.insert(eId) }
                }
            }
            guard !element.attributes.isEmpty else { return }
            for attribute in Self.pointerAttributes {
                if let value = element[attribute], value.hasPrefix("#") { pointers.append((element, attribute, value)) }
            }
        }
        inspect(node)
        node.forEachDescendant(inspect)
        var dangling: [String] = []
        for (element, attribute, value) in pointers {
            for target in value.split(separator: " ") where !declared.contains(String(target.dropFirst())) {
                dangling.append("\(file):\(element.line):\(element.column): <\(element.name) \(attribute)=\"\(target)\"> points at no reference")
            }
        }
        return dangling
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
