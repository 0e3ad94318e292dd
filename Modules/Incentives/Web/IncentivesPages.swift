import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

extension IncentivesModule: WebModule {
    public static let title = "“六个一”平台招引"

    public static let actions: [ModuleAction] = [
        ModuleAction(path: "pay", title: "兑现补贴", summary: "记录一笔补贴兑现；规则不允许的，须写明区里一事一议的决定（三(三)）。", fields: [
            ActionField("project", label: "项目（编号或名称）", required: true, fills: "project-id"),
            .choice("kind", label: "补贴类型", PaymentKind.self),
            .amount("amount", label: "金额"),
            .date("date", label: "兑现日期"),
            ActionField("override", label: "一事一议的决定（仅在规则不允许而区里决定兑现时填写）", fills: "override-reason"),
        ], entry: ("projects", "project"), perform: pay),
        ModuleAction(path: "result", title: "登记年度效益", summary: "记录项目投产某一年的亩均税收、年度税收和是否仍在区内经营。", fields: [
            ActionField("project", label: "项目（编号或名称）", required: true, fills: "project-id"),
            ActionField("year", label: "投产第几年", required: true, hint: "从 1 起"),
            .amount("tax-per-mu", label: "亩均税收", required: false),
            .amount("annual-tax", label: "年度税收", required: false),
            .choice("operating", label: "是否仍在区内经营", YesNo.self, required: false),
        ], entry: ("projects", "project"), perform: result),
        ModuleAction(path: "allocate", title: "安排专项资金", summary: "为园区或招商公司安排某年的专项资金；不填金额即按二(四)的标准，另填的标出差异。", fields: [
            ActionField("holder", label: "园区或公司", required: true),
            .choice("kind", label: "类别", FundHolderKind.self),
            ActionField("year", label: "年度", required: true, hint: "如 2021"),
            .amount("amount", label: "金额（不填按标准）", required: false),
        ], perform: allocate),
        ModuleAction(path: "spend", title: "登记资金使用", summary: "记录专项资金的一笔支出；未用于招商的标为违规使用（三(二)）。", fields: [
            ActionField("holder", label: "园区或公司", required: true),
            ActionField("year", label: "资金年度", required: true, hint: "如 2021"),
            .amount("amount", label: "金额"),
            .date("date", label: "支出日期"),
            ActionField("purpose", label: "用途", required: true),
            .choice("misuse", label: "是否未用于招商", YesNo.self, required: false),
        ], perform: spend),
    ]

    static func pay(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let project = try ProjectLedger.id(try request.required("project"), in: db)
        let payment = try ProjectLedger.pay(project, kind: try request.requiredChoice("kind", as: PaymentKind.self),
                                            amount: try request.requiredAmount("amount"),
                                            on: try request.requiredDate("date"), override: request.text("override"), by: request.context, in: db)
        return ActionResult("项目 \(project)：\(payment.kind.label) \(payment.amount)万元，\(payment.date) 兑现", ledger: "payments", key: "\(payment.id!)")
    }

    static func result(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let project = try ProjectLedger.id(try request.required("project"), in: db)
        let result = try ProjectLedger.result(YearResult(
            projectId: project, year: try request.requiredParsed("year", as: "a year of production (1, 2, …)") { Int($0) },
            taxPerMu: try request.amount("tax-per-mu"), annualTax: try request.amount("annual-tax"),
            operating: try request.choice("operating", as: YesNo.self).map { $0 == .yes }), by: request.context, in: db)
        return ActionResult("项目 \(project)：投产第 \(result.year) 年效益已登记", ledger: "results", key: "\(result.id!)")
    }

    static func allocate(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let fund = try FundLedger.allocate(holder: try request.required("holder"), kind: try request.requiredChoice("kind", as: FundHolderKind.self),
                                           year: try request.requiredParsed("year", as: "a year") { Int($0) }, amount: try request.amount("amount"),
                                           parameters: try parameters(), by: request.context, in: db)
        return ActionResult("\(fund.holder) \(fund.year) 年：安排 \(fund.allocated)万元", ledger: "funds", key: "\(fund.id!)")
    }

    static func spend(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let spending = try FundLedger.spend(holder: try request.required("holder"), year: try request.requiredParsed("year", as: "a year") { Int($0) },
                                            amount: try request.requiredAmount("amount"),
                                            on: try request.requiredDate("date"), purpose: try request.required("purpose"),
                                            misuse: try request.choice("misuse", as: YesNo.self) == .yes, by: request.context, in: db)
        return ActionResult("\(spending.holder) \(spending.year) 年资金：支出 \(spending.amount)万元", ledger: "spending", key: "\(spending.id!)")
    }

    public static let ledgers: [LedgerBook] = [
        LedgerBook(ProjectEntry.self, title: "招引项目"), LedgerBook(Payment.self, title: "兑现"), LedgerBook(YearResult.self, title: "年度效益"),
        LedgerBook(FundRecord.self, title: "专项资金"), LedgerBook(SpendingRecord.self, title: "资金使用"),
    ]

    public static var pages: [ModulePage] {
        [
            ModulePage(path: "projects", title: "项目台账") { request in
                let rows = try request.database.writer.read { try ProjectLedger.records(in: $0) }
                return Report(title: "项目台账", sections: [ReportSection("项目（\(rows.count)）", table: ReportTable(rows))])
            },
            ModulePage(path: "funds", title: "工作经费", fields: [ModulePage.Field("year", label: "年度")]) { request in
                let year = try request.value("year").map { text -> Int in
                    guard let year = Int(text), (2000...2100).contains(year) else { throw ArgumentError("year: \(text) is not a year") }
                    return year
                }
                let rows = try request.database.writer.read { try FundLedger.lines(year: year, parameters: try parameters(), in: $0) }
                return Report(title: "工作经费", sections: [ReportSection("经费（\(rows.count)）", table: ReportTable(rows))])
            },
        ]
    }

    /// The projects' ledger has no dates falling due: nothing for the day's list.
    public static func agenda(on today: CivilDate, calendar: WorkingDayCalendar, in db: Database) throws -> [AgendaItem] { [] }
}
