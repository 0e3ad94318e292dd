import Foundation
import GRDB
import Testing
import CommandTestSupport
import TestSupport

/// The same 公文 through every door is one document; other governments' documents are kept for
/// reference; every import is logged; a store is made only on purpose.
@Suite("One 公文, one record")
struct OneRecordTests {
    static let fixtures = Fixtures.root.appendingPathComponent("Tests/DoorFixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static func corpus(_ name: String) -> String { Fixtures.shared.appendingPathComponent("corpus/texts/\(name)").path }

    static func store() throws -> String { try Fixtures.temporaryFolder().appendingPathComponent("z.sqlite").path }

    static func output(_ arguments: [String], db: String) throws -> String {
        let result = try CLI.run(arguments + ["--db", db])
        guard result.status == 0 else { throw CLI.CLIError(result: result) }
        return result.stdout
    }

    /// What the AML and pollution modules answer, and the signer an alert gets.
    static func moduleAnswers(db: String) throws -> [String] {
        try [
            output(["aml", "duties", "--format", "json"], db: db),
            output(["aml", "who", "房地产", "--format", "json"], db: db),
            output(["pollution", "duties", "--format", "json"], db: db),
            output(["pollution", "assess", "--forecast", Fixtures.root.appendingPathComponent("Tests/ModuleCommands/forecast.csv").path,
                    "--format", "json"], db: db),
        ]
    }

    @Test("The 公报 PDF, then the web page of 35号 and the OFD of 39号: the same documents, the modules' answers as after the PDF alone")
    func secondDoor() throws {
        let db = try Self.store()
        let pdf = try CLI.run(["import", Self.fixture("zhoucun-gazette-2020-09.pdf"), "--db", db])
        #expect(pdf.status == 0)
        #expect(pdf.stderr.contains("new store at \(db)"))
        let afterPDF = try Self.moduleAnswers(db: db)
        #expect(afterPDF[0].contains("区住房城乡建设局"))
        #expect(afterPDF[1].contains("房地产"))

        let html = try CLI.run(["import", Self.fixture("zhoucun-2020-35.html"), "--db", db])
        #expect(html.stdout.contains("1 unchanged"), "\(html.stdout)")
        #expect(!html.stderr.contains("new store"))
        let ofd = try CLI.run(["import", Self.fixture("zhoucun-2020-39.ofd"), "--db", db])
        #expect(ofd.stdout.contains("1 unchanged"), "\(ofd.stdout)")
        #expect(try Self.moduleAnswers(db: db) == afterPDF)

        let minutes = try Self.output(["aml", "meetings", "add", "--date", "2021-03-01", "--kind", "全体会议", "--subject", "年度工作会议"], db: db)
        #expect(minutes.hasPrefix("meeting 1"))
        #expect(try Self.output(["aml", "meetings", "minutes", "1", "--text", "通报"], db: db).contains("sent to 15 member units"))
        let alert = try Self.output(["pollution", "alerts", "issue", "--level", "橙色", "--issued", "2020-12-01T13:00"], db: db)
        // An orange alert is signed by the command's office director (周政办字〔2020〕39号 四(二)).
        #expect(alert.contains("signed by 办公室主任 郭存亿"), "\(alert)")

        #expect(try Self.issueNumbers(db: db) == ["周政办字〔2020〕35号", "周政办字〔2020〕37号", "周政办字〔2020〕38号", "周政办字〔2020〕39号", "周政发〔2020〕37号"])
        // Each version says the door it came through.
        let show = try #require(try CLI.json(["docs", "show", "周政办字〔2020〕35号", "--db", db, "--format", "json"]) as? [String: Any])
        #expect((show["history"] as? [[String: Any]])?.map { $0["door"] as? String } == ["pdf"])
    }

    @Test("A changed text is a new version that keeps its issue and its body; withdrawing it brings the earlier one back")
    func newVersion() throws {
        let db = try Self.store()
        #expect(try CLI.run(["import", Fixtures.seedText.path, "--db", db]).status == 0)
        let before = try Self.moduleAnswers(db: db)
        let changed = try Fixtures.seed().replacingOccurrences(of: "区融媒体中心：参与反洗钱工作的宣传教育工作", with: "区融媒体中心：负责反洗钱工作的宣传教育工作")
        let file = try Fixtures.file(changed, name: "amended.txt")
        let second = try CLI.run(["import", file, "--db", db])
        #expect(second.stdout.contains("1 updated"), "\(second.stdout)")
        #expect(second.stdout.contains("4 unchanged"))

        let duties = try Self.output(["aml", "duties", "--unit", "区融媒体中心"], db: db)
        #expect(duties.contains("负责反洗钱工作的宣传教育工作"))
        #expect(try Self.output(["aml", "who", "房地产", "--format", "json"], db: db) == before[1])
        let list = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(list.first { $0["number"] as? String == "周政办字〔2020〕35号" }?["issue"] as? String == "2020-9")
        #expect(try Self.issueNumbers(db: db).count == 5)

        let diff = try #require(try CLI.json(["docs", "diff", "周政办字〔2020〕35号", "--from", "1", "--to", "2", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(diff.map { $0["citation"] as? String } == ["周政办字〔2020〕35号 二"])
        #expect(diff.first?["change"] as? String == "changed")
        let backwards = try CLI.run(["docs", "diff", "周政办字〔2020〕35号", "--from", "2", "--to", "1", "--db", db])
        #expect(backwards.status == 1)
        #expect(backwards.stderr.contains("--from 2 is not before --to 1"))
        let old = try Self.output(["docs", "show", "周政办字〔2020〕35号", "--version", "1"], db: db)
        #expect(old.contains("参与反洗钱工作的宣传教育工作"))
        #expect(old.contains("version: 1 of 2"))

        let withdrawn = try CLI.run(["docs", "withdraw", "周政办字〔2020〕35号", "--reason", "误导入", "--db", db])
        #expect(withdrawn.status == 0)
        #expect(try Self.moduleAnswers(db: db) == before)
        let log = try Self.output(["log", "--module", "docs"], db: db)
        #expect(log.contains("version 1 back in force"))
        let restored = try CLI.run(["docs", "restore", "周政办字〔2020〕35号", "--reason", "确认新版本", "--db", db])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Self.output(["aml", "duties", "--unit", "区融媒体中心"], db: db).contains("负责反洗钱工作"))
    }

