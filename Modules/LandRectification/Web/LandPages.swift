import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

extension LandRectificationModule {
    /// The towns for a talk with the work team (约谈, 三(三)) on `day`: what `land interviews` lists.
    public static func interviews(on day: CivilDate, in db: Database) throws -> [Interview] {
        let rules = LandRules(parameters: try parameters(), day: day)
        return try LandProgress.interviews(try ParcelLedger.all(in: db), findings: try FindingRecord.inForce.fetchAll(db), rules: rules,
                                           citation: try interviewCitation(in: db))
    }

    /// What is past its deadline and still open on `day`.
    public static func overdue(on day: CivilDate, in db: Database) throws -> [ParcelFinding] {
        try LandProgress.overdue(try ParcelLedger.all(in: db), rules: LandRules(parameters: try parameters(), day: day))
    }

    /// Items closed against items listed on `day`, grouped by `town`, `category` or `unit`.
    public static func progress(on day: CivilDate, by grouping: String, in db: Database) throws -> [ProgressLine] {
        let rules = LandRules(parameters: try parameters(), day: day)
        return LandProgress.progress(try rules.campaign(try ParcelLedger.all(in: db)), by: grouping, on: rules.day, tasks: try tasks(in: db))
    }
}

extension LandRectificationModule: WebModule {
    public static let title = "土地整治"

    public static let ledgers: [LedgerBook] = [LedgerBook(Parcel.self, title: "地块"), LedgerBook(FindingRecord.self, title: "核查结论"), LedgerBook(TownReportRecord.self, title: "镇街报告")]

    public static let actions: [ModuleAction] = [
        ModuleAction(path: "close", title: "挂账销号", summary: "地块整改完成，凭证据销号。", fields: [
            ActionField("parcel", label: "地块编号", required: true),
            .date("date", label: "销号日期", fills: "closed-on"),
            ActionField("evidence", label: "证据", required: true),
        ], entry: ("parcels", "parcel"), perform: close),
        ModuleAction(path: "find", title: "登记核查结论", summary: "记录在镇（街道）核查中发现的情况。", fields: [
            ActionField("town", label: "镇（街道）", required: true),
            .choice("kind", label: "结论", FindingKind.self),
            .date("date", label: "核查日期", fills: "found-on"),
            ActionField("note", label: "情况与位置", required: true),
        ], perform: find),
        ModuleAction(path: "file", title: "登记镇街报告", summary: "记录镇（街道）报送的报告。", fields: [
            ActionField("town", label: "镇（街道）", required: true),
            .choice("kind", label: "报告", TownReportKind.self),
            .date("date", label: "报送日期", fills: "filed-on"),
            ActionField("note", label: "备注"),
        ], perform: file),
    ]

    static func close(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let parcel = try request.required("parcel")
        let day = try request.requiredDate("date")
        try ParcelLedger.close(parcel, on: day, evidence: try request.required("evidence"), by: request.context, in: db)
        return ActionResult("地块 \(parcel)：\(day) 销号", ledger: "parcels", key: parcel)
    }

    static func find(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let kind = try request.requiredChoice("kind", as: FindingKind.self)
        let (id, townNote) = try Verification.find(town: try request.required("town"), kind: kind, on: try request.requiredDate("date"),
                                                   note: try request.required("note"), by: request.context, in: db)
        return ActionResult("核查结论 \(id)：\(kind.label)" + (townNote.map { "（\($0)）" } ?? ""), ledger: "findings", key: "\(id)")
    }

    static func file(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let kind = try request.requiredChoice("kind", as: TownReportKind.self)
        let (id, townNote) = try Verification.file(town: try request.required("town"), kind: kind, on: try request.requiredDate("date"),
                                                   note: request.text("note"), by: request.context, in: db)
        return ActionResult("镇街报告 \(id)：\(kind.label)" + (townNote.map { "（\($0)）" } ?? ""), ledger: "town-reports", key: "\(id)")
    }

    public static var pages: [ModulePage] {
        let onField = ModulePage.Field("on", label: "核查日期", kind: .date)
        return [
            ModulePage(path: "progress", title: "整治进度（按镇街）", fields: [onField]) { request in
                let day = try request.date("on") ?? request.context.today
                let lines = try request.database.writer.read { try progress(on: day, by: "town", in: $0) }
                return Report(title: "整治进度", facts: [Report.Fact("核查日期", day.description)], sections: [ReportSection("按镇街", table: ReportTable(lines))])
            },
            ModulePage(path: "overdue", title: "逾期未办结", fields: [onField]) { request in
                let day = try request.date("on") ?? request.context.today
                let rows = try request.database.writer.read { try overdue(on: day, in: $0) }
                return Report(title: "逾期未办结", facts: [Report.Fact("核查日期", day.description)], sections: [ReportSection("逾期（\(rows.count)）", table: ReportTable(rows))])
            },
            ModulePage(path: "interviews", title: "约谈名单", fields: [onField]) { request in
                let day = try request.date("on") ?? request.context.today
                let rows = try request.database.writer.read { try interviews(on: day, in: $0) }
                return Report(title: "约谈名单", facts: [Report.Fact("核查日期", day.description)], sections: [ReportSection("约谈（\(rows.count)）", table: ReportTable(rows))])
            },
            ModulePage(path: "town-reports", title: "镇街报送", fields: [onField]) { request in
                let day = try request.date("on") ?? request.context.today
                let rows = try request.database.writer.read { try Verification.reportsDue(on: day, in: $0) }
                return Report(title: "镇街报送", facts: [Report.Fact("核查日期", day.description)], sections: [ReportSection("报送（\(rows.count)）", table: ReportTable(rows))])
            },
        ]
    }

    /// Town reports overdue on `today`.
    public static func agenda(on today: CivilDate, calendar: WorkingDayCalendar, in db: Database) throws -> [AgendaItem] {
        try Verification.reportsDue(on: today, in: db).filter { $0.status == "OVERDUE" }.map {
            AgendaItem(module: id, what: "\($0.town)：\($0.report)未报送", due: $0.due, overdue: true, citation: $0.citation)
        }
    }
}
