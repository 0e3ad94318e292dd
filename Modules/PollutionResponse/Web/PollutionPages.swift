import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

extension PollutionResponseModule: WebModule {
    public static let title = "重污染天气应急"

    public static let ledgers: [LedgerBook] = [
        LedgerBook(AlertRecord.self, title: "预警"), LedgerBook(AdjustmentRecord.self, title: "预警调整"), LedgerBook(ReportRecord.self, title: "信息报送"),
        LedgerBook(Enterprise.self, title: "应急减排清单企业"),
    ]

    /// A forecast the assessment form holds until the clerk types another: three days at 橙色.
    static let sampleForecast = "date,aqi\n2020-12-01,230\n2020-12-02,260\n2020-12-03,240\n"

    static let time = "如 2020-12-01T13:00；没有区域预警时可只写日期"

    public static let actions: [ModuleAction] = [
        ModuleAction(path: "issue", title: "发布预警", summary: "记录已发布的预警；签发人按当日现行预案的名单确定（四(二)）。", fields: [
            .choice("level", label: "预警级别", AlertLevel.self, except: [.none]),
            ActionField("issued", label: "发布时间", required: true, hint: time, fills: "issued-at"),
            ActionField("regional-alert", label: "收到区域预警的时间", hint: "如 2020-12-01T08:00；可空", fills: "regional-alert-at"),
            ActionField("note", label: "备注"),
        ], perform: issue),
        ModuleAction(path: "adjust", title: "调整预警级别", summary: "记录市里发布的预警级别调整（四(三)），签发人与发布时相同方式确定。", fields: [
            ActionField("alert", label: "预警编号", required: true, fills: "alert-id"),
            .choice("level", label: "调整后级别", AlertLevel.self, except: [.none]),
            ActionField("at", label: "调整时间", required: true, hint: time, fills: "adjusted-at"),
            ActionField("note", label: "备注（市里的通知）"),
        ], entry: ("alerts", "alert"), perform: adjust),
        ModuleAction(path: "lift", title: "解除预警", summary: "记录预警解除的时间。", fields: [
            ActionField("alert", label: "预警编号", required: true, fills: "alert-id"),
            ActionField("lifted", label: "解除时间", required: true, hint: time, fills: "lifted-at"),
        ], entry: ("alerts", "alert"), perform: lift),
        ModuleAction(path: "report", title: "报送信息", summary: "记录一份已报送的报告；晚于时限报送的标为逾期报送。", fields: [
            ActionField("alert", label: "预警编号", required: true, fills: "alert-id"),
            .choice("kind", label: "报告类型", ReportKind.self),
            .date("date", label: "所报日期（时限表所列）"),
            .date("filed", label: "报送日期", required: false, hint: "如 2026年3月1日；留空为今天", fills: "filed-on"),
        ], entry: ("alerts", "alert"), perform: report),
    ]

    static let timeForms = "a time (YYYY-MM-DDTHH:MM, or the day alone)"

    static func issue(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let alert = try AlertLedger.issue(
            level: try request.requiredChoice("level", as: AlertLevel.self),
            issued: try request.requiredParsed("issued", as: timeForms) { LocalDateTime($0) },
            regional: try request.parsed("regional-alert", as: "a time (YYYY-MM-DDTHH:MM)") { LocalDateTime($0) },
            note: request.text("note"), by: request.context, in: db)
        let signer = alert.signer.map { "，签发人 \($0)" } ?? "；当日无现行预案名单，未定签发人"
        return ActionResult("预警 \(alert.id!)：\(alert.level.label)，发布于 \(alert.issuedAt)\(signer)", ledger: "alerts", key: "\(alert.id!)")
    }

    static func adjust(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let alert = try request.requiredParsed("alert", as: "the number of an alert") { Int64($0) }
        let adjustment = try AlertLedger.adjust(alert, to: try request.requiredChoice("level", as: AlertLevel.self),
                                                at: try request.requiredParsed("at", as: timeForms) { LocalDateTime($0) },
                                                note: request.text("note"), by: request.context, in: db)
        return ActionResult("预警 \(alert) 调整为\(adjustment.level.label)（调整记录 \(adjustment.id!)）", ledger: "adjustments", key: "\(adjustment.id!)")
    }

