import GazetteModel

/// Writes gazette issues and documents as OASIS Akoma Ntoso 3.0 that validates against the
/// strict schema. Output is deterministic: the same documents always give the same bytes.
public struct AkomaNtosoWriter: Sendable {
    public static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    /// The namespace of what zhoucun adds in `<proprietary>`: where the reader found each element.
    public static let readingNamespace = "urn:zhoucun:reading"

    /// The FRBR country segment: `cn-370306` is 周村区's administrative division code.
    public var country: String
    public var units: UnitNames

    public init(country: String = "cn-370306", units: UnitNames = .standard) {
        self.country = country
        self.units = units
    }

    /// A whole issue as one `officialGazette`, each document a component.
    public func gazette(_ issue: GazetteIssue) -> String {
        var xml = XMLBuilder()
        let date = issue.date ?? issue.documents.compactMap(\.date).max() ?? "1970-01-01"
        let dateName = issue.date == nil ? "latestDocument" : "publication"
        let issueNumber = issue.key ?? "0"
        let work = "/akn/\(country)/officialGazette/\(date)/\(issueNumber)"
        let printedNumber = issue.year.map { year in "\(year)年第\(issue.number ?? 0)期" }
        xml.open("akomaNtoso", ["xmlns": Self.namespace])
        xml.open("officialGazette", ["name": "districtGazette"])
        xml.open("meta")
        identification(&xml, work: work, date: date, dateName: dateName, author: "#issuer", number: issueNumber, name: issue.title)
        xml.empty("publication", ["date": date, "name": "districtGazette", "showAs": issue.title ?? "公报", "number": printedNumber])
        xml.open("references", ["source": "#zhoucun"])
        xml.empty("TLCOrganization", ["eId": "zhoucun", "href": "/ontology/organization/zhoucun", "showAs": "zhoucun"])
        xml.empty("TLCOrganization", ["eId": "issuer", "href": "/ontology/organization/\(country)/gazette", "showAs": issue.title ?? "公报"])
        xml.close("references")
        xml.close("meta")

        if issue.title != nil || printedNumber != nil || !issue.contents.isEmpty {
            xml.open("coverPage")
            var cover = ""
            if let title = issue.title { cover += XMLBuilder.tag("docTitle", [:], title) }
            if let printedNumber { cover += (cover.isEmpty ? "" : " ") + XMLBuilder.tag("docNumber", [:], printedNumber) }
            if !cover.isEmpty { xml.inline("p", markup: cover) }
            if !issue.contents.isEmpty {
                xml.open("toc")
                for entry in issue.contents {
                    let target = issue.documents.firstIndex { document in
                        Normalize.key((document.issuer ?? "") + document.title) == Normalize.key(entry.title)
                            || Normalize.key(document.title) == Normalize.key(entry.title)
                    }
                    var markup = XMLBuilder.escape(entry.title)
                    if let page = entry.page { markup += XMLBuilder.tag("inline", ["name": "page"], String(page)) }
                    xml.inline("tocItem", [
                        "href": target.map { "#cmp_\($0 + 1)" } ?? "#",
                        "level": "1",
                        "class": entry.category,
                    ], markup: markup)
                }
                xml.close("toc")
            }
            xml.close("coverPage")
        }

        xml.open("collectionBody")
        for (index, document) in issue.documents.enumerated() {
            xml.open("component", ["eId": "cmp_\(index + 1)"])
            write(document, prefix: "cmp_\(index + 1)__", into: &xml)
            xml.close("component")
        }
        xml.close("collectionBody")
        xml.close("officialGazette")
        xml.close("akomaNtoso")
        return xml.output
    }

    /// One document on its own.
    public func document(_ document: OfficialDocument) -> String {
        var xml = XMLBuilder()
        xml.open("akomaNtoso", ["xmlns": Self.namespace])
        write(document, prefix: "", into: &xml)
        xml.close("akomaNtoso")
        return xml.output
    }

    // MARK: - Documents

    func workURI(_ document: OfficialDocument) -> String {
        let date = document.date ?? "1970-01-01"
        let number = document.documentNumber
        let issuer = uriSegment(number?.issuerCode ?? document.issuer ?? "unknown")
        let serial = number.map { "\($0.year)-\($0.serial)" } ?? uriSegment(String(document.title.prefix(24)))
        return "/akn/\(country)/\(document.type)/\(document.name)/\(issuer)/\(date)/\(serial)"
    }

