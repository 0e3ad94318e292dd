import Foundation
import GRDB
import GazetteModel

/// One document as `docs show` and its web page present it: its head, status, versions, what
/// replaces it, and its clauses each with its citation.
public struct DocumentDetail: Encodable, Sendable {
    public var summary: DocumentSummary
    public var document: OfficialDocument
    /// The documents that replace this one (`replacedBy` of `replaces`).
    public var replacedBy: [String]
    /// Every stored version, oldest first.
    public var history: [DocumentSummary]

    /// A clause with its citation and the anchor its page gives it (`四-一-2`).
    public struct Clause: Encodable, Sendable {
        public var citation: String
        public var anchor: String
        public var num: String?
        public var heading: String?
        public var text: String
        public var children: [Clause]
    }

    /// A version as `docs show` lists it: where it came from and whether it is in force.
    public struct Version: Encodable, Sendable {
        public var version: Int
        public var door: String?
        public var importedAt: String?
        public var status: DocumentStatus

        init(_ summary: DocumentSummary) {
            version = summary.version
            door = summary.door
            importedAt = summary.importedAt
            status = summary.status
        }
    }

    public struct Attachment: Encodable, Sendable {
        public var label: String
        public var title: String
        public var sections: [Clause]
    }

    /// The clause tree of the body.
    public var sections: [Clause] { Self.clauses(document.body, Citation(document: document.citationName)) }

    /// Each attachment with its clause tree.
    public var attachments: [Attachment] {
        document.attachments.map { attachment in
            Attachment(label: attachment.label, title: attachment.title,
                       sections: Self.clauses(attachment.body, Citation(document: document.citationName, attachment: attachment.label)))
        }
    }

    public var versions: [Version] { history.map(Version.init) }

    static func clauses(_ sections: [Section], _ citation: Citation) -> [Clause] {
        sections.map { section in
            var here = citation
            if let number = section.number { here.path.append(number) }
            return Clause(citation: here.description, anchor: here.anchor, num: section.number?.printed, heading: section.heading,
                          text: section.blocks.map(\.text).joined(separator: "\n"), children: clauses(section.children, here))
        }
    }

    enum CodingKeys: String, CodingKey {
        case number, title, issuer, date, scope, addressees, issue, version, versions, history, status, region, door, recognised
        case withdrawnAt, withdrawnReason, replaces, replacedBy, found, sections, attachments
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary.number, forKey: .number)
        try container.encode(summary.title, forKey: .title)
        try container.encode(summary.issuer, forKey: .issuer)
        try container.encode(summary.date, forKey: .date)
        try container.encode(summary.scope, forKey: .scope)
        try container.encode(document.addressees, forKey: .addressees)
        try container.encode(summary.issue, forKey: .issue)
        try container.encode(summary.version, forKey: .version)
        try container.encode(history.map(\.version), forKey: .versions)
        try container.encode(versions, forKey: .history)
        try container.encode(summary.status, forKey: .status)
        try container.encode(summary.region, forKey: .region)
        try container.encode(summary.door, forKey: .door)
        try container.encode(summary.recognised, forKey: .recognised)
        try container.encode(summary.withdrawnAt, forKey: .withdrawnAt)
        try container.encode(summary.withdrawnReason, forKey: .withdrawnReason)
        try container.encode(document.replaces, forKey: .replaces)
        try container.encode(replacedBy, forKey: .replacedBy)
        try container.encode(document.found ?? [], forKey: .found)
        try container.encode(sections, forKey: .sections)
        try container.encode(attachments, forKey: .attachments)
    }
}

extension DocumentQueries {
    /// A document in force, else withdrawn; with `version`, that version of it. An error that
    /// says how to list them where there is none.
    public static func anyVersion(_ reference: String, version: Int? = nil, in db: Database) throws -> (summary: DocumentSummary, document: OfficialDocument) {
        if let inForce = try find(reference, version: version, in: db) { return inForce }
        if let withdrawn = try find(reference, among: .withdrawn, version: version, in: db) { return withdrawn }
        throw QueryError("no imported document has the number or title \(reference); `zhoucun docs list` lists them")
    }

    /// The whole of one document (`docs show`, its web page).
    public static func detail(_ reference: String, version: Int? = nil, in db: Database) throws -> DocumentDetail {
        let (summary, document) = try anyVersion(reference, version: version, in: db)
        return DocumentDetail(
            summary: summary, document: document,
            replacedBy: try summary.number.map { try replacedBy(DocumentNumber($0)?.canonical ?? $0, in: db) } ?? [],
            history: try versions(of: summary.identity, in: db)
        )
    }
}

/// The file a document came from, as the office imported it.
public struct SourceFile: Sendable {
    public var sha256: String
    /// The file's name when it was imported (its folder left out).
    public var name: String
    /// The door it came through: `pdf`, `ofd`, `html`, `docx`, `text`, `akn`.
    public var format: String
    public var bytes: Data
}

extension DocumentQueries {
    /// The bytes of the file a stored version came from; nil for a file imported before the store
    /// kept them, or a clerk's entry.
    public static func source(ofDocumentId id: Int64, in db: Database) throws -> SourceFile? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.sha256, s.path, s.format, c.bytes FROM document d JOIN source_file s ON s.sha256 = d.source_sha256
            JOIN source_content c ON c.sha256 = s.sha256 WHERE d.id = ?
            """, arguments: [id]) else { return nil }
        return SourceFile(sha256: row["sha256"], name: URL(fileURLWithPath: row["path"] as String).lastPathComponent,
                          format: row["format"], bytes: row["bytes"])
    }
}

extension DocumentQueries {
    /// Whether the store keeps the bytes of the file a stored version came from.
    public static func keepsSource(ofDocumentId id: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT 1 FROM document d JOIN source_content c ON c.sha256 = d.source_sha256 WHERE d.id = ?
            """, arguments: [id]) == true
    }
}
