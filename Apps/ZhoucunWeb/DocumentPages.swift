import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import ModuleSpine
import OfficeAccounts

extension OfficeSite {
    /// 首页: what needs doing today across the offices, the latest documents, the store's figures.
    @Sendable func home(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let today = self.context.today
        let calendar = try await workingDays()
        let modules = self.modules
        let (overview, agenda) = try await database.writer.read { db in
            (Overview(documents: try DocumentQueries.list(in: db), bodies: try RosterQueries.bodies(on: today.description, in: db),
                      sharedPeople: try RosterQueries.shared(minimum: 2, on: today.description, in: db)),
             try modules.flatMap { try $0.agenda(on: today, calendar: calendar, in: db) })
        }
        struct Item { var what: String; var due: String?; var overdue: Bool; var citation: CitationLink }
        struct Group { var module: String; var href: String; var count: Int; var overdue: Int?; var open: Bool; var items: [Item] }
        struct Figure { var label: String; var value: Int }
        struct View {
            var today: String
            var groups: [Group]
            var latest: [DocumentRow]
            var figures: [Figure]
        }
        // One group per module, what is overdue first; a long list stays folded until asked for.
        let groups = modules.compactMap { module -> Group? in
            let items = agenda.filter { $0.module == module.id }.sorted(by: Self.urgency(today))
            guard !items.isEmpty else { return nil }
            return Group(module: module.title, href: "/modules/\(module.id)", count: items.count, overdue: items.contains(where: \.overdue) ? items.filter(\.overdue).count : nil,
                         open: items.count <= 5, items: items.map {
                             Item(what: $0.what, due: $0.due.map { Chinese.date($0.description) }, overdue: $0.overdue, citation: CitationLink($0.citation))
                         })
        }
        let view = View(
            today: Chinese.date(today.description), groups: groups,
            latest: overview.documents.sorted { ($0.date ?? "") > ($1.date ?? "") }.prefix(8).map(DocumentRow.init),
            figures: [Figure(label: "现行文件", value: overview.documents.count), Figure(label: "现行机构", value: overview.bodies.count),
                      Figure(label: "跨机构任职人员", value: overview.sharedPeople.count)]
        )
        struct JSON: Encodable { var today: CivilDate; var agenda: [AgendaItem]; var overview: Overview }
        return Page(title: "今日待办", template: "home", view: view, json: JSON(today: today, agenda: agenda, overview: overview))
    }

    /// Overdue first, then by due date; what has no date last of its kind.
    static func urgency(_ today: CivilDate) -> (AgendaItem, AgendaItem) -> Bool {
        { first, second in
            if first.overdue != second.overdue { return first.overdue }
            guard let later = second.due else { return first.due != nil }
            return first.due.map { $0 < later } ?? false
        }
    }