    @Test("Texts with neither 文号 nor title are three documents, not one with three versions")
    func untitled() throws {
        let db = try Self.store()
        for name in ["jining_zhongwuran_yingjiyuan_2020_opening.txt", "zhaoshang_datong_yinzi_jiangli_banfa_opening.txt",
                     "zhaoshang_panxian_youhui_banfa_opening.txt"] {
            let result = try CLI.run(["import", Self.corpus(name), "--db", db])
            #expect(result.stdout.contains("1 added"), "\(name): \(result.stdout)")
        }
        let all = try #require(try CLI.json(["docs", "list", "--all", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(all.count == 3)
        #expect(all.allSatisfy { $0["version"] as? Int == 1 })
    }

    @Test("槐荫区's plan beside the sample issue is kept for reference and changes no module answer")
    func neighboursPlan() throws {
        let db = try Self.store()
        #expect(try CLI.run(["import", Fixtures.seedText.path, "--db", db]).status == 0)
        #expect(try Self.output(["config", "district"], db: db) == "周村区\n")
        let before = try Self.moduleAnswers(db: db)
        let huaiyin = try CLI.run(["import", Self.corpus("huaiyin_jinan_zhongwuran_yingjiyuan_2023_opening.txt"), "--db", db])
        #expect(huaiyin.status == 0)
        #expect(try Self.moduleAnswers(db: db) == before)
        let list = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        let plan = try #require(list.first { $0["number"] as? String == "槐政办字〔2023〕21号" })
        #expect(plan["status"] as? String == "reference")
        #expect(plan["region"] as? String == "槐荫区")
        #expect(try Self.output(["docs", "show", "槐政办字〔2023〕21号"], db: db).contains("reference: issued in 槐荫区"))
        #expect(try Self.output(["docs", "search", "槐荫区重污染天气"], db: db).contains("槐政办字〔2023〕21号"))
    }

