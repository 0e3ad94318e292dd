import Foundation
import GRDB
import GazetteModel

/// One write a person made to the record: when, who, what, the record before and after, and why.
/// Imports, withdrawals and restores are logged here as much as clerks' entries.
public struct LogEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "write_log"

    public var id: Int64?
    /// ISO 8601 in the office's time zone, with its offset (`2026-12-02T09:30:00+08:00`); entries
    /// written before the office's clock was kept are in UTC (`…Z`).
    public var at: String
    /// The person who acted (`OperationContext.actor`).
    public var by: String
    /// Where from: the command line or the web page (nil for entries written before it was kept).
    public var via: Channel?
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

    public init(_ context: OperationContext, action: String, module: String, record: String, before: String?, after: String?, reason: String) {
        self.at = context.timestamp
        self.by = context.actor
        self.via = context.channel
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

}

/// How the office writes and reads times: in its time zone with their offset, days counted in it.
public enum OfficeClock {
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai")!

    /// `$ZHOUCUN_TIMEZONE`, else Asia/Shanghai.
    public static func timeZone(_ environment: [String: String]) -> TimeZone {
        environment["ZHOUCUN_TIMEZONE"].flatMap { TimeZone(identifier: $0) } ?? defaultTimeZone
    }

    /// The day an instant falls on in `timeZone`.
    public static func day(of instant: Date, in timeZone: TimeZone) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    public static func string(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }

    /// A stored time (any offset) as an instant.
    public static func instant(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }

    /// The start of a local day (`2026-12-02`) in `timeZone`, as an instant.
    public static func startOfDay(_ day: String, in timeZone: TimeZone) -> Date? {
        instant(day + "T00:00:00" + offset(at: day, in: timeZone))
    }

    static func offset(at day: String, in timeZone: TimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = timeZone
        let seconds = formatter.date(from: day).map { timeZone.secondsFromGMT(for: $0) } ?? timeZone.secondsFromGMT()
        let sign = seconds < 0 ? "-" : "+"
        return String(format: "%@%02d:%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }
}

public enum WriteLog {
    /// Writes go through here, inside the transaction of the change they describe: both land or neither.
    public static func append(_ entry: LogEntry, in db: Database) throws {
        var entry = entry
        try entry.insert(db)
    }

    /// The id of the last entry written: inside a write's transaction, the line that write logged.
    public static func lastEntryId(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM write_log") ?? 0
    }

    /// Every entry, oldest first; since a day of the office (YYYY-MM-DD, from its midnight) or a
    /// full timestamp, and of one module.
    public static func entries(since: String? = nil, module: String? = nil, timeZone: TimeZone = OfficeClock.defaultTimeZone,
                               in db: Database) throws -> [LogEntry] {
        var request = LogEntry.order(Column("id"))
        if let module { request = request.filter(LogEntry.Columns.module == module) }
        let entries = try request.fetchAll(db)
        guard let since else { return entries }
        guard let start = since.count == 10 ? OfficeClock.startOfDay(since, in: timeZone) : OfficeClock.instant(since) else {
            throw StoreError("\(since) is not a day (YYYY-MM-DD) or a time (ISO 8601 with its offset)")
        }
        // Times are compared as instants: the log holds UTC and office times alike.
        return entries.filter { (OfficeClock.instant($0.at) ?? .distantFuture) >= start }
    }
}
