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

    public static let actions: [ModuleAction] = [
        ModuleAction(path: "open", title: "登记破产案件", summary: "法院受理破产案件后登记。", fields: [
            ActionField("debtor", label: "债务人企业", required: true),
            .date("accepted", label: "法院受理日期", fills: "accepted-on"),
            ActionField("administrator", label: "管理人"),
        ], perform: open),
        ModuleAction(path: "matter", title: "提交协调事项", summary: "把附件2中的一项事项提交协调，按附件2转给联动部门。", fields: [
            ActionField("case", label: "案件编号", required: true, fills: "case-id"),
            ActionField("matter", label: "附件2中的事项序号", required: true, hint: "如 三 或 3"),
            ActionField("note", label: "存在的问题"),
        ], entry: ("cases", "case"), perform: matter),
        ModuleAction(path: "meet", title: "登记协调会议", summary: "记录就一项事项召开的协调会议；未能解决的，按四提交上一级。", fields: [
            ActionField("case", label: "案件编号", required: true),
            ActionField("matter", label: "事项序号（案件有多项时必填）"),
            .choice("level", label: "会议层级", MeetingLevel.self),
            .date("date", label: "会议日期"),
            ActionField("chair", label: "主持人（按名单核对）"),
            .choice("outcome", label: "会议结果", MeetingOutcome.self),
            ActionField("decision", label: "议定由成员单位落实的事项"),
            ActionField("owner", label: "落实单位"),
            .date("due", label: "落实时限", required: false),
            ActionField("note", label: "备注"),
        ], entry: ("cases", "case"), perform: meet),
        ModuleAction(path: "meeting", title: "登记联席会议", summary: "记录不针对某一案件的联席会议或专题会议。", fields: [
            .choice("level", label: "会议层级", MeetingLevel.self),
            .date("date", label: "会议日期"),
            ActionField("chair", label: "主持人（按名单核对）"),
            ActionField("note", label: "备注"),
        ], perform: meeting),
        ModuleAction(path: "close-case", title: "案件终结", summary: "法院终结案件后登记结果（终结、重整、和解等）。", fields: [
            ActionField("case", label: "案件编号", required: true),
            .date("date", label: "终结日期", fills: "closed-on"),
            ActionField("outcome", label: "结果", required: true),
        ], entry: ("cases", "case"), perform: closeCase),
        ModuleAction(path: "close-decision", title: "议定事项落实", summary: "记录会议议定事项的落实结果。", fields: [
            ActionField("decision", label: "议定事项编号", required: true),
            .date("date", label: "落实日期", fills: "closed-on"),
            ActionField("outcome", label: "落实结果", required: true),
        ], entry: ("decisions", "decision"), perform: closeDecision),
        ModuleAction(path: "file", title: "报送名单", summary: "记录成员单位按五(二)报送某一期的名单。", fields: [
            ActionField("list", label: "名单（名称或代码）", required: true, hint: "如 吊销企业名单、欠税企业名单"),
            ActionField("period", label: "期间", required: true, hint: "如 2021-Q1，见「名单报送」一页"),
            .date("date", label: "报送日期", fills: "filed-on"),
        ], perform: file),
        ModuleAction(path: "contact", title: "登记联络员", summary: "登记成员单位的联络员。", fields: [
            ActionField("unit", label: "成员单位", required: true),
            ActionField("name", label: "姓名", required: true),
            ActionField("post", label: "职务"),
            ActionField("phone", label: "电话"),
            .date("since", label: "起始日期", required: false, hint: "留空为今天"),
        ], perform: contact),
    ]

    static func caseId(_ request: ActionRequest) throws -> Int64 {
        try request.requiredParsed("case", as: "the number of a case") { Int64($0) }
    }

    static func open(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try Coordination.open(debtor: try request.required("debtor"), accepted: try request.requiredDate("accepted"),
                                       administrator: request.text("administrator"), by: request.context, in: db)
        return ActionResult("案件 \(id) 已登记", ledger: "cases", key: "\(id)")
    }

    static func matter(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let typed = try request.required("matter")
        let added = try Coordination.addMatter(caseId: try caseId(request), matter: Int(typed).map { SectionNumber.chinese($0) } ?? typed,
                                               note: request.text("note"), by: request.context, in: db)
        return ActionResult("协调事项 \(added.id)：\(added.matter)、\(added.title)，转 \(added.units.joined(separator: "、"))（\(added.citation)）",
                            ledger: "case-matters", key: "\(added.id)")
    }

    static func meet(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let matter = try Coordination.caseMatter(of: try caseId(request), matter: request.text("matter"), in: db)
        let result = try Coordination.meet(caseMatter: matter, level: try request.requiredChoice("level", as: MeetingLevel.self), date: try request.requiredDate("date"),
                                           chair: request.text("chair"), outcome: try request.requiredChoice("outcome", as: MeetingOutcome.self),
                                           note: request.text("note"), decision: request.text("decision"), owner: request.text("owner"), due: try request.date("due"),
                                           by: request.context, in: db)
        let summary = result.status == .settled ? "协调事项 \(matter)：已解决" : "协调事项 \(matter)：未解决，提交\(result.level.label)（\(result.level.citation)）"
        return ActionResult(summary, ledger: "case-matters", key: "\(matter)")
    }

    static func meeting(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try Coordination.meeting(level: try request.requiredChoice("level", as: MeetingLevel.self), date: try request.requiredDate("date"),
                                          chair: request.text("chair"), note: request.text("note"), by: request.context, in: db)
        return ActionResult("会议 \(id) 已登记", ledger: "meetings", key: "\(id)")
    }

    static func closeCase(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try caseId(request)
        try Coordination.close(id, on: try request.requiredDate("date"), outcome: try request.required("outcome"), by: request.context, in: db)
        return ActionResult("案件 \(id) 已终结", ledger: "cases", key: "\(id)")
    }

    static func closeDecision(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try request.requiredParsed("decision", as: "the number of a decision") { Int64($0) }
        try Coordination.closeDecision(id, on: try request.requiredDate("date"), outcome: try request.required("outcome"), by: request.context, in: db)
        return ActionResult("议定事项 \(id) 已落实", ledger: "decisions", key: "\(id)")
    }

    static func file(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let (list, period) = (try request.required("list"), try request.required("period"))
        try MemberLists.file(code: list, period: period, on: try request.requiredDate("date"), by: request.context, in: db)
        return ActionResult("\(list)（\(period)）已报送")
    }

    static func contact(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let contact = try Coordination.addContact(unit: try request.required("unit"), name: try request.required("name"), post: request.text("post"),
                                                  phone: request.text("phone"), since: try request.date("since") ?? request.context.today,
                                                  by: request.context, in: db)
        return ActionResult("联络员 \(contact.id!)：\(contact.name)（\(contact.unit)）", ledger: "contacts", key: "\(contact.id!)")
    }

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
