import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import ModuleSpine
import OfficeAccounts

/// Where a set of actions lives and who may run them: a module's (its id is the role), the
/// roster's (名册), the accounts' (管理员).
struct ActionGroup: Sendable {
    var title: String
    /// `/modules/pollution`, `/roster`: the actions are at `{base}/actions/{path}`.
    var base: String
    var role: String
    var roleLabel: String
    var actions: [ModuleAction]
    /// Where an `ActionResult` names a ledger entry: its page.
    var entryHref: @Sendable (String, String) -> String?
    /// The log's module a notice must be about.
    var logModules: Set<String>

    func href(_ action: ModuleAction) -> String { "\(base)/actions/\(action.path)" }

    static func of(_ module: any WebModule.Type) -> ActionGroup {
        ActionGroup(title: module.title, base: "/modules/\(module.id)", role: module.id, roleLabel: module.title, actions: module.actions,
                    entryHref: { ledger, key in
                        module.ledgers.contains { $0.path == ledger } ? "/modules/\(module.id)/ledgers/\(ledger)/\(Web.pathComponent(key))" : nil
                    }, logModules: [module.id])
    }
}

/// The writes as forms (`WebModule.actions`, `RosterActions`, `AccountActions`): each the same
/// operation as its command, run in one write transaction under the account signed in, after the
/// same checks as a correction (session, CSRF token, the group's role).
extension OfficeSite {
    func action(_ group: ActionGroup, _ context: OfficeRequestContext) throws -> ModuleAction {
        let path = try Web.parameter("action", context)
        guard let action = group.actions.first(where: { $0.path == path }) else {
            throw WebError.notFound("「\(group.title)」没有 \(path) 这一办理事项。", search: nil)
        }
        return action
    }

    /// The groups of actions at fixed places: the roster's, 督办's, the accounts'.
    var sharedActionGroups: [ActionGroup] { [RosterActions.group, TaskActions.group, AccountActions.group(cost: Passwords.cost(environment), roles: Roles(for: modules.map { $0 as any PolicyModule.Type }))] }

    static func actionHref(_ module: any WebModule.Type, _ action: ModuleAction) -> String { ActionGroup.of(module).href(action) }

    /// The action's form, its fields filled from the query (an entry's page links `lift?alert=1`);
    /// `?logged=N` says what was just recorded.
    func actionPage(_ group: ActionGroup, _ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let action = try action(group, context)
        var values: [String: String] = [:]
        for field in action.fields { values[field.name] = Web.query(field.name, request) }
        let notice = try await loggedLine(request, context) { [logModules = group.logModules] in logModules.contains($0.module) && !$0.action.hasPrefix("sign-") }
        return actionForm(group, action, context, values: values, notice: notice, see: Web.query("see", request).map { Self.localPath($0) })
    }

    func actionForm(_ group: ActionGroup, _ action: ModuleAction, _ context: OfficeRequestContext, values: [String: String],
                    refusal: EntryError? = nil, message: String? = nil, notice: LogEntry? = nil, see: String? = nil,
                    status: HTTPResponse.Status = .ok) -> Page {
        let atField = refusal?.field.flatMap { refused in action.fields.first { $0.name == refused || $0.fills == refused }?.name }
        let view = ActionView(
            module: group.title, moduleHref: group.base, summary: action.summary, href: group.href(action),
            canWrite: context.session?.account.roles.contains(group.role) == true,
            roleNote: context.session == nil ? "登录后方可办理。" : "办理需要「\(group.roleLabel)」角色。",
            csrf: context.session?.csrfToken ?? "",
            fields: action.fields.map { field in
                ActionView.FieldView(field, value: values[field.name] ?? "", error: atField == field.name ? refusal.map { ErrorText($0.message) } : nil)
            },
            message: (message ?? refusal.flatMap { atField == nil ? $0.description : nil }).map(ErrorText.init),
            notice: notice.map(EntryView.Notice.init),
            see: see)
        struct JSON: Encodable { var path: String; var title: String; var fields: [String] }
        return Page(title: action.title, template: "action", view: view,
                    json: JSON(path: action.path, title: action.title, fields: action.fields.map(\.name)), status: status)
    }