    /// 文件: the documents, filtered by year, issuer and status; with `q`, the clauses that hold it.
    @Sendable func documents(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        let q = Web.query("q", request)
        if let q {
            let hits = try await database.writer.read { try DocumentQueries.search(q, limit: 100, in: $0) }
            struct Hit { var citation: CitationLink; var title: String; var snippet: [Snippet] }
            struct View { var q: String; var hits: [Hit]; var count: Int; var searching = true }
            let view = View(q: q, hits: hits.map { Hit(citation: CitationLink($0.citation), title: $0.title, snippet: Snippet.split($0.snippet)) }, count: hits.count)
            return Page(title: "检索：\(q)", template: "documents", view: view, json: hits)
        }
        let year = try Web.query("year", request).map { text -> Int in
            guard let year = Int(text), (1949...2100).contains(year) else { throw WebError.badRequest("year=\(text)：不是年份") }
            return year
        }
        let status = try Web.query("status", request).map { text -> DocumentStatus in
            guard let status = DocumentStatus.allCases.first(where: { $0.rawValue == text || $0.label == text }) else {
                throw WebError.badRequest("status=\(text)：状态只有 " + DocumentStatus.allCases.map(\.label).joined(separator: "、"))
            }
            return status
        }
        let issuer = Web.query("issuer", request)
        let all = try await database.writer.read { try DocumentQueries.list(all: true, in: $0) }
        let shown = all.filter { document in
            (status.map { document.status == $0 } ?? (document.status == .inForce || document.status == .reference))
                && (year.map { document.date?.hasPrefix(String($0)) ?? false } ?? true)
                && (issuer.map { document.issuer?.contains($0) ?? false } ?? true)
        }
        struct Option { var value: String; var label: String; var selected: Bool }
        struct View {
            var documents: [DocumentRow]
            var count: Int
            var years: [Option]
            var statuses: [Option]
            var issuer: String
            var searching = false
        }
        let years = Set(all.compactMap { $0.date.flatMap { Int($0.prefix(4)) } }).sorted(by: >)
        let view = View(
            documents: shown.map(DocumentRow.init), count: shown.count,
            years: [Option(value: "", label: "全部年份", selected: year == nil)] + years.map { Option(value: String($0), label: "\($0)年", selected: $0 == year) },
            statuses: [Option(value: "", label: "现行（含外单位参考）", selected: status == nil)]
                + DocumentStatus.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == status) },
            issuer: issuer ?? ""
        )
        return Page(title: "文件", template: "documents", view: view, json: shown)
    }

    /// The file a stored version came from, byte for byte, always as a download (an imported web
    /// page is never shown as this site's page).
    @Sendable func source(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let reference = try Web.parameter("reference", context)
        let file = try await database.writer.read { db -> SourceFile? in
            guard let id = Int64(reference) ?? (try? DocumentQueries.find(reference, in: db))??.summary.id else { return nil }
            return try DocumentQueries.source(ofDocumentId: id, in: db)
        }
        guard let file else { throw WebError.notFound("没有保存「\(reference)」的原始文件。", search: nil) }
        let types = ["pdf": "application/pdf", "ofd": "application/ofd", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "html": "text/html", "akn": "application/akn+xml", "text": "text/plain"]
        let ascii = file.name.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" && $0.value >= 0x20 } ? file.name : "document"
        return Response(status: .ok, headers: [
            .contentType: types[file.format] ?? "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(Web.queryValue(file.name))",
            .contentSecurityPolicy: "sandbox", .xContentTypeOptions: "nosniff", .eTag: "\"\(file.sha256)\"",
        ], body: .init(byteBuffer: ByteBuffer(data: file.bytes)))
    }

    /// A document's page: its head, validity, clause tree with an anchor per clause, attachments,
    /// the bodies it set up or changed, and its versions with what changed between them.
    @Sendable func document(_ request: Request, _ context: OfficeRequestContext) async throws -> Page {
        // The page's document is known once it is found: the line must be about it (`document 12 (…)`).
        let notice = try await loggedLine(request, context) { $0.module == "docs" && $0.record.hasPrefix("document ") }
        return try await documentPage(request, context, notice: notice)
    }

    /// The document's page; for an account with the 文件 role, the form that withdraws it (or
    /// restores it), with a refusal and what was typed where a write was refused.
    func documentPage(_ request: Request, _ context: OfficeRequestContext, notice: LogEntry? = nil, refusal: String? = nil, typed: String = "",
                      status: HTTPResponse.Status = .ok) async throws -> Page {
        let reference = try Web.parameter("reference", context)
        let version = try Web.query("version", request).map { text -> Int in
            guard let version = Int(text), version > 0 else { throw WebError.badRequest("version=\(text)：版本是正整数") }
            return version
        }
        let found = try await database.writer.read { db -> (DocumentDetail, [BodySummary], [BodyChanges], [ClauseChange], Bool)? in
            let detail: DocumentDetail
            do { detail = try DocumentQueries.detail(reference, version: version, in: db) } catch is QueryError { return nil }
            let founded = try DocumentQueries.bodyIds(foundedBy: detail.summary.id, in: db).map { try RosterQueries.body(String($0), in: db) }
            let changes = try RosterQueries.changes(byDocument: detail.summary.id, in: db)
            // What the version shown changed against the one before it.
            let previous = try detail.history.last { $0.version < detail.summary.version }.map {
                try DocumentQueries.anyVersion(reference, version: $0.version, in: db).document
            }
            return (detail, founded, changes, previous.map { DocumentQueries.diff($0, detail.document) } ?? [],
                    try DocumentQueries.keepsSource(ofDocumentId: detail.summary.id, in: db))
        }
        guard let (detail, founded, changes, diff, keepsSource) = found else {
            throw WebError.notFound("没有文号、编号或标题为「\(reference)」的文件。", search: reference)
        }
        var view = DocumentView(detail, founded: founded, changes: changes, diff: diff, keepsSource: keepsSource)
        let summary = detail.summary
        if let session = context.session, session.account.roles.contains(Role.documents.code), summary.status != .superseded {
            let write: DocumentWrite = summary.status == .withdrawn ? .restore : .withdraw
            view.write = DocumentView.Write(withdraw: write == .withdraw, action: "/documents/\(summary.id)/\(write.rawValue)", csrf: session.csrfToken,
                                            reason: typed, error: refusal.map(ErrorText.init))
        }
        view.notice = notice.flatMap { $0.record.hasPrefix("document \(summary.id) (") ? EntryView.Notice($0) : nil }
        return Page(title: summary.title, template: "document", view: view, json: detail, status: status)
    }

    enum DocumentWrite: String, CaseIterable { case withdraw, restore }

    /// `POST /documents/{id}/withdraw` and `…/restore`, for the 文件 role: the same operation as
    /// `docs withdraw` and `docs restore`, once confirmed, with its reason.
    func writeDocument(_ write: DocumentWrite, _ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let reference = try Web.parameter("reference", context)
        let form = try await Web.form(request)
        let session = try authorise(form, context, role: Role.documents.code, label: Role.documents.label)
        let actor = self.context.onWebPage(as: session.account.name)
        let reason = form["reason"] ?? ""
        do {
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw EntryError("reason", "请写明理由（记入日志）") }
            guard form["confirm"] == "1" else {
                throw EntryError("confirm", write == .withdraw ? "请勾选确认：撤回后，本文设立的机构、名单、职责和业务记录都不再生效（可以恢复）" : "请勾选确认恢复")
            }
            let (id, logged) = try await database.writer.write { db -> (Int64, Int64) in
                let (id, _) = write == .withdraw ? try DocumentStore.withdraw(reference, reason: reason, by: actor, in: db)
                    : try DocumentStore.restore(reference, reason: reason, by: actor, in: db)
                return (id, try WriteLog.lastEntryId(in: db))
            }
            return Response(status: .seeOther, headers: [.location: "/documents/\(id)?logged=\(logged)"])
        } catch let refusal as EntryError {
            return answer(request, context, try await documentPage(request, context, refusal: refusal.message, typed: reason, status: .unprocessableContent)).response
        } catch {
            guard let (status, message) = Self.refusal(error) else { throw error }
            return answer(request, context, try await documentPage(request, context, refusal: message, typed: reason, status: status)).response
        }
    }
}

