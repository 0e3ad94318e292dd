import Foundation
import GRDB
import GazetteStore
import Hummingbird
import ModuleSpine
import OfficeAccounts

/// The accounts' writes as forms, for the 管理员 role: the operations `users add`, `users roles`,
/// `users disable` and `users password` call. A password is typed twice and never shown back.
enum AccountActions {
    static func group(cost: UInt8, roles: Roles) -> ActionGroup {
        let roleHint = "多个用顿号分隔；可用代码或名称：" + roles.all.map { "\($0.label)（\($0.code)）" }.joined(separator: "、")
        return ActionGroup(
            title: "账户", base: "/accounts", role: Role.admin.code, roleLabel: Role.admin.label,
            actions: [
                ModuleAction(path: "add", title: "新增账户", summary: "为一位工作人员开立账户，写明单位和角色；密码至少 10 个字符。", fields: [
                    ActionField("name", label: "用户名（登录名，日志中的姓名）", required: true),
                    ActionField("unit", label: "单位"),
                    ActionField("roles", label: "角色", required: true, hint: roleHint),
                    ActionField("password", label: "密码", kind: .password, required: true),
                    ActionField("again", label: "再输入一次密码", kind: .password, required: true),
                ]) { request, db in
                    let account = try AccountRecords.add(name: try request.required("name"), unit: request.text("unit"),
                                                         roles: try request.list("roles").map(roles.role), password: try password(request),
                                                         cost: cost, by: request.context, in: db)
                    return ActionResult("账户 \(account.name) 已开立：" + roles.labels(account.roles).joined(separator: "、"), href: "/accounts")
                },
                ModuleAction(path: "roles", title: "调整角色", summary: "为账户增加或去掉角色。", fields: [
                    ActionField("name", label: "用户名", required: true),
                    ActionField("add", label: "增加的角色", hint: roleHint),
                    ActionField("remove", label: "去掉的角色", hint: roleHint),
                ]) { request, db in
                    let name = try request.required("name")
                    let removing = try request.list("remove").map(roles.role)
                    if removing.contains(.admin) { try requireNotSelf(name, request, field: "remove") }
                    let account = try AccountRecords.changeRoles(name, adding: try request.list("add").map(roles.role), removing: removing,
                                                                 by: request.context, in: db)
                    return ActionResult("账户 \(account.name)：" + roles.labels(account.roles).joined(separator: "、"), href: "/accounts")
                },
                ModuleAction(path: "disable", title: "停用账户", summary: "停用账户：其登录立即结束，历史记录保留。", fields: [
                    ActionField("name", label: "用户名", required: true),
                    ActionField("reason", label: "理由（记入日志）", required: true),
                ]) { request, db in
                    let name = try request.required("name")
                    try requireNotSelf(name, request, field: "name")
                    try AccountRecords.disable(name, reason: try request.required("reason"), by: request.context, in: db)
                    return ActionResult("账户 \(name) 已停用", href: "/accounts")
                },
                ModuleAction(path: "password", title: "重设密码", summary: "为账户设新密码；其现有登录随即结束。", fields: [
                    ActionField("name", label: "用户名", required: true),
                    ActionField("password", label: "新密码", kind: .password, required: true),
                    ActionField("again", label: "再输入一次新密码", kind: .password, required: true),
                ]) { request, db in
                    let name = try request.required("name")
                    try AccountRecords.setPassword(name, to: try password(request), cost: cost, by: request.context, in: db)
                    return ActionResult("账户 \(name) 的密码已重设", href: "/accounts")
                },
            ],
            entryHref: { _, _ in nil }, logModules: ["accounts"])
    }

    /// The password typed twice, the same both times, as typed (signing in compares it untrimmed;
    /// its own rules are `Passwords.check`'s).
    static func password(_ request: ActionRequest) throws -> String {
        guard let password = request.values["password"], !password.isEmpty else { throw EntryError("password", "必填") }
        guard request.values["again"] == password else { throw EntryError("again", "两次输入的密码不一致") }
        return password
    }

    /// An administrator does not take their own 管理员 role away, nor disable themselves: the
    /// office would be left with no one to open accounts.
    static func requireNotSelf(_ name: String, _ request: ActionRequest, field: String) throws {
        if name == request.context.actor { throw EntryError(field, "不能对自己的账户这样做：请另一位管理员操作") }
    }
}

extension OfficeSite {
    /// Every account, its unit, roles and whether it is disabled: for the 管理员 role only.
    @Sendable func accounts(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        guard context.session?.account.roles.contains(Role.admin.code) == true else {
            throw HTTPError(.forbidden, message: "拒绝：账户一览只对「管理员」角色开放。")
        }
        let roles = Roles(for: modules.map { $0 as any PolicyModule.Type })
        let accounts = try await database.writer.read { try AccountRecords.list(in: $0) }
        let table = ReportTable(header: ["name", "unit", "roles", "created", "disabled"], rows: accounts.map {
            [$0.name, $0.unit ?? "", roles.labels($0.roles).joined(separator: "、"), Chinese.date($0.createdAt), Chinese.date($0.disabledAt)]
        })
        struct View { var table: TableView }
        struct JSON: Encodable { var name: String; var unit: String?; var roles: [String]; var disabledAt: String? }
        let group = sharedActionGroups.first { $0.base == "/accounts" }!
        return Page(title: "账户", template: "accounts", view: View(table: TableView(table, try TableState(index: 0, columns: table.header.count, request: request))),
                    json: accounts.map { JSON(name: $0.name, unit: $0.unit, roles: $0.roles, disabledAt: $0.disabledAt) },
                    tools: group.actions.map { Page.Tool(title: $0.title, href: group.href($0), role: group.role) })
    }
}
