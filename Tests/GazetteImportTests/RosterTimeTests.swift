import Foundation
import GRDB
import GazetteModel
import GazetteStore
import Testing
import TestSupport
@testable import GazetteImport

/// Rosters that follow the gazette: whole new lists, changes to single seats, abolitions and
/// renamings, on the sample issue's bodies and on another government's group (钟楼区).
@Suite("Rosters over time")
struct RosterTimeTests {
    static func notice(_ name: String) -> String {
        Fixtures.root.appendingPathComponent("Tests/RosterChanges/\(name)").path
    }

    static let zhonglou = Fixtures.root.appendingPathComponent("Tests/Corpus/texts/changzhou_zhonglou_bangongyongfang_lingdaoxiaozu_2022.txt").path

    func store(_ files: [String]) throws -> GazetteDatabase {
        let database = try Fixtures.database()
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles(files)
        if let failure { throw failure }
        #expect(summary.refused.isEmpty)
        return database
    }

    func seats(_ body: String, on: String?, in database: GazetteDatabase) throws -> [String] {
        try database.writer.read { db in
            let found = try RosterQueries.body(body, in: db)
            return try RosterQueries.members(ofBodyId: found.id, on: on, in: db).map { "\($0.role) \($0.name) \($0.unit ?? "")" }
        }
    }

    func bodies(on: String?, in database: GazetteDatabase) throws -> [String: Int] {
        try database.writer.read { db in
            Dictionary(uniqueKeysWithValues: try RosterQueries.bodies(on: on, in: db).map { ($0.name, $0.members) })
        }
    }