    @Test("docs show finds a document by a part of its title only it has; a part several share lists them")
    func titlePart() throws {
        let db = try CLI.seededDatabasePath()
        #expect(try Self.output(["docs", "show", "重污染天气应急预案"], db: db).hasPrefix("周政办字〔2020〕39号"))
        let ambiguous = try CLI.run(["docs", "show", "关于印发", "--db", db])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("documents have 关于印发 in their titles"))
        #expect(ambiguous.stderr.contains("周政办字〔2020〕39号"))
    }

    @Test("Every import is in the log, with who, the file and its sha256, and the documents it added")
    func importLogged() throws {
        let db = try Self.store()
        let result = try CLI.run(["import", Fixtures.seedText.path, "--db", db], environment: ["ZHOUCUN_USER": "王芳"])
        #expect(result.status == 0)
        let log = try #require(try CLI.json(["log", "--db", db, "--format", "json"]) as? [[String: Any]])
        let entry = try #require(log.first { $0["action"] as? String == "import" })
        #expect(entry["by"] as? String == "王芳")
        #expect(entry["via"] as? String == "cli", "marked as from the command line")
        #expect((entry["record"] as? String)?.contains("sha256 ") == true)
        #expect((entry["after"] as? String)?.contains("周政办字〔2020〕39号 added") == true)
        // Stored in the office's time zone, with its offset.
        #expect((entry["at"] as? String)?.hasSuffix("+08:00") == true)
        let unknown = try CLI.run(["log", "--module", "pollutoin", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("there is no module pollutoin; the log's modules are docs, roster,"))
        #expect(unknown.stderr.contains("pollution"))
    }

    @Test("A write, or an import that brings nothing, on a store that does not exist is refused and leaves no file")
    func onlyOnPurpose() throws {
        let missing = try Self.store()
        let write = try CLI.run(["aml", "meetings", "add", "--date", "2021-03-01", "--kind", "全体会议", "--subject", "会", "--db", missing])
        #expect(write.status == 1)
        #expect(write.stderr.contains("there is no store at \(missing)"))
        let sentence = try Fixtures.file("这是一段普通文字\n", name: "sentence.txt")
        let refused = try CLI.run(["import", sentence, "--db", missing])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no official document found"))
        let config = try CLI.run(["config", "district", "周村区", "--db", missing])
        #expect(config.status == 1)
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: missing + "-wal"))
    }

    @Test("A text saved in GBK (as Windows Notepad saves it) imports like its UTF-8 copy; damaged UTF-8 is reported, not guessed")
    func gbkText() throws {
        let gbk = try #require(try Fixtures.iconv(Array(try Fixtures.seed().utf8), from: "UTF-8", to: "GB18030"))
        let file = try Fixtures.file(gbk, name: "gbk.txt")
        let db = try Self.store()
        let result = try CLI.run(["import", file, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("5 added"))
        #expect(try Self.output(["roster", "person", "赵学", "--format", "json"], db: db).contains("总召集人"))

        var damaged = Array("周村区人民政府办公室\n".utf8)
        damaged.append(0xB8)
        let bad = try Fixtures.file(damaged, name: "damaged.txt")
        let refused = try CLI.run(["import", bad, "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("damaged.txt:2:1: byte 0xB8 is not valid UTF-8"))
    }

    /// The 文号 of the documents `export --issue 2020-9` writes.
    static func issueNumbers(db: String) throws -> [String] {
        let export = try output(["export", "--issue", "2020-9"], db: db)
        return export.components(separatedBy: "<docNumber>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            .filter { $0.hasSuffix("号") }.sorted()
    }
}
