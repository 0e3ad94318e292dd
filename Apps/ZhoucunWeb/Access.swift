import Foundation
import GazetteStore
import Hummingbird
import HTTPTypes
import ModuleSpine
import OfficeAccounts

/// Who may see the page, and how sessions behave.
public struct Access: Sendable {
    /// Read pages open to visitors who have not signed in (an intranet's choice, `--public-read`).
    public var publicRead: Bool
    /// Behind TLS (`--behind-tls`): the session cookie is `Secure`, and origins are `https://`.
    public var behindTLS: Bool
    /// How long a session lasts without a request.
    public var idle: TimeInterval
    /// How long a failed sign-in waits before it answers: a password guessed by a script is slow.
    public var failureDelay: Duration
    /// bcrypt's cost for the decoy an unknown name is checked against (the accounts' own hashes
    /// carry theirs).
    public var bcryptCost: UInt8

    public init(publicRead: Bool = false, behindTLS: Bool = false, idle: TimeInterval = Sessions.defaultIdle,
                failureDelay: Duration = .seconds(1), bcryptCost: UInt8 = 12) {
        self.publicRead = publicRead
        self.behindTLS = behindTLS
        self.idle = idle
        self.failureDelay = failureDelay
        self.bcryptCost = bcryptCost
    }
}

/// A request and, where the visitor has signed in, their session.
public struct OfficeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var session: Session?
    /// The store's version when the request came (`StoreVersion`): read once, for every cache.
    var storeVersion: Int64?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// Finds the visitor's session from its cookie; sends a visitor who has not signed in to the
/// sign-in page (or answers 401 to a JSON client), except for what that page itself needs; and
/// refuses every write from another origin.
struct SignedIn: RouterMiddleware {
    typealias Context = OfficeRequestContext
    let site: OfficeSite

    /// Answered to anyone: the sign-in page and what it shows.
    static let open: Set<String> = ["/login", "/static/site.css", "/favicon.ico", "/healthz", "/prefs"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do {
            context.storeVersion = try site.version?.current()
            if let token = Web.cookie(OfficeSite.sessionCookie, in: request) {
                context.session = try await site.session(token: token, at: context.storeVersion)
            }
        } catch {
            // Outside the error pages: a store that cannot be read is said as a page, not a bare 500.
            context.logger.error("\(request.uri.path): the store cannot be read: \(error)")
            return ErrorPages(site: site).page(request, context, .serviceUnavailable, "暂时无法访问", "存储暂时无法读取，请稍后再试；如一再出现，请告知系统管理员。")
        }
        if request.method != .get && request.method != .head {
            guard site.sameOrigin(request) else { return ErrorPages(site: site).page(request, context, .forbidden, "拒绝访问", "拒绝：请求不是从本站页面发出的。") }
        }
        if context.session == nil, !Self.open.contains(request.uri.path), request.method != .post || request.uri.path != "/login" {
            let isRead = request.method == .get || request.method == .head
            if !(site.access.publicRead && isRead) {
                if isRead, !Web.wantsJSON(request) {
                    let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                    return Response(status: .seeOther, headers: [.location: "/login?next=" + Web.queryValue(next)])
                }
                return ErrorPages(site: site).page(request, context, .unauthorized, "请先登录", "请先登录。")
            }
        }
        return try await next(request, context)
    }
}

extension OfficeSite {
    static let sessionCookie = "zhoucun_session"
    /// The sign-in form's own token, before any session: a form posted from elsewhere lacks it.
    static let signInCookie = "zhoucun_signin"

    /// The live session of a cookie's token: kept from an earlier request while the store has
    /// not changed (its idle time still counted), else read from the store.
    func session(token: String, at version: Int64?) async throws -> Session? {
        let now = context.now
        let idle = access.idle
        let hash = Sessions.hash(token)
        var found = version.flatMap { sessions.value(for: hash, at: $0) }.flatMap { Sessions.isLive($0, at: now, idle: idle) ? $0 : nil }
        if found == nil {
            found = try await database.writer.read { try Sessions.find(token: token, at: now, idle: idle, in: $0) }
            if let found, let version { sessions.keep(found, for: hash, madeFrom: version) }
        }
        guard let session = found else { return nil }
        if Sessions.needsTouch(session, at: now) {
            try await database.writer.write { try Sessions.touch(session, at: now, in: $0) }
        }
        return session
    }

    /// A write comes from a page of this site: its Origin (or, lacking one, its Referer) is this host.
    func sameOrigin(_ request: Request) -> Bool {
        guard let host = request.head.authority else { return false }
        let origin = (access.behindTLS ? "https://" : "http://") + host
        if let given = request.headers[.origin] { return given == origin }
        if let referer = request.headers[.referer] { return referer == origin || referer.hasPrefix(origin + "/") }
        return false
    }

