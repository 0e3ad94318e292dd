import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

extension AntiMoneyLaunderingModule: WebModule {
    public static let title = "反洗钱工作联席会议"

    public static let ledgers: [LedgerBook] = [LedgerBook(MeetingRecord.self, title: "联席会议"), LedgerBook(FollowUpRecord.self, title: "议定事项督办")]

    public static var pages: [ModulePage] {
        [
            ModulePage(path: "followups", title: "督办事项", fields: [ModulePage.Field("on", label: "核查日期", kind: .date)]) { request in
                let day = try request.date("on") ?? request.context.today
                let rows = try request.database.writer.read { try JointMeeting.followUps(on: day, in: $0) }
                return Report(title: "会议议定事项落实", facts: [Report.Fact("核查日期", day.description)],
                              sections: [ReportSection("事项（\(rows.count)）", table: ReportTable(rows))])
            },
            ModulePage(path: "meetings", title: "会议台账") { request in
                let rows = try request.database.writer.read { try JointMeeting.meetings(in: $0) }
                return Report(title: "会议台账", sections: [ReportSection("会议（\(rows.count)）", table: ReportTable(rows))])
            },
            ModulePage(path: "who", title: "职责查询", fields: [ModulePage.Field("topic", label: "议题（如 可疑交易）")]) { request in
                guard let topic = request.value("topic") else {
                    return Report(title: "职责查询", sections: [ReportSection("说明", paragraphs: [.init("填写议题，列出职责涉及该议题的成员单位。")])])
                }
                let rows = try request.database.writer.read { try JointMeeting.who(topic, in: $0) }
                return Report(title: "职责查询：\(topic)", sections: [ReportSection("成员单位（\(rows.count)）", table: ReportTable(rows))])
            },
        ]
    }

    /// Follow-ups open and due by `today`.
    public static func agenda(on today: CivilDate, calendar: WorkingDayCalendar, in db: Database) throws -> [AgendaItem] {
        try JointMeeting.followUps(on: today, in: db).filter { $0.closedOn == nil && ($0.due.map { $0 <= today } ?? false) }.map {
            AgendaItem(module: id, what: "\($0.unit)：\($0.decision)", due: $0.due, overdue: $0.overdue, citation: $0.basis)
        }
    }
}
