import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import CommandTestSupport
import TestSupport

/// `zhoucun serve` as the office starts it: the real binary on a loopback port.
@Suite struct ServeCommandTests {
    /// bcrypt at its lowest cost: the accounts of a test are made in milliseconds.
    static let environment = ["ZHOUCUN_BCRYPT_COST": "4"]

    /// A running `zhoucun serve` and the address it said it listens on.
    final class Server {
        let process = Process()
        let address: String
        let line: String

        init(db: String, _ options: [String] = []) throws {
            process.executableURL = CLI.binary
            process.arguments = ["serve", "--db", db, "--port", "0"] + options
            var environment = ProcessInfo.processInfo.environment
            for (key, value) in ServeCommandTests.environment { environment[key] = value }
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first line says the address it listens on.
            var said = Data()
            while !said.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said.append(chunk)
            }
            line = String(decoding: said, as: UTF8.self)
            address = try #require(line.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\//).map { String($0.0) }, "\(line)")
        }

        /// Ctrl-C, and the exit status it ends with.
        func stop() -> Int32 {
            process.interrupt()
            process.waitUntilExit()
            return process.terminationReason == .exit ? process.terminationStatus : -1
        }

        deinit { if process.isRunning { process.terminate() } }
    }

    /// A client that follows no redirect and keeps no cookie: each test says what it sends.
    final class Literal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        lazy var session: URLSession = {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpShouldSetCookies = false
            configuration.httpCookieAcceptPolicy = .never
            return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        }()

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        func get(_ url: String, cookie: String? = nil, json: Bool = false) async throws -> (status: Int, headers: HTTPURLResponse, body: String) {
            var request = URLRequest(url: URL(string: url)!)
            if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
            if json { request.setValue("application/json", forHTTPHeaderField: "Accept") }
            return try await send(request)
        }

        func post(_ url: String, form: String, cookie: String?, origin: String) async throws -> (status: Int, headers: HTTPURLResponse, body: String) {
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = "POST"
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.setValue(origin, forHTTPHeaderField: "Origin")
            if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
            return try await send(request)
        }

        private func send(_ request: URLRequest) async throws -> (status: Int, headers: HTTPURLResponse, body: String) {
            let (data, response) = try await session.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            return (http.statusCode, http, String(decoding: data, as: UTF8.self))
        }
    }

    @Test("serve listens on a free port and says where; a visitor signs in with an account made by `users add`, and a restart signs no one out")
    func servesSignedInVisitorsUntilInterrupted() async throws {
        let db = try CLI.seededDatabasePath()
        let made = try CLI.run(["users", "add", "张敏", "--unit", "区政府办公室", "--role", "查阅", "--password-stdin", "--by", "管理员甲", "--db", db],
                               environment: Self.environment, input: ["一二三四五六七八九十"])
        #expect(made.status == 0, "\(made.stderr)")

        var server: Server? = try Server(db: db)
        let address = try #require(server?.address)
        #expect(server?.line.hasPrefix("serving \(db) on \(address)") == true)
        let client = Literal()

        let health = try await client.get(address + "healthz")
        #expect(health.status == 200)
        #expect(health.body == "ok\n")
        // Nobody signed in: a page sends to the sign-in form, JSON is refused.
        let home = try await client.get(address)
        #expect(home.status == 303)
        #expect(home.headers.value(forHTTPHeaderField: "Location") == "/login?next=/")
        #expect(try await client.get(address + "bodies", json: true).status == 401)

        let form = try await client.get(address + "login")
        #expect(form.status == 200)
        let signInCookie = try #require(form.headers.value(forHTTPHeaderField: "Set-Cookie")?.split(separator: ";").first.map(String.init))
        let token = String(signInCookie.split(separator: "=")[1])
        let origin = String(address.dropLast())
        let signedIn = try await client.post(address + "login", form: "token=\(token)&next=%2Fbodies&username=%E5%BC%A0%E6%95%8F&password=%E4%B8%80%E4%BA%8C%E4%B8%89%E5%9B%9B%E4%BA%94%E5%85%AD%E4%B8%83%E5%85%AB%E4%B9%9D%E5%8D%81",
                                             cookie: signInCookie, origin: origin)
        #expect(signedIn.status == 303)
        #expect(signedIn.headers.value(forHTTPHeaderField: "Location") == "/bodies")
        let setCookie = try #require(signedIn.headers.value(forHTTPHeaderField: "Set-Cookie"))
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        let session = try #require(setCookie.firstMatch(of: /zhoucun_session=[0-9a-f]{64}/).map { String($0.0) })

        let bodies = try await client.get(address + "bodies?on=2021-01-15", cookie: session, json: true)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(bodies.body.utf8)) as? [[String: Any]])
        #expect(rows.count == 4)
        let page = try await client.get(address, cookie: session)
        #expect(page.headers.value(forHTTPHeaderField: "Content-Type") == "text/html; charset=utf-8")
        #expect(page.body.contains("<h1>今日待办</h1>"))
        #expect(page.body.contains("张敏（区政府办公室）"))
        #expect(server?.stop() == 0)
        server = nil

        // A restart: the session is in the store, and the visitor is still signed in.
        let again = try Server(db: db)
        #expect(try await client.get(again.address, cookie: session).status == 200)
        #expect(again.stop() == 0)

        // The log names who signed in.
        let log = try CLI.run(["log", "--module", "accounts", "--db", db])
        #expect(log.stdout.contains("account-add"))
        #expect(log.stdout.contains("sign-in"))
    }

    @Test("serve --public-read opens the read pages to a visitor who has not signed in")
    func publicRead() async throws {
        let db = try CLI.seededDatabasePath()
        let server = try Server(db: db, ["--public-read"])
        #expect(server.line.contains("(read pages open to all)"))
        let page = try await Literal().get(server.address)
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>今日待办</h1>"))
        #expect(page.body.contains("<a href=\"/login?next=/\">登录</a>"))
        #expect(server.stop() == 0)
    }

    @Test("serve refuses a store that does not exist, making nothing")
    func refusesAMissingStore() throws {
        let missing = try Fixtures.temporaryFolder().appendingPathComponent("none.sqlite").path
        let result = try CLI.run(["serve", "--db", missing])
        #expect(result.status == 1)
        #expect(result.stderr.contains("there is no store at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
