import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import ModuleSpine

/// 督办 on the page: the ledger of the tasks every document assigns with their lights, one task
/// with its clause and history, what to chase on a day, and the figures per unit or per document.
/// Each reads what `zhoucun tasks list|show|chase|stats` print, through the same operations.
extension OfficeSite {
    /// The lights on the store's working-day calendar, with the warning days the office set.
    func supervision() async throws -> Supervision {
        let days = try await database.writer.read { try Supervision.warningDays(in: $0) }
        return Supervision(calendar: try await workingDays(), warningDays: days)
    }

    /// `/tasks`: the tasks in force, by unit, document and state; by default those not done.
    @Sendable func tasks(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let day = try self.day(request)
        let status = try Web.query("status", request).map { text in
            guard let status = Supervision.StatusFilter(printed: text) else {
                throw WebError.badRequest("status=\(text)：应为 " + Supervision.StatusFilter.allCases.map(\.label).joined(separator: "、"))
            }
            return status
        }
        let all = Web.query("all", request) == "1"
        let filter = TaskRecords.Filter(unit: Web.query("unit", request), document: Web.query("document", request))
        let supervision = try await supervision()
        let lines = try await database.writer.read { db in
            try supervision.lines(try TaskRecords.tasks(filter, in: db), on: day, status: status, all: all)
        }
        let table = ReportTable(lines)
        struct Choice { var value: String; var label: String; var selected: Bool }
        struct Tally { var label: String; var count: Int }
        struct View {
            var onText: String; var on: String; var unit: String; var document: String; var all: Bool
            var statuses: [Choice]; var count: Int; var tallies: [Tally]; var table: TableView
            var chaseHref: String; var statsHref: String; var warningDays: Int
        }
        let statuses = [Choice(value: "", label: "未办结", selected: status == nil && !all)]
            + Supervision.StatusFilter.allCases.filter { $0 != .open }.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == status) }
        let view = View(
            onText: Chinese.date(day.description), on: day.description, unit: filter.unit ?? "", document: filter.document ?? "", all: all,
            statuses: statuses, count: lines.count,
            tallies: Supervision.Light.allCases.map { light in Tally(label: light.status, count: lines.filter { $0.light == light }.count) }.filter { $0.count > 0 },
            table: TableView(table, try TableState(index: 0, columns: table.header.count, request: request)) { row in "/tasks/\(lines[row].id)" },
            chaseHref: "/tasks/chase?on=\(day)", statsHref: "/tasks/stats?on=\(day)", warningDays: supervision.warningDays)
        return Page(title: "督办台账", template: "tasks", view: view, json: lines, tools: [TaskActions.tool("add", "")])
    }

    /// `/tasks/{id}`: one task, its clause, units and deadline, and what was reported, ended and
    /// extended; the forms that do so, filled with its id.
    @Sendable func task(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let text = try Web.parameter("id", context)
        guard let id = Int64(text) else { throw WebError.notFound("没有编号为「\(text)」的任务。", search: nil) }
        let day = try self.day(request)
        let supervision = try await supervision()
        let shown = try await database.writer.read { db in try TaskRecords.find(id: id, in: db).map { try supervision.history($0, on: day) } }
        guard let shown else { throw WebError.notFound("没有编号为 \(id) 的任务。", search: nil) }
        let line = shown.line
        struct Unit { var name: String; var href: String }
        struct View {
            var id: Int64; var onText: String; var document: String; var ref: String?; var text: String; var citation: CitationLink
            var lead: [Unit]; var units: [Unit]; var unknown: String?; var dueText: String?; var due: String?; var printedDue: String?
            var status: String; var light: String; var source: String?; var history: TableView; var notice: EntryView.Notice?
        }
        let unit = { (name: String) in Unit(name: name, href: "/units/" + Web.pathComponent(name)) }
        let history = ReportTable(shown.history)
        // Only a line about this task: `task 3 (…)`.
        let notice = try await loggedLine(request, context) { $0.module == "tasks" && $0.record.hasPrefix("task \(id) ") }
        let view = View(
            id: line.id, onText: Chinese.date(day.description), document: line.document ?? "领导批示", ref: line.ref, text: line.text,
            citation: CitationLink(line.citation), lead: line.lead.map(unit), units: line.units.map(unit),
            unknown: line.unknownUnits.joined(separator: "、").nonEmpty, dueText: line.dueText,
            due: (line.nextDue ?? line.due).map { Chinese.date($0.description) }, printedDue: line.printedDue.map { Chinese.date($0.description) },
            status: line.status, light: line.light.rawValue, source: line.source,
            history: TableView(history, try TableState(index: 0, columns: history.header.count, request: request)),
            notice: notice.map(EntryView.Notice.init))
        let tools = line.light == .done ? [TaskActions.tool("done", "id=\(id)")]
            : ["report", "done", "extend"].map { TaskActions.tool($0, "id=\(id)") }
        return Page(title: "任务 \(id)", template: "task", view: view, json: shown, tools: tools)
    }

    /// `/tasks/chase`: on a day, unit by unit, what is overdue or due soon: the list for a 催办
    /// call or notice, to print.
    @Sendable func chase(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let day = try self.day(request)
        let supervision = try await supervision()
        let rows = try await database.writer.read { try supervision.chase(try TaskRecords.tasks(in: $0), on: day) }
        let table = ReportTable(rows)
        struct View { var onText: String; var on: String; var count: Int; var table: TableView }
        let view = View(onText: Chinese.date(day.description), on: day.description, count: Set(rows.map(\.unit)).count,
                        table: TableView(table, try TableState(index: 0, columns: table.header.count, request: request)))
        return Page(title: "催办清单", template: "chase", view: view, json: rows)
    }

    /// `/tasks/stats`: per unit or per document (`?per=document`), tasks, done, on time, overdue;
    /// each row's share done drawn as a bar.
    @Sendable func taskStats(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let day = try self.day(request)
        let per = try Web.query("per", request).map { text in
            guard let grouping = Supervision.Grouping(rawValue: text) else { throw WebError.badRequest("per=\(text)：应为 unit 或 document") }
            return grouping
        } ?? .unit
        let supervision = try await supervision()
        let tallies = try await database.writer.read { try supervision.stats(try TaskRecords.tasks(in: $0), on: day, by: per) }
        struct Bar { var name: String; var tasks: Int; var done: Int; var onTime: Int; var overdue: Int; var dueSoon: Int; var percent: Int }
        struct View { var onText: String; var on: String; var perUnit: Bool; var bars: [Bar]; var empty: Bool }
        let view = View(onText: Chinese.date(day.description), on: day.description, perUnit: per == .unit,
                        bars: tallies.map { Bar(name: $0.name, tasks: $0.tasks, done: $0.done, onTime: $0.onTime, overdue: $0.overdue, dueSoon: $0.dueSoon,
                                                percent: $0.tasks == 0 ? 0 : $0.done * 100 / $0.tasks) },
                        empty: tallies.isEmpty)
        return Page(title: per == .unit ? "督办统计（按单位）" : "督办统计（按文件）", template: "taskstats", view: view, json: tallies)
    }
}
