/// One issue of a gazette (公报) as read from either door (plain text or Akoma Ntoso).
public struct GazetteIssue: Hashable, Sendable, Codable {
    /// `淄博市周村区人民政府公报`.
    public var title: String?
    public var year: Int?
    /// 期号 within the year.
    public var number: Int?
    /// Publication date, ISO 8601, when printed.
    public var date: String?
    /// The table of contents (目录) as printed.
    public var contents: [ContentsEntry]
    public var documents: [OfficialDocument]

    public init(title: String? = nil, year: Int? = nil, number: Int? = nil, date: String? = nil,
                contents: [ContentsEntry] = [], documents: [OfficialDocument] = []) {
        self.title = title
        self.year = year
        self.number = number
        self.date = date
        self.contents = contents
        self.documents = documents
    }

    /// `2020-9`: how an issue is named on the command line.
    public var key: String? {
        guard let year, let number else { return nil }
        return "\(year)-\(number)"
    }
}

/// A line of the table of contents.
public struct ContentsEntry: Hashable, Sendable, Codable {
    /// The heading the entry is listed under (`区政府办公室文件`).
    public var category: String?
    public var title: String
    public var page: Int?

    public init(category: String?, title: String, page: Int?) {
        self.category = category
        self.title = title
        self.page = page
    }
}

/// An official document (公文): a notice, an opinion, a plan, or any Akoma Ntoso document.
public struct OfficialDocument: Hashable, Sendable, Codable {
    /// The Akoma Ntoso document type: `doc`, `act`, `bill`, `judgment`, `debate` …
    public var type: String
    /// The kind within the type (`notice`, `opinion`).
    public var name: String
    /// The 文号 exactly as printed, or nil.
    public var number: String?
    public var title: String
    public var issuer: String?
    /// Signing date, ISO 8601.
    public var date: String?
    /// 主送: the addressees line, without its colon.
    public var addressees: String?
    /// Publication scope as printed: `（此件公开发布）`.
    public var scope: String?
    /// The sections, outermost first. Unnumbered sections hold the notice text and the enclosed text.
    public var body: [Section]
    public var attachments: [Attachment]
    /// The 文号 of the documents this one repeals, as printed.
    public var replaces: [String]
    /// Where the text reader found each element of the 公文, and how sure it is; nil for a
    /// document read from Akoma Ntoso, whose elements are marked up.
    public var found: [FoundElement]?

    public init(type: String = "doc", name: String = "notice", number: String? = nil, title: String,
                issuer: String? = nil, date: String? = nil, addressees: String? = nil, scope: String? = nil,
                body: [Section] = [], attachments: [Attachment] = [], replaces: [String] = []) {
        self.type = type
        self.name = name
        self.number = number
        self.title = title
        self.issuer = issuer
        self.date = date
        self.addressees = addressees
        self.scope = scope
        self.body = body
        self.attachments = attachments
        self.replaces = replaces
    }

    public var documentNumber: DocumentNumber? { number.flatMap(DocumentNumber.init) }

    /// How citations name this document: its 文号, or its title when it has none.
    public var citationName: String { documentNumber?.canonical ?? number ?? title }

    /// The title of the enclosed text (制度, 方案, 预案), when the notice encloses one.
    public var enclosureTitle: String? {
        body.first(where: { $0.role == .enclosure })?.heading
    }
}

/// One element of a 公文 as the reader found it (`docs show` prints them).
public struct FoundElement: Hashable, Sendable, Codable {
    public enum Confidence: String, Hashable, Sendable, Codable {
        /// Its own shape in its GB/T 9704 place: a 文号 alone on its line in the head, a date
        /// under the signature.
        case high
        /// Another reliable source: the page's metadata table, the organ heading the title.
        case medium
        /// A guess: a heading without a 文种 word, the site that posted the page.
        case low
    }

    /// The element as GB/T 9704-2012 names it: 发文字号, 标题, 发文机关, 主送机关, 发文机关署名,
    /// 成文日期, 附件说明.
    public var element: String
    /// The line of the text it was read from (1-based), when one line holds it.
    public var line: Int?
    /// How it was recognised, in words.
    public var how: String
    public var confidence: Confidence

    public init(_ element: String, line: Int?, how: String, confidence: Confidence) {
        self.element = element
        self.line = line
        self.how = how
        self.confidence = confidence
    }
}

/// An attachment (附件) of a document.
public struct Attachment: Hashable, Sendable, Codable {
    /// `附件1`, or `附件` when there is only one.
    public var label: String
    public var title: String
    public var body: [Section]

    public init(label: String, title: String, body: [Section] = []) {
        self.label = label
        self.title = title
        self.body = body
    }
}

/// A clause and what it holds. Numbered sections make up citation paths; unnumbered ones are
/// containers (the notice text, the enclosed text).
public struct Section: Hashable, Sendable, Codable {
    public enum Role: String, Hashable, Sendable, Codable {
        /// The covering notice (印发通知) before the signature.
        case notice
        /// The enclosed text (the 制度, 方案 or 预案 the notice issues).
        case enclosure
    }

    public var number: SectionNumber?
    public var heading: String?
    public var role: Role?
    public var blocks: [Block]
    public var children: [Section]

    public init(number: SectionNumber? = nil, heading: String? = nil, role: Role? = nil,
                blocks: [Block] = [], children: [Section] = []) {
        self.number = number
        self.heading = heading
        self.role = role
        self.blocks = blocks
        self.children = children
    }

    /// The section's own text: heading and paragraphs (rosters as their printed lines).
    public var text: String {
        ([heading].compactMap { $0 } + blocks.map(\.text)).joined(separator: "\n")
    }
}

/// A piece of a section's content.
public enum Block: Hashable, Sendable, Codable {
    case paragraph(Paragraph)
    case roster(Roster)

    public var text: String {
        switch self {
        case .paragraph(let paragraph): paragraph.text
        case .roster(let roster): roster.entries.map(\.printed).joined(separator: "\n")
        }
    }
}

/// A paragraph of running text.
public struct Paragraph: Hashable, Sendable, Codable {
    public var text: String
    /// The units its lists name (`责任单位：…`, `联动部门：…`), canonical, in order: from inline
    /// `<organization>` markup when the XML has it, else read from the words.
    public var organizations: [String]

    public init(text: String, organizations: [String] = []) {
        self.text = text
        self.organizations = organizations
    }
}

extension OfficialDocument {
    /// The documents a sentence of this one repeals (`…（周政办字〔2019〕44号）同时废止`), canonical.
    public var repealedNumbers: [String] {
        var numbers: [String] = []
        func visit(_ sections: [Section]) {
            for section in sections {
                for case .paragraph(let paragraph) in section.blocks {
                    for sentence in paragraph.text.split(separator: "。") where sentence.contains("废止") {
                        numbers += DocumentNumber.all(in: String(sentence)).map(\.canonical)
                    }
                }
                visit(section.children)
            }
        }
        visit(body)
        return numbers
    }

    /// Every section with the path of numbers that leads to it, depth first, attachments last.
    public func walk(_ visit: (Section, Citation) -> Void) {
        func descend(_ sections: [Section], _ citation: Citation) {
            for section in sections {
                var here = citation
                if let number = section.number { here.path.append(number) }
                visit(section, here)
                descend(section.children, here)
            }
        }
        descend(body, Citation(document: citationName))
        for attachment in attachments {
            descend(attachment.body, Citation(document: citationName, attachment: attachment.label))
        }
    }
}