    /// `POST …/actions/{action}`: the write, then the entry it made or changed (or the form again)
    /// saying what was recorded; a refusal shows the form with what was typed.
    func performAction(_ group: ActionGroup, _ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let action = try action(group, context)
        let form = try await Web.form(request)
        let session = try authorise(form, context, role: group.role, label: group.roleLabel)
        let actionRequest = ActionRequest(values: form, context: self.context.onWebPage(as: session.account.name))
        do {
            let (result, logged) = try await database.writer.write { db in
                (try action.perform(actionRequest, db), try WriteLog.lastEntryId(in: db))
            }
            let entry = result.ledger.flatMap { ledger in result.key.flatMap { group.entryHref(ledger, $0) } }
            // A program that asked for JSON is told what was recorded; a browser goes to see it.
            if Web.wantsJSON(request) {
                struct Recorded: Encodable { var summary: String; var logged: Int64; var href: String? }
                return Web.json(Recorded(summary: result.summary, logged: logged, href: entry ?? result.href), status: .created)
            }
            if let entry { return Response(status: .seeOther, headers: [.location: entry + "?logged=\(logged)"]) }
            let see = result.href.map { "&see=" + Web.queryValue($0) } ?? ""
            return Response(status: .seeOther, headers: [.location: group.href(action) + "?logged=\(logged)" + see])
        } catch let refusal as EntryError {
            return answer(request, context, actionForm(group, action, context, values: form, refusal: refusal, status: .unprocessableContent)).response
        } catch {
            guard let (status, message) = Self.refusal(error) else { throw error }
            return answer(request, context, actionForm(group, action, context, values: form, message: message, status: status)).response
        }
    }

    /// What a clerk is told when a write was refused other than at a field: the store could not
    /// take it now (busy, full: a 503, nothing the clerk did), it holds a record of that name
    /// already, or a rule refused it as a whole (an entry named that is not there). Nil for an error
    /// that is none of these.
    static func refusal(_ error: any Error) -> (status: HTTPResponse.Status, message: String)? {
        if let error = error as? DatabaseError {
            let why: String
            switch error.resultCode {
            case .SQLITE_CONSTRAINT: return (.unprocessableContent, "未能保存：已有同样的记录（如同名的项目或企业，作废的也算），请换一个名称，或更正那一条。")
            case .SQLITE_BUSY, .SQLITE_LOCKED: why = "存储正忙"
            case .SQLITE_FULL: why = "存储所在的磁盘已满"
            case .SQLITE_IOERR: why = "存储读写出错"
            default: return nil
            }
            return (.serviceUnavailable, "未能保存：\(why)，不是您填写的问题。表单已保留，请稍后再提交；如一再出现，请告知系统管理员。")
        }
        return (error as? any ReportableError).map { (.unprocessableContent, $0.description) }
    }

    /// The log line a write just made (`?logged=N`), if it is the signed-in account's own and
    /// about what the page shows: a link cannot make a page claim another write.
    func loggedLine(_ request: Request, _ context: OfficeRequestContext, about: @escaping @Sendable (LogEntry) -> Bool) async throws -> LogEntry? {
        guard let id = Web.query("logged", request).flatMap({ Int64($0) }), let account = context.session?.account.name else { return nil }
        let line = try await database.writer.read { try LogEntry.fetchOne($0, key: id) }
        return line.flatMap { $0.by == account && $0.via == .webPage && about($0) ? $0 : nil }
    }
}

struct ActionView {
    struct FieldView {
        var name: String
        var label: String
        var value: String
        var select: Bool
        var password: Bool
        var options: [EntryView.Option]
        var required: Bool
        var hint: String?
        var error: ErrorText?

        init(_ field: ActionField, value: String, error: ErrorText?) {
            name = field.name
            label = field.label
            password = field.kind == .password
            // A secret typed is never sent back in a page.
            self.value = password ? "" : value
            select = !field.options.isEmpty
            var options = field.options.map { EntryView.Option(code: $0.code, label: $0.label, selected: $0.code == value || $0.label == value) }
            if select, !field.required || !options.contains(where: \.selected) {
                options.insert(EntryView.Option(code: "", label: field.required ? "（请选择）" : "（空）", selected: !options.contains(where: \.selected)), at: 0)
            }
            self.options = options
            required = field.required
            hint = field.hint
            self.error = error
        }
    }

    var module: String
    var moduleHref: String
    var summary: String
    var href: String
    var canWrite: Bool
    var roleNote: String
    var csrf: String
    var fields: [FieldView]
    var message: ErrorText?
    var notice: EntryView.Notice?
    /// The record the write changed (a body's page), to go and see.
    var see: String?
}
