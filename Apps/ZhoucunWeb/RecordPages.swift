import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import ModuleSpine

/// A table of strings with its header in the page's words, as the templates draw it: sorted by the
/// column a visitor chose and cut into pages (`TableState`); the JSON and the downloads keep the
/// whole table in the report's order.
struct TableView {
    struct Row { var cells: [Cell] }
    /// A cell, and its link where it has one (`linked`: a missing `href` would be looked up in the page around the table).
    struct Cell {
        var text: String
        var href: String
        var linked: Bool
        init(text: String, href: String?) { (self.text, self.href, linked) = (text, href ?? "", href != nil) }
    }
    /// A column's heading: a link that sorts by it (again: the other way), `aria-sort` where it does.
    struct Heading { var text: String; var href: String; var ariaSort: String?; var mark: String }
    struct Pager { var summary: String; var previous: String?; var next: String? }
    var header: [Heading]
    var rows: [Row]
    var empty: Bool
    var pager: Pager?

    /// A module's table: the command line's columns, headed in Chinese; a citation column links
    /// to its clause, and the first cell of a row to `link(row)` where it gives one (row as in `table`).
    init(_ table: ReportTable, _ state: TableState, link: ((Int) -> String?)? = nil) {
        let citations = Set(table.header.indices.filter { table.header[$0] == "citation" })
        header = table.header.enumerated().map { column, name in
            let sorted = state.column == column
            return Heading(
                text: Chinese.column(name),
                href: state.link(sort: column, descending: sorted && !state.descending),
                ariaSort: sorted ? (state.descending ? "descending" : "ascending") : nil,
                mark: sorted ? (state.descending ? " ▼" : " ▲") : "")
        }
        var ordered = Array(table.rows.enumerated())
        if let column = state.column {
            ordered.sort { left, right in
                let order = TableState.compare(left.element[safe: column], right.element[safe: column])
                if order == .orderedSame { return left.offset < right.offset }
                return state.descending ? order == .orderedDescending : order == .orderedAscending
            }
        }
        let pages = max(1, (ordered.count + state.size - 1) / state.size)
        let page = min(state.page, pages)
        rows = ordered.dropFirst((page - 1) * state.size).prefix(state.size).map { row, cells in
            Row(cells: cells.enumerated().map { index, text in
                if index == 0, let href = link?(row) { return Cell(text: text, href: href) }
                return citations.contains(index) ? Cell(text: text, href: CitationLink(text).href) : Cell(text: text, href: nil)
            })
        }
        empty = table.rows.isEmpty
        pager = pages == 1 ? nil : Pager(
            summary: "共 \(ordered.count) 行，第 \(page) / \(pages) 页",
            previous: page > 1 ? state.link(page: page - 1) : nil,
            next: page < pages ? state.link(page: page + 1) : nil)
    }
}

/// How a visitor asked table `index` of a page to be shown, from the query: `sort0=2` (by its
/// second column), `desc0=1` (the other way), `page0=3`, and `size` rows a page for every table.
struct TableState {
    static let defaultSize = 50
    var index: Int
    var column: Int?
    var descending: Bool
    var page: Int
    var size: Int
    /// The page's path and its query as it came, to make the links from.
    var path: String
    var query: String

