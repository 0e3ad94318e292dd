import Foundation
import GRDB
import AkomaNtoso
import GazetteDoors
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
        /// False when no 公文 was found in the file and `--force` imported it anyway.
        public var recognised = true
        public var warnings: [String] = []
        /// The bodies its documents changed (not those they set up), each with who joined, left
        /// and changed role.
        public var bodies: [BodyChanges] = []
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
    /// Import texts in which no 公文 is found, marked unrecognised, instead of refusing them.
    public var force: Bool
    /// Who imports, and when: the import is logged under this person.
    public var context: OperationContext

    public static let defaultMaximumFileSize = 256 << 20

    public init(database: GazetteDatabase, modules: [any PolicyModule.Type],
                maximumFileSize: Int = Importer.defaultMaximumFileSize, units: UnitNames = .standard, force: Bool = false,
                by context: OperationContext) {
        self.context = context
        self.database = database
        self.modules = modules
        self.maximumFileSize = maximumFileSize
        self.units = units
        self.force = force
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
        let before = try? counts()
        do {
            for (index, path) in paths.enumerated() {
                progress?(index, path)
                do {
                    summary.files.append(try importFile(path, from: reading))
                } catch let error where !(error is DatabaseError) {
                    summary.refused.append(.init(file: path, reason: "\(error)"))
                    failure = failure ?? error
                }
            }
        } catch {
            failure = error
        }
        // Counted after a failing store too (a full disk still reads): the files before it are in.
        if let before, let after = try? counts() {
            summary.people = after.people - before.people
            summary.units = after.units - before.units
            summary.memberships = after.memberships - before.memberships
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
        let (sha, format, recognised, doorWarnings, bytes) = try Self.fingerprint(reading.next())
        var result = ImportSummary.FileResult(file: path, format: format)
        result.recognised = recognised
        if try database.writer.read({ try DocumentStore.hasSource(sha256: sha, in: $0) }) {
            result.alreadyImported = true
            result.warnings = try database.writer.read { try Self.withdrawnNotes(source: sha, in: $0) }
            Self.skipFile(reading)
            return result
        }
        try database.writer.write { db in
            guard try DocumentStore.recordSource(sha256: sha, path: path, format: format, bytes: bytes, at: context.timestamp, in: db) else {
                result.alreadyImported = true
                return
            }
            var issueId: Int64?
            var versions: [String] = []
            while true {
                switch reading.next() {
                case .issue(let issue):
                    issueId = try DocumentStore.upsertIssue(issue, in: db)
                    if let title = issue.title, let district = StoreSettings.district(ofGazette: title), try StoreSettings.district(in: db) == nil {
                        try StoreSettings.setDistrict(district, source: "\(title) (\(path))", by: context, in: db)
                    }
                case .document(let document):
                    // Neither a title nor a 文号: kept, but never as a recognised 公文.
                    let anonymous = document.title.isEmpty && document.number == nil
                    let outcome = try DocumentStore.store(document, issueId: issueId, source: sha, recognised: recognised && !anonymous, at: context.timestamp, in: db)
                    let label = document.number ?? (document.title.isEmpty ? "(untitled)" : document.title)
                    if anonymous && recognised {
                        let what = [document.issuer.map { "issued by \($0)" }, document.date.map { "dated \($0)" }].compactMap { $0 }.joined(separator: ", ")
                        result.warnings.append("\(path): a document\(what.isEmpty ? "" : " " + what) has neither a title nor a 文号: stored, marked unrecognised")
                    }
                    switch outcome {
                    case .added: result.added.append(label); versions.append("\(label) added")
                    case .updated(_, let version, let replaced): result.updated.append(label); versions.append("\(label) version \(version) replaces version \(replaced)")
                    case .unchanged: result.unchanged.append(label); versions.append("\(label) unchanged"); continue
                    case .withdrawn(_, let at):
                        result.unchanged.append(label)
                        result.warnings.append(Self.withdrawnNote(label, at: at))
                        continue
                    }
                    try extract(document, id: outcome.documentId, in: db)
                    result.bodies += try RosterQueries.changes(byDocument: outcome.documentId, in: db)
                case .end(let dangling, let draft):
                    result.warnings = doorWarnings + dangling + result.warnings
                    if let draft {
                        result.warnings.append("\(path): namespace \(draft) is a pre-standard Akoma Ntoso draft; read as 3.0")
                    }
                    try WriteLog.append(LogEntry(context, action: "import", module: "docs", record: "file \(path) (\(format), sha256 \(sha))",
                                                 before: nil, after: versions.joined(separator: "; "), reason: ""), in: db)
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
    static func fingerprint(_ event: ReadEvent) throws -> (sha256: String, format: String, recognised: Bool, warnings: [String], bytes: [UInt8]) {
        switch event {
        case .file(let sha256, let format, let recognised, let warnings, let bytes): return (sha256, format, recognised, warnings, bytes)
        case .failed(let error): throw error
        default: preconditionFailure("the reader sends a file's fingerprint first")
        }
    }

    /// Re-importing what a clerk withdrew does not bring it back: the import says so.
    static func withdrawnNotes(source sha256: String, in db: Database) throws -> [String] {
        try DocumentQueries.withdrawn(fromSource: sha256, in: db).map { withdrawnNote($0.label, at: $0.at) }
    }

    static func withdrawnNote(_ label: String, at: String) -> String {
        "\(label) was withdrawn at \(at) and stays withdrawn; `zhoucun docs restore` brings it back"
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
        let tasks = document.readTasks()
        var extractor = RosterExtractor(units: units, db: db, documentId: id, document: document, tasks: tasks)
        try extractor.run()
        try TaskRecords.store(tasks, documentId: id, assignedOn: document.date.flatMap(CivilDate.init) ?? context.today, in: db, units: units)
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

    /// A file made Akoma Ntoso, whatever door it comes through: every door ends in the same XML
    /// reader, so all of them fill the store alike.
    public struct Converted: Sendable {
        public var xml: [UInt8]
        public var format: SourceFormat
        /// False when the reader found no 公文 in the file and `force` let it through.
        public var recognised: Bool
        /// What the door saw and the clerk should know (pages with no text layer).
        public var warnings: [String] = []
    }

    /// Reads a file through the door its content calls for: Akoma Ntoso as it is; plain text,
    /// and the text the PDF, OFD, HTML and DOCX doors lay out, through the reader of 公文
    /// structure. A file in which that reader finds no official document is refused, unless `force`.
    public static func akomaNtoso(from bytes: [UInt8], file: String, force: Bool = false) throws -> Converted {
        let format = try SourceFormat.detect(bytes, file: file)
        if format == .akomaNtoso { return Converted(xml: bytes, format: format, recognised: true) }
        let (text, _, warnings) = try Self.text(of: bytes, format: format, file: file)
        let issue = try PlainTextGazette.parse(text, file: file)
        var recognised = true
        do {
            try Recognition.check(issue, text: text, file: file, lineCount: text.utf8.lazy.filter { $0 == 0x0A }.count + (text.hasSuffix("\n") ? 0 : 1))
        } catch where force {
            recognised = false
        }
        return Converted(xml: Array(AkomaNtosoWriter().gazette(issue).utf8), format: format, recognised: recognised, warnings: warnings)
    }

    /// The text of a file as the reader of 公文 structure gets it, through the door its content
    /// calls for (plain text as it is).
    public static func text(of bytes: [UInt8], format: SourceFormat? = nil, file: String) throws -> (text: String, format: SourceFormat, warnings: [String]) {
        let format = try format ?? SourceFormat.detect(bytes, file: file)
        switch format {
        case .text:
            return (try PlainTextGazette.decode(bytes, file: file), format, [])
        case .akomaNtoso:
            throw InputError(file: file, line: 1, column: 1, message: "is Akoma Ntoso XML: it is imported as it is, with no text to read out")
        case .html, .docx, .ofd, .pdf:
            let reading = try door(format)(bytes, file)
            return (reading.document.text, format, reading.warnings)
        }
    }

    static func door(_ format: SourceFormat) -> ([UInt8], String) throws -> DoorReading {
        switch format {
        case .html: HTMLDoor.read
        case .docx: DOCXDoor.read
        case .ofd: OFDDoor.read
        default: PDFDoor.read
        }
    }
}
