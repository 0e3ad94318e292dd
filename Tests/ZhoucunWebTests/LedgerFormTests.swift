import CommandTestSupport
import Foundation
import GRDB
import GazetteStore
import Hummingbird
import HummingbirdTesting
import ModuleSpine
import OfficeAccounts
import Testing
import TestSupport
import ZhoucunModules
@testable import ZhoucunWeb

/// A ledger entry corrected and voided on the page, in process on a real store: the alert a clerk
/// issued on the command line, corrected by the pollution office's clerk in the form; what the
/// form refuses and where; what no one else may do, whatever they send.
@Suite struct LedgerFormTests {
    static let password = SignInTests.password
    static let alert = "/modules/pollution/ledgers/alerts/1"

    struct Office {
        let inner: SignInTests.Office
        var database: GazetteDatabase { inner.database }
        var path: String { inner.database.path ?? "" }

        /// The sample issue, an orange alert of 2020-12-01 and its first daily report (entered on
        /// the command line, as the README's day does), and an account for every role.
        init() throws {
            inner = try SignInTests.Office()
            let path = try #require(inner.database.path)
            for line in [["pollution", "alerts", "issue", "--level", "橙色", "--issued", "2020-12-01T13:00", "--by", "王芳"],
                         ["pollution", "alerts", "report", "1", "--kind", "每日报告", "--date", "2020-12-01", "--filed", "2020-12-01", "--by", "王芳"]] {
                let result = try CLI.run(line + ["--db", path])
                #expect(result.status == 0, "\(result.stderr)")
            }
            let roles = Roles(for: ModuleRegistry.all)
            try database.writer.write { db in
                for role in roles.all {
                    _ = try AccountRecords.add(name: "clerk-\(role.code)", unit: nil, roles: [role], password: LedgerFormTests.password, cost: 4,
                                               by: Fixtures.context, in: db)
                }
            }
        }

        func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            try await inner.withClient(body)
        }