    @Test("A whole new list replaces the AML roster from its date; the notice adds no body")
    func fullAdjustment() throws {
        let database = try store([Fixtures.seedText.path, Self.notice("zhoucun-aml-adjusted-2021.txt")])
        let before = try seats("反洗钱", on: "2021-03-14", in: database)
        let after = try seats("反洗钱", on: "2021-03-15", in: database)
        #expect(before.count == 18)
        #expect(before.contains("成员 王小虎 区市场监管局") && before.contains("成员 胡新广 区融媒体中心"))
        #expect(after.count == 17)
        #expect(after.contains("成员 陈立新 区市场监管局") && !after.contains { $0.contains("王小虎") || $0.contains("胡新广") })
        let today = try bodies(on: "2026-11-26", in: database)
        #expect(today.count == 4)
        #expect(today["周村区反洗钱工作联席会议"] == 17)
        // Who left keeps the post in the history, with its last day.
        let history = try database.writer.read { try RosterQueries.posts(ofPerson: "王小虎", on: nil, in: $0) }
            .filter { $0.body == "周村区反洗钱工作联席会议" }
        #expect(history.map { "\($0.startDate ?? "") \($0.endDate ?? "")" } == ["2020-10-10 2021-03-14"])
        // He still sits on the bankruptcy joint meeting, and only there.
        #expect(try database.writer.read { try RosterQueries.posts(ofPerson: "王小虎", on: "2026-11-26", in: $0) }.map(\.body)
                == ["周村区企业破产处置协调联动机制联席会议"])
    }

    @Test("Changes to single seats: a new commander, a member added, a member replaced in the same place")
    func partialAdjustment() throws {
        let database = try store([Fixtures.seedText.path, Self.notice("zhoucun-pollution-commander-2021.txt")])
        let before = try seats("指挥部", on: "2021-05-19", in: database)
        let after = try seats("指挥部", on: "2021-05-20", in: database)
        #expect(before.first == "指挥长 刘伟 区委")
        #expect(after.first == "指挥长 王海涛 ")
        #expect(after.count == before.count + 1)
        // 孙立明 takes 范斌's seat, unit and place; 张建国 comes at the end with his unit.
        #expect(after.firstIndex(of: "成员 孙立明 周村交警大队") == before.firstIndex(of: "成员 范斌 周村交警大队"))
        #expect(after.last == "成员 张建国 区应急管理局")
        #expect(!after.contains { $0.contains("刘伟") || $0.contains("范斌") })
    }

    @Test("An abolished body is gone from the day its notice takes effect, and its seats with it")
    func abolition() throws {
        let database = try store([Fixtures.seedText.path, Self.notice("zhoucun-land-abolished-2022.txt")])
        #expect(try bodies(on: "2022-01-09", in: database)["周村区土地问题综合整治工作专班"] == 16)
        #expect(try bodies(on: "2022-01-10", in: database)["周村区土地问题综合整治工作专班"] == nil)
        #expect(try seats("土地", on: "2022-01-10", in: database).isEmpty)
        let body = try database.writer.read { try RosterQueries.body("土地", in: $0) }
        #expect(body.endDate == "2022-01-09")
        #expect(body.endCitation == "周政办字〔2022〕3号")
    }

    @Test("A renamed body keeps its seats and history; its former name still finds it")
    func renaming() throws {
        let database = try store([Fixtures.seedText.path, Self.notice("zhoucun-bankruptcy-renamed-2021.txt")])
        #expect(try bodies(on: "2021-09-01", in: database)["周村区企业破产处置府院联动联席会议"] == 18)
        #expect(try bodies(on: "2021-08-31", in: database)["周村区企业破产处置协调联动机制联席会议"] == 18)
        let found = try database.writer.read { try RosterQueries.body("周村区企业破产处置协调联动机制联席会议", in: $0) }
        #expect(found.name == "周村区企业破产处置府院联动联席会议")
        #expect(found.formerNames == ["周村区企业破产处置协调联动机制联席会议（至2021-08-31）"])
        #expect(try seats("府院联动", on: "2026-11-26", in: database).count == 18)
    }

    @Test("Another government's group: a new list, changes, a renaming and an abolition, imported in any order")
    func zhonglou() throws {
        let notices = ["zhonglou-adjusted-2023.txt", "zhonglou-changes-2023.txt", "zhonglou-renamed-2024.txt", "zhonglou-abolished-2025.txt"].map(Self.notice)
        for files in [[Self.zhonglou] + notices, notices.reversed() + [Self.zhonglou]] {
            let database = try store(files)
            // 区发改局 is filed under the full name the alias table gives it.
            #expect(try seats("钟楼", on: "2022-07-01", in: database).contains("成员 许俊 区发展改革局"))
            let adjusted = try seats("钟楼", on: "2023-04-01", in: database)
            #expect(adjusted.contains("成员 周敏 区发展改革局") && !adjusted.contains { $0.contains("许俊") })
            let changed = try seats("钟楼", on: "2023-08-01", in: database)
            #expect(changed.contains("成员 王晓东 区财政局") && changed.last == "成员 陈敏 区住房城乡建设局")
            #expect(!changed.contains { $0.contains("刘夫先") })
            #expect(try bodies(on: "2023-08-01", in: database)["钟楼区党政机关办公用房管理工作领导小组"] == 8)
            #expect(try bodies(on: "2024-06-01", in: database)["钟楼区机关事务管理工作领导小组"] == 8)
            #expect(try bodies(on: "2025-02-01", in: database).isEmpty)
        }
    }

    @Test("The office's director holds a post too: 裴继涛 directs the bankruptcy joint meeting's office")
    func officeDirector() throws {
        let database = try store([Fixtures.seedText.path])
        let posts = try database.writer.read { try RosterQueries.posts(ofPerson: "裴继涛", on: "2026-11-26", in: $0) }
        #expect(posts.map { "\($0.body) \($0.role) \($0.unit ?? "")" } == [
            "周村区反洗钱工作联席会议 成员 区地方金融监管局",
            "周村区企业破产处置协调联动机制联席会议 成员 区地方金融监管局",
            "周村区企业破产处置协调联动机制联席会议 办公室主任 区地方金融监管局",
        ])
    }

    @Test("A roster whose seats go with the units' posts says so, with its clause; one that does not, does not")
    func seatsByPosition() throws {
        let shanghai = Fixtures.root.appendingPathComponent("Tests/Corpus/texts/shanghai_xincheng_guihua_lingdaoxiaozu_2020.txt").path
        let database = try store([Fixtures.seedText.path, Self.zhonglou, shanghai])
        let rules = try database.writer.read { db in
            Dictionary(uniqueKeysWithValues: try RosterQueries.bodies(in: db).map { ($0.name, $0.seatsByPosition) })
        }
        #expect(rules["上海市新城规划建设推进协调领导小组"] == "沪府办〔2020〕59号")
        #expect(rules["钟楼区党政机关办公用房管理工作领导小组"] != nil)
        #expect(rules["周村区反洗钱工作联席会议"] == .some(nil))
    }

    @Test("Bodies set up in a sentence, without a printed roster, exist from their document (杭州, 淄博, 常州港)")
    func bodiesSetUpInProse() throws {
        let files = ["hangzhou_pochan_fuyuan_liandong_2018.txt", "zibo_zhongwuran_yingjiyuan_2017_opening.txt", "changzhou_gangkou_zhihuibu_baoliu_2013.txt"]
        let database = try store(files.map { Fixtures.root.appendingPathComponent("Tests/Corpus/texts/\($0)").path })
        let names = Set(try bodies(on: nil, in: database).keys)
        #expect(names.isSuperset(of: ["杭州市企业涉险与破产司法处置府院联动工作领导小组", "淄博市重污染天气应急指挥部", "常州港工程建设指挥部"]))
        // Nor a short form, nor a body named in passing, nor a body with no region of its own.
        #expect(!names.contains { $0.contains("以下简称") || $0.hasPrefix("了") || $0.hasPrefix("相应") })
    }

    @Test("Withdrawing the notice of a new list brings the old list back")
    func withdrawnAdjustment() throws {
        let database = try store([Fixtures.seedText.path, Self.notice("zhoucun-aml-adjusted-2021.txt")])
        try database.writer.write { db in
            let notice = try #require(try DocumentQueries.find("周政办字〔2021〕8号", in: db))
            try DocumentStore.withdraw(documentId: notice.summary.id, reason: "test", by: Fixtures.context, in: db)
        }
        #expect(try seats("反洗钱", on: "2026-11-26", in: database).count == 18)
    }
}
