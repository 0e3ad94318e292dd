import Foundation
import GRDB
import GazetteModel

/// What storing a document did.
public enum StoreOutcome: Equatable, Sendable {
    case added(id: Int64)
    /// A changed text of a document already stored: kept as a new version, the old one kept too.
    case updated(id: Int64, version: Int)
    case unchanged(id: Int64)
    /// The same text as a version a clerk withdrew: it stays withdrawn until `docs restore`.
    case withdrawn(id: Int64, at: String)

    public var documentId: Int64 {
        switch self {
        case .added(let id), .updated(let id, _), .unchanged(let id), .withdrawn(let id, _): id
        }
    }
}

/// Writes documents, their clauses and their issues. Call inside a write transaction.
public enum DocumentStore {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// How a document is known across versions: its 文号, or its title, date and issuer.
    public static func identity(of document: OfficialDocument) -> String {
        if let number = document.documentNumber { return number.canonical }
        return "\(document.type)|\(document.title)|\(document.date ?? "")|\(document.issuer ?? "")"
    }

    public static func upsertIssue(_ issue: GazetteIssue, in db: Database) throws -> Int64? {
        guard issue.title != nil || issue.year != nil else { return nil }
        let contents = String(decoding: try encoder.encode(issue.contents), as: UTF8.self)
        if let id = try Int64.fetchOne(try db.cachedStatement(sql: """
            SELECT id FROM gazette_issue WHERE title IS ? AND year IS ? AND number IS ?
            """), arguments: [issue.title, issue.year, issue.number]) {
            try db.execute(sql: "UPDATE gazette_issue SET date = COALESCE(?, date), contents = ? WHERE id = ?",
                           arguments: [issue.date, contents, id])
            return id
        }
        try db.execute(sql: "INSERT INTO gazette_issue (title, year, number, date, contents) VALUES (?, ?, ?, ?, ?)",
                       arguments: [issue.title, issue.year, issue.number, issue.date, contents])
        return db.lastInsertedRowID
    }

    public static func hasSource(sha256: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM source_file WHERE sha256 = ?", arguments: [sha256]) == true
    }

    /// Records a source file; false when the very same bytes were imported before (checked again
    /// inside the transaction: another importer may have got there first).
    public static func recordSource(sha256: String, path: String, format: String, in db: Database) throws -> Bool {
        if try hasSource(sha256: sha256, in: db) { return false }
        try db.execute(sql: "INSERT INTO source_file (sha256, path, format, imported_at) VALUES (?, ?, ?, ?)",
                       arguments: [sha256, path, format, Self.now()])
        return true
    }

