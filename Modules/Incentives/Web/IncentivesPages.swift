import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

extension IncentivesModule: WebModule {
    public static let title = "“六个一”平台招引"

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
