import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine
import OfficeAccounts

/// 督办's writes as forms, for the 督办 role: a unit's progress, a task's end, a new deadline, a
/// leader's instruction. Each reads its fields and calls the operation `tasks report`, `tasks
/// done`, `tasks extend` and `tasks add` call.
enum TaskActions {
    static let group = ActionGroup(
        title: "督办", base: "/tasks", role: Role.tasks.code, roleLabel: Role.tasks.label, actions: actions,
        entryHref: { ledger, key in ledger == "tasks" ? "/tasks/\(Web.pathComponent(key))" : nil }, logModules: ["tasks"])

    static let actions: [ModuleAction] = [
        ModuleAction(path: "report", title: "进度反馈", summary: "记录责任单位报来的办理进度；按周期报送的任务，一期有反馈即视为按时报送。", fields: [
            ActionField("id", label: "任务编号", required: true),
            ActionField("unit", label: "报送单位（任务所列单位之一）", required: true),
            .date("date", label: "报送日期", required: false, hint: "留空为今天"),
            ActionField("progress", label: "进展情况", required: true),
        ], perform: report),
        ModuleAction(path: "done", title: "办结销号", summary: "任务办结：记录办结日期和依据。已办结的任务再次记录须说明理由（更正），原记录保留。", fields: [
            ActionField("id", label: "任务编号", required: true),
            .date("date", label: "办结日期", required: false, hint: "留空为今天"),
            ActionField("evidence", label: "办结依据（文件、验收、报告）", required: true),
            ActionField("reason", label: "再次记录的理由（已办结时必填）"),
        ], perform: done),
        ModuleAction(path: "extend", title: "延期", summary: "经批准调整完成时限；原定时限保留在记录中。", fields: [
            ActionField("id", label: "任务编号", required: true),
            .date("to", label: "新的完成时限"),
            ActionField("reason", label: "延期理由（谁批准）", required: true),
        ], perform: extend),
        ModuleAction(path: "add", title: "新增任务", summary: "登记没有文件印发的任务，如领导批示：写明来源，牵头单位必填。", fields: [
            ActionField("text", label: "任务内容", required: true),
            ActionField("lead", label: "牵头单位", required: true, hint: "多个用顿号或逗号分隔"),
            ActionField("units", label: "责任单位", hint: "多个用顿号或逗号分隔；可空"),
            ActionField("due", label: "完成时限", hint: "如 2026-06-30、6月底前、每季度末月20日前、长期坚持；可空"),
            ActionField("source", label: "来源（如 区长批示，2026年3月2日）", required: true),
        ], perform: add),
    ]

    /// A link to one of the forms, filled in by `query`, for the pages about what it changes.
    static func tool(_ path: String, _ query: String) -> Page.Tool {
        let action = actions.first { $0.path == path }!
        return Page.Tool(title: action.title, href: group.href(action) + (query.isEmpty ? "" : "?" + query), role: group.role)
    }

    static func id(_ request: ActionRequest) throws -> Int64 {
        try request.requiredParsed("id", as: "a task's number (任务编号)") { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func report(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try id(request)
        let event = try TaskRecords.report(id, unit: try request.required("unit"), on: try request.date("date") ?? request.context.today,
                                           progress: try request.required("progress"), by: request.context, in: db)
        return ActionResult("任务 \(id)：\(event.unit ?? "") \(event.onDate) 反馈进度", ledger: "tasks", key: String(id))
    }

    static func done(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try id(request)
        let event = try TaskRecords.done(id, on: try request.date("date") ?? request.context.today, evidence: try request.required("evidence"),
                                         reason: request.text("reason"), by: request.context, in: db)
        return ActionResult("任务 \(id)：\(event.onDate) 办结", ledger: "tasks", key: String(id))
    }

    static func extend(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let id = try id(request)
        let event = try TaskRecords.extend(id, to: try request.requiredDate("to"), reason: try request.required("reason"), on: request.context.today,
                                           by: request.context, in: db)
        return ActionResult("任务 \(id)：时限延至 \(event.toDate.map(String.init(describing:)) ?? "")", ledger: "tasks", key: String(id))
    }

    static func add(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let deadline = try request.text("due").map { text in
            guard let read = Supervision.deadline(typed: text, today: request.context.today) else { throw EntryError("due", "\(text) is \(Supervision.notADeadline)") }
            return read
        }
        let task = try TaskRecords.add(text: try request.required("text"), lead: request.list("lead"), units: request.list("units"), deadline: deadline,
                                       source: try request.required("source"), by: request.context, in: db)
        return ActionResult("任务 \(task.id) 已登记", ledger: "tasks", key: String(task.id))
    }
}
