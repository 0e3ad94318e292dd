import Foundation
import GRDB
import Testing
import CommandTestSupport
import TestSupport

/// A fact, once recorded, changes only by an amendment with a reason; what has happened is not
/// dated in the future; deadlines run past the calendar's data on weekends, and say so; dates and
/// amounts are read as clerks type them. Run in process, on a store holding the sample issue.
@Suite("Facts kept, input as typed", .serialized)
struct FactsKeptTests {
    let db: String
    let files = Fixtures.root.appendingPathComponent("Tests/ModuleCommands").path

    init() throws {
        db = try CLI.seededDatabasePath()
    }

    func run(_ arguments: String...) throws -> CLI.Result {
        let result = try CLI.run(arguments + ["--db", db])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    func snapshot() throws -> String { try Fixtures.dump(try Fixtures.queue(path: db)) }

    /// Refused with exit `status`, the words given, and the store exactly as it was.
    func refused(_ arguments: String..., status: Int32 = 1, saying words: String...) throws {
        let before = try snapshot()
        let result = try CLI.run(arguments + ["--db", db])
        #expect(result.status == status, "\(arguments): \(result.stdout) \(result.stderr)")
        for word in words { #expect(result.stderr.contains(word), "\(result.stderr) lacks \(word)") }
        #expect(try snapshot() == before, "\(arguments) changed the store")
    }

    @Test("A second close, lift, minutes, receipt, result or allocation is refused with what is recorded and the amendment to run")
    func secondWrites() throws {
        _ = try run("land", "parcels", "import", "\(files)/parcels.csv")
        _ = try run("land", "parcels", "close", "P1", "--date", "2020-12-01", "--evidence", "收回决定书周自然资〔2020〕8号")
        try refused("land", "parcels", "close", "P1", "--date", "2020-12-05", "--evidence", "另一份",
                    saying: "closed-on: parcel P1 has it recorded already: 2020-12-01", "`zhoucun land parcels amend P1 --closed-on VALUE --reason …`")

        _ = try run("pollution", "alerts", "issue", "--level", "橙色", "--issued", "2020-12-01T13:00")
        _ = try run("pollution", "alerts", "lift", "1", "--lifted", "2020-12-03T10:00")
        try refused("pollution", "alerts", "lift", "1", "--lifted", "2020-12-04T10:00",
                    saying: "lifted-at: alert 1 has it recorded already: 2020-12-03T10:00", "zhoucun pollution alerts amend 1 --lifted-at")

        _ = try run("aml", "meetings", "add", "--date", "2021-03-01", "--kind", "全体会议", "--subject", "年度工作会议", "--topic", "1")
        _ = try run("aml", "meetings", "minutes", "1", "--text", "通报全年工作")
        try refused("aml", "meetings", "minutes", "1", "--text", "另一份纪要", saying: "minutes: meeting 1 has it recorded already: 通报全年工作")
        _ = try run("aml", "meetings", "receive", "1", "--unit", "区法院", "--date", "2021-03-05")
        try refused("aml", "meetings", "receive", "1", "--unit", "区法院", "--date", "2021-03-06",
                    saying: "区法院 is recorded as having received the minutes of meeting 1 on 2021-03-05 already")

        _ = try run("incentives", "projects", "add", "\(files)/project.json", "--name", "甲项目")
        _ = try run("incentives", "projects", "result", "甲项目", "--year", "1", "--annual-tax", "120")
        try refused("incentives", "projects", "result", "甲项目", "--year", "1", "--annual-tax", "90",
                    saying: "has its result for 1 recorded already", "zhoucun incentives results amend 1")
        _ = try run("incentives", "funds", "allocate", "--holder", "周村经济开发区", "--kind", "园区", "--year", "2021")
        try refused("incentives", "funds", "allocate", "--holder", "周村经济开发区", "--kind", "园区", "--year", "2021", "--amount", "30",
                    saying: "周村经济开发区 has its fund for 2021 allocated already", "zhoucun incentives funds amend 1 --allocated VALUE")

        _ = try run("bankruptcy", "cases", "open", "--debtor", "淄博某陶瓷有限公司", "--accepted", "2021-03-01")
        _ = try run("bankruptcy", "cases", "close", "1", "--date", "2021-09-01", "--outcome", "终结")
        try refused("bankruptcy", "cases", "close", "1", "--date", "2021-10-01", "--outcome", "重整",
                    saying: "closed-on: case 1 has it recorded already: 2021-09-01")
        // The amendment the refusal names works, and is logged with its reason.
        _ = try run("land", "parcels", "amend", "P1", "--closed-on", "2020-12-05", "--reason", "决定书落款日期为12月5日")
        let log = try #require(try CLI.json(["log", "--module", "land", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(log.last?["action"] as? String == "amend" && log.last?["reason"] as? String == "决定书落款日期为12月5日")
    }

    @Test("What has happened is not dated after today: a close, an alert, a case, a meeting, a payment")
    func noFutureFacts() throws {
        let future = "2099-01-01"
        _ = try run("land", "parcels", "import", "\(files)/parcels.csv")
        try refused("land", "parcels", "close", "P1", "--date", future, "--evidence", "x",
                    saying: "closed-on: 2099-01-01 is after today", "what has happened cannot be dated in the future")
        try refused("pollution", "alerts", "issue", "--level", "黄色", "--issued", "\(future)T09:00", saying: "issued-at: 2099-01-01 is after today")
        try refused("bankruptcy", "cases", "open", "--debtor", "某公司", "--accepted", future, saying: "accepted-on: 2099-01-01 is after today")
        try refused("aml", "meetings", "add", "--date", future, "--kind", "全体会议", "--subject", "x", "--topic", "1", saying: "date: 2099-01-01 is after today")
        _ = try run("incentives", "projects", "add", "\(files)/project.json", "--name", "甲项目")
        try refused("incentives", "projects", "pay", "甲项目", "--kind", "租金补贴", "--amount", "100", "--date", future, saying: "date: 2099-01-01 is after today")
        // A due date may lie ahead.
        _ = try run("aml", "meetings", "add", "--date", "2021-03-01", "--kind", "全体会议", "--subject", "年度工作会议", "--topic", "1")
        _ = try run("aml", "followups", "add", "--meeting", "1", "--decision", "加强反洗钱宣传", "--unit", "区法院", "--due", future)
    }

    @Test("A deadline across 2026-12-31 is reckoned on weekends and says so; after calendar import of the year, on its notice")
    func calendarPastItsData() throws {
        let before = try run("calendar", "add", "2026-12-30", "3")
        #expect(before.stdout == "2027-01-04  (2027年节假日安排未载入，按周末计算)\n")
        let deadlines = try #require(try CLI.json(["pollution", "deadlines", "--issued", "2026-12-28T09:00", "--lifted", "2026-12-30",
                                                   "--db", db, "--format", "json"]) as? [[String: Any]])
        let summary = try #require(deadlines.first { $0["kind"] as? String == "summary" })
        #expect(summary["what"] as? String == "summary of this episode (within 3 working days of the end of the response); 2027年节假日安排未载入，按周末计算")
        #expect(try run("calendar", "show", "2027").stdout.contains("2027年节假日安排未载入，按周末计算"))

