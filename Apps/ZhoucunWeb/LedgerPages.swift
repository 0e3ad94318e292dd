import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import ModuleSpine
import OfficeAccounts

/// A module's ledgers on the page: each listed, each entry shown with the forms that correct it
/// (with a reason) and void it (with a reason, once confirmed), through the same `Ledger`
/// operations as the command line's `amend` and `void`. Every write checks on the server, whatever
/// the form showed: the session's token, the account's role for the module, and that the entry has
/// not changed since the form was opened.
extension OfficeSite {
    enum LedgerWrite: String, CaseIterable { case amend, void }

    func ledger(_ context: OfficeRequestContext) throws -> (module: any WebModule.Type, book: LedgerBook) {
        let module = try webModule(context)
        let path = try Web.parameter("ledger", context)
        guard let book = module.ledgers.first(where: { $0.path == path }) else {
            throw WebError.notFound("「\(module.title)」没有 \(path) 这一台账；它有 " + module.ledgers.map { "\($0.title)（\($0.path)）" }.joined(separator: "、") + "。", search: nil)
        }
        return (module, book)
    }

    static func ledgerHref(_ module: any WebModule.Type, _ book: LedgerBook) -> String { "/modules/\(module.id)/ledgers/\(book.path)" }

    static func entryHref(_ module: any WebModule.Type, _ book: LedgerBook, _ key: String) -> String {
        ledgerHref(module, book) + "/" + Web.pathComponent(key)
    }

    /// A ledger's entries in the command line's columns, each numbered entry a link to its page;
    /// `?all=1` shows the voided ones too.
    @Sendable func ledgerPage(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let (module, book) = try ledger(context)
        let all = Web.query("all", request) == "1"
        let (table, keys) = try await database.writer.read { try book.entries(all: all, in: $0) }
        let href = Self.ledgerHref(module, book)
        struct View { var module: String; var moduleHref: String; var all: Bool; var listHref: String; var count: Int; var table: TableView }
        let view = View(module: module.title, moduleHref: "/modules/\(module.id)", all: all, listHref: href, count: keys.count,
                        table: TableView(table, try TableState(index: 0, columns: table.header.count, request: request)) { row in
                            keys[row].isEmpty ? nil : Self.entryHref(module, book, keys[row])
                        })
        return Page(title: "\(module.title)：\(book.title)", template: "ledger", view: view, json: table)
    }

    /// One entry, and the forms that correct and void it; `?logged=N` says what the write just
    /// made recorded, read back from the log.
    @Sendable func entryPage(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let (module, book) = try ledger(context)
        let key = try Web.parameter("key", context)
        let entry = try await database.writer.read { try book.entry(key, in: $0) }
        // Only a line about this entry (`alert 1`, `meeting 1 minutes to …`).
        let notice = try await loggedLine(request, context) { $0.module == book.module && ($0.record == entry.record || $0.record.hasPrefix(entry.record + " ")) }
        return entryForm(module, book, entry, context, notice: notice)
    }

    /// The entry's page with what a clerk typed kept, and the refusals by field.
    func entryForm(_ module: any WebModule.Type, _ book: LedgerBook, _ entry: EntryForm, _ context: OfficeRequestContext,
                   typed: [String: String] = [:], refusal: EntryError? = nil, against write: LedgerWrite? = nil,
                   message: String? = nil, notice: LogEntry? = nil, status: HTTPResponse.Status = .ok) -> Page {
        // The form's own fields (the reason, the confirmation) have their own places for a refusal.
        let fieldNames = Set(entry.fields.map(\.name) + ["reason", "confirm"])
        let atField = refusal.flatMap { $0.field.flatMap { fieldNames.contains($0) ? $0 : nil } }
        let view = EntryView(
            module: module.title, moduleHref: "/modules/\(module.id)", ledger: book.title, ledgerHref: Self.ledgerHref(module, book),
            record: "\(book.title) \(entry.key)",
            voided: entry.voidedAt.map { Chinese.date($0) }, voidReason: entry.voidReason ?? "",
            canWrite: context.session?.account.roles.contains(module.id) == true && entry.voidedAt == nil,
            roleNote: context.session == nil ? "登录后方可更正或作废。" : "更正或作废需要「\(module.title)」经办角色。",
            csrf: context.session?.csrfToken ?? "", version: entry.version,
            amendAction: Self.entryHref(module, book, entry.key) + "/amend",
            voidAction: Self.entryHref(module, book, entry.key) + "/void",
            fields: entry.fields.map { field in
                EntryView.FieldView(field, typed: write == .amend ? typed[field.name] : nil, error: atField == field.name ? refusal.map { ErrorText($0.message) } : nil)
            },
            message: (message ?? refusal.flatMap { atField == nil ? $0.message : nil }).map(ErrorText.init),
            reason: write == .amend ? typed["reason"] ?? "" : "",
            reasonError: write == .amend && refusal?.field == "reason" ? refusal?.message : nil,
            voidReasonTyped: write == .void ? typed["reason"] ?? "" : "",
            voidReasonError: write == .void && refusal?.field == "reason" ? refusal?.message : nil,
            confirmError: write == .void && refusal?.field == "confirm" ? refusal?.message : nil,
            actions: module.actions.compactMap { action in
                guard let entryField = action.entry, entryField.ledger == book.path else { return nil }
                return EntryView.Link(title: action.title, href: Self.actionHref(module, action) + "?\(entryField.field)=" + Web.queryValue(entry.key))
            },
            pages: module.pages.compactMap { page in
                guard let entryField = page.entry, entryField.ledger == book.path else { return nil }
                return EntryView.Link(title: page.title, href: "/modules/\(module.id)/\(page.path)?\(entryField.field)=" + Web.queryValue(entry.key))
            },
            notice: notice.map(EntryView.Notice.init))
        return Page(title: "\(book.title) \(entry.key)", template: "entry", view: view, json: entry, status: status)
    }

