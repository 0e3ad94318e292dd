import Foundation
import GazetteImport
import GazetteStore
import ModuleSpine
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import ZhoucunModules
@testable import ZhoucunWeb

/// The site's routes in process (no socket), on the sample issue imported into a real store in a
/// temporary folder, on a fixed office day, its read pages open (`--public-read`; signing in is
/// tested in `SignInTests`).
@Suite struct RouteTests {
    /// 2021-01-15 in the office: the sample issue's bodies are in force, its deadlines have passed.
    static let context = OperationContext(actor: "访客", clock: { Date(timeIntervalSince1970: 1_610_668_800) })

    static func site() async throws -> OfficeSite {
        try await OfficeSite(database: try Fixtures.seededDatabase(modules: ModuleRegistry.all), modules: ModuleRegistry.all, context: context,
                             access: Access(publicRead: true))
    }

    /// Runs `body` with a client of the site's router.
    static func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = Application(router: try await site().router())
        try await application.test(.router) { client in try await body(client) }
    }

    static func path(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? text
    }

    static func html(_ client: any TestClientProtocol, _ uri: String, status: HTTPResponse.Status = .ok,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == status, "\(uri)", sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)", sourceLocation: sourceLocation)
        return String(buffer: response.body)
    }

    static func json(_ client: any TestClientProtocol, _ uri: String, status: HTTPResponse.Status = .ok,
                     sourceLocation: SourceLocation = #_sourceLocation) async throws -> Any {
        let response = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/json"])
        #expect(response.status == status, "\(uri)", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }

    /// One `h1`, the page in Chinese, the navigation marked where it is.
    static func expectPage(_ text: String, title: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(text.contains("<html lang=\"zh-CN\""), sourceLocation: sourceLocation)
        #expect(text.components(separatedBy: "<h1>").count == 2, "one h1", sourceLocation: sourceLocation)
        #expect(text.contains("<h1>\(title)</h1>"), "h1 \(title)", sourceLocation: sourceLocation)
        #expect(text.contains("<title>\(title) · 周村区人民政府公报</title>"), sourceLocation: sourceLocation)
    }

    @Test func homeListsWhatIsDueAndTheFigures() async throws {
        try await Self.withClient { client in
            let page = try await Self.html(client, "/")
            Self.expectPage(page, title: "今日待办")
            #expect(page.contains("今天是 2021年1月15日"))
            // 38号 五(二): the lists of 2020's fourth quarter were due on 2020-12-31 and none is filed.
            #expect(page.contains("逾期"))
            #expect(page.contains("（2020-Q4）（时限 2020年12月31日）"))
            #expect(page.contains("<dt>现行文件</dt><dd>5</dd>"))
            let json = try #require(try await Self.json(client, "/") as? [String: Any])
            #expect(json["today"] as? String == "2021-01-15")
            let agenda = try #require(json["agenda"] as? [[String: Any]])
            #expect(agenda.contains { $0["module"] as? String == "bankruptcy" && $0["overdue"] as? Bool == true && ($0["citation"] as? String)?.contains("38号") == true })
        }
    }

    @Test func searchMarksTheMatchAndLinksItsClause() async throws {
        try await Self.withClient { client in
            let page = try await Self.html(client, "/documents?q=" + Self.path("总召集人"))
            Self.expectPage(page, title: "检索：总召集人")
            #expect(page.contains("<mark>总召集人</mark>：赵学"))
            #expect(page.contains("href=\"/documents/\(Self.path("周政办字〔2020〕35号"))#一\">周政办字〔2020〕35号 一</a>"))
            let hits = try #require(try await Self.json(client, "/documents?q=" + Self.path("总召集人")) as? [[String: Any]])
            #expect(hits.first?["citation"] as? String == "周政办字〔2020〕35号 一")
        }
    }

    @Test func documentsFilterByYearIssuerAndStatus() async throws {
        try await Self.withClient { client in
            let all = try #require(try await Self.json(client, "/documents") as? [[String: Any]])
            #expect(all.count == 5)
            let issued = try #require(try await Self.json(client, "/documents?issuer=" + Self.path("区人民政府办公室")) as? [[String: Any]])
            #expect(issued.count == 4)
            #expect(try #require(try await Self.json(client, "/documents?year=2019") as? [[String: Any]]).isEmpty)
            #expect(try #require(try await Self.json(client, "/documents?status=withdrawn") as? [[String: Any]]).isEmpty)
            let page = try await Self.html(client, "/documents?status=" + Self.path("已撤回"))
            #expect(page.contains("<option value=\"withdrawn\" selected>已撤回</option>"))
            let refused = try await Self.html(client, "/documents?status=gone", status: .badRequest)
            #expect(refused.contains("status=gone：状态只有 现行有效、外单位参考、已撤回、已被新版本替代"))
        }
    }

    @Test func documentPageHasItsClausesAnchoredAndTheBodyItFounded() async throws {
        try await Self.withClient { client in
            let page = try await Self.html(client, "/documents/" + Self.path("周政办字〔2020〕35号"))
            Self.expectPage(page, title: "关于印发《周村区反洗钱工作联席会议制度》的通知")
            #expect(page.contains("<span class=\"badge badge-in-force\">现行有效</span>"))
            #expect(page.contains("<dt>成文日期</dt><dd>2020年10月10日</dd>"))
            #expect(page.contains("<section class=\"clause\" id=\"四-一\">"))
            #expect(page.contains("设立 <a href=\"/bodies/1\">周村区反洗钱工作联席会议</a>，成员 18 人"))
            // Ids are unique: every clause anchor appears once as an id.
            let ids = page.matches(of: /id="([^"]+)"/).map { String($0.1) }
            #expect(Set(ids).count == ids.count)
            let json = try #require(try await Self.json(client, "/documents/" + Self.path("周政办字〔2020〕35号")) as? [String: Any])
            #expect(json["number"] as? String == "周政办字〔2020〕35号")
            #expect(json["status"] as? String == "in force")
        }
    }

    @Test func theFileADocumentCameFromDownloadsAsImported() async throws {
        try await Self.withClient { client in
            let page = try await Self.html(client, "/documents/" + Self.path("周政办字〔2020〕35号"))
            let link = try #require(page.firstMatch(of: /<a href="(\/documents\/[0-9]+\/source)" download>下载原始文件（text）<\/a>/)?.1)
            let response = try await client.execute(uri: String(link), method: .get)
            #expect(response.status == .ok)
            #expect(Data(buffer: response.body) == (try Data(contentsOf: Fixtures.seedText)))
            #expect(response.headers[.contentType] == "text/plain")
            #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"zhoucun-gazette-2020-09.txt\"") == true)
            #expect(response.headers[.contentSecurityPolicy] == "sandbox")
            let byNumber = try await client.execute(uri: "/documents/" + Self.path("周政办字〔2020〕39号") + "/source", method: .get)
            #expect(Data(buffer: byNumber.body) == Data(buffer: response.body))
            _ = try await Self.html(client, "/documents/999/source", status: .notFound)
        }
    }

    @Test func bodyPersonAndUnitPagesLinkOneAnother() async throws {
        try await Self.withClient { client in
            let body = try await Self.html(client, "/bodies/1")
            Self.expectPage(body, title: "周村区反洗钱工作联席会议")
            #expect(body.contains("<tr><td><a href=\"/people/1\">赵学</a></td><td>总召集人</td>"))
            #expect(body.contains("2021年1月15日名单"))
            let byName = try await Self.html(client, "/bodies/" + Self.path("反洗钱工作联席会议"))
            #expect(byName.contains("<h1>周村区反洗钱工作联席会议</h1>"))
            let person = try await Self.html(client, "/people/" + Self.path("赵学"))
            Self.expectPage(person, title: "赵学")
            #expect(person.contains("<a href=\"/units/\(Self.path("区委"))\">区委</a>常委"))
            let unit = try await Self.html(client, "/units/" + Self.path("区财政局"))
            Self.expectPage(unit, title: "区财政局")
            #expect(unit.contains("<strong>周村区反洗钱工作联席会议</strong>"))
            let shared = try #require(try await Self.json(client, "/shared") as? [[String: Any]])
            #expect(shared.count == 17)
            // A body's roster between two dates: the AML meeting did not exist on 2020-01-01.
            let compared = try await Self.html(client, "/bodies/1?from=2020-01-01&to=2021-01-01")
            #expect(compared.contains("加入：赵学"))
        }
    }

    @Test func moduleReportsCarryTheirClauses() async throws {
        try await Self.withClient { client in
            let forecast = Self.path("date,aqi\n2020-12-01,230\n2020-12-02,260\n2020-12-03,240\n").replacingOccurrences(of: ",", with: "%2C")
            let page = try await Self.html(client, "/modules/pollution/assess?forecast=" + forecast)
            Self.expectPage(page, title: "预警评估")
            #expect(page.contains("<dt>预警级别</dt><dd>橙色 <a class=\"cite\" href=\"/documents/\(Self.path("周政办字〔2020〕39号"))#四-一\">"))
            #expect(page.contains("<img src=\"data:image/svg+xml;base64,"))
            let report = try #require(try await Self.json(client, "/modules/pollution/assess?forecast=" + forecast) as? [String: Any])
            let facts = try #require(report["facts"] as? [[String: Any]])
            #expect(facts.first?["value"] as? String == "橙色")
            #expect(facts.first?["citation"] as? String == "周政办字〔2020〕39号 四(一)")
            for module in ModuleRegistry.all.compactMap({ $0 as? any WebModule.Type }) {
                let index = try await Self.html(client, "/modules/\(module.id)")
                Self.expectPage(index, title: module.title)
                for page in module.pages {
                    _ = try await Self.html(client, "/modules/\(module.id)/\(page.path)")
                }
            }
        }
    }

    @Test func aLedgerDownloadsAsCSV() async throws {
        try await Self.withClient { client in
            let page = try await Self.html(client, "/modules/bankruptcy/lists?on=2021-01-15")
            #expect(page.contains("<a class=\"download\" href=\"/modules/bankruptcy/lists/csv?on=2021-01-15&amp;table=0\">下载本表（CSV）</a>"))
            let response = try await client.execute(uri: "/modules/bankruptcy/lists/csv?on=2021-01-15&table=0", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let csv = String(buffer: response.body)
            #expect(csv.hasPrefix("\u{FEFF}名单,"))
            #expect(csv.contains("区市场监管局"))
            _ = try await Self.html(client, "/modules/bankruptcy/lists/csv?table=5", status: .badRequest)

            // The same table as an Excel workbook: a ZIP of stored parts, the sheet's text readable
            // in its bytes. (The browser walk opens it with openpyxl, as a spreadsheet program would.)
            #expect(page.contains("<a class=\"download\" href=\"/modules/bankruptcy/lists/xlsx?on=2021-01-15&amp;table=0\">下载本表（Excel）</a>"))
            let workbook = try await client.execute(uri: "/modules/bankruptcy/lists/xlsx?on=2021-01-15&table=0", method: .get)
            #expect(workbook.status == .ok)
            #expect(workbook.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(workbook.headers[.contentDisposition] == "attachment; filename=\"bankruptcy-lists.xlsx\"")
            let bytes = Array(Data(buffer: workbook.body))
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("xl/worksheets/sheet1.xml"))
            #expect(text.contains("<t xml:space=\"preserve\">名单</t>"))
            #expect(text.contains("区市场监管局"))
        }
    }

    @Test func pagesAreKeptUntilTheStoreChangesFromAnyConnection() async throws {
        let database = try Fixtures.seededDatabase(modules: ModuleRegistry.all)
        let site = try await OfficeSite(database: database, modules: ModuleRegistry.all, context: Self.context, access: Access(publicRead: true))
        let application = Application(router: site.router())
        try await application.test(.router) { client in
            func get(_ uri: String, json: Bool = false) async throws -> (cache: String?, body: String) {
                let response = try await client.execute(uri: uri, method: .get, headers: json ? [.accept: "application/json"] : [:])
                #expect(response.status == .ok, "\(uri)")
                return (response.headers[Web.cacheHeader], String(buffer: response.body))
            }
            let first = try await get("/documents?status=withdrawn")
            #expect(first.cache == "miss")
            let again = try await get("/documents?status=withdrawn")
            #expect(again.cache == "hit")
            #expect(again.body == first.body)
            #expect(try await get("/documents?status=withdrawn", json: true).cache == "miss", "JSON is kept apart from HTML")
            #expect(try await get("/documents?status=withdrawn", json: true).body == "[]")

            // A clerk's command line withdraws 35号 through a connection of its own.
            let clerk = try GazetteDatabase(path: try #require(database.path), migrations: ModuleRegistry.all.map { $0.migrations })
            try await clerk.writer.write { db in
                let id = try #require(try DocumentQueries.find("周政办字〔2020〕35号", in: db)?.summary.id)
                try DocumentStore.withdraw(documentId: id, reason: "测试撤回", by: Fixtures.context, in: db)
            }
            let after = try await get("/documents?status=withdrawn")
            #expect(after.cache == "miss")
            #expect(after.body.contains("周政办字〔2020〕35号"))
            let json = try await get("/documents?status=withdrawn", json: true)
            #expect(json.cache == "miss")
            #expect(json.body.contains("35号"))
            // Errors are never kept.
            for _ in 0..<2 {
                let missing = try await client.execute(uri: "/bodies/999", method: .get)
                #expect(missing.status == .notFound)
                #expect(missing.headers[Web.cacheHeader] == nil)
            }
        }
    }

    @Test func tablesSortByAColumnAndComeInPages() async throws {
        try await Self.withClient { client in
            let rows = try #require(try await Self.json(client, "/params") as? [[String: Any]])
            try #require(rows.count > 10, "the sample's parameters fill more than one page of ten")
            let pages = (rows.count + 9) / 10
            let first = try await Self.html(client, "/params?size=10")
            #expect(first.contains("共 \(rows.count) 行，第 1 / \(pages) 页"))
            #expect(first.contains("<a href=\"/params?size=10&amp;page0=2\" rel=\"next\">下一页</a>"))
            #expect(!first.contains("rel=\"prev\""))
            #expect(first.components(separatedBy: "<tr><td>").count - 1 == 10)
            let last = try await Self.html(client, "/params?size=10&page0=\(pages)")
            #expect(last.components(separatedBy: "<tr><td>").count - 1 == rows.count - (pages - 1) * 10)
            #expect(last.contains("rel=\"prev\""))
            #expect(!last.contains("rel=\"next\""))
            // A heading sorts by its column; sorted, it sorts the other way, from the first page.
            let sorted = try await Self.html(client, "/params?size=10&page0=2&sort0=1")
            #expect(sorted.contains("<th scope=\"col\" aria-sort=\"ascending\"><a class=\"sort\" href=\"/params?size=10&amp;desc0=1&amp;sort0=1\">"))
            #expect(sorted.contains("共 \(rows.count) 行，第 2 / \(pages) 页"))
            _ = try await Self.html(client, "/params?sort0=99", status: .badRequest)
            _ = try await Self.html(client, "/params?size=5", status: .badRequest)
            _ = try await Self.html(client, "/params?page0=x", status: .badRequest)
        }
    }

    @Test func theSharedPeopleAreDrawnAsAGraph() async throws {
        try await Self.withClient { client in
            let page = try await Self.html(client, "/shared?on=2021-01-15")
            #expect(page.contains("<img src=\"/shared/graph.svg?on=2021-01-15\" alt=\""))
            let response = try await client.execute(uri: "/shared/graph.svg?on=2021-01-15", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'unsafe-inline'")
            let svg = String(buffer: response.body)
            let people = try #require(try await Self.json(client, "/shared?on=2021-01-15") as? [[String: Any]])
            // A name for each person, a line for each of their bodies.
            #expect(svg.components(separatedBy: "<a href=\"/people/").count - 1 == people.count)
            let seats = people.reduce(0) { $0 + (($1["bodies"] as? [String])?.count ?? 0) }
            #expect(svg.components(separatedBy: "<line ").count - 1 == seats)
            #expect(svg.contains("<a href=\"/bodies/\(Self.path("周村区反洗钱工作联席会议"))\">"))
            _ = try await Self.html(client, "/shared/graph.svg?on=2021-13-01", status: .badRequest)
        }
    }

    @Test func tableStateReadsItsQueryAndOrdersNumbersAsNumbers() throws {
        func table(_ query: String) throws -> TableView {
            let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/t?" + query),
                                  body: RequestBody(buffer: ByteBuffer()))
            let rows = (1...25).map { ["第\($0)项", String(($0 * 7) % 25), "citation"] }
            return TableView(ReportTable(header: ["item", "amount", "citation"], rows: rows), try TableState(index: 0, columns: 3, request: request))
        }
        let byAmount = try table("sort0=2")
        #expect(byAmount.rows.prefix(3).map { $0.cells[1].text } == ["0", "1", "2"])
        #expect(byAmount.pager == nil, "25 rows fit one page of 50")
        let descending = try table("sort0=2&desc0=1&size=10&page0=3&on=2021-01-15")
        #expect(descending.rows.map { $0.cells[1].text } == ["4", "3", "2", "1", "0"])
        #expect(descending.pager?.summary == "共 25 行，第 3 / 3 页")
        #expect(descending.pager?.previous == "/t?sort0=2&desc0=1&size=10&on=2021-01-15&page0=2")
        #expect(descending.header[1].ariaSort == "descending")
        #expect(descending.header[1].href == "/t?size=10&on=2021-01-15&sort0=2", "sorted down, its heading sorts up again")
        // 第10项 after 第9项: numbers inside words by their value.
        let byItem = try table("sort0=1")
        #expect(byItem.rows.prefix(10).map { $0.cells[0].text }.last == "第10项")
        #expect(throws: WebError.self) { try table("sort0=0") }
        #expect(throws: WebError.self) { try table("size=100000") }
    }

    @Test func logParametersAndCalendar() async throws {
        try await Self.withClient { client in
            let log = try #require(try await Self.json(client, "/log") as? [[String: Any]])
            #expect(log.first?["by"] as? String == "测试员")
            #expect(try #require(try await Self.json(client, "/log?by=" + Self.path("别人")) as? [[String: Any]]).isEmpty)
            let params = try await Self.html(client, "/params?on=2021-01-01")
            Self.expectPage(params, title: "政策参数")
            #expect(params.contains("<a class=\"sort\" href=\"/params?on=2021-01-01&amp;sort0=3\">数值</a>"))
            let calendar = try await Self.html(client, "/calendar?year=2021")
            Self.expectPage(calendar, title: "2021年工作日历")
            #expect(calendar.contains("<time datetime=\"2021-02-07\">2021年2月7日</time></td><td>调休上班</td>"))
        }
    }

    @Test func badRequestsGetPagesNotStackTraces() async throws {
        try await Self.withClient { client in
            let missing = try await Self.html(client, "/documents/" + Self.path("周政办字〔2020〕99号"), status: .notFound)
            Self.expectPage(missing, title: "未找到")
            #expect(missing.contains("没有文号、编号或标题为「周政办字〔2020〕99号」的文件。"))
            #expect(missing.contains("<input id=\"q\" name=\"q\" type=\"search\" value=\"周政办字〔2020〕99号\">"))
            let missingJSON = try #require(try await Self.json(client, "/bodies/999", status: .notFound) as? [String: String])
            #expect(missingJSON["error"]?.contains("999") == true)
            let date = try await Self.html(client, "/bodies?on=2021-02-30", status: .badRequest)
            #expect(date.contains("on=2021-02-30：2021-02-30: 2021年2月没有30日"))
            _ = try await Self.html(client, "/no/such/page", status: .notFound)
            _ = try await Self.html(client, "/modules/none", status: .notFound)
            _ = try await Self.html(client, "/modules/pollution/assess?forecast=x", status: .badRequest)
            _ = try await Self.html(client, "/documents/1?version=0", status: .badRequest)
            _ = try await Self.html(client, "/calendar?year=" + Self.path("二〇二一"), status: .badRequest)
            // Whatever a visitor types, never a 500.
            for uri in ["/people/%00", "/units/%FF%FE", "/documents/%", "/bodies/" + String(repeating: "a", count: 5000), "/documents?q=%22%27%3C",
                        "/log?since=9999-99-99", "/shared?on=0000-01-01", "/modules/land/interviews?on=-1", "/documents/%2E%2E%2F%2E%2E%2Fetc"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status != .internalServerError, "\(uri)")
            }
        }
    }

    @Test func whatAVisitorTypesNeverRunsAsScript() async throws {
        try await Self.withClient { client in
            // A quote with a combining mark is one character: escaped scalar by scalar, it cannot end the attribute.
            for payload in ["<script>alert(1)</script>", "\"\u{301} autofocus onfocus=alert(1) x=\"", "'><img src=x onerror=alert(1)>"] {
                let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? payload
                for uri in ["/documents?q=\(encoded)", "/documents/\(encoded)", "/people/\(encoded)", "/documents?issuer=\(encoded)"] {
                    let response = try await client.execute(uri: uri, method: .get)
                    let text = String(buffer: response.body)
                    #expect(response.status != .internalServerError, "\(uri)")
                    #expect(!text.contains("<script"), "\(uri)")
                    #expect(!text.contains("<img src=x"), "\(uri)")
                    #expect(!text.unicodeScalars.split(separator: "\"").dropFirst().contains { String(String.UnicodeScalarView($0)).hasPrefix("\u{301} autofocus") }, "\(uri)")
                }
            }
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
        }
    }

    @Test func markupIsEscapedScalarByScalarInPagesAndTheGraph() {
        // A combining mark after `<` or a quote makes one Character with it: escaped by
        // Character, it would pass through unescaped.
        #expect(Markup.escape("<\u{301}script>\"\u{301}") == "&lt;\u{301}script&gt;&quot;\u{301}")
        #expect(SharedGraph.svg([], on: "<\u{301}").contains("<title>&lt;\u{301}在两个以上机构任职的人员与机构</title>"))
    }

    @Test func largeTypeModePersistsAndRedirectsOnlyHere() async throws {
        try await Self.withClient { client in
            let set = try await client.execute(uri: "/prefs?large=1&back=" + Self.path("/bodies"), method: .get)
            #expect(set.status == .seeOther)
            #expect(set.headers[.location] == "/bodies")
            #expect(set.headers[.setCookie]?.hasPrefix("large=1; Path=/; Max-Age=31536000") == true)
            let large = try await client.execute(uri: "/bodies", method: .get, headers: [.cookie: "large=1"])
            #expect(String(buffer: large.body).contains("<html lang=\"zh-CN\" class=\"large\">"))
            for elsewhere in ["//evil.example", "https://evil.example", "/\\evil.example"] {
                let response = try await client.execute(uri: "/prefs?large=1&back=" + (elsewhere.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), method: .get)
                #expect(response.headers[.location] == "/", "\(elsewhere)")
            }
        }
    }

    @Test func openAPIDescribesEveryRoute() async throws {
        try await Self.withClient { client in
            let document = try #require(try await Self.json(client, "/api/openapi.json") as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            for route in ["/", "/documents", "/documents/{reference}", "/bodies", "/bodies/{reference}", "/people/{name}", "/units/{name}",
                          "/shared", "/log", "/params", "/calendar", "/healthz", "/modules/pollution/assess", "/modules/land/interviews",
                          "/modules/pollution/ledgers/alerts/{key}", "/modules/incentives/ledgers/payments/{key}/amend", "/modules/land/ledgers/parcels/{key}/void",
                          "/modules/pollution/actions/issue", "/roster/actions/change", "/accounts/actions/add", "/accounts", "/documents/{reference}/withdraw"] {
                #expect(paths[route] != nil, "\(route)")
            }
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test func everyAnchorOfADocumentsPageIsItsOwn() async throws {
        try await Self.withClient { client in
            for number in ["周政办字〔2020〕35号", "周政办字〔2020〕39号", "周政发〔2020〕37号"] {
                let page = try await Self.html(client, "/documents/" + Self.path(number))
                let ids = page.matches(of: /id="([^"]+)"/).map { String($0.1) }
                #expect(ids.count > 10)
                #expect(Set(ids).count == ids.count, "\(number): \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
            }
        }
    }

    @Test func aDocumentsPageSaysWhatChangedFromTheVersionBefore() async throws {
        let database = try Fixtures.seededDatabase(modules: ModuleRegistry.all)
        let changed = try Fixtures.seed().replacingOccurrences(of: "区融媒体中心：参与反洗钱工作的宣传教育工作", with: "区融媒体中心：负责反洗钱工作的宣传教育工作")
        let (_, failure) = Importer(database: database, modules: ModuleRegistry.all, by: Fixtures.context).importFiles([try Fixtures.file(changed, name: "amended.txt")])
        #expect(failure == nil)
        let site = try await OfficeSite(database: database, modules: ModuleRegistry.all, context: Self.context, access: Access(publicRead: true))
        try await Application(router: site.router()).test(.router) { client in
            let page = try await Self.html(client, "/documents/" + Self.path("周政办字〔2020〕35号"))
            let table = try #require(page.firstMatch(of: /<h3>与上一版相比<\/h3><div class="scroll"[^>]*><table><thead>.*?<\/thead><tbody>\n?<tr><td>([^<]+)<\/td>.*?<\/tbody><\/table><\/div>/.dotMatchesNewlines()),
                                     "the changes in one table under their heading")
            #expect(table.1 == "周政办字〔2020〕35号 二")
        }
    }

    /// Every template escapes scalar by scalar: it declares the content type that does.
    @Test func everyTemplateDeclaresTheScalarEscape() throws {
        let folder = Fixtures.root.appendingPathComponent("Apps/ZhoucunWeb/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 10)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("{{% CONTENT_TYPE: \(ScalarHTML.name)}}"), "\(name)")
        }
        #expect(ScalarHTML().escapeText("\"\u{301}<") == "&quot;\u{301}&lt;")
    }
}
