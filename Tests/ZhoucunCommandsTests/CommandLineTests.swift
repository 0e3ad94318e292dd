import ArgumentParser
import Foundation
import ModuleSpine
import ModuleSpineCLI
import ZhoucunModules
import Testing
import CommandTestSupport
import TestSupport
import ZhoucunCommands

@Suite("The zhoucun command, run as a user runs it")
struct CommandLineTests {
    @Test("--help lists the shared groups and one section for the policy modules; --version answers")
    func help() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        for group in ["import", "docs", "roster", "params", "calendar", "gazette", "export", "incentives", "aml", "land", "bankruptcy", "pollution"] {
            #expect(help.stdout.contains("  \(group) "), "missing \(group)")
        }
        #expect(help.stdout.contains("POLICY MODULES"))
        #expect(try CLI.run(["--version"]).stdout == "0.1.0\n")
    }

    @Test("The binary answers as the command run in process: the same output, errors and exit codes")
    func binaryAgrees() throws {
        let db = try CLI.seededDatabasePath()
        let missing = try Fixtures.temporaryFolder().appendingPathComponent("none.sqlite").path
        let lines: [[String]] = [
            ["--version"], ["--help"], ["pollution", "alerts", "--help"], ["roster", "bodies", "--db", db],
            ["docs", "list", "--db", missing],                                       // our own error: exit 1
            ["pollution", "orders", "--level", "purple", "--db", db],                // the parser's: exit 64
            ["calendar", "add", "2026-02-30", "1"],                                 // a date said with its reason
            ["pollutoin", "alerts", "list"],
        ]
        for line in lines {
            let binary = try CLI.process(line), here = try CLI.run(line)
            #expect(binary.status == here.status, "\(line)")
            #expect(binary.stdout == here.stdout, "\(line)")
            #expect(binary.stderr == here.stderr, "\(line)")
        }
        #expect(try CLI.process(["docs", "list", "--db", missing]).status == 1)
        #expect(try CLI.process(["pollution", "orders", "--level", "purple", "--db", db]).status == 64)
    }

    @Test("calendar add and is-workday")
    func calendar() throws {
        #expect(try CLI.run(["calendar", "add", "2020-09-30", "3"]).stdout == "2020-10-12\n")
        #expect(try CLI.run(["calendar", "is-workday", "2020-10-10"]).stdout.hasPrefix("yes"))
        #expect(try CLI.run(["calendar", "is-workday", "2020-10-05"]).stdout.hasPrefix("no"))
        // A year the State Council has not published: weekends alone, and said.
        let unpublished = try CLI.run(["calendar", "add", "2030-01-01", "1"])
        #expect(unpublished.status == 0 && unpublished.stdout == "2030-01-02  (2030年节假日安排未载入，按周末计算)\n")
        let before = try CLI.run(["calendar", "add", "2019-12-30", "1"])
        #expect(before.status == 1 && before.stderr.hasPrefix("zhoucun: error: the working-day calendar has no data for 2019"))
        #expect(try CLI.run(["calendar", "add", "2020-9-30", "3"]).stdout == "2020-10-12\n")
        let badDate = try CLI.run(["calendar", "add", "2020-9-31", "3"])
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("date 2020-9-31: 2020年9月没有31日"))
    }

    @Test("docs list in JSON has the fields other tools read")
    func docsList() throws {
        let db = try CLI.seededDatabasePath()
        let list = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(list.count == 5)
        let plan = try #require(list.first { $0["number"] as? String == "周政办字〔2020〕39号" })
        #expect(plan["title"] as? String == "关于印发周村区重污染天气应急预案的通知")
        #expect(plan["issuer"] as? String == "周村区人民政府办公室")
        #expect(plan["date"] as? String == "2020-10-17")
        #expect(plan["scope"] as? String == "（此件公开发布）")
        #expect(plan["issue"] as? String == "2020-9")
        #expect(plan["attachments"] as? Int == 3)
        #expect((plan["sections"] as? Int ?? 0) > 50)
        let csv = try CLI.run(["docs", "list", "--db", db, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("number,date,title,"))
    }

    @Test("docs show and search cite document and clause")
    func showAndSearch() throws {
        let db = try CLI.seededDatabasePath()
        let show = try #require(try CLI.json(["docs", "show", "周政办字(2020)39号", "--db", db, "--format", "json"]) as? [String: Any])
        #expect(show["replaces"] as? [String] == ["周政办字〔2019〕44号"])
        let sections = try #require(show["sections"] as? [[String: Any]])
        #expect(sections.contains { ($0["children"] as? [[String: Any]])?.contains { $0["citation"] as? String == "周政办字〔2020〕39号 四" } == true })
        let hits = try #require(try CLI.json(["docs", "search", "无条件发布预警", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(hits.first?["citation"] as? String == "周政办字〔2020〕39号 四(四)")
    }

    @Test("docs show says where each element of the 公文 was found, on the gazette and on a real web page's copy")
    func foundElements() throws {
        let db = try CLI.seededDatabasePath()
        let show = try #require(try CLI.json(["docs", "show", "周政办字〔2020〕39号", "--db", db, "--format", "json"]) as? [String: Any])
        let found = try #require(show["found"] as? [[String: Any]])
        #expect(found.map { "\($0["element"]!)@\($0["line"] ?? "-")/\($0["confidence"]!)" } == [
            "发文机关@490/high", "标题@490/high", "发文字号@492/high", "主送机关@494/high", "附件说明@741/high",
            "发文机关署名@498/high", "成文日期@500/high",
        ])
        // 微山's page: the 文号 opens the title's line (line 3), and line 7 glues body, signature and date.
        let weishan = Fixtures.root.appendingPathComponent("Tests/Corpus/texts/weishan_zhongwuran_yingjiyuan_2019_opening.txt").path
        let store = try Fixtures.temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try CLI.run(["import", weishan, "--db", store]).status == 0)
        let page = try #require(try CLI.json(["docs", "show", "微政办字〔2019〕24号", "--db", store, "--format", "json"]) as? [String: Any])
        #expect((page["found"] as? [[String: Any]])?.map { "\($0["element"]!)@\($0["line"] ?? "-")/\($0["confidence"]!)" } == [
            "发文字号@3/medium", "标题@3/medium", "发文机关署名@7/high", "成文日期@7/high",
        ])
        let text = try CLI.run(["docs", "show", "微政办字〔2019〕24号", "--db", store])
        #expect(text.stdout.contains("发文字号  line 3  opening the title's line (medium)"))
    }

    @Test("Roster queries answer in JSON with the named fields")
    func roster() throws {
        let db = try CLI.seededDatabasePath()
        let body = try #require(try CLI.json(["roster", "body", "反洗钱", "--db", db, "--format", "json"]) as? [String: Any])
        let members = try #require(body["members"] as? [[String: Any]])
        #expect(members.count == 18)
        #expect(members[0]["name"] as? String == "赵学")
        #expect(members[0]["role"] as? String == "总召集人")
        #expect(members[0]["citation"] as? String == "周政办字〔2020〕35号 一")
        #expect(members[10]["unit"] as? String == "区住房城乡建设局")
        #expect(members[10]["titles"] as? [String] == ["副局长"])
        let person = try #require(try CLI.json(["roster", "person", "高 东", "--db", db, "--format", "json"]) as? [String: Any])
        #expect((person["posts"] as? [[String: Any]])?.map { $0["body"] as? String } == ["周村区反洗钱工作联席会议", "周村区企业破产处置协调联动机制联席会议"])
        let bodies = try #require(try CLI.json(["roster", "bodies", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(bodies.map { $0["officeDirector"] as? String } == ["王继磊", "徐兆峰", "裴继涛", "郭存亿"])
        let shared = try #require(try CLI.json(["roster", "shared", "--min", "3", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(Set(shared.compactMap { $0["name"] as? String }) == ["赵学", "李永凯"])
        let popolo = try #require(try CLI.json(["roster", "export", "--popolo", "--db", db]) as? [String: Any])
        #expect(Set(popolo.keys) == ["persons", "organizations", "memberships", "posts"])
        let graph = try CLI.run(["roster", "graph", "--format", "dot", "--db", db])
        #expect(graph.stdout.hasPrefix("graph rosters {"))
        #expect(graph.stdout.contains("\"赵学\""))
    }

    @Test("Bad input: a clear message with file, line and column on stderr, a non-zero exit, no stack trace")
    func badInput() throws {
        let db = try CLI.seededDatabasePath()
        let bad = try Fixtures.file(#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x"><p></doc>"#, name: "bad.xml")
        let result = try CLI.run(["import", bad, "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("zhoucun: error: \(bad):1:"))
        #expect(!result.stderr.contains("Fatal error"))
        let missing = try CLI.run(["docs", "show", "周政办字〔2030〕1号", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no imported document"))
    }

    @Test("Import twice: the second time says nothing changed")
    func importTwice() throws {
        let db = try CLI.seededDatabasePath()
        let again = try CLI.run(["import", Fixtures.seedText.path, "--db", db])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already imported"))
        let xml = try CLI.run(["import", Fixtures.sampleXML.path, "--db", db])
        #expect(xml.stdout.contains("0 added, 0 updated, 5 unchanged"))
    }

    @Test("convert, validate and export give valid Akoma Ntoso that imports to the same documents")
    func convertValidateExport() throws {
        let folder = try Fixtures.temporaryFolder()
        let converted = folder.appendingPathComponent("issue.xml").path
        #expect(try CLI.run(["gazette", "convert", Fixtures.seedText.path, "-o", converted]).status == 0)
        #expect(try CLI.run(["gazette", "validate", converted]).status == 0)
        let db = try CLI.seededDatabasePath()
        let exported = folder.appendingPathComponent("export.xml").path
        #expect(try CLI.run(["export", "--issue", "2020-9", "--db", db, "-o", exported]).status == 0)
        #expect(try CLI.run(["gazette", "validate", exported]).status == 0)
        let single = try CLI.run(["export", "周政办字〔2020〕38号", "--format", "akn", "--db", db])
        #expect(single.stdout.contains("<docNumber>周政办字〔2020〕38号</docNumber>"))
        let fresh = folder.appendingPathComponent("fresh.sqlite").path
        #expect(try CLI.run(["import", exported, "--db", fresh]).status == 0)
        let before = try CLI.run(["roster", "shared", "--db", db, "--format", "json"]).stdout
        let after = try CLI.run(["roster", "shared", "--db", fresh, "--format", "json"]).stdout
        #expect(before == after)
        #expect(try CLI.run(["docs", "list", "--db", db, "--format", "csv"]).stdout == CLI.run(["docs", "list", "--db", fresh, "--format", "csv"]).stdout)
    }

    @Test("params list shows dated values with their sources")
    func params() throws {
        let rows = try #require(try CLI.json(["params", "list", "--module", "pollution", "--on", "2020-12-01", "--format", "json"]) as? [[String: Any]])
        let yellow = try #require(rows.first { $0["id"] as? String == "alert.yellow.min-days" })
        #expect(yellow["value"] as? String == "2")
        #expect(yellow["source"] as? String == "周政办字〔2020〕39号 四(一)1")
        let before = try #require(try CLI.json(["params", "list", "--module", "pollution", "--on", "2020-01-01", "--format", "json"]) as? [[String: Any]])
        #expect(before.allSatisfy { $0["value"] == nil && ($0["note"] as? String)?.contains("周政办字〔2019〕44号") == true })
    }

    @Test("The demo imports the bundled sample into a fresh database and prints the overview")
    func demo() throws {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("demo.sqlite").path
        let result = try CLI.run(["demo", "--db", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Documents (5)"))
        #expect(result.stdout.contains("Bodies (4)"))
        #expect(result.stdout.contains("People on more than one body (17)"))
        #expect(try CLI.run(["demo", "--db", path]).status != 0)
    }
}

@Suite("The command tree")
struct CommandTreeTests {
    /// Without an explicit name, ArgumentParser derives one from the type with
    /// `String(describing:)`, whose protocol lookups cost about 100 million instructions at every
    /// start-up for a tree of this size; explicit names also keep the names other tools call stable.
    @Test("Every command names itself")
    func explicitNames() {
        var unnamed: [String] = []
        var names: Set<String> = []
        func visit(_ command: any ParsableCommand.Type, path: String) {
            let configuration = command.configuration
            guard let name = configuration.commandName else {
                unnamed.append("\(path) → \(command)")
                return
            }
            names.insert("\(path) \(name)")
            for sub in configuration.subcommands { visit(sub, path: "\(path) \(name)") }
        }
        visit(Zhoucun.self, path: "")
        #expect(unnamed.isEmpty, "commands without commandName: \(unnamed)")
        #expect(names.contains(" zhoucun roster person") && names.contains(" zhoucun pollution alerts list"))
        #expect(names.count > 80)
    }
}

@Suite("docs show finds a document by id and by a title with spaces")
struct DocsLookupTests {
    @Test("docs show ID and docs show TITLE WITH SPACES")
    func lookup() throws {
        let db = try Fixtures.temporaryFolder().appendingPathComponent("foreign.sqlite").path
        let file = try Fixtures.file(Fixtures.foreignAct, name: "uk.xml")
        #expect(try CLI.run(["import", file, "--db", db]).status == 0)
        let byTitle = try CLI.run(["docs", "show", "The Commencement Regulations 2017", "--db", db, "--format", "json"])
        #expect(byTitle.status == 0, "\(byTitle.stderr)")
        let list = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        let id = try #require(list.first?["id"] as? Int)
        let byId = try #require(try CLI.json(["docs", "show", String(id), "--db", db, "--format", "json"]) as? [String: Any])
        #expect(byId["title"] as? String == "The Commencement Regulations 2017")
        #expect(byId["number"] as? String == "2017 No. 126 (C. 10)")
    }
}
