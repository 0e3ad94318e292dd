import GazetteModel

/// Writes sections as `hcontainer`s, paragraphs with their unit lists marked up, and rosters as
/// tables of `<role>`, `<person as>` and `<organization>`.
struct BodyWriter {
    let prefix: String
    let units: UnitNames
    let references: References

    func sections(_ sections: [Section], parentEId: String, into xml: inout XMLBuilder) {
        for (index, section) in sections.enumerated() {
            let eId = "\(parentEId)__hcontainer_\(index + 1)"
            let name = section.role?.rawValue ?? (section.number == nil ? "text" : "clause")
            xml.open("hcontainer", ["eId": eId, "name": name])
            if let number = section.number { xml.element("num", text: number.printed) }
            if let heading = section.heading { xml.element("heading", text: heading) }
            if section.children.isEmpty {
                xml.open("content")
                blocks(section.blocks, eId: eId, into: &xml)
                if section.blocks.isEmpty { xml.empty("p") }
                xml.close("content")
            } else {
                if !section.blocks.isEmpty {
                    xml.open("intro")
                    blocks(section.blocks, eId: eId, into: &xml)
                    xml.close("intro")
                }
                self.sections(section.children, parentEId: eId, into: &xml)
            }
            xml.close("hcontainer")
        }
    }

    func blocks(_ blocks: [Block], eId: String, into xml: inout XMLBuilder) {
        var tables = 0
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                xml.inline("p", markup: markup(paragraph.text))
            case .roster(let roster):
                tables += 1
                xml.open("table", ["eId": "\(eId)__table_\(tables)", "class": "roster"])
                xml.inline("tr", markup: "<th><p>职务</p></th><th><p>姓名</p></th><th><p>单位及职务</p></th>")
                for entry in roster.entries { xml.inline("tr", markup: row(entry)) }
                xml.close("table")
            }
        }
    }

    /// Running text, with each unit of a labelled list wrapped in `<organization>`.
    func markup(_ text: String) -> String {
        var result = ""
        var cursor = text.startIndex
        for mention in UnitLists.mentions(in: text) {
            result += XMLBuilder.escape(String(text[cursor ..< mention.range.lowerBound]))
            for token in units.tokens(String(text[mention.range])) {
                if let canonical = token.canonical {
                    let eId = references.organization(token.printed, canonical: canonical)
                    result += XMLBuilder.tag("organization", ["refersTo": "#" + eId], token.printed)
                } else {
                    result += XMLBuilder.escape(token.printed)
                }
            }
            cursor = mention.range.upperBound
        }
        return result + XMLBuilder.escape(String(text[cursor...]))
    }

    func row(_ entry: RosterEntry) -> String {
        let role = references.role(entry.role)
        let person = references.person(entry.name)
        var affiliation = XMLBuilder.escape(entry.affiliation)
        if let (printed, rest) = units.leadingUnit(entry.affiliation) {
            let org = references.organization(printed, canonical: units.canonical(printed))
            affiliation = XMLBuilder.tag("organization", ["refersTo": "#" + org], printed) + XMLBuilder.escape(rest)
        }
        return "<td><p>" + XMLBuilder.tag("role", ["refersTo": "#" + role], entry.role) + "</p></td>"
            + "<td><p>" + XMLBuilder.tag("person", ["refersTo": "#" + person, "as": "#" + role], entry.name) + "</p></td>"
            + "<td><p>" + affiliation + "</p></td>"
    }
}
