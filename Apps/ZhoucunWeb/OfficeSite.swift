import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Hummingbird
import ModuleSpine
import OfficeAccounts
import Mustache

/// The office's web site over one store: pages rendered on the server from Mustache templates,
/// each also as JSON (the rows the command line prints) at the same path with
/// `Accept: application/json`. It reads through the store's queries and the modules' pages; it
/// holds no SQL and no rule of its own.
public struct OfficeSite: Sendable {
    let database: GazetteDatabase
    let modules: [any WebModule.Type]
    let templates: MustacheLibrary
    let stylesheet: ByteBuffer
    /// Who reads and when: the office's time zone and clock, as the command line has them.
    let context: OperationContext
    let environment: [String: String]
    /// Tells when the store changed, for what is kept until it does: pages as rendered and
    /// sessions found. None for a store in memory (nothing is kept then).
    let version: StoreVersion?
    let cache = PageCache.pages()
    let sessions = SessionCache.sessions()
    let access: Access

    /// The site over `database`, with the modules of this build that have pages.
    public init(database: GazetteDatabase, modules: [any PolicyModule.Type], context: OperationContext, access: Access = Access(),
                environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        guard let resources = Bundle.module.resourceURL else { throw StoreError("the web page's templates are missing from this installation") }
        MustacheContentTypes.register(ScalarHTML(), named: ScalarHTML.name)
        self.database = database
        self.modules = modules.compactMap { $0 as? any WebModule.Type }
        templates = try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path)
        stylesheet = ByteBuffer(data: try Data(contentsOf: resources.appendingPathComponent("Static/site.css")))
        // Everything the site writes is from the web page, under the account that signed in.
        self.context = context.onWebPage(as: context.actor)
        self.environment = environment
        self.access = access
        version = try StoreVersion(database)
    }

    /// Every route of the site.
    public func router() -> Router<OfficeRequestContext> {
        let router = Router(context: OfficeRequestContext.self)
        // Outermost, so that every page (errors too) knows who signed in.
        router.add(middleware: SignedIn(site: self))
        router.add(middleware: ErrorPages(site: self))
        router.get("/login") { request, context in try await signInPage(request, context) }
        router.post("/login") { request, context in try await signIn(request, context) }
        router.post("/logout") { request, context in try await signOut(request, context) }
        router.get("/healthz") { _, _ in
            _ = try await database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("/static/site.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"], body: .init(byteBuffer: stylesheet))
        }
        // No icon: said without a body, so that a browser's automatic request logs no error.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/prefs") { request, _ in preferences(request) }
        router.get("/documents/:reference/source") { request, context in try await source(request, context) }
        router.get("/shared/graph.svg") { request, context in try await sharedGraph(request, context) }
        for format in Download.allCases {
            router.get(RouterPath("/modules/:module/:page/\(format.rawValue)")) { request, context in try await moduleTable(request, context, as: format) }
        }
        router.get("/api/openapi.json") { request, _ in
            Web.json(OpenAPI.document(modules: modules.map { ($0.id, $0.pages.map(\.path), $0.ledgers.map(\.path), $0.actions.map { ($0.path, $0.title, $0.fields.map(\.name)) }) },
                                       shared: sharedActionGroups.map { group in (group.base, group.actions.map { ($0.path, $0.title, $0.fields.map(\.name)) }) }), status: .ok)
        }
        // Writes are never kept: each is checked and made anew.
        for write in LedgerWrite.allCases {
            router.post(RouterPath("/modules/:module/ledgers/:ledger/:key/\(write.rawValue)")) { request, context in
                try await writeEntry(write, request, context)
            }
        }
        for write in DocumentWrite.allCases {
            router.post(RouterPath("/documents/:reference/\(write.rawValue)")) { request, context in try await writeDocument(write, request, context) }
        }
        router.post("/modules/:module/actions/:action") { request, context in try await performAction(.of(try webModule(context)), request, context) }
        for group in sharedActionGroups {
            router.post(RouterPath("\(group.base)/actions/:action")) { request, context in try await performAction(group, request, context) }
        }
        let pages: [(String, @Sendable (Request, OfficeRequestContext) async throws -> Page)] = [
            ("/", home), ("/documents", documents), ("/documents/:reference", document), ("/bodies", bodies),
            ("/bodies/:reference", body), ("/people/:name", person), ("/units/:name", unit), ("/shared", shared),
            ("/log", log), ("/params", parameters), ("/calendar", calendar), ("/modules/:module", module),
            ("/modules/:module/:page", modulePage), ("/modules/:module/ledgers/:ledger", ledgerPage),
            ("/modules/:module/ledgers/:ledger/:key", entryPage), ("/modules/:module/actions/:action", { request, context in try await actionPage(.of(try webModule(context)), request, context) }),
            ("/accounts", accounts), ("/tasks", tasks), ("/tasks/chase", chase), ("/tasks/stats", taskStats), ("/tasks/:id", task),
        ]
        let actionPages: [(String, @Sendable (Request, OfficeRequestContext) async throws -> Page)] = sharedActionGroups.map { group in
            ("\(group.base)/actions/:action", { request, context in try await actionPage(group, request, context) })
        }
        for (path, page) in pages + actionPages {
            router.get(RouterPath(path)) { request, context in
                try await cached(request, context) { try await answer(request, context, page(request, context)) }
            }
        }
        return router
    }

    /// The page kept for this request if the store has not changed since it was rendered, else
    /// the page rendered now (and kept, if it is a 200). `X-Zhoucun-Cache` says which.
    func cached(_ request: Request, _ context: OfficeRequestContext, _ render: () async throws -> Web.Answer) async throws -> Response {
        guard let version = context.storeVersion else { return try await render().response }
        let key = PageKey(target: request.uri.description, json: Web.wantsJSON(request),
                          large: Web.cookie("large", in: request) == "1", day: self.context.today, session: context.session?.tokenHash)
        if var kept = cache.value(for: key, at: version) {
            kept.headers[Web.cacheHeader] = "hit"
            return kept.response
        }
        var answer = try await render()
        if answer.status == .ok { cache.keep(answer, for: key, madeFrom: version) }
        answer.headers[Web.cacheHeader] = "miss"
        return answer.response
    }

    /// The page as HTML in the site's layout, or its rows as JSON where the client asks for JSON.
    func answer(_ request: Request, _ context: OfficeRequestContext, _ page: Page) -> Web.Answer {
        if Web.wantsJSON(request) { return Web.jsonAnswer(page.json, status: page.status) }
        return Web.htmlAnswer(render(page, for: request, context), status: page.status)
    }

    func render(_ page: Page, for request: Request, _ context: OfficeRequestContext) -> String {
        let body = templates.render(ViewTree.of(page.view) ?? [:], withTemplate: page.template) ?? ""
        let path = request.uri.path
        let layout = Layout(
            title: page.title, body: body, path: path + (request.uri.query.map { "?" + $0 } ?? ""),
            large: Web.cookie("large", in: request) == "1",
            nav: (navigation + (context.session?.account.roles.contains(Role.admin.code) == true ? [("账户", "/accounts")] : [])).map { item in Layout.NavItem(label: item.label, href: item.href, current: item.href == "/" ? path == "/" : path.hasPrefix(item.href)) },
            account: context.session.map { "\($0.account.name)" + ($0.account.unit.map { "（\($0)）" } ?? "") },
            csrf: context.session?.csrfToken,
            tools: page.tools.filter { context.session?.account.roles.contains($0.role) == true }.map { Layout.NavItem(label: $0.title, href: $0.href, current: false) },
            signInHref: context.session == nil && path != "/login" ? "/login?next=" + Web.queryValue(path) : nil
        )
        return templates.render(ViewTree.of(layout) ?? [:], withTemplate: "layout") ?? body
    }

    var navigation: [(label: String, href: String)] {
        [("首页", "/"), ("文件", "/documents"), ("机构与人员", "/bodies"), ("跨机构人员", "/shared")]
            + modules.map { ($0.title, "/modules/\($0.id)") }
            + [("督办", "/tasks"), ("日志", "/log"), ("参数", "/params"), ("日历", "/calendar")]
    }

    /// 长者模式 on or off, kept in a cookie for a year, then back to the page it was asked from.
    func preferences(_ request: Request) -> Response {
        let large = request.uri.queryParameters.get("large") == "1"
        // Only a path of this site: never a redirect elsewhere.
        let back = Self.localPath(request.uri.queryParameters.get("back"))
        return Response(status: .seeOther, headers: [
            .location: back,
            .setCookie: "large=\(large ? "1" : "0"); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        ])
    }

    /// The office's day for a page's question, from a `?on=` date or today.
    func day(_ request: Request, _ field: String = "on") throws -> CivilDate {
        guard let text = Web.query(field, request) else { return context.today }
        switch TypedValue.date(text) {
        case .success(let day): return day
        case .failure(let reason): throw WebError.badRequest("\(field)=\(text)：\(reason)")
        }
    }

    /// The working-day calendar with the years the store holds.
    func workingDays() async throws -> WorkingDayCalendar {
        let standard = try WorkingDayCalendar.standard(environment: environment)
        return try await database.writer.read { db in
            var calendar = standard
            try calendar.load(from: db)
            return calendar
        }
    }
}

/// What a route answers: its title, its template and the view the template reads, and the rows
/// its JSON gives.
struct Page {
    var title: String
    var template: String
    var view: Any
    var json: any Encodable
    var status: HTTPResponse.Status = .ok
    /// The writes a page offers (名单变更 on a body's page), each shown to the accounts holding its role.
    var tools: [Tool] = []

    struct Tool {
        var title: String
        var href: String
        var role: String
    }
}

struct Layout {
    struct NavItem {
        var label: String
        var href: String
        var current: Bool
    }
    var title: String
    var body: String
    var path: String
    var large: Bool
    var nav: [NavItem]
    /// Who has signed in, with their unit; the token of their sign-out form.
    var account: String?
    var csrf: String?
    /// The page's writes this account may make.
    var tools: [NavItem]
    /// Where a visitor who has not signed in (a public reader) can.
    var signInHref: String?
}

/// HTML escaping scalar by scalar: Mustache's own escapes by character, and a quote followed by
/// a combining mark is another character, which would end an attribute unescaped.
struct ScalarHTML: MustacheContentType {
    static let name = "SCALAR_HTML"

    func escapeText(_ text: String) -> String { Markup.escape(text) }
}