    /// Stores a document as the current version of its identity. `recognised` is false for a text
    /// imported with `--force` in which the reader found no 公文.
    public static func store(_ document: OfficialDocument, issueId: Int64?, source: String?, recognised: Bool = true,
                             in db: Database) throws -> StoreOutcome {
        let content = String(decoding: try encoder.encode(document), as: UTF8.self)
        // Where the reader found the elements is not the text: the same document read from a PDF
        // and from its web page (other lines) is one version.
        var text = document
        text.found = nil
        let hash = SHA256.hex(try encoder.encode(text))
        let identity = identity(of: document)
        let current = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT id, version, content_hash FROM document WHERE identity = ? AND is_current = 1
            """), arguments: [identity])
        if let current, current["content_hash"] as String == hash {
            return .unchanged(id: current["id"])
        }
        if current == nil, let withdrawn = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT id, withdrawn_at FROM document WHERE identity = ? AND content_hash = ? AND withdrawn_at IS NOT NULL
            ORDER BY version DESC LIMIT 1
            """), arguments: [identity, hash]) {
            return .withdrawn(id: withdrawn["id"], at: withdrawn["withdrawn_at"])
        }
        // Numbered after every stored version, withdrawn ones included.
        let version = (try Int.fetchOne(try db.cachedStatement(sql: "SELECT MAX(version) FROM document WHERE identity = ?"),
                                        arguments: [identity]) ?? 0) + 1
        if let current {
            try db.cachedStatement(sql: "UPDATE document SET is_current = 0 WHERE id = ?").execute(arguments: [current["id"] as Int64])
            // The seats the old text ended or began are computed again; the new text's own come next.
            try RosterDates.recompute(touchedBy: current["id"], in: db)
        }
        let number = document.documentNumber
        try db.cachedStatement(sql: """
            INSERT INTO document (identity, version, is_current, content_hash, number, issuer_code, year, serial, type, name,
                                  title, issuer, date, addressees, scope, issue_id, content, source_sha256, imported_at, recognised)
            VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                identity, version, hash, document.number, number?.issuerCode, number?.year, number?.serial,
                document.type, document.name, document.title, document.issuer, document.date,
                document.addressees, document.scope, issueId, content, source, now(), recognised,
            ])
        let id = db.lastInsertedRowID
        for replaced in document.replaces {
            try db.cachedStatement(sql: "INSERT INTO document_replaces (document_id, replaced_number) VALUES (?, ?)").execute(arguments: [id, replaced])
        }
        var order = 0
        var failure: (any Error)?
        document.walk { section, citation in
            guard failure == nil else { return }
            order += 1
            do {
                try db.cachedStatement(sql: """
                    INSERT INTO clause (document_id, ord, depth, attachment, path, citation, num, heading, text)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                        id, order, citation.path.count, citation.attachment, citation.clause, citation.description,
                        section.number?.printed, section.heading, section.blocks.map(\.text).joined(separator: "\n"),
                    ])
            } catch { failure = error }
        }
        if let failure { throw failure }
        return current == nil ? .added(id: id) : .updated(id: id, version: version)
    }

    /// Takes the version in force out of force: it stays in the store with everything it brought
    /// in (roster entries, duties, tasks, module records), which every query then leaves out. The
    /// write is logged with its reason.
    public static func withdraw(documentId: Int64, reason: String, by: String, in db: Database) throws {
        let row = try versionRow(documentId, in: db)
        if let at = row["withdrawn_at"] as String? {
            throw StoreError("\(label(row)) was already withdrawn at \(at); `zhoucun docs restore` brings it back")
        }
        guard row["is_current"] as Bool else {
            throw StoreError("\(label(row)) is version \(row["version"] as Int), not the one in force: only that one can be withdrawn")
        }
        let at = now()
        try db.execute(sql: "UPDATE document SET is_current = 0, withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?",
                       arguments: [at, reason, documentId])
        // The seats its rosters or changes ended come back, the ones it began go.
        try RosterDates.recompute(touchedBy: documentId, in: db)
        try WriteLog.append(LogEntry(by: by, action: "withdraw", module: "docs", record: "document \(documentId) (\(label(row)))",
                                     before: "in force", after: "withdrawn", reason: reason), in: db)
    }

    /// Puts a withdrawn version back in force, unless another version of the same document came
    /// into force meanwhile.
    public static func restore(documentId: Int64, reason: String, by: String, in db: Database) throws {
        let row = try versionRow(documentId, in: db)
        guard let at = row["withdrawn_at"] as String? else {
            throw StoreError("\(label(row)) is not withdrawn: nothing to restore")
        }
        if let other = try Int.fetchOne(db, sql: "SELECT version FROM document WHERE identity = ? AND is_current = 1",
                                        arguments: [row["identity"] as String]) {
            throw StoreError("version \(other) of \(label(row)) is in force now; withdraw it before restoring version \(row["version"] as Int)")
        }
        try db.execute(sql: "UPDATE document SET is_current = 1, withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = ?",
                       arguments: [documentId])
        try RosterDates.recompute(touchedBy: documentId, in: db)
        try WriteLog.append(LogEntry(by: by, action: "restore", module: "docs", record: "document \(documentId) (\(label(row)))",
                                     before: "withdrawn at \(at): \(row["withdrawn_reason"] as String? ?? "")", after: "in force",
                                     reason: reason), in: db)
    }

    static func versionRow(_ documentId: Int64, in db: Database) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, identity, version, is_current, number, title, withdrawn_at, withdrawn_reason FROM document WHERE id = ?
            """, arguments: [documentId]) else {
            throw StoreError("no document has the id \(documentId)")
        }
        return row
    }

    static func label(_ row: Row) -> String {
        row["number"] as String? ?? row["title"] as String
    }

    /// The stored text of a document version.
    public static func content(of documentId: Int64, in db: Database) throws -> OfficialDocument? {
        guard let json = try String.fetchOne(try db.cachedStatement(sql: "SELECT content FROM document WHERE id = ?"), arguments: [documentId]) else { return nil }
        return try JSONDecoder().decode(OfficialDocument.self, from: Data(json.utf8))
    }

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