    static func lift(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let alert = try request.requiredParsed("alert", as: "the number of an alert") { Int64($0) }
        let lifted = try request.requiredParsed("lifted", as: timeForms) { LocalDateTime($0) }
        try AlertLedger.lift(alert, at: lifted, by: request.context, in: db)
        return ActionResult("预警 \(alert)：解除于 \(lifted)", ledger: "alerts", key: "\(alert)")
    }

    static func report(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let alert = try request.requiredParsed("alert", as: "the number of an alert") { Int64($0) }
        let filed = try request.date("filed") ?? request.context.today
        let report = try AlertLedger.report(alert, kind: try request.requiredChoice("kind", as: ReportKind.self), date: try request.requiredDate("date"),
                                            filed: filed, by: request.context, in: db)
        return ActionResult("预警 \(alert)：\(report.kind.label)（\(report.date)）于 \(filed) 报送", ledger: "reports", key: "\(report.id!)")
    }

    public static var pages: [ModulePage] {
        [
            ModulePage(path: "assess", title: "预警评估", fields: [
                ModulePage.Field("forecast", label: "空气质量预报（CSV：date,aqi 或逐时浓度）", kind: .textarea, initial: sampleForecast),
                ModulePage.Field("regional-alert", label: "收到区域预警的时间（YYYY-MM-DDTHH:MM，可空）"),
            ], answer: assessment),
            ModulePage(path: "alerts", title: "预警台账", fields: [ModulePage.Field("on", label: "核查日期", kind: .date)]) { request in
                let day = try request.date("on") ?? request.context.today
                let deadlines = ResponseDeadlines(parameters: try parameters(), calendar: request.calendar)
                let alerts = try request.database.writer.read { try AlertLedger.list(on: day, deadlines: deadlines, in: $0) }
                return Report(title: "预警台账", facts: [Report.Fact("核查日期", day.description)],
                              sections: [ReportSection("预警（\(alerts.count)）", table: ReportTable(alerts))])
            },
            ModulePage(path: "notice", title: "预警发布通知", fields: [ModulePage.Field("alert", label: "预警编号")], entry: ("alerts", "alert"), answer: notice),
            ModulePage(path: "duties", title: "成员单位职责") { request in
                let duties = try request.database.writer.read { db in
                    try DocumentQueries.bodyIds(foundedByDocumentsOf: id, in: db).flatMap { try RosterQueries.duties(bodyId: $0, in: db) }
                }
                return Report(title: "应急指挥部成员单位职责", sections: [ReportSection("职责（\(duties.count)）", table: ReportTable(duties))])
            },
        ]
    }

    /// The notice of an alert as issued (预警发布通知), to print and file: its level and response,
    /// when, the measures of every level up to it in full (五(三)4) and who signs it (四(二)).
    static func notice(_ request: PageRequest) throws -> Report {
        guard let typed = request.value("alert") else {
            return Report(title: "预警发布通知", sections: [ReportSection("说明", paragraphs: [.init("填写预警编号，生成可打印存档的预警发布通知。")])])
        }
        guard let id = Int64(typed) else { throw ArgumentError("alert \(typed) is not the number of an alert") }
        let (alert, plan, signer) = try request.database.writer.read { db in
            let alert = try AlertRecord.entry(id, in: db)
            return (alert, try PlanDocument.find(on: alert.issuedAt.date, in: db), try AlertLedger.signer(alert.level, at: alert.issuedAt, in: db))
        }
        guard let plan else {
            throw ArgumentError("no heavy-pollution plan was in force on \(alert.issuedAt.date): the notice quotes its measures; import it")
        }
        var facts = [
            Report.Fact("预警级别", "\(alert.level.label)预警", citation: "\(plan.number) 四(一)"),
            Report.Fact("响应级别", alert.level.response.map { "\($0)级响应" } ?? "无"),
            Report.Fact("发布时间", alert.issuedAt.description),
        ]
        if let regional = alert.regionalAlertAt { facts.append(Report.Fact("区域预警", regional.description)) }
        // The signer as the roster in force names them for this level; the ledger's, where a
        // correction of the level has left it behind, is said beside it.
        facts.append(Report.Fact("签发人", signer ?? "（当日无现行预案名单）", citation: "\(plan.number) 四(二)"))
        if let recorded = alert.signer, recorded != signer {
            facts.append(Report.Fact("台账所记签发人", "\(recorded)（与现行名单对此级别的签发人不一致，请核对，必要时更正台账）"))
        }
        if alert.voidedAt != nil { facts.append(Report.Fact("状态", "已作废：\(alert.voidReason ?? "")")) }
        let measures = Assessor.measures(upTo: alert.level.response ?? "", in: plan.document)
        return Report(title: "周村区重污染天气\(alert.level.label)预警发布通知", facts: facts, sections: [
            ReportSection("应急措施", paragraphs: measures.map { .init("\($0.heading)\n\($0.text)", citation: $0.citation) }),
        ] + (alert.note.map { [ReportSection("备注", paragraphs: [.init($0)])] } ?? []))
    }

