import Foundation
import GRDB
import Testing
import CommandTestSupport
import TestSupport

/// Seat changes as notices print them and as clerks enter them, as command lines run in process. Each
/// phrasing is applied to a body of the sample issue and to a roster of another government.
@Suite("Roster changes, by notice and by hand", .serialized)
struct RosterChangeCommandTests {
    static func file(_ path: String) -> String { Fixtures.root.appendingPathComponent(path).path }

    /// The seats of a body on a day: name → role (unit).
    func seats(_ body: String, on day: String, db: String) throws -> [String: String] {
        let answer = try #require(try CLI.json(["roster", "body", body, "--on", day, "--db", db, "--format", "json"]) as? [String: Any])
        var seats: [String: String] = [:]
        for member in answer["members"] as? [[String: Any]] ?? [] {
            let name = try #require(member["name"] as? String)
            #expect(seats[name] == nil, "\(name) holds two seats")
            seats[name] = "\(member["role"] as? String ?? "")（\(member["unit"] as? String ?? "")）"
        }
        return seats
    }

    func snapshot(_ db: String) throws -> String { try Fixtures.dump(try Fixtures.queue(path: db)) }

    /// A refused write: exit 1, the words given, and the store exactly as it was.
    func refused(_ arguments: [String], db: String, saying words: String...) throws {
        let before = try snapshot(db)
        let result = try CLI.run(arguments + ["--db", db])
        #expect(result.status == 1, "\(arguments): \(result.stdout)")
        for word in words { #expect(result.stderr.contains(word), "\(result.stderr) lacks \(word)") }
        #expect(try snapshot(db) == before, "\(arguments) changed the store")
    }

    @Test("Every common phrasing of a change notice, on the sample issue's 指挥部: each seat by name and role; the summary names the body")
    func zhoucunPhrasings() throws {
        let db = try CLI.seededDatabasePath()
        let imported = try CLI.run(["import", Self.file("Tests/RosterChanges/zhoucun-pollution-phrasings-2022.txt"), "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let summary = try #require(imported.stdout.split(separator: "\n").first { $0.contains("周村区重污染天气应急指挥部:") })
        #expect(summary.contains("joined 孙明（指挥长）") && summary.contains("left 刘伟（指挥长）"), "\(summary)")
        #expect(summary.contains("role changed 耿峰：副指挥长→常务副指挥长"), "\(summary)")
        let before = try seats("重污染", on: "2022-05-31", db: db)
        let after = try seats("重污染", on: "2022-06-01", db: db)
        #expect(before.count == 17 && after.count == 18)
        // 刘伟同志不再担任指挥长，由孙明同志任指挥长
        #expect(after["孙明"]?.hasPrefix("指挥长") == true && after["刘伟"] == nil && before["刘伟"]?.hasPrefix("指挥长") == true)
        // 范斌同志不再担任成员，由周村交警大队大队长孙波同志接任: the successor's own post.
        #expect(after["孙波"] == "成员（周村交警大队）" && after["范斌"] == nil)
        // 增补张强（区应急管理局局长）为指挥部成员: the body's own label, 成员.
        #expect(after["张强"] == "成员（区应急管理局）")
        // 耿峰同志调整为常务副指挥长: one seat, a new role.
        #expect(after["耿峰"] == "常务副指挥长（区政府）")
        // 李永凯同志由成员调整为副指挥长
        #expect(after["李永凯"] == "副指挥长（区工业和信息化局）")
        // 免去胡学基同志的成员职务，由区综合行政执法局局长陈刚同志接任
        #expect(after["陈刚"] == "成员（区综合行政执法局）" && after["胡学基"] == nil)
        // 高峰同志任副指挥长
        #expect(after["高峰"]?.hasPrefix("副指挥长") == true)
        // 免去聂玉东同志的成员职务
        #expect(after["聂玉东"] == nil && before["聂玉东"] != nil)
        // 李华同志接任牛涛同志: 牛涛's seat, role and unit.
        #expect(after["李华"] == "成员（区城乡环境卫生维护中心）" && after["牛涛"] == nil)
        // 陆建宏同志不再担任成员，由王丽同志接替
        #expect(after["王丽"]?.hasPrefix("成员") == true && after["陆建宏"] == nil)
        // 王先芸、张继发同志不再担任成员，增补周洁（…）、吴磊（…）为成员: lists in one sentence.
        #expect(after["王先芸"] == nil && after["张继发"] == nil)
        #expect(after["周洁"] == "成员（区气象局）" && after["吴磊"] == "成员（区公路事业服务中心）")
        // Who the notice did not name keeps the seat.
        #expect(after["赵学"] == before["赵学"] && after["董建生"] == before["董建生"])
        #expect(Set(try CLI.run(["roster", "body", "重污染", "--db", db, "--format", "csv"]).stdout.split(separator: "\n").compactMap { $0.split(separator: ",").dropFirst(2).first })
                == ["role", "指挥长", "常务副指挥长", "副指挥长", "成员"])
    }

    @Test("The same phrasings on a roster of another government (钟楼区), and a whole new list printed as NAME（UNIT） lines")
    func otherGovernment() throws {
        let db = try CLI.seededDatabasePath()
        let imported = try CLI.run(["import", Self.file("Tests/Corpus/texts/changzhou_zhonglou_bangongyongfang_lingdaoxiaozu_2022.txt"),
                                    Self.file("Tests/RosterChanges/zhonglou-phrasings-2022.txt"), Self.file("Tests/RosterChanges/zhonglou-phrasings-2022-12.txt"),
                                    Self.file("Tests/RosterChanges/zhoucun-land-list-2021.txt"), "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("钟楼区党政机关办公用房管理工作领导小组: joined 吴刚（组长）"), "\(imported.stdout)")
        var members = [
            "吴刚": "组长（区委）", "施宏伟": "成员（区政府办公室）", "赵磊": "副组长（）", "钱伟": "副组长（）",
            "方国友": "成员（区政府办公室）", "周敏": "成员（区发展改革局）", "王强": "成员（区财政局）",
            "马丽": "成员（区机关事务管理中心）", "陈敏": "成员（区住房城乡建设局）", "杨帆": "成员（区纪委监委）",
        ]
        #expect(try seats("办公用房", on: "2022-09-01", db: db) == members)
        members["赵磊"] = nil
        members["钱伟"] = nil
        members["方国友"] = "副组长（区政府办公室）"
        #expect(try seats("办公用房", on: "2022-12-01", db: db) == members)
        let land = try seats("土地", on: "2021-07-01", db: db)
        #expect(land == ["王海涛": "组长（区政府）", "徐兆峰": "副组长（区自然资源局）", "董建生": "成员（区发展改革局）",
                         "孙波": "成员（区财政局）", "鲍滨": "成员（区住房城乡建设局）", "张强": "成员（区农业农村局）"])
        #expect(imported.stdout.contains("周村区土地问题综合整治工作专班: joined 王海涛（组长）"), "\(imported.stdout)")
        #expect(imported.stdout.contains("role changed 徐兆峰：成员→副组长"), "\(imported.stdout)")
    }

    @Test("A clerk's replacement takes the successor's own unit; a role change keeps one seat; a duplicate and an unknown role are refused")
    func clerkChanges() throws {
        let db = try CLI.seededDatabasePath()
        // 徐新波 sits on the land task force for 区税务局: replacing 范斌 he brings that unit, not 范斌's.
        let replaced = try CLI.run(["roster", "change", "重污染", "--date", "2026-11-02", "--replace", "范斌", "--with", "徐新波",
                                    "--source", "区政府办公室电话通知", "--by", "张三", "--db", db])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        var now = try seats("重污染", on: "2026-11-02", db: db)
        #expect(try seats("土地", on: "2026-11-02", db: db)["徐新波"] == "成员（区商务局）")
        #expect(now["徐新波"] == "成员（区商务局）" && now["范斌"] == nil)
        // With --unit and --title the successor's unit is the one given.
        #expect(try CLI.run(["roster", "change", "重污染", "--date", "2026-11-02", "--replace", "牛涛", "--with", "赵六",
                             "--unit", "区城市管理局", "--title", "局长", "--source", "会议纪要", "--db", db]).status == 0)
        now = try seats("重污染", on: "2026-11-02", db: db)
        #expect(now["赵六"] == "成员（区城市管理局）")
        // 耿峰调整为指挥长: his one seat, a new role.
        let promoted = try CLI.run(["roster", "change", "重污染", "--date", "2026-11-03", "--person", "耿峰", "--role", "指挥长",
                                    "--source", "区政府常务会议", "--db", db])
        #expect(promoted.status == 0, "\(promoted.stderr)")
        #expect(try seats("重污染", on: "2026-11-03", db: db)["耿峰"] == "指挥长（区政府）")
        let commanders = try CLI.run(["roster", "body", "重污染", "--role", "指挥长", "--on", "2026-11-03", "--db", db, "--format", "csv"])
        #expect(commanders.stdout.contains(",耿峰,指挥长,") && commanders.stdout.contains(",刘伟,指挥长,"))

