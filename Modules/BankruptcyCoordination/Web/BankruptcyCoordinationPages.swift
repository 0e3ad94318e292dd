import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

extension BankruptcyCoordinationModule: WebModule {
    public static let title = "企业破产处置协调联动"

    public static let ledgers: [LedgerBook] = [
        LedgerBook(CaseRecord.self, title: "破产案件"), LedgerBook(CaseMatterRecord.self, title: "案件协调事项"),
        LedgerBook(MeetingRecord.self, title: "协调会议"), LedgerBook(DecisionRecord.self, title: "议定事项"),
        LedgerBook(ListFilingRecord.self, title: "名单报送"), LedgerBook(ContactRecord.self, title: "联络员"),
    ]

    public static var pages: [ModulePage] {
        let onField = ModulePage.Field("on", label: "核查日期", kind: .date)
        return [
            ModulePage(path: "cases", title: "案件与事项流转") { request in
                let rows = try request.database.writer.read { try Coordination.cases(in: $0) }
                return Report(title: "破产案件", sections: [ReportSection("案件（\(rows.count)）", table: ReportTable(rows))])
            },
            ModulePage(path: "decisions", title: "议定事项", fields: [onField]) { request in
                let day = try request.date("on") ?? request.context.today
                let rows = try request.database.writer.read { try Coordination.decisions(on: day, in: $0) }
                return Report(title: "议定事项", facts: [Report.Fact("核查日期", day.description)], sections: [ReportSection("事项（\(rows.count)）", table: ReportTable(rows))])
            },
            ModulePage(path: "lists", title: "名单报送", fields: [onField]) { request in
                let day = try request.date("on") ?? request.context.today
                let rows = try request.database.writer.read { try MemberLists.due(year: day.year, on: day, parameters: try parameters(), in: $0) }
                return Report(title: "名单报送", facts: [Report.Fact("核查日期", day.description)], sections: [ReportSection("名单（\(rows.count)）", table: ReportTable(rows))])
            },
        ]
    }

    /// Lists and decisions overdue on `today`.
    public static func agenda(on today: CivilDate, calendar: WorkingDayCalendar, in db: Database) throws -> [AgendaItem] {
        // Last year's periods too: in January, the fourth quarter's lists fall due.
        let parameters = try parameters()
        let due = try [today.year - 1, today.year].flatMap { try MemberLists.due(year: $0, on: today, parameters: parameters, in: db) }
        let lists = due.filter(\.overdue).map {
            AgendaItem(module: id, what: "\($0.unit)：\($0.list)（\($0.period)）", due: $0.due, overdue: true, citation: $0.citation)
        }
        let decisions = try Coordination.decisions(on: today, in: db).filter(\.overdue).map {
            AgendaItem(module: id, what: "\($0.owner)：\($0.task)", due: $0.due, overdue: true, citation: $0.citation)
        }
        return lists + decisions
    }
}
