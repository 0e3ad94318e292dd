import Foundation
import GRDB
import AkomaNtoso
import GazetteModel
import GazetteStore
import GazetteText
import ModuleSpine

/// What an import did, file by file and in total.
public struct ImportSummary: Sendable, Encodable {
    public struct FileResult: Sendable, Encodable {
        public var file: String
        public var format: String
        public var added: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []
        /// True when the very same bytes had been imported before.
        public var alreadyImported = false
        public var warnings: [String] = []
    }

    /// A file that was refused, and why (the message names the file and the place).
    public struct Refusal: Sendable, Encodable {
        public var file: String
        public var reason: String
    }

    public var files: [FileResult] = []
    /// Files refused; each left the store as it was, and the files after it were still read.
    public var refused: [Refusal] = []
    public var people = 0
    public var units = 0
    public var memberships = 0

    public var added: Int { files.reduce(0) { $0 + $1.added.count } }
    public var updated: Int { files.reduce(0) { $0 + $1.updated.count } }
    public var unchanged: Int { files.reduce(0) { $0 + $1.unchanged.count } }
}

/// Imports gazette files: Akoma Ntoso XML of any document type, or plain text converted on the fly.
///
/// Each file is one transaction: it lands whole or not at all, and a refused file leaves the
/// store exactly as it was.
public struct Importer: Sendable {
    public var database: GazetteDatabase
    public var modules: [any PolicyModule.Type]
    /// Files larger than this are refused before they are read.
    public var maximumFileSize: Int
    public var units: UnitNames

    public static let defaultMaximumFileSize = 256 << 20

    public init(database: GazetteDatabase, modules: [any PolicyModule.Type] = Modules.all,
                maximumFileSize: Int = Importer.defaultMaximumFileSize, units: UnitNames = .standard) {
        self.database = database
        self.modules = modules
        self.maximumFileSize = maximumFileSize
        self.units = units
    }

    /// Imports the files in order, each in a transaction of its own. A refused file leaves no
    /// trace and the files after it are still imported; its refusal is kept in the summary, and
    /// the first one is returned as `failure`. Only a failing store stops the import.
    ///
    /// The files are read on a second thread (`ReadAhead`) while this one writes.
    public func importFiles(_ paths: [String], progress: ((Int, String) -> Void)? = nil) -> (summary: ImportSummary, failure: (any Error)?) {
        var summary = ImportSummary()
        var failure: (any Error)?
        let reading = ReadAhead(paths: paths, importer: self)
        defer { reading.cancel() }
        do {
            let before = try counts()
            for (index, path) in paths.enumerated() {
                progress?(index, path)
                do {
                    summary.files.append(try importFile(path, from: reading))
                } catch let error where !(error is DatabaseError) {
                    summary.refused.append(.init(file: path, reason: "\(error)"))
                    failure = failure ?? error
                }
            }
            let after = try counts()
            summary.people = after.people - before.people
            summary.units = after.units - before.units
            summary.memberships = after.memberships - before.memberships
        } catch {
            failure = error
        }
        return (summary, failure)
    }

    func counts() throws -> (people: Int, units: Int, memberships: Int) {
        try database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM organization") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM membership") ?? 0)
        }
    }

    /// Writes the next file of `reading`, in one transaction.
    func importFile(_ path: String, from reading: ReadAhead) throws -> ImportSummary.FileResult {
        let (sha, format) = try Self.fingerprint(reading.next())
        var result = ImportSummary.FileResult(file: path, format: format)
        if try database.writer.read({ try DocumentStore.hasSource(sha256: sha, in: $0) }) {
            result.alreadyImported = true
            Self.skipFile(reading)
            return result
        }
        try database.writer.write { db in
            guard try DocumentStore.recordSource(sha256: sha, path: path, format: format, in: db) else {
                result.alreadyImported = true
                return
            }
            var issueId: Int64?
            while true {
                switch reading.next() {
                case .issue(let issue):
                    issueId = try DocumentStore.upsertIssue(issue, in: db)
                case .document(let document):
                    let outcome = try DocumentStore.store(document, issueId: issueId, source: sha, in: db)
                    let label = document.number ?? document.title
                    switch outcome {
                    case .added: result.added.append(label)
                    case .updated: result.updated.append(label)
                    case .unchanged: result.unchanged.append(label); continue
                    }
                    try extract(document, id: outcome.documentId, in: db)
                case .end(let dangling, let draft):
                    result.warnings = dangling
                    if let draft {
                        result.warnings.append("\(path): namespace \(draft) is a pre-standard Akoma Ntoso draft; read as 3.0")
                    }
                    return
                case .failed(let error):
                    throw error
                case .file:
                    preconditionFailure("the reader starts a file before ending the one before")
                }
            }
        }
        // Another importer recorded the same bytes first: this copy is not written.
        if result.alreadyImported { Self.skipFile(reading) }
        return result
    }

    /// A file's first event: its fingerprint and format, or why it could not be read.
    static func fingerprint(_ event: ReadEvent) throws -> (sha256: String, format: String) {
        switch event {
        case .file(let sha256, let format): return (sha256, format)
        case .failed(let error): throw error
        default: preconditionFailure("the reader sends a file's fingerprint first")
        }
    }

    /// Passes over the rest of a file that is not written (a refusal included: the same bytes were
    /// imported before).
    static func skipFile(_ reading: ReadAhead) {
        while true {
            switch reading.next() {
            case .end, .failed: return
            default: continue
            }
        }
    }

    func extract(_ document: OfficialDocument, id: Int64, in db: Database) throws {
        var extractor = RosterExtractor(units: units, db: db, documentId: id, document: document)
        try extractor.run()
        let imported = ImportedDocument(id: id, document: document)
        for module in modules where module.recognises(document) {
            try db.execute(sql: "INSERT INTO document_module (document_id, module) VALUES (?, ?)", arguments: [id, module.id])
            try module.extract(imported, in: db)
        }
    }

    // MARK: - Files

    public static func readFile(_ path: String, maximumSize: Int) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw InputError(file: path, line: 0, column: 0, message: "cannot read the file: \(error.localizedDescription)")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw InputError(file: path, line: 0, column: 0, message: "is a directory, not a file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumSize else {
            throw InputError(file: path, line: 0, column: 0, message: "the file is \(size) bytes, over the limit of \(maximumSize) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: 0, column: 0, message: "cannot read the file")
        }
        return [UInt8](data)
    }

    /// XML starts with `<` after an optional BOM and white space.
    public static func looksLikeXML(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        return body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "<")
    }

    /// Plain text to Akoma Ntoso bytes.
    public static func convert(text bytes: [UInt8], file: String) throws -> [UInt8] {
        let text = try PlainTextGazette.decode(bytes, file: file)
        let issue = try PlainTextGazette.parse(text, file: file)
        return Array(AkomaNtosoWriter().gazette(issue).utf8)
    }
}
