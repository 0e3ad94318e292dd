import Foundation
import GRDB
import GazetteModel

/// A document as listed by `zhoucun docs list`.
public struct DocumentSummary: Codable, Sendable, Equatable {
    public var id: Int64
    /// The 文号 exactly as printed, or nil.
    public var number: String?
    public var title: String
    public var issuer: String?
    /// YYYY-MM-DD.
    public var date: String?
    public var scope: String?
    /// `2020-9`.
    public var issue: String?
    public var sections: Int
    public var attachments: Int
    public var version: Int
    public var modules: [String]
    public var status: DocumentStatus
    /// Where its issuer sits (`周村区`, `槐荫区`), nil where the issuer names no place.
    public var region: String?
    /// The door it came through (`pdf`, `html`, …) and when.
    public var door: String?
    public var importedAt: String?
    /// How the document is known across its versions (`DocumentStore.identity`).
    public var identity: String
    /// False for a text imported with `--force` in which the reader found no 公文.
    public var recognised: Bool
    public var withdrawnAt: String?
    public var withdrawnReason: String?
}

/// Whether a stored version of a document is the one that answers.
public enum DocumentStatus: String, Codable, Sendable, CaseIterable {
    /// 现行有效: the version in force.
    case inForce = "in force"
    /// 外单位参考: in force, but another government's; kept for reference, it governs nothing here.
    case reference
    /// 已撤回: taken out of force by a clerk (`docs withdraw`).
    case withdrawn
    /// 已被新版本替代: a later version of it is in force.
    case superseded

    /// The word a clerk reads.
    public var label: String {
        switch self {
        case .inForce: "现行有效"
        case .reference: "外单位参考"
        case .withdrawn: "已撤回"
        case .superseded: "已被新版本替代"
        }
    }
}

/// One hit of a full-text search: where, and the words around the match.
public struct SearchHit: Codable, Sendable, Equatable {
    public var citation: String
    public var title: String
    public var snippet: String
}

/// Reads documents back from the store.
public enum DocumentQueries {
    static let summarySQL = """
        SELECT d.id, d.number, d.title, d.issuer, d.date, d.scope, d.version, d.content, d.recognised,
               CASE WHEN json_valid(d.content) AND json_type(d.content, '$.attachments') = 'array'
                    THEN json_array_length(d.content, '$.attachments') END AS attachment_count,
               d.withdrawn_at, d.withdrawn_reason, d.region, d.imported_at, d.identity, s.format AS door,
               (SELECT value FROM store_setting WHERE key = 'district') AS district,
               CASE WHEN d.is_current = 1 THEN 'in force' WHEN d.withdrawn_at IS NOT NULL THEN 'withdrawn' ELSE 'superseded' END AS status,
               CASE WHEN i.year IS NOT NULL THEN i.year || '-' || i.number END AS issue,
               (SELECT COUNT(*) FROM clause c WHERE c.document_id = d.id AND c.num IS NOT NULL) AS sections,
               (SELECT group_concat(module, ',') FROM (SELECT module FROM document_module m WHERE m.document_id = d.id ORDER BY module)) AS modules
        FROM document d LEFT JOIN gazette_issue i ON i.id = d.issue_id LEFT JOIN source_file s ON s.sha256 = d.source_sha256
        """

