import Foundation
import GRDB
import Testing
import CommandTestSupport
import TestSupport

@Suite("What is not a 公文 stays out; what went in by mistake is withdrawn and restored")
struct WithdrawalTests {
    @Test("A sentence, and a file named .xml that holds no XML, are refused with a place; the store is unchanged")
    func refusals() throws {
        let db = try CLI.seededDatabasePath()
        let before = try Fixtures.dump(try Fixtures.queue(path: db))

        let sentence = try Fixtures.file("这是一段普通文字\n", name: "sentence.txt")
        let refused = try CLI.run(["import", sentence, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("sentence.txt:1:1: no official document found"))
        #expect(refused.stderr.contains("read all 1 line"))
        #expect(refused.stderr.contains("--force"))

        let notXML = try Fixtures.file("this is not xml at all\n", name: "notice.xml")
        let wrongDoor = try CLI.run(["import", notXML, "--db", db])
        #expect(wrongDoor.status == 1)
        #expect(wrongDoor.stderr.contains("notice.xml:1:1: not XML: line 1, column 1"))

        let notPDF = try Fixtures.file("hello\n", name: "gazette.pdf")
        #expect(try CLI.run(["import", notPDF, "--db", db]).stderr.contains("not PDF: line 1, column 1"))
        #expect(try Fixtures.dump(try Fixtures.queue(path: db)) == before)
    }

    @Test("--force imports an unrecognised text, and docs list marks it")
    func forced() throws {
        let db = try CLI.seededDatabasePath()
        let sentence = try Fixtures.file("这是一段普通文字\n", name: "sentence.txt")
        let forced = try CLI.run(["import", "--force", sentence, "--db", db])
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("unrecognised"))
        let list = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        let unrecognised = list.filter { $0["recognised"] as? Bool == false }
        #expect(unrecognised.map { $0["title"] as? String } == ["这是一段普通文字"])
        #expect(list.filter { $0["recognised"] as? Bool == true }.count == 5)
        #expect(try CLI.run(["docs", "list", "--db", db]).stdout.contains("in force, unrecognised"))
    }

    @Test("Withdrawing the AML notice takes its roster out of every answer; restore brings it back; both are logged")
    func withdrawAndRestore() throws {
        let db = try CLI.seededDatabasePath()
        let roster = try #require(try CLI.json(["roster", "body", "反洗钱", "--db", db, "--format", "json"]) as? [String: Any])
        #expect((roster["members"] as? [[String: Any]])?.count == 18)

        let withdraw = try CLI.run(["docs", "withdraw", "周政办字〔2020〕35号", "--reason", "imported the draft by mistake", "--by", "张三", "--db", db])
        #expect(withdraw.status == 0, "\(withdraw.stderr)")
        let gone = try CLI.run(["roster", "body", "反洗钱", "--db", db])
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("no body is named like 反洗钱"))
        let bodies = try #require(try CLI.json(["roster", "bodies", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(bodies.count == 3)
        #expect(try CLI.run(["roster", "person", "王小虎", "--db", db]).stdout.contains("反洗钱") == false)
        let inForce = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(!inForce.contains { $0["number"] as? String == "周政办字〔2020〕35号" })
        let all = try #require(try CLI.json(["docs", "list", "--all", "--db", db, "--format", "json"]) as? [[String: Any]])
        let withdrawn = try #require(all.first { $0["number"] as? String == "周政办字〔2020〕35号" })
        #expect(withdrawn["status"] as? String == "withdrawn")
        #expect(withdrawn["withdrawnReason"] as? String == "imported the draft by mistake")

        // The same file again does not bring it back, and says so.
        let again = try CLI.run(["import", Fixtures.seedText.path, "--db", db])
        #expect(again.stdout.contains("周政办字〔2020〕35号 was withdrawn at"))
        #expect(try CLI.run(["roster", "body", "反洗钱", "--db", db]).status == 1)
        #expect(try CLI.run(["docs", "withdraw", "周政办字〔2020〕35号", "--reason", "twice", "--db", db]).stderr.contains("already withdrawn"))

        let restore = try CLI.run(["docs", "restore", "周政办字〔2020〕35号", "--reason", "the signed text is the same", "--by", "张三", "--db", db])
        #expect(restore.status == 0, "\(restore.stderr)")
        let back = try #require(try CLI.json(["roster", "body", "反洗钱", "--db", db, "--format", "json"]) as? [String: Any])
        #expect((back["members"] as? [[String: Any]])?.count == 18)

        let written = try #require(try CLI.json(["log", "--db", db, "--format", "json"]) as? [[String: Any]])
        // The import (and the district its gazette issue named) come first.
        #expect(written.map { $0["action"] as? String } == ["config", "import", "withdraw", "restore"])
        let log = Array(written.suffix(2))
        #expect(log.allSatisfy { $0["by"] as? String == "张三" && ($0["record"] as? String)?.contains("周政办字〔2020〕35号") == true })
        #expect(log.first?["reason"] as? String == "imported the draft by mistake")
        #expect(try CLI.run(["docs", "restore", "周政办字〔2020〕35号", "--reason", "twice", "--db", db]).status == 1)
    }

    @Test("A withdrawn plan's rules no longer answer: pollution assess says no plan is in force")
    func withdrawnPlan() throws {
        let db = try CLI.seededDatabasePath()
        let forecast = try Fixtures.file("date,aqi\n2021-01-10,230\n2021-01-11,240\n2021-01-12,260\n", name: "forecast.csv")
        let inForce = try CLI.run(["pollution", "assess", "--forecast", forecast, "--db", db])
        #expect(inForce.stdout.hasPrefix("alert: orange"))
        #expect(try CLI.run(["docs", "withdraw", "周政办字〔2020〕39号", "--reason", "superseded by a later plan", "--db", db]).status == 0)
        let withdrawn = try CLI.run(["pollution", "assess", "--forecast", forecast, "--db", db])
        #expect(withdrawn.status == 1)
        #expect(withdrawn.stderr.contains("no heavy-pollution plan is in force on 2021-01-10"))
        #expect(withdrawn.stderr.contains("周政办字〔2020〕39号 was withdrawn"))
    }
}
