import Foundation
import GRDB
import GazetteStore
import Hummingbird
import HummingbirdTesting
import OfficeAccounts
import Testing
import TestSupport
import ZhoucunModules
@testable import ZhoucunWeb

/// Signing in to the page, in process on a real store: who gets in, for how long, and what a
/// guesser, a forged form or a stolen cookie gets (nothing).
@Suite struct SignInTests {
    /// The office's clock, moved by the test.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var date = Date(timeIntervalSince1970: 1_610_668_800)
        var now: Date { lock.withLock { date } }
        func advance(_ seconds: TimeInterval) { lock.withLock { date += seconds } }
    }

    static let password = "正确的密码一二三四五"
    static let origin = "http://localhost"

    struct Office {
        let database: GazetteDatabase
        let clock = Clock()
        var context: OperationContext { OperationContext(actor: "访客", clock: { [clock] in clock.now }) }

        init() throws {
            database = try Fixtures.seededDatabase(modules: ModuleRegistry.all)
            try database.writer.write { db in
                for (name, role) in [("张敏", Role.read), ("李强", Role.read)] {
                    _ = try AccountRecords.add(name: name, unit: "区政府办公室", roles: [role], password: SignInTests.password, cost: 4, by: Fixtures.context, in: db)
                }
            }
        }

        /// A server over the store (a new one is a restart).
        func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            let site = try await OfficeSite(database: database, modules: ModuleRegistry.all, context: context,
                                            access: Access(failureDelay: .zero, bcryptCost: 4))
            try await Application(router: site.router()).test(.router, body)
        }
    }

    /// The sign-in form's cookie and token.
    static func signInToken(_ client: any TestClientProtocol) async throws -> String {
        let form = try await client.execute(uri: "/login", method: .get)
        #expect(form.status == .ok)
        let cookie = try #require(form.headers[.setCookie])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let token = String(try #require(cookie.firstMatch(of: /zhoucun_signin=([0-9a-f]{64})/)).1)
        #expect(String(buffer: form.body).contains("<input type=\"hidden\" name=\"token\" value=\"\(token)\">"))
        return token
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ form: [String: String], cookie: String?,
                     origin: String? = SignInTests.origin) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        if let origin { headers[.origin] = origin }
        let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in and returns the session's cookie (`zhoucun_session=…`), or nil with the response.
    static func signIn(_ client: any TestClientProtocol, _ name: String, _ password: String, extraCookie: String = "") async throws -> (cookie: String?, response: TestResponse) {
        let token = try await signInToken(client)
        let response = try await post(client, "/login", ["username": name, "password": password, "token": token, "next": "/bodies"],
                                      cookie: "zhoucun_signin=\(token)" + extraCookie)
        let cookie = response.headers[values: .setCookie].lazy.compactMap { $0.firstMatch(of: /zhoucun_session=[0-9a-f]{64}/).map { String($0.0) } }.first
        return (cookie, response)
    }

    static func status(_ client: any TestClientProtocol, _ uri: String, cookie: String?) async throws -> HTTPResponse.Status {
        try await client.execute(uri: uri, method: .get, headers: cookie.map { [.cookie: $0] } ?? [:]).status
    }

    @Test func everyPageAsksToSignInButWhatTheFormNeeds() async throws {
        try await Office().withClient { client in
            let page = try await client.execute(uri: "/documents?q=x", method: .get)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=/documents?q%3Dx")
            let json = try await client.execute(uri: "/bodies", method: .get, headers: [.accept: "application/json"])
            #expect(json.status == .unauthorized)
            #expect(String(buffer: json.body).contains("请先登录"))
            for open in ["/login", "/healthz", "/static/site.css"] {
                let checked1 = try await Self.status(client, open, cookie: nil)
                #expect(checked1 == .ok, "\(open)")
            }
            // A wrong address is said only to a visitor who has signed in.
            #expect(try await Self.status(client, "/no/such/page", cookie: nil) == .seeOther)
        }
    }

    @Test func aClerkSignsInWithANewSessionAndSignsOut() async throws {
        let office = try Office()
        try await office.withClient { client in
            // A cookie planted before signing in is not adopted: the session is a new token.
            let planted = "zhoucun_session=" + String(repeating: "a", count: 64)
            let (cookie, response) = try await Self.signIn(client, "张敏", Self.password, extraCookie: "; " + planted)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/bodies")
            let session = try #require(cookie)
            #expect(session != planted)
            #expect(try await Self.status(client, "/bodies", cookie: planted) == .seeOther)
            let page = try await client.execute(uri: "/bodies", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<span>张敏（区政府办公室）</span>"))
            let csrf = String(try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)

            // Signing out needs the session's token, from this site.
            #expect(try await Self.post(client, "/logout", [:], cookie: session).status == .forbidden)
            #expect(try await Self.post(client, "/logout", ["csrf": String(repeating: "0", count: 64)], cookie: session).status == .forbidden)
            #expect(try await Self.post(client, "/logout", ["csrf": csrf], cookie: session, origin: "http://evil.example").status == .forbidden)
            let checked2 = try await Self.status(client, "/bodies", cookie: session)
            #expect(checked2 == .ok, "a refused sign-out leaves the session")
            let out = try await Self.post(client, "/logout", ["csrf": csrf], cookie: session)
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.hasPrefix("zhoucun_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0") == true)
            let checked3 = try await Self.status(client, "/bodies", cookie: session)
            #expect(checked3 == .seeOther, "the session ended in the store")
            let log = try await office.database.writer.read { try WriteLog.entries(module: "accounts", in: $0) }
            #expect(log.last.map { [$0.action, $0.by, $0.via?.rawValue] } == ["sign-out", "张敏", "web"], "signing out is logged under the account, from the web page")
        }
    }

    @Test func noRedirectLeavesTheSite() async throws {
        #expect(OfficeSite.localPath("/bodies?on=2021-01-01") == "/bodies?on=2021-01-01")
        for away in ["//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "https://evil.example", "/ /x", "/\u{7F}/x", "evil.example"] {
            #expect(OfficeSite.localPath(away) == "/", "\(away.debugDescription)")
        }
        try await Office().withClient { client in
            let prefs = try await client.execute(uri: "/prefs?large=1&back=/%09/evil.example", method: .get)
            #expect(prefs.headers[.location] == "/")
        }
    }

    @Test func aSessionOutlivesARestartButNotItsIdleTime() async throws {
        let office = try Office()
        let cookie = Cookie()
        try await office.withClient { client in
            cookie.value = try await Self.signIn(client, "张敏", Self.password).cookie
        }
        let session = try #require(cookie.value)
        try await office.withClient { client in
            let checked4 = try await Self.status(client, "/", cookie: session)
            #expect(checked4 == .ok, "a new server finds the session in the store")
        }
        office.clock.advance(Sessions.defaultIdle - 60)
        try await office.withClient { client in
            let checked5 = try await Self.status(client, "/", cookie: session)
            #expect(checked5 == .ok, "used within its idle time: still on, and its use written")
        }
        office.clock.advance(Sessions.defaultIdle + 1)
        try await office.withClient { client in
            let checked6 = try await Self.status(client, "/", cookie: session)
            #expect(checked6 == .seeOther, "idle too long: refused")
        }
    }

    final class Cookie: @unchecked Sendable { var value: String? }

    @Test func aFormFromElsewhereOrWithoutItsTokenIsRefused() async throws {
        try await Office().withClient { client in
            let token = try await Self.signInToken(client)
            let form = ["username": "张敏", "password": Self.password, "token": token]
            let checked7 = try await Self.post(client, "/login", form, cookie: nil)
            #expect(checked7.status == .forbidden, "no cookie")
            let checked8 = try await Self.post(client, "/login", form, cookie: "zhoucun_signin=" + String(repeating: "b", count: 64))
            #expect(checked8.status == .forbidden, "another token")
            #expect(try await Self.post(client, "/login", form, cookie: "zhoucun_signin=\(token)", origin: "http://evil.example").status == .forbidden)
            let checked9 = try await Self.post(client, "/login", form, cookie: "zhoucun_signin=\(token)", origin: nil)
            #expect(checked9.status == .forbidden, "no origin")
        }
    }

    @Test func guessesAreRefusedAlikeThenLockedWhileOthersSignIn() async throws {
        let office = try Office()
        try await office.withClient { client in
            let wrong = try await Self.signIn(client, "张敏", "不对的密码一二三四五")
            let unknown = try await Self.signIn(client, "无此人", "不对的密码一二三四五")
            #expect(wrong.response.status == .unauthorized)
            #expect(unknown.response.status == .unauthorized)
            let said = { (response: TestResponse) in String(buffer: response.body).firstMatch(of: /<p class="error" role="alert">([^<]*)</)?.1 }
            #expect(said(wrong.response) == "用户名或密码不正确。")
            #expect(said(unknown.response) == said(wrong.response), "an unknown name is refused in the same words")

            for _ in 0..<3 { _ = try await Self.signIn(client, "张敏", "不对的密码一二三四五") }
            let fifth = try await Self.signIn(client, "张敏", "不对的密码一二三四五")
            #expect(fifth.response.status == .tooManyRequests)
            #expect(said(fifth.response)?.contains("暂时锁定") == true)
            let right = try await Self.signIn(client, "张敏", Self.password)
            #expect(right.response.status == .tooManyRequests, "locked: even the right password waits")
            #expect(right.cookie == nil)
            let checked10 = try await Self.signIn(client, "李强", Self.password)
            #expect(checked10.cookie != nil, "another account signs in meanwhile")
        }
        office.clock.advance(SignIn.lock + 1)
        try await office.withClient { client in
            let checked11 = try await Self.signIn(client, "张敏", Self.password)
            #expect(checked11.cookie != nil, "the lock ends")
        }
        let log = try await office.database.writer.read { try WriteLog.entries(since: nil, module: "accounts", timeZone: .current, in: $0) }
        // Five for 张敏, one for the unknown name; the right password while locked is no failure.
        #expect(log.filter { $0.action == "sign-in-failed" }.count == 6)
        #expect(log.filter { $0.action == "sign-in-locked" }.count == 1)
        #expect(log.contains { $0.action == "sign-in-failed" && $0.reason == "no such account" })
        // The failures that can lock no one any more are gone from the store; the log keeps them.
        office.clock.advance(SignIn.window + SignIn.lock)
        try await office.withClient { client in
            let later = try await Self.signIn(client, "李强", Self.password)
            #expect(later.cookie != nil)
        }
        let failures = try await office.database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM login_failure") }
        #expect(failures == 0)
    }

    @Test func aDisabledAccountIsOutAtOnce() async throws {
        let office = try Office()
        try await office.withClient { client in
            let session = try #require(try await Self.signIn(client, "张敏", Self.password).cookie)
            for _ in 0..<2 {
                let status = try await Self.status(client, "/", cookie: session)
                #expect(status == .ok, "the session is found, then kept")
            }
            // Disabled from the command line, through a connection of its own: the kept session goes too.
            let clerk = try GazetteDatabase(path: try #require(office.database.path), migrations: ModuleRegistry.all.map { $0.migrations })
            try await clerk.writer.write { try AccountRecords.disable("张敏", reason: "调离", by: Fixtures.context, in: $0) }
            let status = try await Self.status(client, "/", cookie: session)
            #expect(status == .seeOther)
            let again = try await Self.signIn(client, "张敏", Self.password)
            #expect(again.response.status == .unauthorized)
        }
    }
}
