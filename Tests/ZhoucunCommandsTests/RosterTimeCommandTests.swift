import Foundation
import Testing
import CommandTestSupport
import TestSupport

@Suite("Rosters over time, at the command line")
struct RosterTimeCommandTests {
    static func notice(_ name: String) -> String {
        Fixtures.root.appendingPathComponent("Tests/RosterChanges/\(name)").path
    }

    func store(_ notices: [String]) throws -> String {
        let db = try CLI.seededDatabasePath()
        let result = try CLI.run(["import"] + notices.map(Self.notice) + ["--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        return db
    }

    @Test("Without --on a roster is today's; --on a past day shows it then; --history shows every seat with its dates")
    func today() throws {
        let db = try store(["zhoucun-aml-adjusted-2021.txt"])
        let today = try #require(try CLI.json(["roster", "body", "反洗钱", "--db", db, "--format", "json"]) as? [String: Any])
        let names = (today["members"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.count == 17 && names.contains("陈立新") && !names.contains("王小虎"))
        let then = try #require(try CLI.json(["roster", "body", "反洗钱", "--on", "2020-12-01", "--db", db, "--format", "json"]) as? [String: Any])
        #expect((then["members"] as? [[String: Any]])?.count == 18)
        let history = try CLI.run(["roster", "person", "王小虎", "--history", "--db", db, "--format", "csv"])
        #expect(history.stdout.contains("周村区反洗钱工作联席会议,王小虎,成员,区市场监管局"))
        #expect(history.stdout.contains(",2020-10-10,2021-03-14,"))
        let bodies = try #require(try CLI.json(["roster", "bodies", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(bodies.count == 4)
        #expect(bodies.first { $0["name"] as? String == "周村区反洗钱工作联席会议" }?["members"] as? Int == 17)
        #expect(try CLI.run(["roster", "bodies", "--on", "2021-01-01", "--history", "--db", db]).status != 0)
    }

    @Test("The red-alert signer is whoever is 指挥长 on the forecast's first day")
    func signerFollowsCommander() throws {
        let db = try store(["zhoucun-pollution-commander-2021.txt"])
        func signer(_ month: String) throws -> String? {
            let forecast = try Fixtures.file("date,aqi\n\(month)-10,320\n\(month)-11,330\n\(month)-12,350\n\(month)-13,360\n", name: "forecast-\(month).csv")
            let assessment = try #require(try CLI.json(["pollution", "assess", "--forecast", forecast, "--db", db, "--format", "json"]) as? [String: Any])
            #expect(assessment["alert"] as? String == "red")
            #expect(assessment["plan"] as? String == "周政办字〔2020〕39号")
            return (assessment["signer"] as? [String: Any])?["name"] as? String
        }
        #expect(try signer("2021-01") == "刘伟")
        #expect(try signer("2021-06") == "王海涛")
    }

    @Test("An abolished body is not among today's; its page says when it ended and where")
    func abolished() throws {
        let db = try store(["zhoucun-land-abolished-2022.txt", "zhoucun-bankruptcy-renamed-2021.txt"])
        let bodies = try CLI.run(["roster", "bodies", "--db", db])
        #expect(!bodies.stdout.contains("土地问题综合整治工作专班"))
        #expect(bodies.stdout.contains("周村区企业破产处置府院联动联席会议"))
        let land = try CLI.run(["roster", "body", "土地", "--db", db])
        #expect(land.stdout.contains("abolished: its last day was 2022-01-09  (周政办字〔2022〕3号)"))
        let renamed = try CLI.run(["roster", "body", "协调联动机制联席会议", "--db", db])
        #expect(renamed.stdout.hasPrefix("周村区企业破产处置府院联动联席会议"))
        #expect(renamed.stdout.contains("formerly 周村区企业破产处置协调联动机制联席会议（至2021-08-31）"))
    }

    @Test("A clerk records a change no document printed; it shows as entered by hand, is logged, and can be taken back")
    func clerkChange() throws {
        let db = try CLI.seededDatabasePath()
        let change = try CLI.run(["roster", "change", "反洗钱", "--date", "2026-11-01", "--replace", "王小虎", "--with", "赵六",
                                  "--unit", "区市场监管局", "--title", "副局长", "--source", "区政府办公室电话通知", "--by", "张三", "--db", db])
        #expect(change.status == 0, "\(change.stderr)")
        let entry = try #require(change.stdout.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        func seats(_ on: String) throws -> [[String: Any]] {
            let answer = try #require(try CLI.json(["roster", "body", "反洗钱", "--on", on, "--db", db, "--format", "json"]) as? [String: Any])
            return answer["members"] as? [[String: Any]] ?? []
        }
        let after = try seats("2026-11-02")
        let successor = try #require(after.first { $0["name"] as? String == "赵六" })
        #expect(successor["source"] as? String == "clerk")
        #expect(successor["unit"] as? String == "区市场监管局")
        #expect((successor["citation"] as? String)?.contains("手工录入") == true)
        #expect((successor["citation"] as? String)?.contains("张三") == true)
        #expect((successor["citation"] as? String)?.contains("区政府办公室电话通知") == true)
        #expect(!after.contains { $0["name"] as? String == "王小虎" })
        #expect(try seats("2026-10-31").contains { $0["name"] as? String == "王小虎" })
        // Not a document: docs list leaves it out.
        #expect(!(try CLI.run(["docs", "list", "--db", db]).stdout.contains("手工录入")))

        #expect(try CLI.run(["roster", "undo", entry, "--reason", "电话通知有误", "--by", "张三", "--db", db]).status == 0)
        let undone = try seats("2026-11-02")
        #expect(undone.contains { $0["name"] as? String == "王小虎" } && !undone.contains { $0["name"] as? String == "赵六" })
        let log = try #require(try CLI.json(["log", "--module", "roster", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(log.map { $0["reason"] as? String } == ["区政府办公室电话通知", "电话通知有误"])
        let all = try #require(try CLI.json(["log", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(all.map { $0["action"] as? String } == ["config", "import", "roster-change", "roster-undo"])
        #expect(try CLI.run(["roster", "change", "反洗钱", "--remove", "不存在", "--source", "x", "--db", db]).stderr.contains("不存在 holds no seat"))
    }

    @Test("A record that is two people is split, flagged, and merged back; each write is logged")
    func splitAndMerge() throws {
        let db = try CLI.seededDatabasePath()
        func posts() throws -> [[String: Any]] {
            let answer = try #require(try CLI.json(["roster", "person", "王小虎", "--db", db, "--format", "json"]) as? [String: Any])
            return answer["posts"] as? [[String: Any]] ?? []
        }
        let before = try posts()
        #expect(Set(before.compactMap { $0["personId"] as? Int }).count == 1)
        let person = try #require(before.first?["personId"] as? Int)
        let bankruptcy = try #require(before.first { $0["body"] as? String == "周村区企业破产处置协调联动机制联席会议" }?["seatId"] as? Int)
        let split = try CLI.run(["roster", "split", String(person), "--seats", String(bankruptcy), "--reason", "两个同名的人", "--db", db])
        #expect(split.status == 0, "\(split.stderr)")
        let other = try #require(Set(try posts().compactMap { $0["personId"] as? Int }).subtracting([person]).first)
        #expect(try CLI.run(["roster", "flags", "--db", db, "--format", "csv"]).stdout.contains("\(person),\(other),split by"))
        #expect(try CLI.run(["roster", "merge", String(person), String(other), "--reason", "核实为同一人", "--db", db]).status == 0)
        #expect(Set(try posts().compactMap { $0["personId"] as? Int }) == [person])
        #expect(try CLI.run(["roster", "flags", "--db", db, "--format", "csv"]).stdout == "person,other,reason\n")
        let log = try #require(try CLI.json(["log", "--module", "roster", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(log.map { $0["action"] as? String } == ["split", "merge"])
        #expect(try CLI.run(["roster", "split", String(person), "--seats", "99999", "--reason", "x", "--db", db]).status != 0)
    }
}
