import GazetteModel
import XMLCore

/// Reads Akoma Ntoso 3.0 of any document type into documents, one document at a time.
///
/// Only the document being read is held in memory: a gazette with many components is read as a
/// stream, and each component is handed on as soon as its end tag is read.
public struct AkomaNtosoReader: Sendable {
    public static let documentTypes: Set<String> = [
        "act", "bill", "doc", "statement", "judgment", "debate", "debateReport", "amendment", "portion",
    ]
    public static let collectionTypes: Set<String> = ["officialGazette", "documentCollection", "amendmentList"]

    /// Namespaces read as Akoma Ntoso: the 3.0 standard and the drafts before it.
    static func isAkomaNtoso(_ namespace: String?) -> Bool {
        guard let namespace else { return false }
        return namespace == AkomaNtosoWriter.namespace
            || namespace.hasPrefix("http://docs.oasis-open.org/legaldocml/ns/akn/3.0/")
            || namespace.hasPrefix("http://www.akomantoso.org/")
    }

    public var units: UnitNames

    public init(units: UnitNames = .standard) {
        self.units = units
    }

    /// What a read found besides the documents.
    public struct Report: Sendable {
        public var issue = GazetteIssue()
        /// `refersTo`/`as` targets that no reference declares, with their place.
        public var danglingReferences: [String] = []
        /// The namespace, when it was a pre-standard draft.
        public var draftNamespace: String?
    }

    /// Reads a whole file. Each document is handed to `onDocument` as soon as it is read.
    public func read(bytes: [UInt8], file: String, onIssue: (GazetteIssue) throws -> Void = { _ in },
                     onDocument: (OfficialDocument) throws -> Void) throws -> Report {
        try Self.checkProlog(bytes, file: file)
        var report = Report()
        var stack: [Node] = []
        var root: (name: String, namespace: String?)?
        var gazetteHeaderDone = false
        let mapper = DocumentMapper(units: units)
        let reader = StreamingXMLReader(bytes: Self.relabelChineseEncodings(bytes), documentName: file)
        do {
            try reader.read { event in
                switch event {
                case .start(let name, let namespace, let attributes, let line, let column):
                    if root == nil {
                        root = (name, namespace)
                        guard name == "akomaNtoso" else {
                            throw InputError(file: file, line: line, column: column, message: "the root element is <\(name)>, not <akomaNtoso>: this is not Akoma Ntoso")
                        }
                        guard Self.isAkomaNtoso(namespace) else {
                            throw InputError(file: file, line: line, column: column, message: "the namespace is \(namespace ?? "missing"); Akoma Ntoso 3.0 is \(AkomaNtosoWriter.namespace)")
                        }
                        if namespace != AkomaNtosoWriter.namespace { report.draftNamespace = namespace }
                    }
                    // Elements of other namespaces (uk:, bcn: in meta) are kept as plain nodes; only
                    // Akoma Ntoso names are looked for, so they never get in the way.
                    let node = Node(
                        name: Self.isAkomaNtoso(namespace) ? name : "{\(namespace ?? "")}\(name)",
                        attributes: Dictionary(attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                        line: line, column: column
                    )
                    if node.name == "collectionBody", let collection = stack.last, Self.collectionTypes.contains(collection.name), !gazetteHeaderDone {
                        report.issue = mapper.issue(from: collection)
                        gazetteHeaderDone = true
                        try onIssue(report.issue)
                    }
                    stack.append(node)
                case .end:
                    let node = stack.removeLast()
                    let parent = stack.last
                    if Self.documentTypes.contains(node.name), parent == nil || parent?.name == "component" || parent?.name == "akomaNtoso" {
                        var document = mapper.document(from: node)
                        document.replaces = document.repealedNumbers
                        report.danglingReferences += mapper.danglingReferences(in: node, file: file)
                        try onDocument(document)
                    } else {
                        parent?.append(.element(node))
                    }
                case .text(let text):
                    stack.last?.append(.text(text))
                }
            }
        } catch let error as XMLReadError {
            throw InputError(file: file, line: error.line, column: error.column, message: error.message)
        }
        guard root != nil else {
            throw InputError(file: file, line: 1, column: 1, message: "no XML element found")
        }
        return report
    }

    /// Reads a whole file into an issue (documents collected).
    public func read(bytes: [UInt8], file: String) throws -> (issue: GazetteIssue, report: Report) {
        var documents: [OfficialDocument] = []
        var report = try read(bytes: bytes, file: file) { documents.append($0) }
        report.issue.documents = documents
        return (report.issue, report)
    }

    // MARK: - Safety before parsing

    /// A DOCTYPE is refused before libxml2 sees its declarations; so is a file that is not text.
    static func checkProlog(_ bytes: [UInt8], file: String) throws {
        guard !bytes.isEmpty else { throw InputError(file: file, line: 1, column: 1, message: "the file is empty") }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let doctype = Array("<!DOCTYPE".utf8)
        var index = body.startIndex
        // Walk the prolog: declaration, comments and processing instructions, up to the root tag.
        while index < body.endIndex {
            guard body[index] == UInt8(ascii: "<") else { index += 1; continue }
            let next = index + 1 < body.endIndex ? body[index + 1] : 0
            if next == UInt8(ascii: "?") || body[index...].starts(with: Array("<!--".utf8)) {
                index += 2
                continue
            }
            if body[index...].starts(with: doctype) {
                let (line, column) = UTF8Check.position(of: index, in: body)
                throw InputError(file: file, line: line, column: column, message: "a DOCTYPE is not allowed (Akoma Ntoso needs none; it can declare entities that expand or reach outside)")
            }
            break
        }
    }

    /// GB2312, GBK and CP936 labels are read as GB18030, their superset (names such as 喆, 镕).
    ///
    /// The label itself is rewritten: libxml2's streaming reader lets a declared encoding win
    /// over the one it is given. Lines stay where they were.
    static func relabelChineseEncodings(_ bytes: [UInt8]) -> [UInt8] {
        let head = Array(bytes.prefix(200))
        guard let declarationEnd = head.firstIndex(of: UInt8(ascii: ">")) else { return bytes }
        let declaration = String(decoding: head[..<declarationEnd], as: UTF8.self)
        guard declaration.hasPrefix("<?xml") || declaration.dropFirst().hasPrefix("<?xml"),
              let label = declaration.range(of: "encoding=") else { return bytes }
        let value = declaration[label.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }
        guard ["gb2312", "gbk", "cp936", "x-gbk", "gb_2312-80"].contains(value.lowercased()) else { return bytes }
        let start = declaration.utf8.distance(from: declaration.startIndex, to: value.startIndex)
        let end = start + value.utf8.count
        return Array(bytes[..<start]) + Array("GB18030".utf8) + Array(bytes[end...])
    }
}