    init(index: Int, columns: Int, request: Request) throws {
        self.index = index
        path = request.uri.path
        query = request.uri.query ?? ""
        func number(_ name: String, _ range: ClosedRange<Int>, _ meaning: String) throws -> Int? {
            guard let text = Web.query(name, request) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw WebError.badRequest("\(name)=\(text)：\(meaning)应为 \(range.lowerBound) 到 \(range.upperBound) 的整数")
            }
            return value
        }
        column = try columns == 0 ? nil : number("sort\(index)", 1...columns, "列号").map { $0 - 1 }
        descending = Web.query("desc\(index)", request) == "1"
        page = try number("page\(index)", 1...Int(Int32.max), "页码") ?? 1
        size = try number("size", 10...1000, "每页行数") ?? Self.defaultSize
    }

    /// This page's address with table `index` sorted by `column`, from its first page.
    func link(sort column: Int, descending: Bool) -> String {
        link(["sort\(index)": String(column + 1), "desc\(index)": descending ? "1" : nil, "page\(index)": nil])
    }

    func link(page: Int) -> String {
        link(["page\(index)": String(page)])
    }

    /// The query as it came, but for the names given (set, or taken out where nil).
    private func link(_ changes: [String: String?]) -> String {
        var pairs = query.split(separator: "&").filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return !name.isEmpty && changes[name] == nil
        }.map(String.init)
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value = value { pairs.append("\(name)=\(value)") }
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// Numbers as numbers, dates and words in the Chinese order (pinyin), an empty cell first.
    static func compare(_ left: String?, _ right: String?) -> ComparisonResult {
        let left = left ?? "", right = right ?? ""
        if let a = number(left), let b = number(right) { return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending) }
        return left.compare(right, options: [.numeric], range: nil, locale: chinese)
    }

    private static let chinese = Locale(identifier: "zh_CN")

    private static func number(_ text: String) -> Decimal? {
        guard text.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: text)
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension OfficeSite {
    /// 日志: the write log, filtered by module, person and date.
    @Sendable func log(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let module = Web.query("module", request)
        let person = Web.query("by", request)
        let since = try Web.query("since", request).map { _ in try day(request, "since").description }
        let timeZone = self.context.timeZone
        let entries = try await database.writer.read { try WriteLog.entries(since: since, module: module, timeZone: timeZone, in: $0) }
            .filter { person == nil || $0.by == person }
        struct Entry { var id: Int64; var at: String; var by: String; var via: String; var action: String; var module: String; var record: String; var before: String; var after: String; var reason: String }
        struct View { var entries: [Entry]; var count: Int; var module: String; var by: String; var since: String }
        let view = View(
            entries: entries.reversed().map { Entry(id: $0.id ?? 0, at: Chinese.date($0.at), by: $0.by, via: $0.via?.label ?? "", action: Chinese.action($0.action), module: $0.module, record: $0.record,
                                                    before: $0.before ?? "", after: $0.after ?? "", reason: $0.reason) },
            count: entries.count, module: module ?? "", by: person ?? "", since: since ?? "")
        return Page(title: "操作日志", template: "log", view: view, json: entries)
    }

    /// 参数: the policy numbers with their dates and clauses; with `on`, those in force that day.
    @Sendable func parameters(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let on = try Web.query("on", request).map { _ in try day(request) }
        let rows = try ParameterRow.listing(modules, on: on)
        let table = ReportTable(rows)
        struct View { var on: String; var table: TableView }
        let view = View(on: on?.description ?? "", table: TableView(table, try TableState(index: 0, columns: table.header.count, request: request)))
        return Page(title: "政策参数", template: "params", view: view, json: rows)
    }

    /// 日历: the working-day calendar of a year, holidays and 调休 working days with their notices.
    @Sendable func calendar(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let year = try Web.query("year", request).map { text -> Int in
            guard let year = Int(text), (1949...2100).contains(year) else { throw WebError.badRequest("year=\(text)：不是年份") }
            return year
        } ?? self.context.today.year
        let calendar = try await workingDays()
        let entries = calendar.entries.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
        struct Day: Encodable { var date: String; var text: String; var kind: String; var name: String; var source: String }
        struct View { var year: Int; var covered: Bool; var days: [Day]; var years: String }
        let days = entries.map { Day(date: $0.date.description, text: Chinese.date($0.date.description), kind: $0.kind == .holiday ? "放假" : "调休上班", name: $0.name, source: $0.source) }
        let view = View(year: year, covered: calendar.years.contains(year), days: days, years: calendar.years.sorted().map { "\($0)年" }.joined(separator: "、"))
        return Page(title: "\(year)年工作日历", template: "calendar", view: view, json: days)
    }

    /// A module's page: what it is, its documents and pages.
    @Sendable func module(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let module = try webModule(context)
        let documents = try await database.writer.read { try DocumentQueries.recognised(by: module.id, in: $0) }
        struct Link { var href: String; var title: String }
        struct View { var summary: String; var documents: [DocumentRow]; var pages: [Link]; var ledgers: [Link]; var actions: [Link] }
        let view = View(summary: module.summary, documents: documents.map(DocumentRow.init),
                        pages: module.pages.map { Link(href: "/modules/\(module.id)/\($0.path)", title: $0.title) },
                        ledgers: module.ledgers.map { Link(href: Self.ledgerHref(module, $0), title: $0.title) },
                        actions: module.actions.map { Link(href: Self.actionHref(module, $0), title: $0.title) })
        struct JSON: Encodable { var id: String; var title: String; var documents: [DocumentSummary]; var pages: [String] }
        return Page(title: module.title, template: "module", view: view,
                    json: JSON(id: module.id, title: module.title, documents: documents, pages: module.pages.map(\.path)))
    }

    /// A module's page and the report it answers for the form's values.
    func report(_ request: Request, _ context: OfficeRequestContext) async throws -> (module: any WebModule.Type, page: ModulePage, values: [String: String], report: Report) {
        let module = try webModule(context)
        let path = try Web.parameter("page", context)
        guard let page = module.pages.first(where: { $0.path == path }) else {
            throw WebError.notFound("「\(module.title)」没有 \(path) 这一页。", search: nil)
        }
        var values: [String: String] = [:]
        for field in page.fields { values[field.name] = request.uri.queryParameters.get(field.name) }
        let pageRequest = PageRequest(values: values, database: database, context: self.context, calendar: try await workingDays())
        return (module, page, values, try page.answer(pageRequest))
    }

    /// The formats a report's table downloads in, each at `/modules/{module}/{page}/{format}`.
    enum Download: String, CaseIterable {
        /// Headed in Chinese, formulas neutralised, with a byte order mark so that Excel reads UTF-8.
        case csv
        /// An Excel workbook: amounts as numbers, the header frozen.
        case xlsx

        var label: String { self == .csv ? "CSV" : "Excel" }
    }

    /// A report's table as a file to open in a spreadsheet.
    func moduleTable(_ request: Request, _ context: OfficeRequestContext, as format: Download) async throws -> Response {
        let (module, page, _, report) = try await self.report(request, context)
        let tables = report.sections.compactMap(\.table)
        let index = try Web.query("table", request).map { text -> Int in
            guard let index = Int(text), tables.indices.contains(index) else { throw WebError.badRequest("table=\(text)：本页只有 \(tables.count) 张表") }
            return index
        } ?? 0
        guard tables.indices.contains(index) else { throw WebError.notFound("「\(page.title)」没有表格可下载。", search: nil) }
        let table = tables[index]
        let rows = [table.header.map(Chinese.column)] + table.rows
        let filename = "\(module.id)-\(page.path).\(format.rawValue)"
        let (type, body): (String, ByteBuffer) = switch format {
        case .csv: ("text/csv; charset=utf-8", ByteBuffer(string: "\u{FEFF}" + Output.csv(rows)))
        case .xlsx: ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ByteBuffer(bytes: Workbook.xlsx(rows, sheet: page.title)))
        }
        return Response(status: .ok, headers: [
            .contentType: type,
            .contentDisposition: "attachment; filename=\"\(filename)\"",
        ], body: .init(byteBuffer: body))
    }

    /// One of a module's pages: its form, and the report it answers.
    @Sendable func modulePage(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let (module, page, values, report) = try await self.report(request, context)
        let query = request.uri.query.map { $0.isEmpty ? "" : $0 + "&" } ?? ""
        var tableIndex = -1
        struct Field { var name: String; var label: String; var value: String; var textarea: Bool; var date: Bool }
        struct Fact { var label: String; var value: String; var citation: CitationLink? }
        struct Paragraph { var lines: [String]; var citation: CitationLink? }
        struct Link { var href: String; var label: String }
        struct Section { var heading: String; var paragraphs: [Paragraph]; var table: TableView?; var downloads: [Link] }
        struct View { var module: String; var moduleHref: String; var fields: [Field]; var hasFields: Bool; var action: String
                      var facts: [Fact]; var sections: [Section]; var figure: String?; var figureAlt: String }
        let view = View(
            module: module.title, moduleHref: "/modules/\(module.id)",
            fields: page.fields.map { Field(name: $0.name, label: $0.label, value: values[$0.name] ?? $0.initial ?? "", textarea: $0.kind == .textarea, date: $0.kind == .date) },
            hasFields: !page.fields.isEmpty, action: "/modules/\(module.id)/\(page.path)",
            facts: report.facts.map { Fact(label: $0.label, value: $0.value, citation: $0.citation.map(CitationLink.init)) },
            sections: try report.sections.map { section in
                var table: TableView?
                var downloads: [Link] = []
                if let content = section.table {
                    tableIndex += 1
                    table = TableView(content, try TableState(index: tableIndex, columns: content.header.count, request: request))
                    downloads = Download.allCases.map { Link(href: "/modules/\(module.id)/\(page.path)/\($0.rawValue)?\(query)table=\(tableIndex)", label: $0.label) }
                }
                return Section(heading: section.heading,
                               paragraphs: section.paragraphs.map { Paragraph(lines: $0.text.split(separator: "\n").map(String.init), citation: $0.citation.map(CitationLink.init)) },
                               table: table, downloads: downloads)
            },
            // As an image: an SVG shown through <img> runs nothing.
            figure: report.figureSVG.map { "data:image/svg+xml;base64," + Data($0.utf8).base64EncodedString() },
            figureAlt: "\(report.title)：预报曲线"
        )
        return Page(title: report.title, template: "report", view: view, json: report)
    }

    func webModule(_ context: OfficeRequestContext) throws -> any WebModule.Type {
        let id = try Web.parameter("module", context)
        guard let module = modules.first(where: { $0.id == id }) else {
            throw WebError.notFound("没有 \(id) 这个业务模块；本站有 " + modules.map { "\($0.title)（\($0.id)）" }.joined(separator: "、") + "。", search: nil)
        }
        return module
    }
}