        // A test year, as the State Council's notice would give it.
        let year = try Fixtures.file(Array("""
            # years: 2027
            date,kind,name,source
            2027-01-01,holiday,元旦,测试用通知
            2027-01-02,holiday,元旦,测试用通知
            2027-01-03,holiday,元旦,测试用通知
            2027-01-04,holiday,元旦,测试用通知
            2027-01-09,workday,元旦,测试用通知
            """.utf8), name: "2027.csv")
        _ = try run("calendar", "import", year, "--by", "张三")
        #expect(try run("calendar", "add", "2026-12-30", "3").stdout == "2027-01-06\n")
        let after = try #require(try CLI.json(["pollution", "deadlines", "--issued", "2026-12-28T09:00", "--lifted", "2026-12-30",
                                               "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(after.first { $0["kind"] as? String == "summary" }?["due"] as? String == "2027-01-06")
        let shown = try run("calendar", "show", "2027").stdout
        #expect(shown.hasPrefix("2027: 4 days off, 1 weekend days worked") && shown.contains("2027-01-09  班  元旦  测试用通知"))
        try refused("calendar", "import", year, saying: "2027 is in the calendar already")
        let twice = try Fixtures.file(Array("# years: 2028\ndate,kind,name,source\n2028-01-01,holiday,元旦,x\n2028-01-01,holiday,元旦,x\n".utf8), name: "2028.csv")
        try refused("calendar", "import", twice, saying: "2028.csv:4:1: field date: 2028-01-01 is listed twice")
        let weekday = try Fixtures.file(Array("date,kind,name,source\n2028-01-05,workday,x,x\n".utf8), name: "2028b.csv")
        try refused("calendar", "import", weekday, saying: "2028-01-05 is a weekday; only a weekend day can be made a working day")
        let log = try #require(try CLI.json(["log", "--module", "calendar", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(log.count == 1 && log.first?["by"] as? String == "张三")
    }

    @Test("Dates and amounts as clerks type them are read; what cannot be read is refused with why and what is accepted")
    func typedValues() throws {
        for typed in ["2026-03-02", "2026/3/2", "2026-3-2", "2026年3月2日", "20260302", "２０２６－０３－０２"] {
            #expect(try run("calendar", "is-workday", typed).stdout.hasPrefix("yes: 2026-03-02"), "\(typed)")
        }
        try refused("calendar", "is-workday", "2026-02-30", status: 64, saying: "date 2026-02-30: 2026年2月没有30日")
        try refused("calendar", "is-workday", "2026-13-01", status: 64, saying: "there is no month 13")
        // An alert's time with or without the hour where the plan counts days; with a regional alert, 四(四) counts hours.
        try refused("pollution", "alerts", "issue", "--level", "黄色", "--issued", "2020-12-01", "--regional-alert", "2020-12-01T08:00",
                    saying: "issued-at: 2020-12-01: give the hour too (四(四) counts 4 hours from the regional alert")
        #expect(try run("pollution", "alerts", "issue", "--level", "黄色", "--issued", "2020/12/1").stdout.hasPrefix("alert 1: yellow, response III, issued 2020-12-01,"))
        _ = try run("pollution", "alerts", "lift", "1", "--lifted", "2020年12月3日")
        let deadlines = try #require(try CLI.json(["pollution", "alerts", "show", "1", "--on", "2020-12-10", "--db", db, "--format", "json"]) as? [String: Any])
        #expect(deadlines["liftedAt"] as? String == "2020-12-03")
        try refused("pollution", "alerts", "issue", "--level", "黄色", "--issued", "2020-12-02T09:00",
                    saying: "alert 1 (yellow, issued 2020-12-01) is in force then and not lifted")
        for (index, (typed, stored)) in [("80万元", "80"), ("1,000", "1000"), ("８０", "80"), ("12.5万", "12.5")].enumerated() {
            let holder = "园区\(index)"
            _ = try run("incentives", "funds", "allocate", "--holder", holder, "--kind", "园区", "--year", "2021", "--amount", typed)
            let funds = try #require(try CLI.json(["incentives", "funds", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
            #expect(funds.contains { $0["holder"] as? String == holder && "\($0["allocated"] ?? "")" == stored }, "\(typed): \(funds)")
        }
        try refused("incentives", "funds", "allocate", "--holder", "x", "--kind", "园区", "--year", "2022", "--amount", "800000元", status: 64,
                    saying: "--amount 800000元: amounts are in 万元")
        try refused("incentives", "funds", "allocate", "--holder", "x", "--kind", "园区", "--year", "2022", "--amount", "八十", status: 64, saying: "八十")
    }

    @Test("Duplicates refused: an alert in the episode of another, a second open case, spending past its fund or before its year; names kept without typed spaces")
    func duplicates() throws {
        _ = try run("pollution", "alerts", "issue", "--level", "橙色", "--issued", "2020-12-01T13:00")
        try refused("pollution", "alerts", "issue", "--level", "红色", "--issued", "2020-12-01T14:00",
                    saying: "alert 1 (orange, issued 2020-12-01T13:00) is in force then and not lifted", "zhoucun pollution alerts adjust 1 --level")
        _ = try run("pollution", "alerts", "lift", "1", "--lifted", "2020-12-03T10:00")
        _ = try run("pollution", "alerts", "issue", "--level", "黄色", "--issued", "2020-12-10T09:00")

        _ = try run("bankruptcy", "cases", "open", "--debtor", "淄博某陶瓷有限公司", "--accepted", "2021-03-01")
        try refused("bankruptcy", "cases", "open", "--debtor", "淄博某陶瓷 有限公司", "--accepted", "2021-04-01",
                    saying: "debtor: 淄博某陶瓷有限公司 has an open case already")

        _ = try run("incentives", "funds", "allocate", "--holder", "周村经济开发区", "--kind", "园区", "--year", "2021", "--amount", "50")
        _ = try run("incentives", "funds", "spend", "--holder", "周村经济开发区", "--year", "2021", "--amount", "40", "--date", "2021-05-01", "--purpose", "招商推介会")
        try refused("incentives", "funds", "spend", "--holder", "周村经济开发区", "--year", "2021", "--amount", "17", "--date", "2021-06-01", "--purpose", "x",
                    saying: "amount: 57 spent of a fund of 50 for 2021 (40 before this): 7 over what was allocated")
        try refused("incentives", "funds", "spend", "--holder", "周村经济开发区", "--year", "2021", "--amount", "1", "--date", "2020-12-01", "--purpose", "x",
                    saying: "date: 2020-12-01 is before the fund's year 2021")

        _ = try run("incentives", "projects", "add", "\(files)/project.json", "--name", "新材料项目")
        try refused("incentives", "projects", "add", "\(files)/project.json", "--name", "新材料 项目", saying: "a project called 新材料项目 is in the ledger already")
        _ = try run("incentives", "projects", "pay", "新材料 项目", "--kind", "租金补贴", "--amount", "100", "--date", "2021-12-01")
    }

    @Test("A meeting of a body after the notice that abolished it is refused")
    func abolishedBody() throws {
        let notice = try Fixtures.file(Array("""
            周村区人民政府办公室
            关于撤销周村区反洗钱工作联席会议的通知
            周政办字〔2022〕5号

            各镇政府、街道办事处，区政府有关部门：

            经区政府同意，决定撤销周村区反洗钱工作联席会议。

            周村区人民政府办公室
            2022年3月1日
            """.utf8), name: "aml-abolished.txt")
        _ = try run("import", notice)
        _ = try run("aml", "meetings", "add", "--date", "2022-02-28", "--kind", "全体会议", "--subject", "最后一次会议", "--topic", "1")
        try refused("aml", "meetings", "add", "--date", "2022-03-02", "--kind", "全体会议", "--subject", "x", "--topic", "1",
                    saying: "date: 2022-03-02 is after 周村区反洗钱工作联席会议 was abolished: its last day was 2022-02-28 (周政办字〔2022〕5号)")
    }

    @Test("One alert never lifted: the list sums up its years of daily reports in one cell; show lists each, as adjusted")
    func overdueSummed() throws {
        _ = try run("pollution", "alerts", "issue", "--level", "橙色", "--issued", "2020-12-01T13:00")
        _ = try run("pollution", "alerts", "adjust", "1", "--level", "红色", "--at", "2020-12-02T09:00")
        let list = try run("pollution", "alerts", "list", "--on", "2026-12-02", "--format", "csv").stdout
        #expect(list.contains("2192 份每日报告逾期（自2020-12-01起）"), "\(list)")
        #expect(list.utf8.count < 1_000 && list.contains(",red,"))
        let shown = try #require(try CLI.json(["pollution", "alerts", "show", "1", "--on", "2026-12-02", "--db", db, "--format", "json"]) as? [String: Any])
        #expect(shown["level"] as? String == "red" && (shown["signer"] as? String)?.hasPrefix("指挥长") == true)
        #expect((shown["overdue"] as? [Any])?.count == 2193)
    }

    @Test("Land: towns from the district's list (南郊 read as 南郊镇, said; an unknown town refused); progress per task's units; the monthly ledger imported again with a preview and --replace")
    func land() throws {
        let first = try Fixtures.file(Array("""
            编号,镇街,类别,面积（亩）,约定开工日期,实际开工日期,闲置原因,供地日期
            P1,王村镇,闲置,12.5,2019-03-01,,企业原因,
            P2,南郊,idle,5,2019-01-01,,government,
            """.utf8), name: "parcels-11.csv")
        let imported = try run("land", "parcels", "import", first)
        #expect(imported.stdout.contains("note: \(first): parcel P2: 南郊 read as 南郊镇") && imported.stdout.contains("2 parcels added"))
        let unknown = try Fixtures.file(Array("编号,镇街,类别,面积（亩）,约定开工日期,实际开工日期,闲置原因,供地日期\nP9,东郊镇,闲置,1,2019-03-01,,企业原因,\n".utf8), name: "bad.csv")
        try refused("land", "parcels", "import", unknown, saying: "bad.csv:2:4: field town: 东郊镇 is not a town or sub-district of 周村区")
        _ = try run("land", "parcels", "close", "P1", "--date", "2020-12-01", "--evidence", "收回决定书")

        // Next month's ledger: P2 changed, P3 new, P1 still listed (its close is kept).
        let second = try Fixtures.file(Array("""
            编号,镇街,类别,面积（亩）,约定开工日期,实际开工日期,闲置原因,供地日期
            P1,王村镇,闲置,12.5,2019-03-01,,企业原因,
            P2,南郊镇,idle,6,2019-01-01,,government,
            P3,北郊,批而未供,10,,,,
            """.utf8), name: "parcels-12.csv")
        try refused("land", "parcels", "import", second, saying: "a parcel ledger of 2 parcels is in force; this file changes it: 1 added (P3); 1 changed (P2)", "--replace")
        let replaced = try run("land", "parcels", "import", second, "--replace")
        #expect(replaced.stdout.contains("3 parcels listed: 1 added (P3); 1 changed (P2)"), "\(replaced.stdout)")
        let parcels = try #require(try CLI.json(["land", "parcels", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(parcels.first { $0["id"] as? String == "P1" }?["closedOn"] as? String == "2020-12-01")
        #expect(parcels.first { $0["id"] as? String == "P3" }?["town"] as? String == "北郊镇")
        // The finding and the town report take towns from the same list.
        #expect(try run("land", "findings", "add", "--town", "南郊", "--kind", "整治不力", "--date", "2020-11-20", "--note", "x").stdout.contains("note: 南郊 read as 南郊镇"))
        try refused("land", "findings", "add", "--town", "周村经济开发区", "--kind", "整治不力", "--date", "2020-11-20", "--note", "x",
                    saying: "is not a town or sub-district of 周村区 (镇办): 约谈 is for them")
        // Every town is due its reports, with parcels or without.
        let due = try #require(try CLI.json(["land", "town-reports", "due", "--on", "2020-12-15", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(Set(due.compactMap { $0["town"] as? String }).count == 10)
        // Progress by unit: each unit its own tasks' parcels.
        let byUnit = try #require(try CLI.json(["land", "progress", "--by", "责任单位", "--on", "2021-01-10", "--db", db, "--format", "json"]) as? [[String: Any]])
        let housing = byUnit.first { $0["group"] as? String == "区住房城乡建设局" }
        let nature = byUnit.first { $0["group"] as? String == "区自然资源局" }
        #expect(housing?["items"] as? Int == 2 && nature?["items"] as? Int == 3)
    }


    @Test("Per module: the gazette's words for choices; a case meeting by the case's id; the units still to receive minutes; a project's payments and results")
    func perModule() throws {
        // 房租补贴 as 二(三)(1) prints it.
        _ = try run("incentives", "projects", "add", "\(files)/project.json", "--name", "甲项目")
        _ = try run("incentives", "projects", "pay", "甲项目", "--kind", "房租补贴", "--amount", "100", "--date", "2021-12-01")
        _ = try run("incentives", "projects", "result", "甲项目", "--year", "1", "--annual-tax", "120")
        let project = try run("incentives", "projects", "show", "甲项目").stdout
        #expect(project.contains("\npayments\n") && project.contains("2021-12-01") && project.contains("\nresults\n") && project.contains("120"), "\(project)")

        // B级 as reduction lists print the grade.
        let list = try String(contentsOfFile: "\(files)/enterprises.csv", encoding: .utf8)
        let graded = try Fixtures.file(Array(list.replacingOccurrences(of: ",B,", with: ",B级,").utf8), name: "enterprises-b.csv")
        #expect(list.contains(",B,"))
        _ = try run("pollution", "enterprises", "import", graded)

        // A case meeting names the case; its one matter is meant.
        _ = try run("bankruptcy", "cases", "open", "--debtor", "某公司", "--accepted", "2021-03-01")
        _ = try run("bankruptcy", "cases", "open", "--debtor", "另一公司", "--accepted", "2021-03-02")
        _ = try run("bankruptcy", "cases", "matter", "2", "--matter", "3")
        try refused("bankruptcy", "cases", "meet", "1", "--level", "业务会议", "--date", "2021-04-01", "--outcome", "未解决",
                    saying: "case 1 has no matter yet")
        #expect(try run("bankruptcy", "cases", "meet", "2", "--level", "业务会议", "--date", "2021-04-01", "--outcome", "未解决").stdout.hasPrefix("case matter 1:"))
        _ = try run("bankruptcy", "cases", "matter", "2", "--matter", "5")
        try refused("bankruptcy", "cases", "meet", "2", "--level", "业务会议", "--date", "2021-04-02", "--outcome", "未解决", saying: "case 2 has 2 matters", "--matter")

        // The units still to receive the minutes, in the table.
        _ = try run("aml", "meetings", "add", "--date", "2021-03-01", "--kind", "全体会议", "--subject", "年度工作会议", "--topic", "1")
        _ = try run("aml", "meetings", "minutes", "1", "--text", "通报全年工作")
        _ = try run("aml", "meetings", "receive", "1", "--unit", "区法院", "--date", "2021-03-05")
        let shown = try run("aml", "meetings", "show", "1").stdout
        #expect(shown.contains("not yet received (") && shown.contains("区检察院") && !shown.contains("received (17): 区法院"), "\(shown)")
    }


    @Test("An incentives project without JSON: its facts as options or a CSV with Chinese headers; a misspelt fact refused, in JSON too")
    func projectWithoutJSON() throws {
        let added = try run("incentives", "projects", "add", "--name", "乙项目", "--industry", "智能装备制造", "--total-investment", "8000万元",
                            "--external-investment-actual", "6000", "--out-of-city-share", "60%", "--committed-tax-per-mu", "22",
                            "--start-date", "2021年3月1日", "--registered-locally", "是")
        #expect(added.stdout == "project 1: 乙项目\n")
        let shown = try #require(try CLI.json(["incentives", "projects", "show", "乙项目", "--db", db, "--format", "json"]) as? [String: Any])
        let facts = try #require(shown["project"] as? [String: Any])
        #expect(facts["industry"] as? String == "smart-equipment" && "\(facts["outOfCityShare"] ?? "")" == "0.6" && facts["startDate"] as? String == "2021-03-01")
        let csv = try Fixtures.file(Array("项目名称,产业,总投资,市外投资占比,开工日期\n丙项目,功能性新材料,12000,0.55,2021-05-01\n丁项目,互联网大数据,3000,,\n".utf8), name: "projects.csv")
        #expect(try run("incentives", "projects", "add", "--csv", csv).stdout == "project 2: 丙项目\nproject 3: 丁项目\n")
        try refused("incentives", "projects", "add", "--name", "戊", "--industry", "智能装备", "--totl-investment", "1",
                    saying: "--totl-investment: totl-investment is not a fact of a project", "--total-investment (总投资)")
        let badHeader = try Fixtures.file(Array("项目名称,产业,总投资额\n戊,新材料,1\n".utf8), name: "bad-projects.csv")
        try refused("incentives", "projects", "add", "--csv", badHeader, saying: "bad-projects.csv:1:1: the header 总投资额 is not a fact of a project")
        let misspelt = try Fixtures.file(Array(#"{"industry": "smart-equipment", "totalInvestmen": 8000}"#.utf8), name: "misspelt.json")
        try refused("incentives", "projects", "add", misspelt, "--name", "己", saying: "field totalInvestmen: totalInvestmen is not a fact of a project")
        let badIndustry = try Fixtures.file(Array(#"{"industry": "smart"}"#.utf8), name: "industry.json")
        try refused("incentives", "projects", "add", badIndustry, "--name", "庚", saying: "smart is not one of the industries of 二(一): 智能装备制造")
        // The list names each payment's project.
        _ = try run("incentives", "projects", "add", "\(files)/project.json", "--name", "甲项目")
        _ = try run("incentives", "projects", "pay", "甲项目", "--kind", "房租补贴", "--amount", "100", "--date", "2021-12-01")
        #expect(try run("incentives", "payments", "list", "--format", "csv").stdout.contains(",甲项目（4）,2021-12-01,rent,100,"))
        let payments = try #require(try CLI.json(["incentives", "payments", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(payments.first?["projectName"] as? String == "甲项目" && payments.first?["projectId"] as? Int == 4)
    }

    @Test("A negative amount is said as such; the campaign that ended says so; the assessment gives the measures' words")
    func saidAsItIs() throws {
        try refused("incentives", "funds", "allocate", "--holder", "x", "--kind", "园区", "--year", "2021", "--amount", "-5", status: 64,
                    saying: "--amount -5: a negative number is not an amount or a count here")
        let due = try run("land", "town-reports", "due", "--on", "2026-12-02", "--format", "csv").stdout
        #expect(due.contains("not filed; the campaign ended 2020-12-31 (周政办字〔2020〕37号 三)") && !due.contains("OVERDUE"))
        #expect(try run("land", "town-reports", "due", "--on", "2020-12-15", "--format", "csv").stdout.contains("OVERDUE"))
        let forecast = try Fixtures.file("date,aqi\n2021-01-10,320\n2021-01-11,330\n2021-01-12,350\n2021-01-13,360\n", name: "forecast.csv")
        let assessment = try run("pollution", "assess", "--forecast", forecast).stdout
        let measure = try #require(assessment.split(separator: "\n").firstIndex { $0.hasPrefix("measure I mandatory") })
        let lines = assessment.split(separator: "\n")
        #expect(lines[measure + 1].hasPrefix("    ") && lines[measure + 1].count > 10, "\(assessment)")
    }

}
