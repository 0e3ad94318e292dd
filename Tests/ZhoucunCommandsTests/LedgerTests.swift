import Foundation
import GRDB
import Testing
import CommandTestSupport
import TestSupport

/// Ledgers a clerk can run: each scenario of the trial runs, as command lines run in process on a store
/// holding the sample issue. A refused write leaves the store exactly as it was.
@Suite("Ledgers a clerk can run", .serialized)
struct LedgerTests {
    let db: String
    let files = Fixtures.root.appendingPathComponent("Tests/ModuleCommands").path

    init() throws {
        db = try CLI.seededDatabasePath()
    }

    func run(_ arguments: String...) throws -> CLI.Result {
        try CLI.run(arguments + ["--db", db])
    }

    /// The whole store, to show a refusal changed nothing.
    func snapshot() throws -> String {
        try Fixtures.dump(try Fixtures.queue(path: db))
    }

    func refused(_ arguments: String..., saying words: String...) throws {
        let before = try snapshot()
        let result = try CLI.run(arguments + ["--db", db])
        #expect(result.status == 1, "\(arguments): \(result.stdout)")
        #expect(result.stderr.hasPrefix("zhoucun: error: "), "\(result.stderr)")
        for word in words { #expect(result.stderr.contains(word), "\(result.stderr) lacks \(word)") }
        #expect(try snapshot() == before, "\(arguments) changed the store")
    }

    @Test("An alert before the plan was in force is refused; a bad entry is voided, corrected, and the list still answers")
    func pollutionAlerts() throws {
        try refused("pollution", "alerts", "issue", "--level", "yellow", "--issued", "2019-12-01T09:00",
                    saying: "issued-at: no heavy-pollution plan was in force on 2019-12-01", "周政办字〔2020〕39号 四(二)")
        #expect(try run("pollution", "alerts", "list", "--on", "2020-12-04").status == 0)
        #expect(try run("pollution", "alerts", "issue", "--level", "黄色", "--issued", "2020-12-01T09:00").stdout.hasPrefix("alert 1: yellow"))
        try refused("pollution", "alerts", "lift", "1", "--lifted", "2020-11-30T09:00", saying: "lifted-at: 2020-11-30T09:00 is before the alert was issued")
        // The time was typed wrong: corrected with a reason, kept in the log with before and after.
        let amended = try run("pollution", "alerts", "amend", "1", "--issued-at", "2020-12-01T10:00", "--reason", "录入时间有误", "--by", "王秀梅")
        #expect(amended.status == 0, "\(amended.stderr)")
        let log = try #require(try CLI.json(["log", "--module", "pollution", "--format", "json", "--db", db]) as? [[String: Any]])
        let amendment = try #require(log.first { $0["action"] as? String == "amend" })
        #expect(amendment["by"] as? String == "王秀梅")
        #expect(amendment["reason"] as? String == "录入时间有误")
        #expect((amendment["before"] as? String)?.contains("\"issuedAt\":\"2020-12-01T09:00\"") == true)
        #expect((amendment["after"] as? String)?.contains("\"issuedAt\":\"2020-12-01T10:00\"") == true)
        // Voided: kept, out of every list and computation.
        #expect(try run("pollution", "alerts", "void", "1", "--reason", "演练数据，误录入台账").status == 0)
        let alerts = try #require(try CLI.json(["pollution", "alerts", "list", "--on", "2020-12-04", "--format", "json", "--db", db]) as? [Any])
        #expect(alerts.isEmpty)
        let shown = try #require(try CLI.json(["pollution", "alerts", "show", "1", "--format", "json", "--db", db]) as? [String: Any])
        #expect(shown["voidReason"] as? String == "演练数据，误录入台账")
        try refused("pollution", "alerts", "amend", "1", "--note", "x", "--reason", "y", saying: "alert 1 is void")
    }

    @Test("Alerts are adjusted (四(三)); reports carry the day they were filed, and a late one is marked")
    func pollutionReports() throws {
        #expect(try run("pollution", "alerts", "issue", "--level", "orange", "--issued", "2020-12-01T13:00").status == 0)
        let adjusted = try run("pollution", "alerts", "adjust", "1", "--level", "红色", "--at", "2020-12-02T09:00")
        #expect(adjusted.stdout == "alert 1: adjusted to red at 2020-12-02T09:00 (adjustment 1), response I\n")
        try refused("pollution", "alerts", "adjust", "1", "--level", "yellow", "--at", "2020-11-30T09:00", saying: "at: 2020-11-30T09:00 is before alert 1 was issued")
        #expect(try run("pollution", "alerts", "report", "1", "--kind", "daily-report", "--date", "2020-12-01", "--filed", "2020-12-03").status == 0)
        try refused("pollution", "alerts", "report", "1", "--kind", "daily-report", "--date", "2020-12-02", "--filed", "2020-12-01",
                    saying: "filed-on: 2020-12-01 is before the day the report covers (2020-12-02)")
        let list = try run("pollution", "alerts", "list", "--on", "2020-12-02", "--format", "csv")
        // The level in force is the adjustment's, signed as a red alert is (指挥长, 四(二)).
        #expect(list.stdout == """
            id,level,response,issued,lifted,signer,overdue
            1,red,I,2020-12-01T13:00,,指挥长 刘伟,"daily-report for 2020-12-01 filed late, on 2020-12-03"

            """)
    }

    @Test("Payments are checked against the cap, eligibility and the schedule of 二(三); 一事一议 needs --override --reason")
    func incentivePayments() throws {
        #expect(try run("incentives", "projects", "add", files + "/project.json", "--name", "甲项目").status == 0)
        try refused("incentives", "projects", "pay", "甲项目", "--kind", "investment", "--amount", "6000", "--date", "2021-04-01",
                    saying: "amount: year 1 of 甲项目 (from 2021-03-01) allows 109万元 of investment subsidy", "--override --reason")
        let bigData = Fixtures.root.appendingPathComponent("Tests/ModuleCommands/big-data-project.json").path
        #expect(try run("incentives", "projects", "add", bigData, "--name", "乙数据").status == 0)
        try refused("incentives", "projects", "pay", "乙数据", "--kind", "rent", "--amount", "10", "--date", "2021-04-01",
                    saying: "乙数据 does not qualify: yearly tax ≥ 4 × rent", "不予兑现")
        try refused("incentives", "projects", "pay", "乙数据", "--kind", "investment", "--amount", "10", "--date", "2021-04-01",
                    saying: "does not qualify")
        // The district decides case by case: paid with its reason, which the clawback then recovers.
        let paid = try run("incentives", "projects", "pay", "乙数据", "--kind", "rent", "--amount", "10", "--date", "2021-04-01",
                           "--override", "--reason", "区政府常务会议一事一议")
        #expect(paid.stdout == "paid 10万元 (rent) on 2021-04-01; against the rules: 区政府常务会议一事一议\n")
        let clawback = try #require(try CLI.json(["incentives", "clawback", "乙数据", "--db", db]) as? [String: Any])
        #expect(clawback["recover"] as? Int == 10)
        let payments = try run("incentives", "payments", "list", "--format", "csv")
        #expect(payments.stdout == "id,project,date,kind,amount (万元),override,void\n1,乙数据（2）,2021-04-01,rent,10,区政府常务会议一事一议,\n")
    }

    @Test("Minutes are not received, nor decisions closed, before their meeting")
    func amlOrder() throws {
        #expect(try run("aml", "meetings", "add", "--date", "2021-03-01", "--kind", "全体会议", "--subject", "年度会议").status == 0)
        #expect(try run("aml", "meetings", "minutes", "1", "--text", "纪要").status == 0)
        try refused("aml", "meetings", "receive", "1", "--unit", "区法院", "--date", "2021-02-27", saying: "date: 2021-02-27 is before meeting 1 was held (2021-03-01)", "周政办字〔2020〕35号 三")
        #expect(try run("aml", "followups", "add", "--meeting", "1", "--decision", "加强宣传", "--unit", "区法院").status == 0)
        try refused("aml", "followups", "close", "1", "--date", "2021-02-20", saying: "closed-on: 2021-02-20 is before meeting 1 was held")
        try refused("aml", "meetings", "add", "--date", "2019-03-01", "--kind", "plenary", "--subject", "x", saying: "before the joint meeting was set up")
    }

    @Test("Case meetings follow the court's acceptance; list periods are the document's; late filings are marked; decisions and cases close")
    func bankruptcy() throws {
        #expect(try run("bankruptcy", "cases", "open", "--debtor", "某公司", "--accepted", "2021-03-01").status == 0)
        #expect(try run("bankruptcy", "cases", "matter", "1", "--matter", "3").status == 0)
        try refused("bankruptcy", "cases", "meet", "1", "--level", "business", "--date", "2021-02-01", "--outcome", "unsettled",
                    saying: "date: 2021-02-01 is before the court accepted the case (2021-03-01)", "周政办字〔2020〕38号 四")
        try refused("bankruptcy", "lists", "file", "--list", "revoked", "--period", "2021-P9", "--date", "2021-07-01",
                    saying: "period: 2021-Q9 is not a period of the lists")
        #expect(try run("bankruptcy", "lists", "file", "--list", "revoked", "--period", "2021-P1", "--date", "2021-04-15").status == 0)
        let due = try run("bankruptcy", "lists", "due", "--year", "2021", "--on", "2021-05-01", "--format", "csv")
        // 2021-P1, as earlier lists named the quarter, is 2021-Q1.
        #expect(due.stdout.contains("吊销企业名单及基本情况,区市场监管局,2021-Q1,2021-03-31,filed 2021-04-15 (late),"))
        #expect(try run("bankruptcy", "cases", "meet", "1", "--level", "business", "--date", "2021-04-01", "--outcome", "settled",
                        "--decision", "申报债权", "--owner", "区税务局", "--due", "2021-05-01").status == 0)
        try refused("bankruptcy", "decisions", "close", "1", "--date", "2021-03-15", "--outcome", "已申报", saying: "closed-on: 2021-03-15 is before the meeting")
        #expect(try run("bankruptcy", "decisions", "close", "1", "--date", "2021-04-20", "--outcome", "已申报").status == 0)
        #expect(try run("bankruptcy", "decisions", "--on", "2021-06-01", "--format", "csv").stdout == "id,meeting,owner,task,due,status,citation\n")
        try refused("bankruptcy", "cases", "close", "1", "--date", "2021-03-20", "--outcome", "终结", saying: "is before the case's last meeting")
        #expect(try run("bankruptcy", "cases", "close", "1", "--date", "2021-06-30", "--outcome", "破产程序终结").status == 0)
        #expect(try run("bankruptcy", "contacts", "add", "--unit", "区法院", "--name", "李明", "--since", "2021-01-04").status == 0)
        try refused("bankruptcy", "contacts", "add", "--unit", "区法院", "--name", "张华", saying: "区法院 has its contact already")
    }

    @Test("约谈 rests on verification findings; towns that only lag are suggestions; a zone is no 镇办; land approved outside 2009–2018 is not counted")
    func landInterviews() throws {
        let parcels = try Fixtures.file("""
            id,town,category,area_mu,agreed_start,actual_start,cause,approval_date,supply_date
            P1,王村镇,idle,12.5,2019-03-01,,enterprise,,
            P2,南郊镇,idle,5,2019-01-01,2019-05-01,enterprise,,
            Z1,周村经济开发区,idle,8,2019-03-01,,enterprise,,
            A1,南郊镇,批而未供,20,,,,2012-05-01,2020-11-01
            A2,王村镇,批而未供,10,,,,2008-06-01,
            """, name: "parcels.csv")
        #expect(try run("land", "parcels", "import", parcels).status == 0)
        let listed = try run("land", "parcels", "list", "--format", "csv")
        #expect(listed.stdout.split(separator: "\n").count == 6)
        try refused("land", "findings", "add", "--town", "周村经济开发区", "--kind", "整治不力", "--date", "2020-11-20", "--note", "x",
                    saying: "周村经济开发区 is not a town or sub-district")
        #expect(try run("land", "findings", "add", "--town", "南郊镇", "--kind", "弄虚作假", "--date", "2020-11-20", "--note", "自纠清单虚报已供地").status == 0)
        let interviews = try run("land", "interviews", "--on", "2021-01-10", "--format", "csv")
        #expect(interviews.stdout == """
            town,basis,closed,district,overdue,reasons,citation
            南郊镇,grounds,50%,25%,1,弄虚作假 (2020-11-20): 自纠清单虚报已供地,周政办字〔2020〕37号 三(三)
            王村镇,suggestion,0%,25%,1,closed 0% against 25% for the district; 1 overdue item; no verification finding recorded: verify it before a talk,周政办字〔2020〕37号 三(三)

            """)
        // A2 was approved in 2008: outside the scope of 二(三)5, it is not among the land to dispose of.
        let evaluation = try #require(try CLI.json(["land", "parcels", "evaluate", "--on", "2021-01-10", "--format", "json", "--db", db]) as? [String: Any])
        let targets = try #require(evaluation["targets"] as? [[String: Any]])
        #expect(targets.first?["parcels"] as? Int == 1)
        #expect(try run("land", "town-reports", "file", "--town", "南郊镇", "--kind", "排查自纠清单", "--date", "2020-10-15").status == 0)
        let due = try run("land", "town-reports", "due", "--on", "2020-12-15", "--format", "csv")
        #expect(due.stdout.contains("南郊镇,排查自纠清单,2020-10-12,2020-10-15,filed late,周政办字〔2020〕37号 三(二)"))
        #expect(due.stdout.contains("王村镇,工作总结报告,2020-12-10,,OVERDUE,周政办字〔2020〕37号 三(三)"))
    }

    @Test("A second reduction list says what it changes and goes in only with --replace; what it drops is voided, not deleted")
    func reductionList() throws {
        #expect(try run("pollution", "enterprises", "import", files + "/enterprises.csv").status == 0)
        let changed = try Fixtures.file("""
            name,town,industry,grade,protected,yellow,orange,red
            甲陶瓷有限公司,王村镇,陶瓷,A,否,限产20%,限产40%,停产
            丙化工有限公司,南郊镇,化工,C,否,限产30%,停产,停产
            """, name: "list2.csv")
        try refused("pollution", "enterprises", "import", changed, saying: "1 added (丙化工有限公司); 1 removed (乙热电有限公司); 1 changed (甲陶瓷有限公司)", "--replace")
        #expect(try run("pollution", "enterprises", "import", changed, "--replace").status == 0)
        let all = try run("pollution", "enterprises", "list", "--all", "--format", "csv")
        #expect(all.stdout.contains("乙热电有限公司") && all.stdout.contains("void "))
        let orders = try run("pollution", "orders", "--level", "orange", "--format", "csv")
        #expect(!orders.stdout.contains("乙热电有限公司"))
        #expect(orders.stdout.contains("甲陶瓷有限公司,王村镇,A,,限产40%"))
    }

    @Test("Every write is logged under the person who acts: --by, else $ZHOUCUN_USER; a list replaced logs its voids under them too")
    func writersNamed() throws {
        let clerk = ["ZHOUCUN_USER": "王科员"]
        #expect(try CLI.run(["pollution", "enterprises", "import", files + "/enterprises.csv", "--db", db], environment: clerk).status == 0)
        let changed = try Fixtures.file("""
            name,town,industry,grade,protected,yellow,orange,red
            甲陶瓷有限公司,王村镇,陶瓷,A,否,限产20%,限产40%,停产
            """, name: "list2.csv")
        let replaced = try CLI.run(["pollution", "enterprises", "import", changed, "--replace", "--by", "李科长", "--db", db], environment: clerk)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let log = try #require(try CLI.json(["log", "--module", "pollution", "--format", "json", "--db", db]) as? [[String: Any]])
        let writers = log.map { "\($0["action"] ?? "") \($0["by"] ?? "")" }
        #expect(writers.filter { $0.hasPrefix("add ") }.allSatisfy { $0.hasSuffix(" 王科员") }, "\(writers)")
        #expect(writers.contains("void 李科长") && writers.contains("amend 李科长"), "\(writers)")
        #expect(log.count == writers.filter { $0.hasSuffix(" 王科员") || $0.hasSuffix(" 李科长") }.count)
    }

    @Test("A read of a store that does not exist fails and makes nothing; demo honours --db and $ZHOUCUN_DB; CSV for Excel")
    func storesAndExcel() throws {
        let missing = try Fixtures.temporaryFolder().appendingPathComponent("typo.sqlite").path
        let read = try CLI.run(["roster", "bodies", "--db", missing])
        #expect(read.status == 1)
        #expect(read.stderr.hasPrefix("zhoucun: error: there is no store at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
        let demo = try Fixtures.temporaryFolder().appendingPathComponent("demo.sqlite").path
        #expect(try CLI.run(["demo"], environment: ["ZHOUCUN_DB": demo]).stdout.hasPrefix("new store at \(demo)\n"))
        #expect(try CLI.run(["demo"], environment: ["ZHOUCUN_DB": demo]).stderr.contains("exists already"))
        let excel = try run("docs", "list", "--format", "csv", "--excel")
        #expect(excel.stdout.hasPrefix("\u{FEFF}number,date,title,"))
        #expect(try run("docs", "list", "--excel").status != 0)
    }
}
