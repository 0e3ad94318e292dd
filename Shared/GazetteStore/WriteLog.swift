import Foundation
import GRDB

/// One write a person made to the record: when, who, what, the record before and after, and why.
/// Imports are not logged here (the `source_file` table keeps them); clerks' acts are.
public struct LogEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "write_log"

    public var id: Int64?
    /// ISO 8601, UTC.
    public var at: String
    /// The OS user, or the name given with `--by`.
    public var by: String
    /// `withdraw`, `restore`, …
    public var action: String
    /// `docs`, `roster`, or a policy module's id.
    public var module: String
    /// Which record: `document 12 (周政办字〔2020〕38号)`.
    public var record: String
    public var before: String?
    public var after: String?
    public var reason: String

    public enum Columns {
        public static let at = Column(CodingKeys.at)
        public static let module = Column(CodingKeys.module)
    }

    public init(by: String, action: String, module: String, record: String, before: String?, after: String?, reason: String) {
        self.at = Self.now()
        self.by = by
        self.action = action
        self.module = module
        self.record = record
        self.before = before
        self.after = after
        self.reason = reason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Now, as the log writes it: ISO 8601, UTC.
    public static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}

public enum WriteLog {
    /// Who is writing when no `--by` is given: the OS user.
    public static var currentUser: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }

    /// Writes go through here, inside the transaction of the change they describe: both land or neither.
    public static func append(_ entry: LogEntry, in db: Database) throws {
        var entry = entry
        try entry.insert(db)
    }

    /// Every entry, oldest first; since a date (YYYY-MM-DD, or a full timestamp) and of one module.
    public static func entries(since: String? = nil, module: String? = nil, in db: Database) throws -> [LogEntry] {
        var request = LogEntry.order(Column("id"))
        if let since { request = request.filter(LogEntry.Columns.at >= since) }
        if let module { request = request.filter(LogEntry.Columns.module == module) }
        return try request.fetchAll(db)
    }
}