    /// `POST …/{key}/amend` and `…/void`: the write, then back to the entry's page saying what was
    /// recorded; a refusal shows the form again with what was typed, the reason at its field.
    func writeEntry(_ write: LedgerWrite, _ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let (module, book) = try ledger(context)
        let key = try Web.parameter("key", context)
        let form = try await Web.form(request)
        let session = try authorise(form, context, role: module.id, label: module.title)
        let actor = self.context.onWebPage(as: session.account.name)
        let (reason, version) = (form["reason"] ?? "", form["version"] ?? "")
        do {
            let logged = try await database.writer.write { db -> Int64 in
                switch write {
                case .amend: _ = try book.amend(key, values: form, reason: reason, version: version, by: actor, in: db)
                case .void:
                    guard form["confirm"] == "1" else { throw EntryError("confirm", "请勾选确认：作废后记录仍保留，但不再参与任何计算") }
                    _ = try book.void(key, reason: reason, version: version, by: actor, in: db)
                }
                return try WriteLog.lastEntryId(in: db)
            }
            return Response(status: .seeOther, headers: [.location: Self.entryHref(module, book, key) + "?logged=\(logged)"])
        } catch let changed as EntryChanged {
            // Only what the clerk changed is kept; the rest shows the entry as it is now, so that
            // sending the form again changes nothing the other clerk wrote.
            let changedByClerk = form.filter { name, value in form["was-" + name].map { $0 != value } ?? true }
            return answer(request, context, entryForm(module, book, changed.current, context, typed: changedByClerk, against: write,
                message: "此记录在您打开表单之后已被他人修改，下面是它现在的样子；您改动的内容仍在表单中，核对后可再次提交。", status: .conflict)).response
        } catch let refusal as EntryError {
            let current = try await database.writer.read { try book.entry(key, in: $0) }
            return answer(request, context, entryForm(module, book, current, context, typed: form, refusal: refusal, against: write,
                                                      status: .unprocessableContent)).response
        } catch {
            // The store's own refusal (busy, full, a name taken), or a rule's other than a field's
            // (an entry named that is not there): the form again, saying so.
            guard let (status, message) = Self.refusal(error) else { throw error }
            let current = try await database.writer.read { try book.entry(key, in: $0) }
            return answer(request, context, entryForm(module, book, current, context, typed: form, against: write, message: message, status: status)).response
        }
    }

    /// The session of a write the account may make: signed in, the form's token the session's,
    /// and the role held. Refused before anything is read or written.
    func authorise(_ form: [String: String], _ context: OfficeRequestContext, role: String, label: String) throws -> Session {
        guard let session = context.session else { throw HTTPError(.unauthorized, message: "请先登录。") }
        guard let token = form["csrf"], Sessions.same(token, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "拒绝：表单缺少本次登录的校验码，或已过期；请刷新页面后重试。")
        }
        guard session.account.roles.contains(role) else {
            throw HTTPError(.forbidden, message: "拒绝：此操作需要「\(label)」角色，账户 \(session.account.name) 没有；请联系管理员。")
        }
        return session
    }
}

