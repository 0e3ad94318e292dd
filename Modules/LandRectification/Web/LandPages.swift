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
