import Foundation
import GRDB
import GazetteModel

/// What storing a document did.
public enum StoreOutcome: Equatable, Sendable {
    case added(id: Int64)
    /// A changed text of a document already stored: kept as a new version, the old one (`replaced`) kept too.
    case updated(id: Int64, version: Int, replaced: Int)
    case unchanged(id: Int64)
    /// The same text as a version a clerk withdrew: it stays withdrawn until `docs restore`.
    case withdrawn(id: Int64, at: String)

    public var documentId: Int64 {
        switch self {
        case .added(let id), .updated(let id, _, _), .unchanged(let id), .withdrawn(let id, _): id
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

    /// How a document is known across versions, whatever door it came through: its 文号; else its
    /// title, date and issuer; else, where neither is printed, its own words (never an empty key).
    /// Two governments' documents under one 文号 (`政办发〔2020〕1号`) are told apart by their
    /// issuers' regions (`region`), when both name one.
    public static func identity(of document: OfficialDocument, wordsHash: String) -> String {
        if let number = document.documentNumber { return number.canonical }
        let title = Normalize.key(document.title)
        if !title.isEmpty { return "\(document.type)|\(document.title)|\(document.date ?? "")|\(document.issuer ?? "")" }
        return "words|" + wordsHash
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
    /// inside the transaction: another importer may have got there first). Its bytes are kept
    /// under their hash, so that the file a clerk downloads is the file the office imported.
    public static func recordSource(sha256: String, path: String, format: String, bytes: [UInt8], at time: String, in db: Database) throws -> Bool {
        if try hasSource(sha256: sha256, in: db) { return false }
        try db.execute(sql: "INSERT INTO source_file (sha256, path, format, imported_at) VALUES (?, ?, ?, ?)",
                       arguments: [sha256, path, format, time])
        try db.execute(sql: "INSERT INTO source_content (sha256, bytes) VALUES (?, ?)", arguments: [sha256, Data(bytes)])
        return true
    }

    /// Stores a document as the current version of its identity. `recognised` is false for a text
    /// imported with `--force` in which the reader found no 公文.
    ///
    /// The same words through another door are the same version ("unchanged"); changed words are a
    /// new version, which keeps what the old one had (its gazette issue, the bodies it holds up).
    public static func store(_ document: OfficialDocument, issueId: Int64?, source: String?, recognised: Bool = true,
                             at time: String, in db: Database) throws -> StoreOutcome {
        let content = String(decoding: try encoder.encode(document), as: UTF8.self)
        let hash = SHA256.hex(Array(document.words.utf8))
        let region = Jurisdiction.of(document)
        var identity = identity(of: document, wordsHash: hash)
        var current = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT id, version, content_hash, region, issue_id FROM document WHERE identity = ? AND is_current = 1
            """), arguments: [identity])
        if let other = current, let region, let theirs = other["region"] as String?, theirs != region {
            // Another government's document under the same 文号.
            identity += "|" + region
            current = try Row.fetchOne(try db.cachedStatement(sql: """
                SELECT id, version, content_hash, region, issue_id FROM document WHERE identity = ? AND is_current = 1
                """), arguments: [identity])
        }
        if let current, current["content_hash"] as String? == hash {
            // The issue the other door did not know (a web page has none) is kept from this one.
            if let issueId { try db.execute(sql: "UPDATE document SET issue_id = COALESCE(issue_id, ?) WHERE id = ?", arguments: [issueId, current["id"] as Int64]) }
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
        let issueId = issueId ?? current?["issue_id"]
        let number = document.documentNumber
        try db.cachedStatement(sql: """
            INSERT INTO document (identity, version, is_current, content_hash, region, number, issuer_code, year, serial,
                                  type, name, title, issuer, date, addressees, scope, issue_id, content, source_sha256, imported_at, recognised)
            VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                identity, version, hash, region, document.number, number?.issuerCode, number?.year, number?.serial,
                document.type, document.name, document.title, document.issuer, document.date,
                document.addressees, document.scope, issueId, content, source, time, recognised,
            ])
        let id = db.lastInsertedRowID
        try putInForce(id, identity: identity, in: db)
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
        return current.map { .updated(id: id, version: version, replaced: $0["version"]) } ?? .added(id: id)
    }

    /// Puts one version of a document in force and every other version of it out of force (nil:
    /// none in force). What the document holds up follows the version in force: the bodies it
    /// founded or abolished; the seats its versions began or ended are computed again.
    static func putInForce(_ id: Int64?, identity: String, in db: Database) throws {
        let versions = try Int64.fetchAll(db, sql: "SELECT id FROM document WHERE identity = ?", arguments: [identity])
        try db.execute(sql: "UPDATE document SET is_current = (id IS ?) WHERE identity = ?", arguments: [id, identity])
        if let id {
            let others = "(SELECT id FROM document WHERE identity = ?2 AND id != ?1)"
            try db.execute(sql: "UPDATE body SET document_id = ?1 WHERE document_id IN \(others)", arguments: [id, identity])
            try db.execute(sql: "UPDATE body SET end_document_id = ?1 WHERE end_document_id IN \(others)", arguments: [id, identity])
        }
        for version in versions { try RosterDates.recompute(touchedBy: version, in: db) }
    }

    /// Takes the version in force out of force: it stays in the store with everything it brought
    /// in (roster entries, duties, tasks, module records), which every query then leaves out. The
    /// version before it, where there is one not withdrawn, comes back into force. The write is
    /// logged with its reason.
    /// The log names the write as `action` of `module` (a clerk's roster entry taken back is the
    /// roster's `roster-undo`).
    public static func withdraw(documentId: Int64, reason: String, by context: OperationContext, action: String = "withdraw", module: String = "docs",
                                in db: Database) throws {
        try requireReason(reason, for: "withdrawn")
        let row = try versionRow(documentId, in: db)
        if let at = row["withdrawn_at"] as String? {
            throw StoreError("\(label(row)) was already withdrawn at \(at); `zhoucun docs restore` brings it back")
        }
        guard row["is_current"] as Bool else {
            throw StoreError("\(label(row)) is version \(row["version"] as Int), not the one in force: only that one can be withdrawn")
        }
        let at = context.timestamp
        try db.execute(sql: "UPDATE document SET withdrawn_at = ?, withdrawn_reason = ? WHERE id = ?", arguments: [at, reason, documentId])
        let previous = try Row.fetchOne(db, sql: """
            SELECT id, version FROM document WHERE identity = ? AND withdrawn_at IS NULL AND id != ? ORDER BY version DESC LIMIT 1
            """, arguments: [row["identity"] as String, documentId])
        try putInForce(previous?["id"], identity: row["identity"], in: db)
        let after = previous.map { "withdrawn; version \($0["version"] as Int) back in force" } ?? "withdrawn"
        try WriteLog.append(LogEntry(context, action: action, module: module, record: "document \(documentId) (\(label(row)))",
                                     before: "in force", after: after, reason: reason), in: db)
    }

    /// Withdraws the document in force a clerk names (its 文号, id or title); returns its number
    /// or title. One already withdrawn is said to be so.
    @discardableResult
    public static func withdraw(_ reference: String, reason: String, by context: OperationContext, in db: Database) throws -> (id: Int64, label: String) {
        guard let (summary, _) = try DocumentQueries.find(reference, in: db) else {
            if let (withdrawn, _) = try DocumentQueries.find(reference, among: .withdrawn, in: db) {
                throw QueryError("\(reference) was already withdrawn at \(withdrawn.withdrawnAt ?? "?"); `zhoucun docs restore` brings it back")
            }
            throw QueryError("no document in force has the number, id or title \(reference); `zhoucun docs list` lists them")
        }
        try withdraw(documentId: summary.id, reason: reason, by: context, in: db)
        return (summary.id, summary.number ?? summary.title)
    }

    /// Restores the withdrawn document a clerk names; returns its number or title.
    @discardableResult
    public static func restore(_ reference: String, reason: String, by context: OperationContext, in db: Database) throws -> (id: Int64, label: String) {
        guard let (summary, _) = try DocumentQueries.find(reference, among: .withdrawn, in: db) else {
            throw QueryError("no withdrawn document has the number, id or title \(reference); `zhoucun docs list --all` lists every version")
        }
        try restore(documentId: summary.id, reason: reason, by: context, in: db)
        return (summary.id, summary.number ?? summary.title)
    }

    /// Puts a withdrawn version back in force, in the place of an earlier version that came back
    /// when it was withdrawn; a later version in force is not displaced.
    public static func restore(documentId: Int64, reason: String, by context: OperationContext, in db: Database) throws {
        try requireReason(reason, for: "restored")
        let row = try versionRow(documentId, in: db)
        guard let at = row["withdrawn_at"] as String? else {
            throw StoreError("\(label(row)) is not withdrawn: nothing to restore")
        }
        let version: Int = row["version"]
        if let other = try Int.fetchOne(db, sql: "SELECT version FROM document WHERE identity = ? AND is_current = 1",
                                        arguments: [row["identity"] as String]), other > version {
            throw StoreError("version \(other) of \(label(row)) is in force now; withdraw it before restoring version \(version)")
        }
        try db.execute(sql: "UPDATE document SET withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = ?", arguments: [documentId])
        try putInForce(documentId, identity: row["identity"], in: db)
        try WriteLog.append(LogEntry(context, action: "restore", module: "docs", record: "document \(documentId) (\(label(row)))",
                                     before: "withdrawn at \(at): \(row["withdrawn_reason"] as String? ?? "")", after: "in force",
                                     reason: reason), in: db)
    }

    /// A write of record says why: a blank reason is none.
    static func requireReason(_ reason: String, for what: String) throws {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError("--reason is empty: say why the document is \(what) (it is kept in the log)")
        }
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

}