        try refused(["roster", "change", "重污染", "--add", "赵学", "--role", "成员", "--source", "x"], db: db,
                    saying: "赵学 already sits on 周村区重污染天气应急指挥部 as 副指挥长", "--person 赵学 --role")
        try refused(["roster", "change", "重污染", "--add", "王五", "--role", "秘书长", "--source", "x"], db: db,
                    saying: "has no role 秘书长; its roles are 指挥长、副指挥长、成员")
        try refused(["roster", "change", "重污染", "--replace", "范斌", "--with", "新人", "--source", "x"], db: db,
                    saying: "范斌 holds no seat on 周村区重污染天气应急指挥部")
        try refused(["roster", "change", "重污染", "--replace", "董建生", "--with", "新人", "--source", "x"], db: db,
                    saying: "新人 holds no seat to take a unit and titles from", "--unit")
        try refused(["roster", "change", "重污染", "--person", "赵学", "--role", "副指挥长", "--source", "x"], db: db,
                    saying: "赵学 is 副指挥长 of 周村区重污染天气应急指挥部 already")
        // The body's own label for a role printed with the body's kind word.
        #expect(try CLI.run(["roster", "change", "重污染", "--add", "王五", "--role", "指挥部成员", "--unit", "区财政局局长",
                             "--source", "x", "--db", db]).status == 0)
        #expect(try seats("重污染", on: DateFormatter.today, db: db)["王五"] == "成员（区财政局）")
        // Entries made by hand are no documents, under --all too.
        let all = try CLI.run(["docs", "list", "--all", "--db", db])
        #expect(!all.stdout.contains("手工录入") && !all.stdout.contains("clerk") && all.stdout.contains("周政办字〔2020〕39号"))
        let table = try CLI.run(["roster", "body", "重污染", "--db", db])
        #expect(table.stdout.contains("手工录入"))
    }

    @Test("Undo, merge and split are the roster's writes, with who and why; merge and split take names and list the records of an ambiguous one")
    func rosterWrites() throws {
        let db = try CLI.seededDatabasePath()
        // Two records named 孙波: 周村交警大队 (a notice) and 区财政局 (a new list).
        #expect(try CLI.run(["import", Self.file("Tests/RosterChanges/zhoucun-pollution-phrasings-2022.txt"),
                             Self.file("Tests/RosterChanges/zhoucun-land-list-2021.txt"), "--db", db]).status == 0)
        let change = try CLI.run(["roster", "change", "反洗钱", "--remove", "胡新广", "--source", "电话通知", "--by", "张三", "--db", db])
        #expect(change.status == 0, "\(change.stderr)")
        let entry = try #require(change.stdout.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(try CLI.run(["roster", "undo", entry, "--reason", "电话通知有误", "--by", "李四", "--db", db]).status == 0)
        try refused(["roster", "split", "孙波", "--seats", "1", "--reason", "x"], db: db,
                    saying: "孙波 names 2 records; give the id of the one you mean", "周村交警大队", "区财政局")
        let merged = try CLI.run(["roster", "merge", "孙波", "孙波", "--reason", "核实为同一人", "--by", "王五", "--db", db])
        #expect(merged.status == 0, "\(merged.stderr)")
        let posts = try #require(try CLI.json(["roster", "person", "孙波", "--history", "--db", db, "--format", "json"]) as? [String: Any])
        let held = posts["posts"] as? [[String: Any]] ?? []
        #expect(held.count == 2 && Set(held.compactMap { $0["personId"] as? Int }).count == 1)
        let land = try #require(held.first { $0["body"] as? String == "周村区土地问题综合整治工作专班" }?["seatId"] as? Int)
        #expect(try CLI.run(["roster", "split", "孙波", "--seats", String(land), "--reason", "两个同名的人", "--by", "王五", "--db", db]).status == 0)
        let log = try #require(try CLI.json(["log", "--module", "roster", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(log.map { $0["action"] as? String } == ["roster-change", "roster-undo", "merge", "split"])
        #expect(log.map { $0["by"] as? String } == ["张三", "李四", "王五", "王五"])
        #expect(log.map { $0["reason"] as? String } == ["电话通知", "电话通知有误", "核实为同一人", "两个同名的人"])
        try refused(["roster", "merge", "无此人", "孙波", "--reason", "x"], db: db, saying: "no person is named 无此人")
    }

    @Test("Who holds a role; a day before the body existed says when it was set up; --from after --to is refused")
    func answersSayWhy() throws {
        let db = try CLI.seededDatabasePath()
        let leader = try CLI.run(["roster", "body", "土地", "--role", "组长", "--db", db, "--on", "2020-12-01", "--format", "csv"])
        #expect(leader.stdout.split(separator: "\n").count == 2 && leader.stdout.contains(",刘伟,组长,"), "\(leader.stdout)")
        let early = try CLI.run(["roster", "body", "土地", "--on", "2019-01-01", "--db", db])
        #expect(early.status == 0 && early.stdout.contains("has no members on 2019-01-01: it was set up on 2020-"), "\(early.stdout)")
        let json = try #require(try CLI.json(["roster", "body", "土地", "--on", "2019-01-01", "--db", db, "--format", "json"]) as? [String: Any])
        #expect((json["note"] as? String)?.contains("it was set up on 2020-") == true && (json["members"] as? [Any])?.isEmpty == true)
        #expect(try CLI.run(["roster", "body", "土地", "--role", "秘书长", "--db", db]).stderr.contains("its roles are 组长、副组长、成员"))
        let backwards = try CLI.run(["roster", "diff", "反洗钱", "--from", "2021-01-01", "--to", "2020-11-01", "--db", db])
        #expect(backwards.status == 1 && backwards.stderr.contains("--from 2021-01-01 is after --to 2020-11-01"))
    }

    @Test("A unit under its short form: 区住建局 finds the seats of 区住房城乡建设局; a clerk teaches one more, logged")
    func unitShortForms() throws {
        let db = try CLI.seededDatabasePath()
        func seats(_ unit: String) throws -> [String] {
            let report = try #require(try CLI.json(["roster", "unit", unit, "--db", db, "--format", "json"]) as? [String: Any])
            return (report["seats"] as? [[String: Any]] ?? []).compactMap { "\($0["body"] ?? "")/\($0["name"] ?? "")" }
        }
        let full = try seats("区住房城乡建设局")
        #expect(!full.isEmpty && full.contains("周村区重污染天气应急指挥部/鲍滨"))
        #expect(try seats("区住建局") == full)
        #expect(try seats("区人社局") == (try seats("区人力资源社会保障局")))
        try refused(["roster", "unit", "区建设局"], db: db, saying: "no unit is named 区建设局")
        try refused(["units", "alias", "区建设局", "区无此局", "--reason", "x"], db: db, saying: "no unit is named 区无此局")
        try refused(["units", "alias", "区住建局", "区财政局", "--reason", "x"], db: db, saying: "区住建局 names another unit already: 区住房城乡建设局")
        let taught = try CLI.run(["units", "alias", "区建设局", "区住房城乡建设局", "--reason", "区政府办公室通讯录", "--by", "张三", "--db", db])
        #expect(taught.status == 0, "\(taught.stderr)")
        #expect(try seats("区建设局") == full)
        let log = try #require(try CLI.json(["log", "--module", "units", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(log.count == 1 && log.first?["by"] as? String == "张三" && log.first?["reason"] as? String == "区政府办公室通讯录")
        // A clerk's entry names the unit by its short form too.
        #expect(try CLI.run(["roster", "change", "重污染", "--add", "王五", "--role", "成员", "--unit", "区住建局", "--title", "副局长",
                             "--source", "x", "--db", db]).status == 0)
        #expect(try self.seats("重污染", on: DateFormatter.today, db: db)["王五"] == "成员（区住房城乡建设局）")
    }
}

extension DateFormatter {
    /// Today in the office's time zone, as the command line reckons it.
    static var today: String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: ProcessInfo.processInfo.environment["ZHOUCUN_TIMEZONE"] ?? "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
