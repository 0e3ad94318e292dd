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
        // Ledgers a clerk can correct: void marks, reports with their filing date and an id of
        // their own, and the adjustments of 四(三).
        migrator.registerMigration("pollution.v2") { db in
            try db.execute(sql: """
                ALTER TABLE pollution_alert ADD COLUMN voided_at TEXT;
                ALTER TABLE pollution_alert ADD COLUMN void_reason TEXT;
                ALTER TABLE pollution_enterprise ADD COLUMN voided_at TEXT;
                ALTER TABLE pollution_enterprise ADD COLUMN void_reason TEXT;
                CREATE TABLE pollution_report_v2 (
                    id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES pollution_alert(id),
                    kind TEXT NOT NULL,
                    date TEXT NOT NULL,
                    filed_on TEXT,
                    voided_at TEXT,
                    void_reason TEXT
                );
                INSERT INTO pollution_report_v2 (alert_id, kind, date) SELECT alert_id, kind, date FROM pollution_report;
                DROP TABLE pollution_report;
                ALTER TABLE pollution_report_v2 RENAME TO pollution_report;
                CREATE INDEX pollution_report_alert ON pollution_report(alert_id);
                CREATE TABLE pollution_adjustment (
                    id INTEGER PRIMARY KEY,
                    alert_id INTEGER NOT NULL REFERENCES pollution_alert(id),
                    level TEXT NOT NULL,
                    adjusted_at TEXT NOT NULL,
                    signer TEXT,
                    note TEXT,
                    voided_at TEXT,
                    void_reason TEXT
                );
                """)
        }
    }
}

extension AlertLevel: DatabaseValueConvertible {}

/// `pollution_alert`: an alert as issued, and lifted.
struct AlertRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "pollution_alert"
    static let module = PollutionResponseModule.id
    static let noun = "alert"
    static let command = "pollution alerts"
    var id: Int64?
    var level: AlertLevel
    var issuedAt: LocalDateTime
    var regionalAlertAt: LocalDateTime?
    var liftedAt: LocalDateTime?
    var signer: String?
    var note: String?
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "level" ? AlertLevel.self : nil
    }

    static let columns: [OutputColumn<AlertRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("level") { $0.level.rawValue },
        OutputColumn("issued") { $0.issuedAt.description }, OutputColumn("regional alert") { $0.regionalAlertAt?.description ?? "" },
        OutputColumn("lifted") { $0.liftedAt?.description ?? "" }, OutputColumn("signer") { $0.signer ?? "" }, OutputColumn("note") { $0.note ?? "" },
    ]

    /// An alert is issued under the plan in force that day (四), after the regional alert that
    /// caused it, and lifted after it was issued.
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(issuedAt.date, field: "issued-at", today: today)
        try requireHappened(regionalAlertAt?.date, field: "regional-alert-at", today: today)
        try requireHappened(liftedAt?.date, field: "lifted-at", today: today)
        guard level != .none else { throw EntryError("level", "an alert is yellow, orange or red (四(一))") }
        // 四(四) counts hours from a regional alert: there, the hours are needed; elsewhere the plan counts days.
        if let regional = regionalAlertAt {
            guard regional.hasTime else { throw EntryError("regional-alert-at", "\(regional): give the hour too (四(四) counts 4 hours from the regional alert)") }
            guard issuedAt.hasTime else { throw EntryError("issued-at", "\(issuedAt): give the hour too (四(四) counts 4 hours from the regional alert at \(regional))") }
        }
        guard let plan = try PlanDocument.find(on: issuedAt.date, in: db) else {
            throw EntryError("issued-at", "no heavy-pollution plan was in force on \(issuedAt.date): an alert is issued under the plan in force (\(PlanDocument.number) 四(二)); import it, or check the date")
        }
        if let regional = regionalAlertAt, issuedAt < regional {
            throw EntryError("issued-at", "\(issuedAt) is before the regional alert that caused it (\(regional)) (\(plan.number) 四(四))")
        }
        if let lifted = liftedAt, lifted < issuedAt {
            throw EntryError("lifted-at", "\(lifted) is before the alert was issued (\(issuedAt)) (\(plan.number) 四(三))")
        }
        // One episode, one alert: a change of level is an adjustment of the alert in force (四(三)).
        for other in try Self.inForce.fetchAll(db) where other.id != id && other.issuedAt <= issuedAt && (other.liftedAt.map { $0 > issuedAt } ?? true) {
            throw EntryError("issued-at", """
                alert \(other.id!) (\(other.level.rawValue), issued \(other.issuedAt)) is in force then and not lifted: a change of level is \
                `zhoucun pollution alerts adjust \(other.id!) --level …` (\(plan.number) 四(三)); a new episode begins after it is lifted
                """)
        }
    }
}