/// A document as a row of the list: its link, its head and its status as a badge.
struct DocumentRow {
    var href: String
    var number: String
    var title: String
    var issuer: String
    var date: String
    var status: String
    var badge: String
    var modules: String

    init(_ summary: DocumentSummary) {
        href = "/documents/" + Web.pathComponent(summary.number ?? String(summary.id)) + (summary.status == .superseded ? "?version=\(summary.version)" : "")
        if summary.number == nil || summary.status == .superseded || summary.status == .withdrawn {
            href = "/documents/\(summary.id)" + (summary.status == .superseded ? "?version=\(summary.version)" : "")
        }
        number = summary.number ?? "（无文号）"
        title = summary.title
        issuer = summary.issuer ?? ""
        date = Chinese.date(summary.date)
        status = summary.status.label
        badge = summary.status.badge
        modules = summary.modules.joined(separator: "、")
    }
}

/// A search snippet in pieces, the match (between 【 and 】) marked.
struct Snippet {
    var text: String
    var hit: Bool

    static func split(_ snippet: String) -> [Snippet] {
        var pieces: [Snippet] = []
        var rest = Substring(snippet)
        while let open = rest.firstIndex(of: "【"), let close = rest[open...].firstIndex(of: "】") {
            if open > rest.startIndex { pieces.append(Snippet(text: String(rest[..<open]), hit: false)) }
            pieces.append(Snippet(text: String(rest[rest.index(after: open)..<close]), hit: true))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(Snippet(text: String(rest), hit: false)) }
        return pieces
    }
}

/// What the document template reads.
struct DocumentView {
    struct Field { var label: String; var value: String }
    /// A clause; every field is there, empty or not, with a flag: a child's missing anchor or
    /// heading would otherwise be looked up in its parent, and take the parent's.
    struct Clause {
        var anchor: String
        var hasAnchor: Bool
        var citation: String
        var num: String
        var hasNum: Bool
        var heading: String
        var hasHeading: Bool
        var paragraphs: [String]
        var children: [Clause]

