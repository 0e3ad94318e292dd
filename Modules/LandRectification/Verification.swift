import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// What the work team found when it verified a town's self-correction (核实督促, 三(三)): the
/// grounds on which it calls the town in for a talk (约谈).
public enum FindingKind: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case falsified, ineffective, serious

    public var labels: [String] {
        switch self {
        case .falsified: ["弄虚作假"]
        case .ineffective: ["整治不力"]
        case .serious: ["问题严重"]
        }
    }
}

/// 约谈 is for the towns and sub-districts (镇办): a development zone is not one.
func isTownOrSubdistrict(_ name: String) -> Bool {
    Towns.standard.towns.contains { $0.name == name && ($0.kind == "镇" || $0.kind == "街道") }
}

/// A town as a clerk typed it, resolved through the district's list (`南郊` is 南郊镇, and said):
/// its full name and the note, or a refusal of `field` that lists the towns.
func town(_ typed: String, field: String = "town") throws -> (name: String, note: String?) {
    switch Towns.standard.resolve(typed) {
    case .success(let town): return town
    case .failure(let reason): throw EntryError(field, reason.description)
    }
}

/// `land_finding`: one finding of the verification.
struct FindingRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "land_finding"
    static let module = LandRectificationModule.id
    static let noun = "finding"
    static let command = "land findings"
    var id: Int64?
    var town: String
    var kind: FindingKind
    var foundOn: CivilDate
    var note: String
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "kind" ? FindingKind.self : nil
    }

    static let columns: [OutputColumn<FindingRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("town") { $0.town }, OutputColumn("finding") { $0.kind.labels[0] },
        OutputColumn("found") { $0.foundOn.description }, OutputColumn("note") { $0.note },
    ]

    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(foundOn, field: "found-on", today: today)
        guard isTownOrSubdistrict(town) else {
            throw EntryError("town", "\(town) is not a town or sub-district of 周村区 (镇办): 约谈 is for them (周政办字〔2020〕37号 三(三))")
        }
        guard !note.trimmingCharacters(in: .whitespaces).isEmpty else { throw EntryError("note", "say what was found, and where") }
        if let start = try Phases.all(in: db).first?.start, foundOn < start {
            throw EntryError("found-on", "\(foundOn) is before the campaign began (\(start))")
        }
    }
}

/// The reports each town files (三(二): its self-check list, due 10月12日; 三(三): its summary
/// report, due 12月上旬), with the due dates read from the imported schedule.
public enum TownReportKind: String, Codable, LabelledChoice, DatabaseValueConvertible {
    case selfCheck = "self-check", summary

    public var labels: [String] {
        switch self {
        case .selfCheck: ["排查自纠清单", "自纠清单"]
        case .summary: ["工作总结报告", "总结报告"]
        }
    }

    /// The clause of 三 whose phase sets the due date.
    var clause: String {
        switch self {
        case .selfCheck: "三(二)"
        case .summary: "三(三)"
        }
    }
}

/// `land_town_report`: a report a town filed.
struct TownReportRecord: NumberedRecord, LedgerEntry {
    static let databaseTableName = "land_town_report"
    static let module = LandRectificationModule.id
    static let noun = "town report"
    static let command = "land town-reports"
    var id: Int64?
    var town: String
    var kind: TownReportKind
    var filedOn: CivilDate
    var note: String?
    var voidedAt: String?
    var voidReason: String?

    static func choice(forField field: String) -> (any LabelledChoice.Type)? {
        field == "kind" ? TownReportKind.self : nil
    }

    static let columns: [OutputColumn<TownReportRecord>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("town") { $0.town }, OutputColumn("report") { $0.kind.labels[0] },
        OutputColumn("filed") { $0.filedOn.description }, OutputColumn("note") { $0.note ?? "" },
    ]

    func check(on today: CivilDate, in db: Database) throws {
        try requireHappened(filedOn, field: "filed-on", today: today)
        guard isTownOrSubdistrict(town) else { throw EntryError("town", "\(town) is not a town or sub-district: 三(二) and 三(三) ask the 镇（街道）") }
        try requireUnique(Column("town") == town && Column("kind") == kind, what: "\(town)'s \(kind.labels[0]) is filed already", in: db)
    }
}

/// A town's report against its due date.
public struct TownReportDue: Codable, Sendable, Equatable, Tabular {
    public var town: String
    public var report: String
    public var due: CivilDate
    public var filedOn: CivilDate?
    /// `filed`, `filed late`, `OVERDUE` or `open`.
    public var status: String
    public var citation: String

    public static let columns: [OutputColumn<TownReportDue>] = [
        OutputColumn("town") { $0.town }, OutputColumn("report") { $0.report }, OutputColumn("due") { $0.due.description },
        OutputColumn("filed") { $0.filedOn?.description ?? "" }, OutputColumn("status") { $0.status }, OutputColumn("citation") { $0.citation },
    ]
}

enum Verification {
    /// A finding, and the note when the town was typed short.
    static func find(town typed: String, kind: FindingKind, on day: CivilDate, note: String, by context: OperationContext, in db: Database) throws -> (id: Int64, note: String?) {
        let town = try town(typed)
        var finding = FindingRecord(town: town.name, kind: kind, foundOn: day, note: note)
        try Ledger.add(&finding, by: context, in: db)
        return (finding.id!, town.note)
    }

    static func file(town typed: String, kind: TownReportKind, on day: CivilDate, note: String?, by context: OperationContext, in db: Database) throws -> (id: Int64, note: String?) {
        let town = try town(typed)
        var report = TownReportRecord(town: town.name, kind: kind, filedOn: day, note: note)
        try Ledger.add(&report, by: context, in: db)
        return (report.id!, town.note)
    }

    /// Each town's reports against the due dates of the imported schedule: every 镇 and 街道 of
    /// the district, whether it holds parcels or not.
    static func reportsDue(on day: CivilDate, in db: Database) throws -> [TownReportDue] {
        let phases = try Phases.all(in: db)
        // Judged after the campaign ended, a report not filed is said as such, not as overdue for years.
        let (end, _) = try LandRectificationModule.parameters().value("campaign.end", on: day)
        let ended = end.date.flatMap { day > $0 ? $0 : nil }
        let reports = try TownReportRecord.inForce.fetchAll(db)
        let towns = Towns.standard.towns.map(\.name).filter(isTownOrSubdistrict)
        var rows: [TownReportDue] = []
        for kind in TownReportKind.allCases {
            guard let phase = phases.first(where: { $0.citation.hasSuffix(" " + kind.clause) }), let due = phase.due else { continue }
            for town in towns {
                let filed = reports.first { $0.town == town && $0.kind == kind }?.filedOn
                let status = filed.map { $0 > due ? "filed late" : "filed" }
                    ?? ended.map { "not filed; the campaign ended \($0) (\(end.source))" } ?? (day > due ? "OVERDUE" : "open")
                rows.append(TownReportDue(town: town, report: kind.labels[0], due: due, filedOn: filed, status: status, citation: phase.citation))
            }
        }
        return rows
    }
}
