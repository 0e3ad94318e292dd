import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// The module's own tables: the alert ledger (台账) and the emergency reduction list (应急减排清单).
enum PollutionSchema {
    static let migrations = MigrationSet(owner: PollutionResponseModule.id) { migrator in
        migrator.registerMigration("pollution.v1") { db in
            try db.execute(sql: """
                CREATE TABLE pollution_alert (
                    id INTEGER PRIMARY KEY,
                    level TEXT NOT NULL,
                    issued_at TEXT NOT NULL,
                    regional_alert_at TEXT,
                    lifted_at TEXT,
                    signer TEXT,
                    note TEXT
                );
                CREATE TABLE pollution_report (
                    alert_id INTEGER NOT NULL REFERENCES pollution_alert(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    date TEXT NOT NULL,
                    PRIMARY KEY (alert_id, kind, date)
                );
                CREATE TABLE pollution_enterprise (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    town TEXT NOT NULL,
                    industry TEXT NOT NULL,
                    grade TEXT,
                    protected INTEGER NOT NULL,
                    condition TEXT,
                    yellow TEXT NOT NULL,
                    orange TEXT NOT NULL,
                    red TEXT NOT NULL
                );
                """)
        }
    }
}

extension AlertLevel: DatabaseValueConvertible {}

/// `pollution_alert`: an alert as issued, and lifted.
struct AlertRecord: NumberedRecord {
    static let databaseTableName = "pollution_alert"
    var id: Int64?
    var level: AlertLevel
    var issuedAt: LocalDateTime
    var regionalAlertAt: LocalDateTime?
    var liftedAt: LocalDateTime?
    var signer: String?
    var note: String?
}

/// `pollution_report`: a report filed for one day of an alert.
struct ReportRecord: StoredRecord {
    static let databaseTableName = "pollution_report"
    var alertId: Int64
    var kind: ReportKind
    var date: CivilDate
}

/// An alert in the ledger, with what is overdue on a date.
public struct AlertStatus: Codable, Sendable, Tabular {
    public var id: Int64
    public var level: AlertLevel
    public var response: String?
    public var issuedAt: LocalDateTime
    public var regionalAlertAt: LocalDateTime?
    public var liftedAt: LocalDateTime?
    public var signer: String?
    /// Set when the alert went out later than the regional alert allowed.
    public var lateIssue: Deadline?
    public var overdue: [Deadline]

    public static let columns: [OutputColumn<AlertStatus>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("level") { $0.level.rawValue }, OutputColumn("response") { $0.response ?? "" },
        OutputColumn("issued") { $0.issuedAt.description }, OutputColumn("lifted") { $0.liftedAt?.description ?? "" },
        OutputColumn("signer") { $0.signer ?? "" },
        OutputColumn("overdue") { record in
            ((record.lateIssue.map { ["issued late (due \($0.due), \($0.citation))"] } ?? [])
                + record.overdue.map { "\($0.kind) due \($0.due) (\($0.citation))" }).joined(separator: "; ")
        },
    ]
}

enum AlertLedger {
    static func issue(level: AlertLevel, issued: LocalDateTime, regional: LocalDateTime?, signer: String?, note: String?, in db: Database) throws -> Int64 {
        var alert = AlertRecord(level: level, issuedAt: issued, regionalAlertAt: regional, signer: signer, note: note)
        try alert.insert(db)
        return alert.id!
    }

    static func alert(_ id: Int64, in db: Database) throws -> AlertRecord {
        guard let alert = try AlertRecord.fetchOne(db, key: id) else { throw QueryError("no alert \(id) in the ledger") }
        return alert
    }

    static func lift(_ id: Int64, at lifted: LocalDateTime, in db: Database) throws {
        var alert = try alert(id, in: db)
        guard alert.issuedAt <= lifted else {
            throw EntryError("lifted", "\(lifted) is before the alert was issued (\(alert.issuedAt))")
        }
        alert.liftedAt = lifted
        try alert.update(db)
    }

    static func report(_ id: Int64, kind: ReportKind, date: CivilDate, in db: Database) throws {
        _ = try alert(id, in: db)
        var report = ReportRecord(alertId: id, kind: kind, date: date)
        try report.insert(db, onConflict: .ignore)
    }

    /// Every alert, with the reports due by `on` that were not filed.
    static func list(on: CivilDate, deadlines: ResponseDeadlines, in db: Database) throws -> [AlertStatus] {
        try AlertRecord.order(Column("issued_at"), Column("id")).fetchAll(db).map { alert in
            let filed = Set(try ReportRecord.filter(Column("alert_id") == alert.id!).fetchAll(db).map { "\($0.kind.rawValue) \($0.date)" })
            // While the alert runs, daily reports fall due up to `on`; the summary and the review
            // only once it is lifted.
            let due = try deadlines.all(issued: alert.issuedAt, lifted: alert.liftedAt?.date, reportsThrough: on)
            let overdue = due.filter { deadline in
                guard let date = CivilDate(deadline.due), date < on else { return false }
                return !filed.contains("\(deadline.kind) \(deadline.due)")
            }
            var late: Deadline?
            if let regional = alert.regionalAlertAt {
                let rule = try deadlines.regionalIssue(regional)
                if let limit = LocalDateTime(rule.due), limit < alert.issuedAt { late = rule }
            }
            return AlertStatus(id: alert.id!, level: alert.level, response: alert.level.response, issuedAt: alert.issuedAt,
                               regionalAlertAt: alert.regionalAlertAt, liftedAt: alert.liftedAt, signer: alert.signer,
                               lateIssue: late, overdue: overdue)
        }
    }
}