    /// The assessment of a forecast typed into the form: the same `Assessor` as `pollution assess`.
    static func assessment(_ request: PageRequest) throws -> Report {
        guard let text = request.value("forecast") else {
            return Report(title: "预警评估", sections: [ReportSection("说明", paragraphs: [.init("填写空气质量预报后提交，即按预案给出预警级别、签发人、措施和时限。")])])
        }
        let regional = try request.value("regional-alert").map { value -> LocalDateTime in
            guard let time = LocalDateTime(value) else { throw ArgumentError("regional-alert: \(value) is not a time (YYYY-MM-DDTHH:MM)") }
            return time
        }
        let forecast = try Forecast.parse(text, file: "forecast", index: try AirQualityIndex.standard())
        let assessment = try Assessor(parameters: try parameters(), calendar: request.calendar)
            .assess(forecast, regional: regional, database: request.database)
        var facts = [Report.Fact("预警级别", assessment.alert.label, citation: assessment.reasons.first?.citation)]
        if let response = assessment.response { facts.append(Report.Fact("响应级别", "\(response)级")) }
        facts.append(Report.Fact("预案", assessment.plan))
        if let signer = assessment.signer {
            facts.append(Report.Fact("签发", "\(signer.role) \(signer.name ?? "（名单中无此职务）")"
                                     + (signer.afterAgreementOf.map { "，经副指挥长（\($0.joined(separator: "、"))）同意" } ?? ""), citation: signer.citation))
        }
        var sections = [ReportSection("依据", paragraphs: assessment.reasons.map { .init($0.text, citation: $0.citation) })]
        if let targets = assessment.targets {
            sections.append(ReportSection("减排目标", paragraphs: [
                .init("二氧化硫、氮氧化物、颗粒物和挥发性有机物各减排 \(targets.eachPercent)% 以上，二氧化硫与氮氧化物合计 \(targets.so2PlusNoxPercent)% 以上", citation: targets.citation),
                .init("燃煤机组日减排 \(targets.coalPowerDailyPercent)%", citation: targets.coalPowerCitation),
            ]))
        }
        if !assessment.measures.isEmpty {
            sections.append(ReportSection("措施", paragraphs: assessment.measures.map { .init("\($0.heading)\n\($0.text)", citation: $0.citation) }))
        }
        if !assessment.deadlines.isEmpty {
            sections.append(ReportSection("时限", paragraphs: assessment.deadlines.map { .init("\($0.due)：\($0.what)", citation: $0.citation) }))
        }
        if !assessment.notes.isEmpty { sections.append(ReportSection("说明", paragraphs: assessment.notes.map { .init($0) })) }
        return Report(title: "预警评估", facts: facts, sections: sections, figureSVG: ForecastChart.svg(forecast, alert: assessment.alert))
    }

    /// Open alerts, and each report overdue on them.
    public static func agenda(on today: CivilDate, calendar: WorkingDayCalendar, in db: Database) throws -> [AgendaItem] {
        let deadlines = ResponseDeadlines(parameters: try parameters(), calendar: calendar)
        return try AlertLedger.list(on: today, deadlines: deadlines, in: db).filter { $0.voidedAt == nil }.flatMap { alert in
            (alert.liftedAt == nil ? [AgendaItem(module: id, what: "预警 \(alert.id)（\(alert.level.label)）未解除", due: nil, overdue: false,
                                                  citation: "\(PlanDocument.number) 四")] : [])
                + alert.overdue.map { AgendaItem(module: id, what: "预警 \(alert.id)：\($0.what)", due: CivilDate(String($0.due.prefix(10))),
                                                overdue: true, citation: $0.citation) }
        }
    }
}