    static func summary(_ row: Row) throws -> DocumentSummary {
        // Counted by SQLite: decoding each document's JSON to count its attachments was most of a listing's time.
        // A content that is not a document's (no list of attachments) is a damaged record, said as such.
        guard let attachments: Int = row["attachment_count"] else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "document \(row["id"] as Int64? ?? 0): its content is not a document"))
        }
        return DocumentSummary(
            id: row["id"], number: row["number"], title: row["title"], issuer: row["issuer"], date: row["date"],
            scope: row["scope"], issue: row["issue"], sections: row["sections"], attachments: attachments,
            version: row["version"], modules: (row["modules"] as String?)?.split(separator: ",").map(String.init) ?? [],
            status: status(row),
            region: row["region"], door: row["door"], importedAt: row["imported_at"], identity: row["identity"],
            recognised: row["recognised"], withdrawnAt: row["withdrawn_at"], withdrawnReason: row["withdrawn_reason"]
        )
    }

    static func status(_ row: Row) -> DocumentStatus {
        let stored = DocumentStatus(rawValue: row["status"]) ?? .superseded
        return stored == .inForce && !StoreSettings.governs(region: row["region"], district: row["district"]) ? .reference : stored
    }

    /// Current versions, by date then number; with `all`, every stored version, withdrawn and
    /// superseded ones too.
    public static func list(all: Bool = false, in db: Database) throws -> [DocumentSummary] {
        // A clerk's roster entry is kept as a record of its own kind (type `clerk`), not a document.
        try Row.fetchAll(db, sql: summarySQL + " WHERE d.type != 'clerk'" + (all ? "" : " AND d.is_current = 1")
                            + " ORDER BY d.date, d.year, d.serial, d.id, d.version").map(summary)
    }

    /// Which versions a lookup searches.
    public enum Scope: Sendable {
        case inForce
        case withdrawn

        var condition: String { self == .inForce ? "d.is_current = 1" : "d.withdrawn_at IS NOT NULL" }
    }

    /// A document by its id (as `docs list` prints it), its 文号 in any bracket style, its title
    /// (spaces between Latin words as printed, or none), or a part of its title that only one
    /// document has (`重污染天气应急预案`): the version in force, or the latest withdrawn one; with
    /// `version`, that version of it. Several documents under a part of a title are an error
    /// that lists them.
    public static func find(_ reference: String, among scope: Scope = .inForce, version: Int? = nil,
                            in db: Database) throws -> (summary: DocumentSummary, document: OfficialDocument)? {
        let key = DocumentNumber(reference)?.canonical ?? Normalize.key(reference)
        let id = reference.allSatisfy(\.isASCII) ? Int64(reference) : nil
        var row = try Row.fetchOne(db, sql: summarySQL + """
             WHERE \(scope.condition) AND (d.id = ? OR d.identity = ? OR d.number = ? OR d.title IN (?, ?, ?)) ORDER BY d.id DESC LIMIT 1
            """, arguments: [id, key, reference, key, Normalize.text(reference), reference])
        if row == nil, key.count >= 2 {
            let pattern = "%" + key.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            let matches = try Row.fetchAll(db, sql: summarySQL + " WHERE \(scope.condition) AND d.title LIKE ? ESCAPE '\\' ORDER BY d.date, d.id",
                                           arguments: [pattern])
            if matches.count > 1 {
                throw StoreError("\(matches.count) documents have \(reference) in their titles: "
                    + matches.map { "\($0["number"] as String? ?? "(no 文号)") \($0["title"] as String)" }.joined(separator: "; ")
                    + "; give the 文号 or the id")
            }
            row = matches.first
        }
        guard var found = row else { return nil }
        if let version, version != found["version"] as Int {
            guard let other = try Row.fetchOne(db, sql: summarySQL + " WHERE d.identity = ? AND d.version = ?",
                                               arguments: [found["identity"] as String, version]) else {
                throw StoreError("\(reference) has no version \(version); it has \(try versions(of: found["identity"], in: db).map { String($0.version) }.joined(separator: ", "))")
            }
            found = other
        }
        let document = try JSONDecoder().decode(OfficialDocument.self, from: Data((found["content"] as String).utf8))
        return (try summary(found), document)
    }

    /// The withdrawn documents that came from one source file.
    public static func withdrawn(fromSource sha256: String, in db: Database) throws -> [(label: String, at: String)] {
        try Row.fetchAll(db, sql: """
            SELECT COALESCE(number, title) AS label, withdrawn_at FROM document WHERE source_sha256 = ? AND withdrawn_at IS NOT NULL
            """, arguments: [sha256]).map { ($0["label"], $0["withdrawn_at"]) }
    }

    /// Every stored version of a document, oldest first.
    public static func versions(of identity: String, in db: Database) throws -> [DocumentSummary] {
        try Row.fetchAll(db, sql: summarySQL + " WHERE d.identity = ? ORDER BY d.version", arguments: [identity]).map(summary)
    }

    /// Documents that repeal this number.
    public static func replacedBy(_ number: String, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT COALESCE(d.number, d.title) FROM document_replaces r JOIN document d ON d.id = r.document_id
            WHERE r.replaced_number = ? AND d.is_current = 1
            """, arguments: [number])
    }

    /// Full-text search over the clauses of current documents. Three characters or more use the
    /// trigram index; shorter queries scan with LIKE.
    public static func search(_ text: String, limit: Int = 50, in db: Database) throws -> [SearchHit] {
        let query = Normalize.key(text)
        guard !query.isEmpty else { return [] }
        if query.count >= 3 {
            // Doubled scalar by scalar: a quote with a combining mark is one Character, and
            // String's replacing would pass it over and end the phrase early.
            let phrase = "\"" + String(String.UnicodeScalarView(query.unicodeScalars.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] })) + "\""
            return try Row.fetchAll(db, sql: """
                SELECT c.citation, d.title, snippet(clause_fts, -1, '【', '】', '…', 24) AS snippet
                FROM clause_fts JOIN clause c ON c.id = clause_fts.rowid JOIN document d ON d.id = c.document_id
                WHERE clause_fts MATCH ? AND d.is_current = 1
                ORDER BY d.date, c.document_id, c.ord LIMIT ?
                """, arguments: [phrase, limit]).map { SearchHit(citation: $0["citation"], title: $0["title"], snippet: $0["snippet"]) }
        }
        let pattern = "%" + String(String.UnicodeScalarView(query.unicodeScalars.flatMap { "%_\\".unicodeScalars.contains($0) ? ["\\", $0] : [$0] })) + "%"
        return try Row.fetchAll(db, sql: """
            SELECT c.citation, d.title, COALESCE(c.heading, '') || ' ' || c.text AS text
            FROM clause c JOIN document d ON d.id = c.document_id
            WHERE d.is_current = 1 AND (c.text LIKE ? ESCAPE '\\' OR c.heading LIKE ? ESCAPE '\\')
            ORDER BY d.date, c.document_id, c.ord LIMIT ?
            """, arguments: [pattern, pattern, limit]).map { row in
                SearchHit(citation: row["citation"], title: row["title"], snippet: Self.snippet(row["text"], around: query))
            }
    }

    static func snippet(_ text: String, around query: String) -> String {
        guard let range = text.range(of: query) else { return String(text.prefix(48)) }
        let start = text.index(range.lowerBound, offsetBy: -16, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 16, limitedBy: text.endIndex) ?? text.endIndex
        return (start == text.startIndex ? "" : "…") + text[start ..< range.lowerBound] + "【" + text[range] + "】"
            + text[range.upperBound ..< end] + (end == text.endIndex ? "" : "…")
    }

    /// The documents of one issue (`2020-9`), in contents order.
    public static func issue(_ key: String, in db: Database) throws -> (GazetteIssue, [OfficialDocument])? {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2,
              let row = try Row.fetchOne(db, sql: "SELECT id, title, year, number, date, contents FROM gazette_issue WHERE year = ? AND number = ?", arguments: [parts[0], parts[1]])
        else { return nil }
        let documents = try String.fetchAll(db, sql: "SELECT content FROM document WHERE issue_id = ? AND is_current = 1 ORDER BY id", arguments: [row["id"] as Int64])
            .map { try JSONDecoder().decode(OfficialDocument.self, from: Data($0.utf8)) }
        let contents = try JSONDecoder().decode([ContentsEntry].self, from: Data((row["contents"] as String).utf8))
        return (GazetteIssue(title: row["title"], year: row["year"], number: row["number"], date: row["date"], contents: contents), documents)
    }
}

extension DocumentQueries {
    /// Documents in force (or withdrawn ones) that a module recognised at import and that govern
    /// here (the district's own: another government's plan is kept for reference only), oldest first.
    public static func recognised(by module: String, among scope: Scope = .inForce, in db: Database) throws -> [DocumentSummary] {
        let district = try StoreSettings.district(in: db)
        return try Row.fetchAll(db, sql: summarySQL + """
             WHERE \(scope.condition) AND d.id IN (SELECT document_id FROM document_module WHERE module = ?)
            ORDER BY d.date, d.id
            """, arguments: [module]).map(summary).filter { StoreSettings.governs(region: $0.region, district: district) }
    }

    /// Bodies a document sets up.
    public static func bodyIds(foundedBy documentId: Int64, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT b.id FROM body b JOIN document d ON d.id = b.document_id AND d.is_current = 1 WHERE b.document_id = ? ORDER BY b.id
            """, arguments: [documentId])
    }

    /// Bodies founded by the documents a module recognised that govern here.
    public static func bodyIds(foundedByDocumentsOf module: String, in db: Database) throws -> [Int64] {
        let district = try StoreSettings.district(in: db)
        return try Row.fetchAll(db, sql: """
            SELECT b.id, d.region FROM body b JOIN document_module m ON m.document_id = b.document_id
            JOIN document d ON d.id = b.document_id AND d.is_current = 1
            WHERE m.module = ? ORDER BY b.id
            """, arguments: [module]).filter { StoreSettings.governs(region: $0["region"], district: district) }.map { $0["id"] }
    }
}