/// `pollution_report`: a report filed for one day of an alert, and the day it was filed.
struct ReportRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "pollution_report"
    static let module = PollutionResponseModule.id
    static let noun = "report"
    static let command = "pollution reports"
    var id: Int64?
    var alertId: Int64
    var kind: ReportKind
    /// The day it covers, as `deadlines` lists it.
    var date: CivilDate
    /// The day it was filed.
    var filedOn: CivilDate?
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "kind" ? ReportKind.self : nil
    }

    static let columns: [OutputColumn<ReportRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("alert") { String($0.alertId) }, OutputColumn("kind") { $0.kind.rawValue },
        OutputColumn("for") { $0.date.description }, OutputColumn("filed") { $0.filedOn?.description ?? "" },
    ]

    /// A report is for a day of its alert, and filed on or after that day.
    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(filedOn, field: "filed-on", today: today)
        let alert = try AlertRecord.entry(alertId, in: db)
        try Self.requireInForce(alert, field: "alert-id")
        guard date >= alert.issuedAt.date else { throw EntryError("date", "\(date) is before alert \(alertId) was issued (\(alert.issuedAt))") }
        if kind == .dailyReport, let lifted = alert.liftedAt, date > lifted.date {
            throw EntryError("date", "\(date) is after alert \(alertId) was lifted (\(lifted)): no daily report is due then (\(PlanDocument.number) 四(二))")
        }
        if let filedOn, filedOn < date { throw EntryError("filed-on", "\(filedOn) is before the day the report covers (\(date))") }
        try requireUnique(Column("alert_id") == alertId && Column("kind") == kind && Column("date") == date,
                          what: "the \(kind.rawValue) of alert \(alertId) for \(date) is filed already", in: db)
    }
}

/// `pollution_adjustment`: a change of an alert's level while it runs (预警调整, 四(三)): by the
/// same issuer and procedure as the alert itself.
struct AdjustmentRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "pollution_adjustment"
    static let module = PollutionResponseModule.id
    static let noun = "adjustment"
    static let command = "pollution adjustments"
    var id: Int64?
    var alertId: Int64
    var level: AlertLevel
    var adjustedAt: LocalDateTime
    var signer: String?
    var note: String?
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "level" ? AlertLevel.self : nil
    }

    static let columns: [OutputColumn<AdjustmentRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("alert") { String($0.alertId) }, OutputColumn("level") { $0.level.rawValue },
        OutputColumn("at") { $0.adjustedAt.description }, OutputColumn("signer") { $0.signer ?? "" }, OutputColumn("note") { $0.note ?? "" },
    ]

    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(adjustedAt.date, field: "adjusted-at", today: today)
        let alert = try AlertRecord.entry(alertId, in: db)
        try Self.requireInForce(alert, field: "alert-id")
        guard level != .none else { throw EntryError("level", "an alert is adjusted to yellow, orange or red; lifting is its end (\(PlanDocument.number) 四(三))") }
        guard adjustedAt >= alert.issuedAt else { throw EntryError("adjusted-at", "\(adjustedAt) is before alert \(alertId) was issued (\(alert.issuedAt))") }
        if let lifted = alert.liftedAt, adjustedAt > lifted { throw EntryError("adjusted-at", "\(adjustedAt) is after alert \(alertId) was lifted (\(lifted))") }
    }
}

extension Enterprise: LedgerEntry {
    public static let module = PollutionResponseModule.id
    public static let noun = "enterprise"
    public static let command = "pollution enterprises"
}

/// An alert in the ledger, with what is overdue on a date.
public struct AlertStatus: Codable, Sendable, Tabular {
    public var id: Int64
    /// The level in force: the last adjustment's, else the level issued.
    public var level: AlertLevel
    public var response: String?
    public var issuedAt: LocalDateTime
    public var regionalAlertAt: LocalDateTime?
    public var liftedAt: LocalDateTime?
    public var signer: String?
    public var adjustments: [String]
    /// Set when the alert went out later than the regional alert allowed.
    public var lateIssue: Deadline?
    public var overdue: [Deadline]
    /// Reports filed after their due day.
    public var late: [String]
    /// Why the deadlines cannot be judged, when they cannot.
    public var problem: String?
    /// Set when the alert was voided (`alerts void`): it leaves every computation but is shown.
    public var voidedAt: String?
    public var voidReason: String?

    public static let columns: [OutputColumn<AlertStatus>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("level") { $0.level.rawValue }, OutputColumn("response") { $0.response ?? "" },
        OutputColumn("issued") { $0.issuedAt.description }, OutputColumn("lifted") { $0.liftedAt?.description ?? "" },
        OutputColumn("signer") { $0.signer ?? "" },
        OutputColumn("overdue") { record in
            ((record.lateIssue.map { ["issued late (due \($0.due), \($0.citation))"] } ?? [])
                + summary(record.overdue) + record.late + [record.problem].compactMap { $0 })
                .joined(separator: "; ")
        },
    ]

    /// Overdue reports in a cell a spreadsheet can hold: a few one by one, many of a kind as
    /// one count from their first day (`2191 份每日报告逾期（自2020-12-02起）`); `alerts show`
    /// and JSON list each.
    static func summary(_ overdue: [Deadline]) -> [String] {
        var kinds: [String] = []
        for deadline in overdue where !kinds.contains(deadline.kind) { kinds.append(deadline.kind) }
        return kinds.flatMap { kind -> [String] in
            let ofKind = overdue.filter { $0.kind == kind }
            guard ofKind.count > 3, let first = ofKind.first else { return ofKind.map { "\($0.kind) due \($0.due) (\($0.citation))" } }
            let label = ReportKind(rawValue: kind)?.labels.first ?? kind
            return ["\(ofKind.count) 份\(label)逾期（自\(first.due)起）(\(first.citation))"]
        }
    }
}

