import Foundation
import Testing
import CommandTestSupport
import TestSupport

/// 督办 through the command line: the tasks every imported document assigns, what units report,
/// the end and the extension of a task, its lights on the working-day calendar, chasing.
@Suite("督办: the supervision ledger at the command line")
struct TasksCommandTests {
    func tasks(_ arguments: [String], db: String) throws -> [[String: Any]] {
        try #require(try CLI.json(["tasks", "list", "--format", "json", "--db", db] + arguments) as? [[String: Any]])
    }

    func corpusText(_ file: String) -> String {
        Fixtures.root.appendingPathComponent("Tests/TaskCorpus/texts/\(file)").path
    }

    /// A store with one task a leader gave, due on `due`.
    func storeWithTask(due: String) throws -> (db: String, id: String) {
        let db = try CLI.seededDatabasePath()
        let added = try CLI.run(["tasks", "add", "--lead", "区自然资源局", "--units", "区农业农村局、区财政局", "--due", due,
                                 "--text", "完成耕地保护专项检查", "--source", "区长批示，2020年9月1日", "--by", "督查室张三", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        let id = try #require(added.stdout.firstMatch(of: /task (\d+) added/)?.1)
        return (db, String(id))
    }

    @Test("Every document's tasks are in the ledger the day it is imported, with the fields other tools read")
    func importedTasks() throws {
        let db = try CLI.seededDatabasePath()
        // 30 September: 12 October is the third working day after it (the holiday, then Saturday 10th worked).
        #expect(try tasks(["--on", "2020-09-30"], db: db).first { ($0["units"] as? [String]) == ["各镇（街道）"] }?["status"] as? String == "临期")
        let all = try tasks(["--all", "--on", "2020-09-20"], db: db)
        #expect(all.count == 29)
        for key in ["id", "document", "ref", "text", "lead", "units", "due_text", "due", "recurring", "status"] {
            #expect(all.allSatisfy { $0.keys.contains(key) }, "\(key)")
        }
        let order = try #require(all.first { ($0["units"] as? [String]) == ["各镇（街道）"] })
        #expect(order["document"] as? String == "周政办字〔2020〕37号")
        #expect(order["due"] as? String == "2020-10-12")
        #expect(order["status"] as? String == "未办结")
        #expect(order["recurring"] is NSNull)
        // A unit's tasks under any of its names; a document's by its 文号.
        #expect(try tasks(["--unit", "区税务局"], db: db).count == 6)
        #expect(try tasks(["--document", "周政办字〔2020〕38号"], db: db).count == 12)
        // The table names its columns; the citation goes with each task.
        let table = try CLI.run(["tasks", "list", "--db", db, "--document", "周政办字〔2020〕38号"])
        #expect(table.stdout.contains("周政办字〔2020〕38号 附件2 三"))
    }

    @Test("Lights across the National Day holiday and a weekend: yellow within three working days, red after")
    func lights() throws {
        let (db, id) = try storeWithTask(due: "2020-10-09")
        func status(_ day: String) throws -> String? {
            try tasks(["--on", day, "--all"], db: db).first { "\($0["id"]!)" == id }?["status"] as? String
        }
        // 25 September: 27 September (a Sunday worked), 28 and 29 are the three working days: still green.
        #expect(try status("2020-09-25") == "未办结")
        // 30 September: 1–8 October are the holiday, 9 October is the first working day after it.
        #expect(try status("2020-09-30") == "临期")
        #expect(try status("2020-10-10") == "逾期")
        #expect(try tasks(["--on", "2020-10-10", "--status", "逾期"], db: db).map { "\($0["id"]!)" } == [id])

        let (weekend, other) = try storeWithTask(due: "2020-11-16")
        func weekendStatus(_ day: String) throws -> String? {
            try tasks(["--on", day], db: weekend).first { "\($0["id"]!)" == other }?["status"] as? String
        }
        // Due Monday 16 November: from Wednesday 11th it is three working days away, from Tuesday four.
        #expect(try weekendStatus("2020-11-10") == "未办结")
        #expect(try weekendStatus("2020-11-11") == "临期")
        let shorter = try tasks(["--on", "2020-11-11", "--warning-days", "2"], db: weekend).first { "\($0["id"]!)" == other }
        #expect(shorter?["status"] as? String == "未办结")

        // The office sets four days in the store: Tuesday is yellow without the flag, and logged.
        let set = try CLI.run(["config", "warning-days", "4", "--reason", "督查室通知", "--by", "督查室张三", "--db", weekend])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try weekendStatus("2020-11-10") == "临期")
        #expect(try CLI.run(["config", "warning-days", "--db", weekend]).stdout == "4 working days\n")
        let log = try CLI.run(["log", "--module", "tasks", "--db", weekend]).stdout
        #expect(log.contains("warning days") && log.contains("督查室通知"))
        let refused = try CLI.run(["config", "warning-days", "61", "--db", weekend])
        #expect(refused.status == 1 && refused.stderr.contains("from 0 to 60"))
    }

    @Test("A recurring order is due at each occurrence; a report in its period passes it, and it is not chased once reported")
    func recurring() throws {
        let db = try Fixtures.temporaryFolder().appendingPathComponent("tasks.sqlite").path
        #expect(try CLI.run(["import", corpusText("caidian_zhengfu_gongzuo_baogao_mubiao_renwu_2023.txt"), "--db", db]).status == 0)
        let quarterly = try #require(try tasks(["--all"], db: db).first { $0["recurring"] as? String == "quarterly" })
        let id = "\(quarterly["id"]!)"
        #expect(quarterly["due"] is NSNull)
        func line(_ day: String) throws -> [String: Any]? { try tasks(["--on", day, "--all"], db: db).first { "\($0["id"]!)" == id } }
        // Dated 3 January 2023: the first occurrence is 30 March.
        #expect(try line("2023-03-01")?["next_due"] as? String == "2023-03-30")
        #expect(try line("2023-03-27")?["status"] as? String == "临期")
        #expect(try line("2023-04-03")?["status"] as? String == "逾期")
        let report = try CLI.run(["tasks", "report", id, "--unit", "各责任单位", "--date", "2023-03-28", "--progress", "一季度进展已报区政府办公室",
                                  "--by", "督查室", "--db", db])
        #expect(report.status == 0, "\(report.stderr)")
        // Reported within the period: nothing to chase before its deadline, nor after it.
        #expect(try line("2023-03-29")?["status"] as? String == "未办结")
        #expect(try line("2023-04-03")?["status"] as? String == "未办结")
        #expect(try line("2023-04-03")?["next_due"] as? String == "2023-06-30")
    }

    @Test("Report, done, extend and add: each checked, refused with its reason and the store unchanged, and logged")
    func writes() throws {
        let (db, id) = try storeWithTask(due: "2020-10-09")
        let before = try Fixtures.dump(try Fixtures.queue(path: db))
        let stranger = try CLI.run(["tasks", "report", id, "--unit", "区税务局", "--date", "2020-09-20", "--progress", "已部署", "--db", db])
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("does not name 区税务局"))
        let blank = try CLI.run(["tasks", "done", id, "--date", "2020-09-20", "--evidence", " ", "--db", db])
        #expect(blank.stderr.contains("--evidence is blank"))
        let early = try CLI.run(["tasks", "extend", id, "--to", "2020-10-01", "--reason", "检查推迟", "--db", db])
        #expect(early.stderr.contains("is not after the deadline in force, 2020-10-09"))
        let nobody = try CLI.run(["tasks", "add", "--lead", "", "--text", "某项工作", "--source", "批示", "--db", db])
        #expect(nobody.stderr.contains("--lead names no unit"))
        let unknown = try CLI.run(["tasks", "show", "9999", "--db", db])
        #expect(unknown.stderr.contains("no task has the id 9999"))
        #expect(try Fixtures.dump(try Fixtures.queue(path: db)) == before)

        #expect(try CLI.run(["tasks", "report", id, "--unit", "区农业农村局", "--date", "2020-09-20", "--progress", "已完成摸底", "--by", "李四", "--db", db]).status == 0)
        let extended = try CLI.run(["tasks", "extend", id, "--to", "2020-10-30", "--reason", "区长同意延期", "--by", "督查室张三", "--db", db])
        #expect(extended.status == 0, "\(extended.stderr)")
        var line = try #require(try tasks(["--on", "2020-10-12"], db: db).first { "\($0["id"]!)" == id })
        #expect(line["due"] as? String == "2020-10-30")
        #expect(line["printed_due"] as? String == "2020-10-09")
        #expect(line["status"] as? String == "未办结")

        #expect(try CLI.run(["tasks", "done", id, "--date", "2020-10-20", "--evidence", "检查报告（周自然资〔2020〕5号）", "--db", db]).status == 0)
        let again = try CLI.run(["tasks", "done", id, "--date", "2020-10-21", "--evidence", "又一份", "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("was done on 2020-10-20"))
        #expect(try CLI.run(["tasks", "done", id, "--date", "2020-10-19", "--evidence", "检查报告", "--reason", "办结日期录错", "--db", db]).status == 0)
        line = try #require(try tasks(["--on", "2020-11-01", "--all"], db: db).first { "\($0["id"]!)" == id })
        #expect(line["status"] as? String == "已办结")
        #expect(line["done_on"] as? String == "2020-10-19")
        #expect(line["on_time"] as? Bool == true)
        #expect(try tasks(["--on", "2020-11-01"], db: db).allSatisfy { "\($0["id"]!)" != id })

        let shown = try #require(try CLI.json(["tasks", "show", id, "--format", "json", "--db", db]) as? [String: Any])
        #expect((shown["history"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["进度反馈", "延期", "办结", "办结"])
        let log = try #require(try CLI.json(["log", "--module", "tasks", "--format", "json", "--db", db]) as? [[String: Any]])
        #expect(Set(log.compactMap { $0["action"] as? String }) == ["task-add", "task-report", "task-extend", "task-done"])
        #expect(log.contains { $0["reason"] as? String == "办结日期录错" })
    }

    @Test("Chasing on a day lists each unit's overdue and due-soon tasks; stats count per unit and per document")
    func chaseAndStats() throws {
        let (db, id) = try storeWithTask(due: "2020-10-09")
        let chase = try #require(try CLI.json(["tasks", "chase", "--on", "2020-10-13", "--format", "json", "--db", db]) as? [[String: Any]])
        // The land plan's order (各镇（街道）, 12 October) and the added task under its three units.
        #expect(chase.map { $0["unit"] as? String } == ["区农业农村局", "区自然资源局", "区财政局", "各镇（街道）"].sorted())
        #expect(chase.first { $0["unit"] as? String == "区自然资源局" }?["role"] as? String == "牵头")
        let csv = try CLI.run(["tasks", "chase", "--on", "2020-10-13", "--format", "csv", "--db", db])
        #expect(csv.stdout.hasPrefix("unit,role,id,task,due,status"))
        // Nothing is due within three working days of 1 September.
        #expect((try CLI.json(["tasks", "chase", "--on", "2020-09-01", "--format", "json", "--db", db]) as? [Any])?.isEmpty == true)

        #expect(try CLI.run(["tasks", "done", id, "--date", "2020-10-12", "--evidence", "检查完成", "--db", db]).status == 0)
        let perUnit = try #require(try CLI.json(["tasks", "stats", "--on", "2020-10-13", "--format", "json", "--db", db]) as? [[String: Any]])
        let land = try #require(perUnit.first { $0["name"] as? String == "区自然资源局" })
        #expect(land["done"] as? Int == 1 && land["on_time"] as? Int == 0)
        // Fifteen of the land plan, one of the bankruptcy opinion's matters (四), the one added.
        #expect(land["tasks"] as? Int == 17)
        let perDocument = try #require(try CLI.json(["tasks", "stats", "--per", "document", "--on", "2020-10-13", "--format", "json", "--db", db]) as? [[String: Any]])
        #expect(perDocument.map { $0["name"] as? String } == ["周政办字〔2020〕37号", "周政办字〔2020〕38号", "周政办字〔2020〕39号", "领导批示"])
        #expect(perDocument.first?["overdue"] as? Int == 1)
    }

    @Test("A withdrawn document takes its tasks out; a new version keeps the progress of the tasks it still prints")
    func versions() throws {
        let folder = try Fixtures.temporaryFolder()
        let db = folder.appendingPathComponent("tasks.sqlite").path
        let original = try String(contentsOfFile: corpusText("dazhu_minsheng_shishi_dubang_2016.txt"), encoding: .utf8)
        let first = folder.appendingPathComponent("dazhu.txt")
        try original.write(to: first, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", first.path, "--db", db]).status == 0)
        let bridges = try #require(try tasks(["--all"], db: db).first { ($0["text"] as? String)?.hasPrefix("新建2座人行天桥") == true })
        let id = "\(bridges["id"]!)"
        #expect(try CLI.run(["tasks", "report", id, "--unit", "县住建局", "--date", "2016-06-01", "--progress", "完成桩基", "--db", db]).status == 0)

        // Version 2 changes another row's words: the bridges keep their id and their report.
        let second = folder.appendingPathComponent("dazhu-v2.txt")
        try original.replacingOccurrences(of: "城区再新建1个农贸市场。", with: "城区再新建2个农贸市场。").write(to: second, atomically: true, encoding: .utf8)
        let updated = try CLI.run(["import", second.path, "--db", db])
        #expect(updated.stdout.contains("1 updated"), "\(updated.stdout)")
        let after = try tasks(["--all"], db: db)
        #expect(after.count == 12)
        let kept = try #require(after.first { "\($0["id"]!)" == id })
        #expect((kept["last_report"] as? String)?.contains("完成桩基") == true)
        #expect(after.contains { ($0["text"] as? String)?.hasPrefix("城区再新建2个农贸市场") == true })

        // Withdrawing version 2 puts version 1 back in force, with its words and the same ids.
        #expect(try CLI.run(["docs", "withdraw", "竹府办〔2016〕20号", "--reason", "误导入", "--db", db]).status == 0)
        let back = try tasks(["--all"], db: db)
        #expect(back.contains { ($0["text"] as? String)?.hasPrefix("城区再新建1个农贸市场") == true })
        #expect((back.first { "\($0["id"]!)" == id }?["last_report"] as? String)?.contains("完成桩基") == true)
        #expect(try CLI.run(["docs", "withdraw", "竹府办〔2016〕20号", "--reason", "误导入", "--db", db]).status == 0)
        #expect(try tasks(["--all"], db: db).isEmpty)
    }
}
