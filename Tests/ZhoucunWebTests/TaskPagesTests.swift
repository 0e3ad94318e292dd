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

/// 督办 on the page, in process on a real store holding the sample issue: the ledger with its
/// lights, one task and its history, the unit's page, chasing and the figures; the 督办 clerk's
/// forms, and every other role refused by the server.
@Suite struct TaskPagesTests {
    /// 37号 二(二)2, 扎实推进闲置土地处置工作: due 2020年12月底前, 区自然资源局 among its units.
    static func idleLand(_ office: LedgerFormTests.Office) throws -> Int64 {
        try office.database.writer.read { db in
            try #require(try TaskRecords.tasks(TaskRecords.Filter(document: "周政办字〔2020〕37号"), in: db).first { $0.row.text.hasPrefix("扎实推进闲置土地处置") }).id
        }
    }

    @Test func theLedgerATaskItsUnitAndTheFiguresAreReadFromTheStore() async throws {
        let office = try LedgerFormTests.Office()
        let id = try Self.idleLand(office)
        try await office.withClient { client in
            let (cookie, _, _, ledger) = try await LedgerFormTests.open(client, "/tasks?on=2020-12-29", as: "clerk-read")
            #expect(ledger.contains("<a class=\"cite\" href=\"/tasks/\(id)\">\(id)</a>"), "each task links to its page")
            #expect(ledger.contains("扎实推进闲置土地处置工作") && ledger.contains("临期"), "two working days before its deadline it is yellow")
            #expect(!ledger.contains("/tasks/actions/"), "a reader is offered no form")

            let late = String(buffer: try await client.execute(uri: "/tasks?status=逾期&on=2021-01-04", method: .get, headers: [.cookie: cookie]).body)
            #expect(late.contains("扎实推进闲置土地处置工作"), "after the new year's holiday it is overdue")
            let json = try await client.execute(uri: "/tasks/\(id)?on=2021-01-04", method: .get, headers: [.cookie: cookie, .accept: "application/json"])
            let shown = try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any]
            let line = try #require(shown?["line"] as? [String: Any])
            #expect(line["status"] as? String == "逾期" && line["due"] as? String == "2020-12-31")

            let unit = String(buffer: try await client.execute(uri: "/units/" + RouteTests.path("区自然资源局") + "?on=2020-12-01", method: .get,
                                                               headers: [.cookie: cookie]).body)
            #expect(unit.contains("督办任务（未办结）") && unit.contains("<a href=\"/tasks/\(id)\">扎实推进闲置土地处置工作"))

            let chase = String(buffer: try await client.execute(uri: "/tasks/chase?on=2021-01-04", method: .get, headers: [.cookie: cookie]).body)
            #expect(chase.contains("区自然资源局") && chase.contains("扎实推进闲置土地处置工作"))
            let stats = String(buffer: try await client.execute(uri: "/tasks/stats?on=2021-01-04", method: .get, headers: [.cookie: cookie]).body)
            #expect(stats.contains("<th scope=\"row\">区自然资源局</th>") && stats.contains("<progress"))

            for (uri, status) in [("/tasks/9999", HTTPResponse.Status.notFound), ("/tasks/x", .notFound), ("/tasks?status=zzz", .badRequest),
                                  ("/tasks/stats?per=zzz", .badRequest), ("/tasks?on=2021-13-40", .badRequest)] {
                #expect(try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).status == status, "\(uri)")
            }
        }
    }

    @Test func theSupervisionClerkReportsExtendsAndEndsATaskAndNoOneElseCan() async throws {
        let office = try LedgerFormTests.Office()
        let id = try Self.idleLand(office)
        try await office.withClient { client in
            let (cookie, csrf, _, page) = try await LedgerFormTests.open(client, "/tasks/\(id)", as: "clerk-tasks")
            for action in ["report", "done", "extend"] {
                #expect(page.contains("href=\"/tasks/actions/\(action)?id=\(id)\""), "the task's forms offered, its number filled in: \(action)")
            }
            let report = try await SignInTests.post(client, "/tasks/actions/report", [
                "csrf": csrf, "id": "\(id)", "unit": "区自然资源局", "date": "2020-12-01", "progress": "已处置闲置土地 3 宗",
            ], cookie: cookie)
            #expect(report.status == .seeOther)
            let location = try #require(report.headers[.location])
            #expect(location.hasPrefix("/tasks/\(id)?logged="))
            let after = String(buffer: try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]).body)
            #expect(after.contains("已反馈进度") && after.contains("已处置闲置土地 3 宗"))

            // Refusals: a unit the task does not name, a deadline not after the one in force, a field left out.
            let stranger = try await SignInTests.post(client, "/tasks/actions/report", [
                "csrf": csrf, "id": "\(id)", "unit": "区税务局", "progress": "无",
            ], cookie: cookie)
            #expect(stranger.status == .unprocessableContent && String(buffer: stranger.body).contains("does not name 区税务局"))
            let early = try await SignInTests.post(client, "/tasks/actions/extend", ["csrf": csrf, "id": "\(id)", "to": "2020-11-30", "reason": "区政府同意"],
                                                   cookie: cookie)
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("is not after the deadline in force"))
            let blank = try await SignInTests.post(client, "/tasks/actions/done", ["csrf": csrf, "id": "\(id)"], cookie: cookie)
            #expect(String(buffer: blank.body).contains("<p class=\"field-error\" id=\"e-evidence\">必填</p>"))

            let extended = try await SignInTests.post(client, "/tasks/actions/extend", ["csrf": csrf, "id": "\(id)", "to": "2021-03-31", "reason": "区政府同意延期"],
                                                      cookie: cookie)
            #expect(extended.status == .seeOther)
            let done = try await SignInTests.post(client, "/tasks/actions/done", [
                "csrf": csrf, "id": "\(id)", "date": "2021-03-20", "evidence": "区自然资源局处置报告",
            ], cookie: cookie)
            #expect(done.status == .seeOther)
            let json = try await client.execute(uri: "/tasks/\(id)?on=2021-04-01", method: .get, headers: [.cookie: cookie, .accept: "application/json"])
            let shown = try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any]
            let line = try #require(shown?["line"] as? [String: Any])
            #expect(line["status"] as? String == "已办结" && line["on_time"] as? Bool == true && line["due"] as? String == "2021-03-31")
            #expect((shown?["history"] as? [Any])?.count == 3)
            let log = try await office.database.writer.read { try WriteLog.entries(module: "tasks", in: $0) }
            #expect(log.map(\.action) == ["task-report", "task-extend", "task-done"] && log.allSatisfy { $0.via == .webPage && $0.by == "clerk-tasks" })

            // A leader's instruction: what is typed is shown as text, never run.
            let added = try await SignInTests.post(client, "/tasks/actions/add", [
                "csrf": csrf, "text": "<script>alert(1)</script>核查", "lead": "区财政局", "due": "6月底前", "source": "区长批示",
            ], cookie: cookie)
            #expect(added.status == .seeOther)
            let addedPage = String(buffer: try await client.execute(uri: try #require(added.headers[.location]), method: .get, headers: [.cookie: cookie]).body)
            #expect(addedPage.contains("&lt;script&gt;alert(1)&lt;/script&gt;核查") && !addedPage.contains("<script>alert"))
            let badDue = try await SignInTests.post(client, "/tasks/actions/add", [
                "csrf": csrf, "text": "核查", "lead": "区财政局", "due": "尽快", "source": "区长批示",
            ], cookie: cookie)
            #expect(String(buffer: badDue.body).contains("<p class=\"field-error\" id=\"e-due\">"))

            // Every 督办 form refuses every other role on the server, whatever it sends.
            let tasksLog = { try await office.database.writer.read { try WriteLog.entries(module: "tasks", in: $0).count } }
            let count = try await tasksLog()
            for role in Roles(for: ModuleRegistry.all).all where role.code != Role.tasks.code {
                let other = try await LedgerFormTests.open(client, "/", as: "clerk-\(role.code)")
                for action in TaskActions.actions {
                    let status = try await SignInTests.post(client, "/tasks/actions/\(action.path)", [
                        "csrf": other.csrf, "id": "\(id)", "unit": "区自然资源局", "progress": "x", "text": "x", "lead": "区财政局", "source": "x",
                        "evidence": "x", "reason": "x", "to": "2022-01-01",
                    ], cookie: other.cookie).status
                    #expect(status == .forbidden, "\(role.code) \(action.path)")
                }
            }
            #expect(try await tasksLog() == count, "nothing refused was written")
        }
    }
}
