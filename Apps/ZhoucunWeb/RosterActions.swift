import Foundation
import GRDB
import GazetteImport
import GazetteModel
import GazetteStore
import ModuleSpine
import OfficeAccounts

/// The roster's writes as forms, for the 名册 role: a change no document printed, taking one back,
/// two records that are one person and one that is two, another name of a unit. Each reads its
/// fields and calls the operation `roster change`, `roster undo`, `roster merge`, `roster split`
/// and `units alias` call.
enum RosterActions {
    /// 增补、免去、接替、调整职务: the changes `roster change` records.
    enum ChangeKind: String, LabelledChoice {
        case add, remove, replace, role

        var labels: [String] {
            switch self {
            case .add: ["增补"]
            case .remove: ["免去"]
            case .replace: ["接替"]
            case .role: ["调整职务"]
            }
        }
    }

    static let group = ActionGroup(
        title: "名册维护", base: "/roster", role: Role.roster.code, roleLabel: Role.roster.label, actions: actions,
        entryHref: { _, _ in nil }, logModules: ["roster", "units"])

    static let actions: [ModuleAction] = [
        ModuleAction(path: "change", title: "名单变更", summary: "记录没有文件印发的名单变化（电话通知、会议决定）：增补、免去、接替或调整职务；作为手工录入保留来源，可撤销。", fields: [
            ActionField("body", label: "机构（编号或名称）", required: true),
            .choice("change", label: "变更", ChangeKind.self),
            ActionField("name", label: "人员（接替时为被接替者）", required: true),
            ActionField("with", label: "接替者（接替时）"),
            ActionField("role", label: "职务（增补、调整职务时；如 成员、副组长）"),
            ActionField("unit", label: "单位（增补、接替时；不填取其现任单位）"),
            ActionField("title", label: "职务名称（如 局长）"),
            .date("date", label: "生效日期", required: false, hint: "留空为今天"),
            ActionField("source", label: "来源（如 区政府办公室电话通知 2026-11-20）", required: true),
        ], perform: change),
        ModuleAction(path: "undo", title: "撤销名单变更", summary: "撤销一条手工录入的名单变更，名单恢复到变更之前。", fields: [
            ActionField("entry", label: "变更编号（日志中的 entry N）", required: true),
            ActionField("reason", label: "理由（记入日志）", required: true),
        ], perform: undo),
        ModuleAction(path: "merge", title: "合并人员", summary: "两条记录是同一个人：后者的席位并入前者。同名的记录各有编号、单位和席位，见人员页。", fields: [
            ActionField("keep", label: "保留的记录（编号或姓名）", required: true),
            ActionField("other", label: "并入的记录（编号或姓名）", required: true),
            ActionField("reason", label: "理由（记入日志）", required: true),
        ], perform: merge),
        ModuleAction(path: "split", title: "拆分人员", summary: "一条记录其实是两个人：所列席位归入一条新记录。席位编号见人员页。", fields: [
            ActionField("person", label: "记录（编号或姓名）", required: true),
            ActionField("seats", label: "归另一人的席位编号", required: true, hint: "多个用逗号或顿号分隔"),
            ActionField("reason", label: "理由（记入日志）", required: true),
        ], perform: split),
        ModuleAction(path: "alias", title: "单位别名", summary: "登记单位的另一个名称（区住建局 = 区住房城乡建设局），此后各处都认得。", fields: [
            ActionField("short", label: "另一个名称", required: true),
            ActionField("full", label: "单位（文件中的名称）", required: true),
            ActionField("reason", label: "理由：在哪里这样称呼（记入日志）", required: true),
        ], perform: alias),
    ]

    /// A link to one of the actions, its form filled in by `query`, for the pages about what it changes.
    static func tool(_ path: String, _ query: String) -> Page.Tool {
        let action = actions.first { $0.path == path }!
        return Page.Tool(title: action.title, href: group.href(action) + "?" + query, role: group.role)
    }

    static func change(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let body = try request.required("body")
        let name = try request.required("name")
        let affiliation = request.text("unit") == nil && request.text("title") == nil ? nil : (request.text("unit") ?? "") + (request.text("title") ?? "")
        let action: RosterEditing.Action
        switch try request.requiredChoice("change", as: ChangeKind.self) {
        case .add: action = .add(name: name, role: try request.required("role"), affiliation: affiliation)
        case .remove: action = .remove(name: name)
        case .replace: action = .replace(old: name, new: try request.required("with"), affiliation: affiliation)
        case .role: action = .changeRole(name: name, role: try request.required("role"))
        }
        let day = try request.date("date") ?? request.context.today
        let entry = try RosterEditing.record(action, body: body, date: day.description, source: try request.required("source"), by: request.context, in: db)
        let found = try RosterQueries.body(body, in: db)
        return ActionResult("名单变更 \(entry)：\(found.name)，自 \(day) 起", href: "/bodies/\(found.id)")
    }

    static func undo(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let entry = try request.requiredParsed("entry", as: "the number of a roster entry") { Int64($0.replacingOccurrences(of: "entry", with: "").trimmingCharacters(in: .whitespaces)) }
        try RosterEditing.undo(entry: entry, reason: try request.required("reason"), by: request.context, in: db)
        return ActionResult("名单变更 \(entry) 已撤销")
    }

    static func merge(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let pair = try PersonRecords.pair(try request.required("keep"), try request.required("other"), in: db)
        try PersonRecords.merge(keep: pair.keep, other: pair.other, reason: try request.required("reason"), by: request.context, in: db)
        return ActionResult("人员 \(pair.other) 并入人员 \(pair.keep)", href: "/people/\(pair.keep)")
    }

    static func split(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        var seats: [Int64] = []
        for part in request.list("seats") {
            guard let id = Int64(part) else { throw EntryError("seats", "\(part) is not a seat id") }
            seats.append(id)
        }
        let person = try PersonRecords.record(try request.required("person"), in: db).id
        let new = try PersonRecords.split(person: person, seats: seats, reason: try request.required("reason"), by: request.context, in: db)
        return ActionResult("席位 \(seats.map(String.init).joined(separator: "、")) 归入新记录 人员 \(new)", href: "/people/\(new)")
    }

    static func alias(_ request: ActionRequest, _ db: Database) throws -> ActionResult {
        let (short, full) = (try request.required("short"), try request.required("full"))
        try UnitRecords.alias(short, for: full, reason: try request.required("reason"), by: request.context, in: db)
        return ActionResult("\(short) 即 \(full)", href: "/units/" + Web.pathComponent(full))
    }
}