    func cookie(_ name: String, _ value: String, maxAge: Int?) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if access.behindTLS { cookie += "; Secure" }
        return cookie
    }

    /// A path of this site to go back to (after signing in, after 长者模式, after a write): never an
    /// address elsewhere. A browser drops tabs and line breaks and reads `\\` as `/`, so any of
    /// them, a space or a control character, is refused with the rest.
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/login"),
              !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }),
              let parts = URLComponents(string: text), parts.scheme == nil, parts.host == nil else { return "/" }
        return text
    }

    struct SignInView { var next: String; var token: String; var message: String?; var name: String }

    /// 登录: the form, with a token of its own in a cookie and a hidden field.
    @Sendable func signInPage(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        if context.session != nil { return Response(status: .seeOther, headers: [.location: Self.localPath(Web.query("next", request))]) }
        let token = Web.cookie(Self.signInCookie, in: request).flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? Sessions.randomToken()
        return signInForm(request, context, SignInView(next: Self.localPath(Web.query("next", request)), token: token, message: nil, name: ""), status: .ok)
    }

    func signInForm(_ request: Request, _ context: OfficeRequestContext, _ view: SignInView, status: HTTPResponse.Status) -> Response {
        var response = answer(request, context, Page(title: "登录", template: "login", view: view, json: ["error": view.message ?? "请先登录。"], status: status)).response
        response.headers[.setCookie] = cookie(Self.signInCookie, view.token, maxAge: 3600)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Signs in: the form's token checked, the password checked (slowly, failures counted per
    /// name and locked after too many), a new session begun with a new cookie.
    @Sendable func signIn(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let form = try await Web.form(request)
        let name = form["username"] ?? "", password = form["password"] ?? ""
        let next = Self.localPath(form["next"])
        guard let cookieToken = Web.cookie(Self.signInCookie, in: request), let formToken = form["token"], Sessions.same(cookieToken, formToken) else {
            throw HTTPError(.forbidden, message: "拒绝：登录表单已过期或不是本站发出的，请刷新登录页后重试。")
        }
        let (cost, signInContext) = (access.bcryptCost, self.context.acting(as: String(name.prefix(64))))
        let outcome = try await database.writer.write { db -> (SignIn.Outcome, String?) in
            let outcome = try SignIn.attempt(name: name, password: password, cost: cost, by: signInContext, in: db)
            guard case .signedIn(let account) = outcome else { return (outcome, nil) }
            return (outcome, try Sessions.begin(for: account, at: signInContext.now, in: db).token)
        }
        switch outcome {
        case (.signedIn, let token?):
            var headers: HTTPFields = [.location: next, .cacheControl: "no-store"]
            headers.append(HTTPField(name: .setCookie, value: cookie(Self.sessionCookie, token, maxAge: nil)))
            headers.append(HTTPField(name: .setCookie, value: cookie(Self.signInCookie, "", maxAge: 0)))
            return Response(status: .seeOther, headers: headers)
        case (.locked(let until), _):
            try await Task.sleep(for: access.failureDelay)
            let minutes = max(1, Int((until.timeIntervalSince(self.context.now) / 60).rounded(.up)))
            return signInForm(request, context, SignInView(next: next, token: cookieToken, message: "登录失败次数过多，该用户名已暂时锁定，请 \(minutes) 分钟后再试。", name: name), status: .tooManyRequests)
        default:
            try await Task.sleep(for: access.failureDelay)
            return signInForm(request, context, SignInView(next: next, token: cookieToken, message: "用户名或密码不正确。", name: name), status: .unauthorized)
        }
    }

    /// Signs out: the session ends in the store, and its cookie is cleared.
    @Sendable func signOut(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let form = try await Web.form(request)
        guard let session = context.session else { return Response(status: .seeOther, headers: [.location: "/login"]) }
        guard let token = form["csrf"], Sessions.same(token, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "拒绝：表单缺少本次登录的校验码。")
        }
        let context = self.context
        try await database.writer.write { try Sessions.end(session, by: context, in: $0) }
        return Response(status: .seeOther, headers: [.location: "/login", .setCookie: cookie(Self.sessionCookie, "", maxAge: 0)])
    }
}

extension Web {
    /// A form's fields (`application/x-www-form-urlencoded`), its body at most 64 KB.
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let buffer = try await request.collectBody(upTo: 64 << 10)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String { (String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") }
            guard let name = parts.first.map(decode), !name.isEmpty, fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

extension Roles {
    /// The roles of a build with these modules: each module's clerk role under its title.
    public init(for modules: [any PolicyModule.Type]) {
        self.init(modules: modules.map { module in (module.id, (module as? any WebModule.Type)?.title ?? module.id) })
    }
}