        init(anchor: String?, citation: String, num: String?, heading: String?, paragraphs: [String], children: [Clause]) {
            (self.anchor, hasAnchor) = (anchor ?? "", anchor != nil)
            (self.num, hasNum) = (num ?? "", num != nil)
            (self.heading, hasHeading) = (heading ?? "", heading?.isEmpty == false)
            self.citation = citation
            self.paragraphs = paragraphs
            self.children = children
        }
    }
    struct Attachment { var label: String; var title: String; var sections: [Clause] }
    struct Version { var version: Int; var href: String; var door: String; var importedAt: String; var status: String; var current: Bool }
    struct Change { var citation: String; var change: String; var from: String; var to: String }
    struct Body { var name: String; var href: String; var what: [String] }

    var head: [Field]
    var status: String
    var badge: String
    var withdrawn: String?
    var addressees: String?
    var sections: [Clause]
    var attachments: [Attachment]
    var founded: [BodyRow]
    /// The file this version came from, to download.
    var source: Source?
    struct Source { var href: String; var format: String }
    var bodies: [Body]
    var touchesBodies: Bool
    var versions: [Version]
    var changes: [Change]
    var replaces: [CitationLink]
    var replacedBy: [CitationLink]
    /// The withdraw (or restore) form, for an account with the 文件 role.
    struct Write { var withdraw: Bool; var action: String; var csrf: String; var reason: String; var error: ErrorText? }
    var write: Write?
    var notice: EntryView.Notice?

    static func changeLines(_ change: BodyChanges) -> [String] {
        let parts: [(String, [String])] = [("加入", change.joined), ("离开", change.left), ("职务变化", change.roleChanged)]
        return parts.filter { !$0.1.isEmpty }.map { label, names in "\(label)：" + names.joined(separator: "、") }
    }

    init(_ detail: DocumentDetail, founded: [BodySummary], changes bodyChanges: [BodyChanges], diff: [ClauseChange], keepsSource: Bool) {
        let summary = detail.summary
        head = [
            Field(label: "文号", value: summary.number ?? "（无文号）"), Field(label: "发文机关", value: summary.issuer ?? ""),
            Field(label: "成文日期", value: Chinese.date(summary.date)), Field(label: "公报期号", value: summary.issue ?? ""),
            Field(label: "版本", value: "第 \(summary.version) 版，共 \(detail.history.count) 版"),
            Field(label: "来源", value: [summary.door, summary.importedAt.map { "导入于 " + Chinese.date($0) }].compactMap { $0 }.joined(separator: "，")),
        ].filter { !$0.value.isEmpty }
        status = summary.status.label
        badge = summary.status.badge
        source = keepsSource ? Source(href: "/documents/\(summary.id)/source", format: summary.door ?? "") : nil
        withdrawn = summary.withdrawnAt.map { "撤回于 \(Chinese.date($0))：\(summary.withdrawnReason ?? "")" }
        addressees = detail.document.addressees?.nonEmpty
        // One id per anchor: an attachment's heading takes its label, a clause without a number none.
        var anchors = Set(detail.attachments.map(\.label))
        func clauses(_ list: [DocumentDetail.Clause]) -> [Clause] {
            list.map { Clause(anchor: anchors.insert($0.anchor).inserted ? $0.anchor.nonEmpty : nil, citation: $0.citation, num: $0.num, heading: $0.heading,
                              paragraphs: $0.text.split(separator: "\n").map(String.init), children: clauses($0.children)) }
        }
        sections = clauses(detail.sections)
        attachments = detail.attachments.map { Attachment(label: $0.label, title: $0.title, sections: clauses($0.sections)) }
        self.founded = founded.map(BodyRow.init)
        touchesBodies = !founded.isEmpty || !bodyChanges.isEmpty
        bodies = bodyChanges.map { change in
            Body(name: change.body, href: "/bodies/" + Web.pathComponent(change.body),
                 what: Self.changeLines(change))
        }
        versions = detail.history.map {
            Version(version: $0.version, href: "/documents/\(summary.id)?version=\($0.version)", door: $0.door ?? "",
                    importedAt: Chinese.date($0.importedAt), status: $0.status.label, current: $0.version == summary.version)
        }
        let words: [ClauseChange.Kind: String] = [.added: "新增", .removed: "删除", .changed: "修改"]
        changes = diff.map { Change(citation: $0.citation, change: words[$0.change] ?? $0.change.rawValue, from: $0.from ?? "", to: $0.to ?? "") }
        replaces = detail.document.replaces.map(CitationLink.init)
        replacedBy = detail.replacedBy.map(CitationLink.init)
    }
}