/// What changed in one clause between two versions of a document.
public struct ClauseChange: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case added, removed, changed
    }

    public var citation: String
    public var change: Kind
    public var from: String?
    public var to: String?
}

extension DocumentQueries {
    /// The clauses (and the head's elements) that differ between two versions of one document,
    /// in the order of the later version; words compared as `words` compares them (spaces, line
    /// breaks and widths aside).
    public static func diff(_ older: OfficialDocument, _ newer: OfficialDocument) -> [ClauseChange] {
        func clauses(_ document: OfficialDocument) -> [(citation: String, text: String)] {
            var list: [(String, String)] = [("文号", document.number ?? ""), ("标题", document.title), ("发文机关", document.issuer ?? ""),
                                            ("成文日期", document.date ?? "")]
            document.walk { section, citation in list.append((citation.description, section.text)) }
            return list
        }
        let before = clauses(older), after = clauses(newer)
        let old = Dictionary(before.map { ($0.citation, $0.text) }, uniquingKeysWith: { $0 + "\n" + $1 })
        let new = Dictionary(after.map { ($0.citation, $0.text) }, uniquingKeysWith: { $0 + "\n" + $1 })
        var changes: [ClauseChange] = []
        var seen = Set<String>()
        for (citation, text) in after where seen.insert(citation).inserted {
            let text = new[citation] ?? text
            if let was = old[citation] {
                if Normalize.key(was) != Normalize.key(text) { changes.append(ClauseChange(citation: citation, change: .changed, from: was, to: text)) }
            } else {
                changes.append(ClauseChange(citation: citation, change: .added, from: nil, to: text))
            }
        }
        for (citation, text) in before where new[citation] == nil && seen.insert(citation).inserted {
            changes.append(ClauseChange(citation: citation, change: .removed, from: old[citation] ?? text, to: nil))
        }
        return changes
    }
}