    func write(_ document: OfficialDocument, prefix: String, into xml: inout XMLBuilder) {
        let references = References(prefix: prefix, country: country)
        if let issuer = document.issuer { _ = references.organization(issuer, canonical: issuer) }
        let body = BodyWriter(prefix: prefix, units: units, references: references)

        // The body is written first: it decides which people, units and roles the meta lists.
        var main = XMLBuilder()
        body.sections(document.body, parentEId: "\(prefix)body", into: &main)
        if document.body.isEmpty { main.empty("p") }
        var attachments: [String] = []
        for (index, attachment) in document.attachments.enumerated() {
            var part = XMLBuilder()
            body.sections(attachment.body, parentEId: "\(prefix)att_\(index + 1)", into: &part)
            if attachment.body.isEmpty { part.empty("p") }
            attachments.append(part.fragment)
        }

        let work = workURI(document)
        let date = document.date ?? "1970-01-01"
        xml.open(document.type, ["name": document.name])
        xml.open("meta")
        identification(&xml, work: work, date: date, dateName: document.date == nil ? "unknown" : "signature",
                       author: document.issuer.map { "#" + references.organization($0, canonical: $0) } ?? "#zhoucun",
                       number: document.documentNumber.map { "\($0.year)-\($0.serial)" }, showAs: document.number,
                       name: document.title, alias: document.number)
        references.write(into: &xml)
        // Where the text reader found each element: kept beside the markup, in our namespace.
        if let found = document.found, !found.isEmpty {
            xml.open("proprietary", ["source": "#zhoucun", "xmlns:zc": Self.readingNamespace])
            for element in found {
                xml.empty("zc:found", ["element": element.element, "line": element.line.map(String.init), "how": element.how,
                                       "confidence": element.confidence.rawValue])
            }
            xml.close("proprietary")
        }
        xml.close("meta")

        xml.open("preface")
        if let issuer = document.issuer {
            xml.inline("p", ["class": "issuer"], markup: XMLBuilder.tag("docProponent", ["refersTo": "#" + references.organization(issuer, canonical: issuer)], issuer))
        }
        xml.inline("p", ["class": "title"], markup: XMLBuilder.tag("docTitle", [:], document.title))
        if let number = document.number {
            xml.inline("p", ["class": "number"], markup: XMLBuilder.tag("docNumber", [:], number))
        }
        if let addressees = document.addressees {
            xml.element("p", ["class": "addressees"], text: addressees + "：")
        }
        xml.close("preface")

        xml.open("mainBody")
        xml.append(main.fragment)
        xml.close("mainBody")

        if document.date != nil || document.scope != nil {
            xml.open("conclusions")
            if let date = document.date {
                var signature = ""
                if let issuer = document.issuer {
                    signature += XMLBuilder.tag("organization", ["refersTo": "#" + references.organization(issuer, canonical: issuer)], issuer) + " "
                }
                signature += XMLBuilder.tag("date", ["date": date], Self.printedDate(date))
                xml.inline("p", ["class": "signature"], markup: "<signature>" + signature + "</signature>")
            }
            if let scope = document.scope { xml.element("p", ["class": "scope"], text: scope) }
            xml.close("conclusions")
        }

        if !document.attachments.isEmpty {
            xml.open("attachments")
            for (index, attachment) in document.attachments.enumerated() {
                let eId = "\(prefix)att_\(index + 1)"
                xml.open("attachment", ["eId": eId])
                xml.open("doc", ["name": "annex"])
                xml.open("meta")
                identification(&xml, work: work, date: date, dateName: document.date == nil ? "unknown" : "signature",
                               author: "#zhoucun", number: nil, component: "att_\(index + 1)", name: attachment.title)
                xml.close("meta")
                xml.open("preface")
                xml.inline("p", markup: XMLBuilder.tag("docNumber", [:], attachment.label) + " " + XMLBuilder.tag("docTitle", [:], attachment.title))
                xml.close("preface")
                xml.open("mainBody")
                xml.append(attachments[index])
                xml.close("mainBody")
                xml.close("doc")
                xml.close("attachment")
            }
            xml.close("attachments")
        }
        xml.close(document.type)
    }

    /// `2020-10-12` → `2020年10月12日`.
    static func printedDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }

    // MARK: - FRBR

    func identification(_ xml: inout XMLBuilder, work: String, date: String, dateName: String, author: String,
                        number: String?, showAs: String? = nil, component: String = "main", name: String? = nil,
                        alias: String? = nil) {
        let expression = "\(work)/zho@\(date)"
        xml.open("identification", ["source": "#zhoucun"])
        xml.open("FRBRWork")
        xml.empty("FRBRthis", ["value": "\(work)/!\(component)"])
        xml.empty("FRBRuri", ["value": work])
        if let alias { xml.empty("FRBRalias", ["value": alias, "name": "wenhao"]) }
        xml.empty("FRBRdate", ["date": date, "name": dateName])
        xml.empty("FRBRauthor", ["href": author])
        xml.empty("FRBRcountry", ["value": "cn"])
        if let number { xml.empty("FRBRnumber", ["value": number, "showAs": showAs]) }
        if let name { xml.empty("FRBRname", ["value": name]) }
        xml.close("FRBRWork")
        xml.open("FRBRExpression")
        xml.empty("FRBRthis", ["value": "\(expression)/!\(component)"])
        xml.empty("FRBRuri", ["value": expression])
        xml.empty("FRBRdate", ["date": date, "name": dateName])
        xml.empty("FRBRauthor", ["href": author])
        xml.empty("FRBRlanguage", ["language": "zho"])
        xml.close("FRBRExpression")
        xml.open("FRBRManifestation")
        xml.empty("FRBRthis", ["value": "\(expression)/!\(component).xml"])
        xml.empty("FRBRuri", ["value": "\(expression).akn"])
        xml.empty("FRBRdate", ["date": date, "name": "conversion"])
        xml.empty("FRBRauthor", ["href": "#zhoucun"])
        xml.close("FRBRManifestation")
        xml.close("identification")
    }
}

extension XMLBuilder {
    /// The body without the XML declaration, for splicing into another builder.
    var fragment: String {
        output.hasPrefix("<?xml") ? String(output.drop { $0 != "\n" }.dropFirst()) : output
    }

    mutating func append(_ fragment: String) {
        // Re-indent a fragment written at depth 0 to the current depth.
        let indent = String(repeating: "  ", count: currentDepth)
        for line in fragment.split(separator: "\n", omittingEmptySubsequences: true) {
            appendRaw(indent + line + "\n")
        }
    }
}