enum AlertLedger {
    /// Who signs an alert (or an adjustment) of `level` at `time`: the post the plan in force that
    /// day names, and who holds it on its roster (四(二)); nil where no plan with its roster is in force.
    static func signer(_ level: AlertLevel, at time: LocalDateTime, in db: Database) throws -> String? {
        guard let plan = try PlanDocument.find(on: time.date, in: db) else { return nil }
        return try Assessor.signer(level, plan: plan, on: time.date, in: db).map { "\($0.role) \($0.name ?? "?")" }
    }

    /// Records an alert as issued, signed as the roster in force says.
    static func issue(level: AlertLevel, issued: LocalDateTime, regional: LocalDateTime?, note: String?, by context: OperationContext,
                      in db: Database) throws -> AlertRecord {
        var alert = AlertRecord(level: level, issuedAt: issued, regionalAlertAt: regional, signer: try signer(level, at: issued, in: db), note: note)
        try Ledger.add(&alert, by: context, in: db)
        return alert
    }

    static func lift(_ id: Int64, at lifted: LocalDateTime, by context: OperationContext, in db: Database) throws {
        try Ledger.change(AlertRecord.self, key: id, action: "lift", records: ["liftedAt"], by: context, in: db) { $0.liftedAt = lifted }
    }

    @discardableResult
    static func report(_ id: Int64, kind: ReportKind, date: CivilDate, filed: CivilDate?, by context: OperationContext, in db: Database) throws -> ReportRecord {
        var report = ReportRecord(alertId: id, kind: kind, date: date, filedOn: filed)
        try Ledger.add(&report, by: context, in: db)
        return report
    }

    /// Records a change of an alert's level, signed as issuing is (四(三)).
    static func adjust(_ id: Int64, to level: AlertLevel, at time: LocalDateTime, note: String?, by context: OperationContext,
                       in db: Database) throws -> AdjustmentRecord {
        var adjustment = AdjustmentRecord(alertId: id, level: level, adjustedAt: time, signer: try signer(level, at: time, in: db), note: note)
        try Ledger.add(&adjustment, by: context, in: db)
        return adjustment
    }

    /// Every alert in force (or the one asked for), with the reports due by `on` that were not
    /// filed, and those filed late: the alert as it stood that day, its adjustments applied.
    static func list(on: CivilDate, deadlines: ResponseDeadlines, only: Int64? = nil, in db: Database) throws -> [AlertStatus] {
        let alerts = try only.map { [try AlertRecord.entry($0, in: db)] } ?? AlertRecord.inForce.order(Column("issued_at"), Column("id")).fetchAll(db)
        return try alerts.map { alert in
            let reports = try ReportRecord.inForce.filter(Column("alert_id") == alert.id!).fetchAll(db)
            // As the alert stood on the day asked about: adjustments after it do not count yet.
            let adjustments = try AdjustmentRecord.inForce.filter(Column("alert_id") == alert.id!).order(Column("adjusted_at")).fetchAll(db)
                .filter { $0.adjustedAt.date <= on }
            let level = adjustments.last?.level ?? alert.level
            var status = AlertStatus(id: alert.id!, level: level, response: level.response, issuedAt: alert.issuedAt,
                                     regionalAlertAt: alert.regionalAlertAt, liftedAt: alert.liftedAt, signer: adjustments.last?.signer ?? alert.signer,
                                     adjustments: adjustments.map { "\($0.adjustedAt) → \($0.level.rawValue)" }, overdue: [], late: [],
                                     voidedAt: alert.voidedAt, voidReason: alert.voidReason)
            do {
                // While the alert runs, daily reports fall due up to `on`; the summary and the review
                // only once it is lifted.
                let due = try deadlines.all(issued: alert.issuedAt, lifted: alert.liftedAt?.date, reportsThrough: on)
                for deadline in due {
                    guard let dueDay = CivilDate(deadline.due) else { continue }
                    let filed = reports.first { "\($0.kind.rawValue) \($0.date)" == "\(deadline.kind) \(deadline.due)" }
                    if filed == nil, dueDay < on { status.overdue.append(deadline) }
                    if let filedOn = filed?.filedOn, filedOn > dueDay { status.late.append("\(deadline.kind) for \(deadline.due) filed late, on \(filedOn)") }
                }
                if let regional = alert.regionalAlertAt {
                    let rule = try deadlines.regionalIssue(regional)
                    if let limit = LocalDateTime(rule.due), limit < alert.issuedAt { status.lateIssue = rule }
                }
            } catch {
                // One entry the rules cannot judge does not hide the others.
                status.problem = "cannot judge its deadlines: \(error)"
            }
            return status
        }
    }
}