        func logCount() throws -> Int { try database.writer.read { try WriteLog.entries(in: $0).count } }
    }

    /// A signed-in clerk's cookie, and the token and entry version of the form on `uri`.
    static func open(_ client: any TestClientProtocol, _ uri: String, as name: String) async throws -> (cookie: String, csrf: String, version: String?, html: String) {
        let cookie = try #require(try await SignInTests.signIn(client, name, password).cookie)
        let page = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
        #expect(page.status == .ok)
        let html = String(buffer: page.body)
        let csrf = String(try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
        let version = html.firstMatch(of: /name="version" value="([0-9a-f]+)"/).map { String($0.1) }
        return (cookie, csrf, version, html)
    }

    @Test func aClerkCorrectsAnAlertAndTheLogSaysWhoFromTheWebPage() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, version, html) = try await Self.open(client, Self.alert, as: "clerk-pollution")
            #expect(html.contains("<option value=\"orange\" selected>橙色</option>"), "the level offered in the gazette's words, the one recorded chosen")
            #expect(html.contains("<label for=\"f-note\">备注</label>"))
            let list = String(buffer: try await client.execute(uri: "/modules/pollution/ledgers/alerts", method: .get, headers: [.cookie: cookie]).body)
            #expect(list.contains("<a class=\"cite\" href=\"\(Self.alert)\">1</a>"), "each entry listed links to its page")
            #expect(list.components(separatedBy: "<a class=\"cite\"").count == 2, "and only its number does")

            let sent = try await SignInTests.post(client, Self.alert + "/amend", [
                "csrf": csrf, "version": try #require(version), "level": "red", "note": "经核实为红色预警", "reason": "录入时级别选错",
                "issued-at": "2020-12-01T13:00",
            ], cookie: cookie)
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers[.location])
            let logged = try #require(location.firstMatch(of: /\?logged=([0-9]+)$/).flatMap { Int64($0.1) })
            let entry = try await office.database.writer.read { try LogEntry.fetchOne($0, key: logged) }
            #expect(entry?.action == "amend")
            #expect(entry?.by == "clerk-pollution")
            #expect(entry?.via == .webPage)
            #expect(entry?.record == "alert 1")
            #expect(entry?.reason == "录入时级别选错")
            #expect(entry?.after?.contains("\"level\":\"red\"") == true)

            let after = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie])
            let shown = String(buffer: after.body)
            #expect(shown.contains("已更正"), "the page says what was recorded")
            #expect(shown.contains("<a href=\"/log#log-\(logged)\">"), "with a link to its log line")
            #expect(shown.contains("<option value=\"red\" selected>红色</option>"))
            let log = try await client.execute(uri: "/log?module=pollution", method: .get, headers: [.cookie: cookie])
            let logPage = String(buffer: log.body)
            #expect(logPage.contains("<tr id=\"log-\(logged)\">"))
            #expect(logPage.contains("<td>clerk-pollution</td><td>网页</td>"))
            #expect(logPage.contains("<td>王芳</td><td>命令行</td>"), "the command line's writes marked as such")

            // A link to another log line does not make the page claim it.
            let forged = try await client.execute(uri: Self.alert + "?logged=1", method: .get, headers: [.cookie: cookie])
            #expect(!String(buffer: forged.body).contains("已更正"))
        }
    }

    @Test func aRefusalStandsAtItsFieldWithItsClauseAndKeepsWhatWasTyped() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, version, _) = try await Self.open(client, Self.alert, as: "clerk-pollution")
            let before = try office.logCount()
            let refused = try await SignInTests.post(client, Self.alert + "/amend", [
                "csrf": csrf, "version": try #require(version), "lifted-at": "2020-11-30T08:00", "note": "<script>alert(1)</script>", "reason": "补录解除时间",
            ], cookie: cookie)
            #expect(refused.status == .unprocessableContent)
            let html = String(buffer: refused.body)
            #expect(html.contains("<p class=\"field-error\" id=\"e-lifted-at\">"), "the refusal beside the field it names")
            #expect(html.contains("aria-describedby=\"h-lifted-at e-lifted-at\""))
            #expect(html.firstMatch(of: /<a href="\/documents\/[^"]+#四-三">周政办字〔2020〕3[0-9]号 四\(三\)<\/a>/) != nil, "its clause a link to the clause")
            #expect(html.contains("value=\"2020-11-30T08:00\""), "what was typed is kept")
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert"), "and escaped")
            #expect(html.contains(">补录解除时间</textarea>"))
            #expect(try office.logCount() == before, "nothing written")

            let noReason = try await SignInTests.post(client, Self.alert + "/amend", ["csrf": csrf, "version": version!, "note": "x", "reason": " "], cookie: cookie)
            #expect(noReason.status == .unprocessableContent)
            let noReasonPage = String(buffer: noReason.body)
            #expect(noReasonPage.contains("<p class=\"field-error\" id=\"e-reason\">say why it is corrected</p>"))
            #expect(noReasonPage.components(separatedBy: "say why it is corrected").count == 2, "said once, at its field")

            // A rule that refuses the entry as a whole (the alert it names is not there) keeps the form too.
            let report = "/modules/pollution/ledgers/reports/1"
            let reportForm = try await Self.open(client, report, as: "clerk-pollution")
            let moved = try await SignInTests.post(client, report + "/amend", [
                "csrf": reportForm.csrf, "version": try #require(reportForm.version), "alert-id": "99", "reason": "挂错预警",
            ], cookie: reportForm.cookie)
            #expect(moved.status == .unprocessableContent)
            let movedPage = String(buffer: moved.body)
            #expect(movedPage.contains("there is no alert 99") && movedPage.contains(">挂错预警</textarea>"))
        }
    }

    @Test func aDateIsTypedAsTheCommandLineTakesIt() async throws {
        let office = try Office()
        try await office.withClient { client in
            let report = "/modules/pollution/ledgers/reports/1"
            let (cookie, csrf, version, _) = try await Self.open(client, report, as: "clerk-pollution")
            let sent = try await SignInTests.post(client, report + "/amend", [
                "csrf": csrf, "version": try #require(version), "filed-on": "2020年12月2日", "reason": "实际次日报送",
            ], cookie: cookie)
            #expect(sent.status == .seeOther)
            let (_, _, _, html) = try await Self.open(client, report, as: "clerk-pollution")
            #expect(html.contains("<td>2020年12月2日</td>"))
            let wrong = try await SignInTests.post(client, report + "/amend", [
                "csrf": csrf, "version": String(try #require(html.firstMatch(of: /name="version" value="([0-9a-f]+)"/)).1),
                "filed-on": "2020年2月30日", "reason": "x",
            ], cookie: cookie)
            #expect(wrong.status == .unprocessableContent)
            #expect(String(buffer: wrong.body).contains("2020年2月没有30日"), "the date's own refusal, at its field")
        }
    }

    @Test func aFormOpenedBeforeAnotherWriteIsRefusedNotAppliedOverIt() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, version, _) = try await Self.open(client, Self.alert, as: "clerk-pollution")
            // Meanwhile a colleague corrects the note on the command line.
            let other = try CLI.run(["pollution", "alerts", "amend", "1", "--note", "区指挥部电话通知", "--reason", "补记", "--db", office.path, "--by", "赵静"])
            #expect(other.status == 0, "\(other.stderr)")
            let before = try office.logCount()
            // The clerk changed the signer; the note they left as the form showed it (empty).
            let late = try await SignInTests.post(client, Self.alert + "/amend", [
                "csrf": csrf, "version": try #require(version), "signer": "总指挥 某某", "was-signer": "办公室主任 郭存亿", "note": "", "was-note": "",
                "reason": "补记签发人",
            ], cookie: cookie)
            #expect(late.status == .conflict)
            let html = String(buffer: late.body)
            #expect(html.contains("已被他人修改"))
            #expect(html.contains("<td>区指挥部电话通知</td>"), "the entry as it is now")
            #expect(html.contains("value=\"总指挥 某某\""), "the clerk's change kept")
            #expect(html.contains("name=\"note\" type=\"text\" value=\"区指挥部电话通知\""), "what they did not change shows the entry as it is now")
            #expect(try office.logCount() == before)
            let note = try await office.database.writer.read { try String.fetchOne($0, sql: "SELECT note FROM pollution_alert WHERE id = 1") }
            #expect(note == "区指挥部电话通知")
        }
    }

    @Test func aWriteTheStoreCannotTakeNowSaysSoAndKeepsTheForm() async throws {
        let office = try Office()
        let path = office.path
        // The site's store waits a fifth of a second for a lock, where the office's waits a minute.
        let impatient = try ProcessEnvironment.$current.withValue(["ZHOUCUN_BUSY_TIMEOUT": "0.2"]) {
            try GazetteDatabase(path: path, migrations: ModuleRegistry.all.map { $0.migrations })
        }
        let site = try await OfficeSite(database: impatient, modules: ModuleRegistry.all, context: office.inner.context,
                                        access: Access(failureDelay: .zero, bcryptCost: 4))
        try await Application(router: site.router()).test(.router) { client in
            let (cookie, csrf, version, _) = try await Self.open(client, Self.alert, as: "clerk-pollution")
            // Another program holds the store's write lock.
            var holding = Configuration()
            holding.allowsUnsafeTransactions = true
            let other = try DatabaseQueue(path: path, configuration: holding)
            try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
            let before = try await impatient.writer.read { try WriteLog.entries(in: $0).count }
            let busy = try await SignInTests.post(client, Self.alert + "/amend", [
                "csrf": csrf, "version": try #require(version), "note": "区指挥部电话通知", "reason": "补记",
            ], cookie: cookie)
            #expect(busy.status == .serviceUnavailable)
            let html = String(buffer: busy.body)
            #expect(html.contains("未能保存：存储正忙，不是您填写的问题"))
            #expect(html.contains("value=\"区指挥部电话通知\"") && html.contains(">补记</textarea>"), "the form as it was")
            try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
            #expect(try await impatient.writer.read { try WriteLog.entries(in: $0).count } == before)
            let again = try await SignInTests.post(client, Self.alert + "/amend", [
                "csrf": csrf, "version": version!, "note": "区指挥部电话通知", "reason": "补记",
            ], cookie: cookie)
            #expect(again.status == .seeOther, "sent again once the store is free")
        }
    }

    @Test func aVoidIsConfirmedAndKeepsTheEntry() async throws {
        let office = try Office()
        try await office.withClient { client in
            let report = "/modules/pollution/ledgers/reports/1"
            let (cookie, csrf, version, _) = try await Self.open(client, report, as: "clerk-pollution")
            let unconfirmed = try await SignInTests.post(client, report + "/void", ["csrf": csrf, "version": try #require(version), "reason": "重复录入"], cookie: cookie)
            #expect(unconfirmed.status == .unprocessableContent)
            let refusedPage = String(buffer: unconfirmed.body)
            #expect(refusedPage.contains("<p class=\"field-error\" id=\"e-confirm\">"))
            #expect(refusedPage.contains(">重复录入</textarea>"))
            let voided = try await SignInTests.post(client, report + "/void", ["csrf": csrf, "version": version!, "reason": "重复录入", "confirm": "1"], cookie: cookie)
            #expect(voided.status == .seeOther)
            let page = try await client.execute(uri: try #require(voided.headers[.location]), method: .get, headers: [.cookie: cookie])
            let html = String(buffer: page.body)
            #expect(html.contains("已作废") && html.contains("理由：重复录入"))
            #expect(!html.contains("action=\"\(report)/amend\""), "a void entry is not corrected")
            let kept = try await office.database.writer.read { try String.fetchOne($0, sql: "SELECT void_reason FROM pollution_report WHERE id = 1") }
            #expect(kept == "重复录入")
        }
    }

    @Test func aWriteWithoutTheSessionsTokenOrFromElsewhereIsRefused() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, version, _) = try await Self.open(client, Self.alert, as: "clerk-pollution")
            let (otherCookie, otherCSRF, _, _) = try await Self.open(client, Self.alert, as: "clerk-read")
            _ = otherCookie
            let before = try office.logCount()
            let form = ["version": try #require(version), "note": "x", "reason": "y"]
            #expect(try await SignInTests.post(client, Self.alert + "/amend", form, cookie: cookie).status == .forbidden)
            #expect(try await SignInTests.post(client, Self.alert + "/amend", form.merging(["csrf": otherCSRF]) { $1 }, cookie: cookie).status == .forbidden,
                    "another session's token")
            #expect(try await SignInTests.post(client, Self.alert + "/amend", form.merging(["csrf": csrf]) { $1 }, cookie: cookie, origin: "http://evil.example").status == .forbidden)
            #expect(try await SignInTests.post(client, Self.alert + "/amend", form.merging(["csrf": csrf]) { $1 }, cookie: nil).status == .unauthorized)
            #expect(try office.logCount() == before)
        }
    }

    @Test func anAlertIsIssuedLiftedAndReportedThroughTheModulesForms() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, _, form) = try await Self.open(client, "/modules/pollution/actions/issue", as: "clerk-pollution")
            #expect(form.contains("<option value=\"red\">红色</option>") && !form.contains("value=\"none\""), "the levels an alert can have, in the gazette's words")
            let refused = try await SignInTests.post(client, "/modules/pollution/actions/issue", ["csrf": csrf, "level": "red", "issued": "明天上午"], cookie: cookie)
            #expect(refused.status == .unprocessableContent)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("<p class=\"field-error\" id=\"e-issued\">明天上午 is not a time"))
            #expect(refusedPage.contains("<option value=\"red\" selected>红色</option>"), "the choice kept")

            // Alert 1 is in force until lifted: a second one that day is refused by the module's rule, at its field.
            let twice = try await SignInTests.post(client, "/modules/pollution/actions/issue", ["csrf": csrf, "level": "red", "issued": "2020-12-02T09:00"], cookie: cookie)
            #expect(twice.status == .unprocessableContent)
            #expect(String(buffer: twice.body).contains("id=\"e-issued\">alert 1 (orange, issued 2020-12-01T13:00) is in force then"))

            let entry = try await client.execute(uri: Self.alert, method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: entry.body).contains("<a href=\"/modules/pollution/actions/lift?alert=1\">解除预警</a>"), "the entry's page offers its actions")
            let liftForm = try await client.execute(uri: "/modules/pollution/actions/lift?alert=1", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: liftForm.body).contains("name=\"alert\" type=\"text\" value=\"1\""))
            let lifted = try await SignInTests.post(client, "/modules/pollution/actions/lift", ["csrf": csrf, "alert": "1", "lifted": "2020-12-03T18:00"], cookie: cookie)
            #expect(lifted.status == .seeOther)
            #expect(lifted.headers[.location]?.hasPrefix(Self.alert + "?logged=") == true)

            let issued = try await SignInTests.post(client, "/modules/pollution/actions/issue", ["csrf": csrf, "level": "红色", "issued": "2020-12-10T09:00", "note": "市指挥部通知"],
                                                    cookie: cookie)
            #expect(issued.status == .seeOther)
            let location = try #require(issued.headers[.location])
            #expect(location.hasPrefix("/modules/pollution/ledgers/alerts/2?logged="))
            let shown = String(buffer: try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).body)
            #expect(shown.contains("已新增"))
            let alert = try await office.database.writer.read { try Row.fetchOne($0, sql: "SELECT level, signer FROM pollution_alert WHERE id = 2") }
            #expect(alert?["level"] as String? == "red")
            #expect((alert?["signer"] as String?)?.isEmpty == false, "signed from the roster, as on the command line")
            let log = try await office.database.writer.read { try WriteLog.entries(module: "pollution", in: $0) }
            #expect(log.suffix(2).map { "\($0.action) \($0.record) \($0.by) \($0.via?.rawValue ?? "")" } == ["lift alert 1 clerk-pollution web", "add alert 2 clerk-pollution web"])

            // A program asking for JSON is told what was recorded, and where.
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie, .origin: SignInTests.origin, .accept: "application/json"]
            let json = try await client.execute(uri: "/modules/pollution/actions/report", method: .post, headers: headers,
                                                body: ByteBuffer(string: "csrf=\(csrf)&alert=2&kind=daily-report&date=2020-12-10&filed=2020-12-10"))
            #expect(json.status == .created)
            let recorded = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            #expect((recorded["summary"] as? String)?.contains("每日报告") == true)
            #expect((recorded["href"] as? String)?.hasPrefix("/modules/pollution/ledgers/reports/") == true)
            #expect(recorded["logged"] is Int)

            let missing = try await SignInTests.post(client, "/modules/pollution/actions/report", ["csrf": csrf, "alert": "99", "kind": "daily-report", "date": "2020-12-10"],
                                                     cookie: cookie)
            #expect(missing.status == .unprocessableContent)
            #expect(String(buffer: missing.body).contains("there is no alert 99"))
        }
    }

    /// The printable pages the plan asks for: the alert's notice with its measures in full and its
    /// signer, and a meeting's delivery list of its minutes.
    @Test func theAlertNoticeAndTheMinutesDeliveryListArePagesToPrint() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, _, _, entry) = try await Self.open(client, Self.alert, as: "clerk-pollution")
            #expect(entry.contains("<a href=\"/modules/pollution/notice?alert=1\">预警发布通知</a>"))
            let notice = String(buffer: try await client.execute(uri: "/modules/pollution/notice?alert=1", method: .get, headers: [.cookie: cookie]).body)
            #expect(notice.contains("<h1>周村区重污染天气橙色预警发布通知</h1>"))
            #expect(notice.contains("Ⅱ级响应") || notice.contains("II级响应"))
            #expect(notice.contains("办公室主任 "), "the signer from the roster in force")
            // Orange includes yellow's measures (五(三)4(1)) and its own (五(三)4(2)), each citing its clause.
            #expect(notice.contains("五(三)4(1)") && notice.contains("五(三)4(2)") && !notice.contains("五(三)4(3)"))
            #expect(!notice.contains("台账所记签发人"))
            let css = String(buffer: try await client.execute(uri: "/static/site.css", method: .get).body)
            #expect(css.contains("@page { size: A4"))

            let (amlCookie, csrf, _, _) = try await Self.open(client, "/modules/aml/actions/meet", as: "clerk-aml")
            let met = try await SignInTests.post(client, "/modules/aml/actions/meet", ["csrf": csrf, "date": "2020-12-01", "kind": "plenary", "subject": "年度部署"], cookie: amlCookie)
            #expect(met.status == .seeOther)
            let minuted = try await SignInTests.post(client, "/modules/aml/actions/minutes", ["csrf": csrf, "meeting": "1", "text": "会议议定事项如下"], cookie: amlCookie)
            #expect(minuted.status == .seeOther)
            let list = String(buffer: try await client.execute(uri: "/modules/aml/deliveries?meeting=1", method: .get, headers: [.cookie: amlCookie]).body)
            #expect(list.contains("<h1>会议纪要送达单</h1>"))
            #expect(list.contains("<th scope=\"col\"") && list.contains("签收人"))
            let units = list.matches(of: /<tr><td>区[^<]+<\/td>/).count
            #expect(units > 10, "every member unit of the joint meeting: \(units)")
        }
    }

    @Test func aDocumentIsWithdrawnAndRestoredOnItsPageByTheDocumentsClerk() async throws {
        let office = try Office()
        try await office.withClient { client in
            let page = "/documents/" + RouteTests.path("周政办字〔2020〕35号")
            let reader = try await Self.open(client, page, as: "clerk-aml")
            #expect(!reader.html.contains("/withdraw\""), "no form for an account without the 文件 role")
            let (cookie, csrf, _, html) = try await Self.open(client, page, as: "clerk-documents")
            let action = String(try #require(html.firstMatch(of: /action="(\/documents\/[0-9]+\/withdraw)"/)).1)

            let before = String(buffer: try await client.execute(uri: "/modules/aml/who?topic=" + RouteTests.path("房地产"), method: .get, headers: [.cookie: cookie]).body)
            #expect(!before.contains("成员单位（0）"), "the joint meeting's duties answer")
            let noReason = try await SignInTests.post(client, action, ["csrf": csrf, "confirm": "1"], cookie: cookie)
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("请写明理由"))
            let unconfirmed = try await SignInTests.post(client, action, ["csrf": csrf, "reason": "误导入"], cookie: cookie)
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(String(buffer: unconfirmed.body).contains(">误导入</textarea>"), "the reason kept")

            let withdrawn = try await SignInTests.post(client, action, ["csrf": csrf, "reason": "误导入", "confirm": "1"], cookie: cookie)
            #expect(withdrawn.status == .seeOther)
            let after = String(buffer: try await client.execute(uri: try #require(withdrawn.headers[.location]), method: .get, headers: [.cookie: cookie]).body)
            #expect(after.contains("已撤回") && after.contains("恢复本文"))
            let log = try await office.database.writer.read { try WriteLog.entries(module: "docs", in: $0) }
            #expect(log.last.map { "\($0.action) \($0.by) \($0.via?.rawValue ?? "") \($0.reason)" } == "withdraw clerk-documents web 误导入")
            let who = String(buffer: try await client.execute(uri: "/modules/aml/who?topic=" + RouteTests.path("房地产"), method: .get, headers: [.cookie: cookie]).body)
            #expect(who.contains("成员单位（0）"), "its duties answer no longer")

            let restored = try await SignInTests.post(client, action.replacingOccurrences(of: "/withdraw", with: "/restore"),
                                                      ["csrf": csrf, "reason": "确认无误", "confirm": "1"], cookie: cookie)
            #expect(restored.status == .seeOther)
            let back = String(buffer: try await client.execute(uri: "/modules/aml/who?topic=" + RouteTests.path("房地产"), method: .get, headers: [.cookie: cookie]).body)
            #expect(!back.contains("成员单位（0）"))

            // No other role gets that far.
            for role in Roles(for: ModuleRegistry.all).all where role.code != Role.documents.code {
                let other = try await Self.open(client, "/", as: "clerk-\(role.code)")
                let status = try await SignInTests.post(client, action, ["csrf": other.csrf, "reason": "x", "confirm": "1"], cookie: other.cookie).status
                #expect(status == .forbidden, "\(role.code)")
            }
        }
    }

    @Test func theRosterClerkChangesARosterTakesItBackAndTeachesAUnitsOtherName() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, _, bodies) = try await Self.open(client, "/bodies", as: "clerk-roster")
            #expect(bodies.contains("<a href=\"/roster/actions/change\">名单变更</a>"), "the roster's forms offered to its clerk")
            let reader = try await Self.open(client, "/bodies", as: "clerk-read")
            #expect(!reader.html.contains("/roster/actions/"), "and to no one else")
            let bodyId = try await office.database.writer.read { try RosterQueries.body("周村区反洗钱工作联席会议", in: $0).id }
            let bodyPage = String(buffer: try await client.execute(uri: "/bodies/\(bodyId)", method: .get, headers: [.cookie: cookie]).body)
            #expect(bodyPage.contains("<a href=\"/roster/actions/change?body=\(bodyId)\">名单变更</a>"))

            let noRole = try await SignInTests.post(client, "/roster/actions/change", [
                "csrf": csrf, "body": "\(bodyId)", "change": "add", "name": "郑新", "unit": "区财政局", "source": "区政府办公室电话通知",
            ], cookie: cookie)
            #expect(noRole.status == .unprocessableContent)
            #expect(String(buffer: noRole.body).contains("<p class=\"field-error\" id=\"e-role\">必填</p>"))

            let added = try await SignInTests.post(client, "/roster/actions/change", [
                "csrf": csrf, "body": "\(bodyId)", "change": "增补", "name": "郑新", "role": "成员", "unit": "区财政局", "date": "2021-01-10",
                "source": "区政府办公室电话通知",
            ], cookie: cookie)
            #expect(added.status == .seeOther)
            let location = try #require(added.headers[.location])
            #expect(location.contains("see=/bodies/\(bodyId)"))
            let done = String(buffer: try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).body)
            #expect(done.contains("已变更名单") && done.contains("<a href=\"/bodies/\(bodyId)\">查看变更后的记录</a>"))
            let roster = String(buffer: try await client.execute(uri: "/bodies/\(bodyId)", method: .get, headers: [.cookie: cookie]).body)
            #expect(roster.contains("郑新"))
            let log = try await office.database.writer.read { try WriteLog.entries(module: "roster", in: $0) }
            let entry = try #require(log.last?.record.firstMatch(of: /entry ([0-9]+)/).map { String($0.1) })
            #expect(log.last?.via == .webPage && log.last?.by == "clerk-roster")

            let undone = try await SignInTests.post(client, "/roster/actions/undo", ["csrf": csrf, "entry": entry, "reason": "通知有误"], cookie: cookie)
            #expect(undone.status == .seeOther)
            let after = String(buffer: try await client.execute(uri: "/bodies/\(bodyId)", method: .get, headers: [.cookie: cookie]).body)
            #expect(!after.contains("郑新"), "taken back")

            let alias = try await SignInTests.post(client, "/roster/actions/alias", ["csrf": csrf, "short": "区财局", "full": "区财政局", "reason": "会议通知中的简称"],
                                                   cookie: cookie)
            #expect(alias.status == .seeOther)
            let unit = try await client.execute(uri: "/units/" + RouteTests.path("区财局"), method: .get, headers: [.cookie: cookie])
            #expect(unit.status == .ok)

            // Every roster form refuses every other role, and tells the roster's clerk what is missing.
            for role in Roles(for: ModuleRegistry.all).all {
                let other = try await Self.open(client, "/", as: "clerk-\(role.code)")
                for action in RosterActions.actions {
                    let status = try await SignInTests.post(client, "/roster/actions/\(action.path)", ["csrf": other.csrf], cookie: other.cookie).status
                    #expect(status == (role.code == Role.roster.code ? .unprocessableContent : .forbidden), "\(role.code) \(action.path)")
                }
            }
        }
    }

    @Test func anAdministratorOpensAnAccountOnThePageAndNoOneElseCan() async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, _, home) = try await Self.open(client, "/", as: "clerk-admin")
            #expect(home.contains("<a href=\"/accounts\""), "the accounts are in the administrator's navigation")
            let list = String(buffer: try await client.execute(uri: "/accounts", method: .get, headers: [.cookie: cookie]).body)
            #expect(list.contains("clerk-pollution") && list.contains("<a href=\"/accounts/actions/add\">新增账户</a>"))
            let secret = "一个足够长的新密码甲乙"
            let mismatch = try await SignInTests.post(client, "/accounts/actions/add", [
                "csrf": csrf, "name": "孙丽", "unit": "区财政局", "roles": "查阅、incentives", "password": secret, "again": secret + "x",
            ], cookie: cookie)
            #expect(mismatch.status == .unprocessableContent)
            let refusedPage = String(buffer: mismatch.body)
            #expect(refusedPage.contains("<p class=\"field-error\" id=\"e-again\">两次输入的密码不一致</p>"))
            #expect(!refusedPage.contains(secret), "a password is never sent back")
            #expect(refusedPage.contains("value=\"孙丽\""))

            let added = try await SignInTests.post(client, "/accounts/actions/add", [
                "csrf": csrf, "name": "孙丽", "unit": "区财政局", "roles": "查阅、incentives", "password": secret, "again": secret,
            ], cookie: cookie)
            #expect(added.status == .seeOther)
            let signedIn = try await SignInTests.signIn(client, "孙丽", secret)
            #expect(signedIn.cookie != nil, "the new account signs in")
            let account = try await office.database.writer.read { try AccountRecords.require("孙丽", in: $0) }
            #expect(account.roles == ["incentives", "read"])
            let log = try await office.database.writer.read { try WriteLog.entries(module: "accounts", in: $0) }
            #expect(!log.contains { ($0.after ?? "").contains(secret) || ($0.before ?? "").contains(secret) || $0.reason.contains(secret) })
            #expect(log.contains { $0.action == "account-add" && $0.by == "clerk-admin" && $0.via == .webPage })

            for role in Roles(for: ModuleRegistry.all).all where role.code != Role.admin.code {
                let other = try await Self.open(client, "/", as: "clerk-\(role.code)")
                #expect(try await client.execute(uri: "/accounts", method: .get, headers: [.cookie: other.cookie]).status == .forbidden)
                for path in ["add", "roles", "disable", "password"] {
                    let status = try await SignInTests.post(client, "/accounts/actions/\(path)", ["csrf": other.csrf, "name": "孙丽", "reason": "x"],
                                                            cookie: other.cookie).status
                    #expect(status == .forbidden, "\(role.code) \(path)")
                }
            }
        }
    }

    /// One action of each of the other offices, through its form to the entry it recorded.
    @Test(arguments: [
        ("incentives", "allocate", ["holder": "周村经济开发区", "kind": "park", "year": "2021"], "/modules/incentives/ledgers/funds/"),
        ("land", "find", ["town": "南郊镇", "kind": "整治不力", "date": "2020年12月1日", "note": "某村复垦地块未平整"], "/modules/land/ledgers/findings/"),
        ("aml", "meet", ["date": "2020/12/1", "kind": "全体会议", "subject": "年度工作部署"], "/modules/aml/ledgers/meetings/"),
        ("bankruptcy", "open", ["debtor": "淄博某纺织有限公司", "accepted": "2020-12-01", "administrator": "某律师事务所"], "/modules/bankruptcy/ledgers/cases/"),
    ])
    func eachOfficesActionRecordsItsEntry(module: String, action: String, form: [String: String], ledger: String) async throws {
        let office = try Office()
        try await office.withClient { client in
            let (cookie, csrf, _, _) = try await Self.open(client, "/modules/\(module)/actions/\(action)", as: "clerk-\(module)")
            let sent = try await SignInTests.post(client, "/modules/\(module)/actions/\(action)", form.merging(["csrf": csrf]) { $1 }, cookie: cookie)
            #expect(sent.status == .seeOther, "\(String(buffer: sent.body).firstMatch(of: /class="(field-)?error"[^<]*<p>?[^<]*/).map { String($0.0) } ?? "")")
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix(ledger), "\(location)")
            let page = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("已新增"))
            let log = try await office.database.writer.read { try WriteLog.entries(module: module, in: $0) }
            #expect(log.last.map { "\($0.action) \($0.by) \($0.via?.rawValue ?? "")" } == "add clerk-\(module) web")
        }
    }

    /// Every write route of every ledger, for an account of every role: only the module's own
    /// clerks get past the check (to a 404 for an entry that does not exist); everyone else is
    /// refused before anything is read. A reader sees the entry without the forms.
    @Test func everyLedgerWriteChecksTheModulesRoleOnTheServer() async throws {
        let office = try Office()
        let roles = Roles(for: ModuleRegistry.all).all
        let modules = ModuleRegistry.all.compactMap { $0 as? any WebModule.Type }
        #expect(modules.count == 5 && modules.allSatisfy { !$0.ledgers.isEmpty })
        try await office.withClient { client in
            let reader = try await Self.open(client, Self.alert, as: "clerk-read")
            #expect(!reader.html.contains("/amend\"") && reader.html.contains("更正或作废需要「重污染天气应急」经办角色"))
            let before = try office.logCount()
            for role in roles {
                let cookie = try #require(try await SignInTests.signIn(client, "clerk-\(role.code)", Self.password).cookie)
                let page = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
                let csrf = String(try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)).1)
                for module in modules {
                    for book in module.ledgers {
                        for write in OfficeSite.LedgerWrite.allCases {
                            let uri = "/modules/\(module.id)/ledgers/\(book.path)/999999/\(write.rawValue)"
                            let status = try await SignInTests.post(client, uri, ["csrf": csrf, "version": "0", "note": "x", "reason": "y", "confirm": "1"],
                                                                    cookie: cookie).status
                            #expect(status == (role.code == module.id ? .notFound : .forbidden), "\(role.code) \(uri)")
                        }
                    }
                }
            }
            #expect(try office.logCount() == before + roles.count, "nothing written but the sign-ins")
            // And every module's action, sent empty: its own clerks are told what is missing, no one else gets that far.
            let after = try office.logCount()
            for role in roles {
                let (cookie, csrf, _, _) = try await Self.open(client, "/", as: "clerk-\(role.code)")
                for module in modules {
                    for action in module.actions {
                        let uri = "/modules/\(module.id)/actions/\(action.path)"
                        let status = try await SignInTests.post(client, uri, ["csrf": csrf], cookie: cookie).status
                        #expect(status == (role.code == module.id ? .unprocessableContent : .forbidden), "\(role.code) \(uri)")
                    }
                }
            }
            #expect(try office.logCount() == after + roles.count)
        }
    }
}
