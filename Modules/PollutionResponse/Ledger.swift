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

/// An alert in the ledger, with what is overdue on a date.
public struct AlertRecord: Codable, Sendable, Tabular {
    public var id: Int64
    public var level: String
    public var response: String?
    public var issuedAt: String
    public var regionalAlertAt: String?
    public var liftedAt: String?
    public var signer: String?
    /// Set when the alert went out later than the regional alert allowed.
    public var lateIssue: Deadline?
    public var overdue: [Deadline]

    public static let columns: [OutputColumn<AlertRecord>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("level") { $0.level }, OutputColumn("response") { $0.response ?? "" },
        OutputColumn("issued") { $0.issuedAt }, OutputColumn("lifted") { $0.liftedAt ?? "" }, OutputColumn("signer") { $0.signer ?? "" },
        OutputColumn("overdue") { record in
            ((record.lateIssue.map { ["issued late (due \($0.due), \($0.citation))"] } ?? [])
                + record.overdue.map { "\($0.kind) due \($0.due) (\($0.citation))" }).joined(separator: "; ")
        },
    ]
}

enum AlertLedger {
    static func issue(level: AlertLevel, issued: LocalDateTime, regional: LocalDateTime?, signer: String?, note: String?, in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO pollution_alert (level, issued_at, regional_alert_at, signer, note) VALUES (?, ?, ?, ?, ?)
            """, arguments: [level.rawValue, issued.description, regional?.description, signer, note])
        return db.lastInsertedRowID
    }

    static func lift(_ id: Int64, at lifted: LocalDateTime, in db: Database) throws {
        guard let issued = try String.fetchOne(db, sql: "SELECT issued_at FROM pollution_alert WHERE id = ?", arguments: [id]) else {
            throw QueryError("no alert \(id) in the ledger")
        }
        guard let start = LocalDateTime(issued), start <= lifted else {
            throw ArgumentError("--lifted: \(lifted) is before the alert was issued (\(issued))")
        }
        try db.execute(sql: "UPDATE pollution_alert SET lifted_at = ? WHERE id = ?", arguments: [lifted.description, id])
    }

    static func report(_ id: Int64, kind: String, date: CivilDate, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM pollution_alert WHERE id = ?", arguments: [id]) == true else {
            throw QueryError("no alert \(id) in the ledger")
        }
        try db.execute(sql: "INSERT OR IGNORE INTO pollution_report (alert_id, kind, date) VALUES (?, ?, ?)", arguments: [id, kind, date.description])
    }

    /// Every alert, with the reports due by `on` that were not filed.
    static func list(on: CivilDate, deadlines: ResponseDeadlines, in db: Database) throws -> [AlertRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM pollution_alert ORDER BY issued_at, id").map { row in
            let id: Int64 = row["id"]
            let issued = LocalDateTime(row["issued_at"])!
            let lifted = (row["lifted_at"] as String?).flatMap(LocalDateTime.init)
            let regional = (row["regional_alert_at"] as String?).flatMap(LocalDateTime.init)
            let filed = Set(try Row.fetchAll(db, sql: "SELECT kind, date FROM pollution_report WHERE alert_id = ?", arguments: [id])
                .map { "\($0["kind"] as String) \($0["date"] as String)" })
            // While the alert runs, daily reports fall due up to `on`; the summary and the review
            // only once it is lifted.
            let due = try deadlines.all(issued: issued, lifted: lifted?.date, reportsThrough: on)
            let overdue = due.filter { deadline in
                guard let date = CivilDate(deadline.due), date < on else { return false }
                return !filed.contains("\(deadline.kind) \(deadline.due)")
            }
            var late: Deadline?
            if let regional {
                let rule = try deadlines.regionalIssue(regional)
                if let limit = LocalDateTime(rule.due), limit < issued { late = rule }
            }
            let level = AlertLevel(rawValue: row["level"]) ?? .none
            return AlertRecord(id: id, level: level.rawValue, response: level.response, issuedAt: issued.description,
                               regionalAlertAt: regional?.description, liftedAt: lifted?.description, signer: row["signer"],
                               lateIssue: late, overdue: overdue)
        }
    }
}
