import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

extension AntiMoneyLaunderingModule: WebModule {
    public static let title = "反洗钱工作联席会议"

    public static let ledgers: [LedgerBook] = [LedgerBook(MeetingRecord.self, title: "联席会议"), LedgerBook(FollowUpRecord.self, title: "议定事项督办")]

    public static let actions: [ModuleAction] = [
        ModuleAction(path: "meet", title: "登记会议", summary: "记录一次联席会议（全体会议或部分成员会议）；重大事项报上级审定（四(一)）。", fields: [
            .date("date", label: "会议日期"),
            .choice("kind", label: "会议类型", MeetingKind.self),
            ActionField("subject", label: "会议主题", required: true),
            ActionField("topics", label: "议题编号", hint: "见「议题」一页，多个用顿号分隔"),
            ActionField("units", label: "出席的成员单位（部分成员会议）", hint: "多个用顿号分隔"),
            .choice("report-upward", label: "是否报上级审定", YesNo.self, required: false),
        ], perform: meet),
        ModuleAction(path: "minutes", title: "记录会议纪要", summary: "记录会议纪要；纪要送达每个成员单位（三）。", fields: [
            ActionField("meeting", label: "会议编号", required: true),
            ActionField("text", label: "纪要", required: true),
        ], entry: ("meetings", "meeting"), perform: minutes),
        ModuleAction(path: "receive", title: "登记纪要签收", summary: "记录成员单位收到会议纪要的日期。", fields: [
            ActionField("meeting", label: "会议编号", required: true),
            ActionField("unit", label: "成员单位", required: true),
            .date("date", label: "签收日期"),
        ], entry: ("meetings", "meeting"), perform: receive),
        ModuleAction(path: "follow-up", title: "分解议定事项", summary: "把会议议定的事项分解给责任单位，或按职责交给职责涵盖它的单位。", fields: [
            ActionField("meeting", label: "会议编号", required: true, fills: "meeting-id"),
            ActionField("decision", label: "议定事项", required: true),
            ActionField("units", label: "责任单位", hint: "多个用顿号分隔", fills: "unit"),
            ActionField("by-duty", label: "按职责交办的关键词", hint: "多个用顿号分隔"),
            .date("due", label: "办理时限", required: false),
            .choice("report-upward", label: "是否报上级审定", YesNo.self, required: false),
        ], entry: ("meetings", "meeting"), perform: followUp),
        ModuleAction(path: "close", title: "议定事项办结", summary: "记录议定事项办结。", fields: [
            ActionField("follow-up", label: "督办事项编号", required: true),
            .date("date", label: "办结日期", fills: "closed-on"),
            ActionField("outcome", label: "办理结果"),
        ], entry: ("followups", "follow-up"), perform: close),
    ]

    static func meeting(_ request: ActionRequest) throws -> Int64 {
        try request.requiredParsed("meeting", as: "the number of a meeting") { Int64($0) }
    }

    static func meet(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        var topics: [Int] = []
        for topic in request.list("topics") {
            guard let number = Int(topic) else { throw EntryError("topics", "\(topic) is not a topic number") }
            topics.append(number)
        }
        let kind = try request.requiredChoice("kind", as: MeetingKind.self)
        let id = try JointMeeting.addMeeting(date: try request.requiredDate("date"), kind: kind, subject: try request.required("subject"), topics: topics,
                                             units: request.list("units"), reportUpward: try request.choice("report-upward", as: YesNo.self) == .yes,
                                             by: request.context, in: db)
        return ActionResult("会议 \(id)：\(kind.label)", ledger: "meetings", key: "\(id)")
    }

    static func minutes(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try meeting(request)
        try JointMeeting.recordMinutes(id, text: try request.required("text"), by: request.context, in: db)
        return ActionResult("会议 \(id)：纪要已记录，送达各成员单位", ledger: "meetings", key: "\(id)")
    }

    static func receive(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try meeting(request)
        let unit = try request.required("unit")
        try JointMeeting.receive(id, unit: unit, on: try request.requiredDate("date"), by: request.context, in: db)
        return ActionResult("会议 \(id)：\(unit) 已签收纪要", ledger: "meetings", key: "\(id)")
    }

    static func followUp(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let ids = try JointMeeting.addFollowUp(meeting: try meeting(request), decision: try request.required("decision"), units: request.list("units"),
                                               keywords: request.list("by-duty"), due: try request.date("due"),
                                               reportUpward: try request.choice("report-upward", as: YesNo.self) == .yes, by: request.context, in: db)
        return ActionResult("督办事项 " + ids.map(String.init).joined(separator: "、") + " 已分解", ledger: ids.count == 1 ? "followups" : nil,
                            key: ids.first.map { "\($0)" })
    }

    static func close(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try request.requiredParsed("follow-up", as: "the number of a follow-up") { Int64($0) }
        try JointMeeting.close(id, on: try request.requiredDate("date"), outcome: request.text("outcome"), by: request.context, in: db)
        return ActionResult("督办事项 \(id) 已办结", ledger: "followups", key: "\(id)")
    }

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
            ModulePage(path: "deliveries", title: "会议纪要送达单", fields: [ModulePage.Field("meeting", label: "会议编号")], entry: ("meetings", "meeting")) { request in
                guard let typed = request.value("meeting") else {
                    return Report(title: "会议纪要送达单", sections: [ReportSection("说明", paragraphs: [.init("填写会议编号，列出纪要送达的成员单位及签收情况，可打印存档。")])])
                }
                guard let id = Int64(typed) else { throw ArgumentError("meeting \(typed) is not the number of a meeting") }
                let meeting = try request.database.writer.read { try JointMeeting.meeting(id, in: $0) }
                let received = meeting.deliveries.filter { $0.receivedOn != nil }.count
                return Report(title: "会议纪要送达单", facts: [
                    Report.Fact("会议", "\(meeting.subject)（\(meeting.kind.label)，\(meeting.date)）"),
                    Report.Fact("纪要", meeting.minutes == nil ? "尚未记录" : "送达 \(meeting.deliveries.count) 个成员单位，已签收 \(received) 个", citation: meeting.citation),
                ], sections: [
                    ReportSection("送达单位（\(meeting.deliveries.count)）", table: ReportTable(
                        header: ["unit", "received", "signature"],
                        rows: meeting.deliveries.map { [$0.unit, $0.receivedOn?.description ?? "", ""] })),
                ])
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