/// A message with the citations in it as links to their clauses.
struct ErrorText {
    /// A part of the message; a citation links its clause. (`cited` is always there: a missing
    /// `href` would be looked up in the page around it.)
    struct Part {
        var text: String
        var href: String
        var cited: Bool

        init(text: String, href: String?) {
            self.text = text
            self.href = href ?? ""
            cited = href != nil
        }
    }
    var parts: [Part]

    init(_ message: String) {
        var parts: [Part] = []
        var rest = Substring(message)
        while let match = rest.firstMatch(of: ErrorText.citation) {
            var cited = String(match.output)
            // A citation in brackets ends before the bracket that closes them.
            while let last = cited.last, last == ")" || last == "）",
                  cited.filter({ $0 == "(" || $0 == "（" }).count < cited.filter({ $0 == ")" || $0 == "）" }).count {
                cited.removeLast()
            }
            parts.append(Part(text: String(rest[..<match.range.lowerBound]), href: nil))
            parts.append(Part(text: cited, href: CitationLink(cited).href))
            rest = rest[rest.index(match.range.lowerBound, offsetBy: cited.count)...]
        }
        parts.append(Part(text: String(rest), href: nil))
        self.parts = parts.filter { !$0.text.isEmpty }
    }

    /// `周政办字〔2020〕35号 四(三)`: a 文号 and, where given, its clause.
    nonisolated(unsafe) static let citation = /[^\s(（`]+〔[0-9]{4}〕[0-9]+号(?: [一二三四五六七八九十0-9()（）.、附件]+)?/
}

struct EntryView {
    struct Option { var code: String; var label: String; var selected: Bool }
    struct FieldView {
        var name: String
        var label: String
        /// The value as it is, in the page's words.
        var current: String
        /// What the input holds: what the clerk typed, else the value as it is.
        var value: String
        /// The value as the form showed it, sent back beside it: after a conflict, only what the
        /// clerk changed is kept.
        var shown: String
        /// A text of several lines, in a textarea (an input would drop its line breaks).
        var multiline: Bool
        var select: Bool
        var options: [Option]
        var hint: String?
        var error: ErrorText?
        var editable: Bool

        init(_ field: EntryForm.Field, typed: String?, error: ErrorText?) {
            name = field.name
            label = Chinese.field(field.name)
            let value = typed ?? field.value
            self.value = value
            shown = field.value
            multiline = field.kind == .text && (field.value.contains("\n") || value.contains("\n"))
            select = !field.options.isEmpty
            var options = field.options.map { Option(code: $0.code, label: $0.label, selected: $0.code == value) }
            if field.optional, select { options.insert(Option(code: "", label: "（空）", selected: value.isEmpty), at: 0) }
            self.options = options
            current =
                switch field.kind {
                case .choice, .yesNo: field.options.first { $0.code == field.value }?.label ?? field.value
                case .date: Chinese.date(field.value)
                case .amount: field.value.isEmpty ? "" : field.value + " 万元"
                default: field.value
                }
            hint =
                switch field.kind {
                case .date: "如 2026年3月1日、2026-03-01 或 2026/3/1" + (field.optional ? "；留空为无" : "")
                case .amount: "单位万元，如 80 或 80万元"
                case .text where field.optional: "留空为无"
                default: nil
                }
            self.error = error
            editable = field.editable
        }
    }
    struct Link { var title: String; var href: String }
    /// What the write just made recorded, as its log line says it.
    struct Notice {
        var action: String
        var at: String
        var by: String
        var why: String?
        var logHref: String

        init(_ line: LogEntry) {
            action = Chinese.action(line.action)
            at = Chinese.date(line.at)
            by = line.by
            why = line.reason.nonEmpty
            logHref = "/log#log-\(line.id ?? 0)"
        }
    }

    var module: String
    var moduleHref: String
    var ledger: String
    var ledgerHref: String
    /// `预警 1`.
    var record: String
    var voided: String?
    var voidReason: String
    var canWrite: Bool
    var roleNote: String
    var csrf: String
    var version: String
    var amendAction: String
    var voidAction: String
    var fields: [FieldView]
    var message: ErrorText?
    var reason: String
    var reasonError: String?
    var voidReasonTyped: String
    var voidReasonError: String?
    var confirmError: String?
    /// The module's actions on this entry (解除预警, 报送信息), their forms filled in with its key.
    var actions: [Link]
    /// The module's pages about this entry (预警发布通知), to read and print.
    var pages: [Link]
    var notice: Notice?
}
