import Foundation
import Testing
import GazetteModel
import GazetteStore
import TestSupport
@testable import GazetteImport

@Suite("Shared rosters from the sample issue")
struct SeedRosterTests {
    let database: GazetteDatabase

    init() throws {
        database = try Fixtures.seededDatabase()
    }

    func members(_ body: String) throws -> [Post] {
        try database.writer.read { db in
            try RosterQueries.members(ofBodyId: try RosterQueries.body(body, in: db).id, in: db)
        }
    }

    @Test("Four bodies, with their founding documents, offices and office directors")
    func bodies() throws {
        let bodies = try database.writer.read { try RosterQueries.bodies(in: $0) }
        #expect(bodies.map(\.name) == ["周村区反洗钱工作联席会议", "周村区土地问题综合整治工作专班", "周村区企业破产处置协调联动机制联席会议", "周村区重污染天气应急指挥部"])
        #expect(bodies.map(\.kind) == ["joint-meeting", "task-force", "joint-meeting", "command"])
        #expect(bodies.map(\.document) == ["周政办字〔2020〕35号", "周政办字〔2020〕37号", "周政办字〔2020〕38号", "周政办字〔2020〕39号"])
        #expect(bodies.map(\.members) == [18, 16, 18, 17])
        #expect(bodies.map(\.officeUnit) == ["人民银行淄博市中心支行", "区自然资源局", "区地方金融监管局", "区生态环境分局"])
        #expect(bodies.map(\.officeDirector) == ["王继磊", "徐兆峰", "裴继涛", "郭存亿"])
    }

    @Test("The anti-money-laundering joint meeting, every member in printed order")
    func aml() throws {
        let posts = try members("反洗钱")
        #expect(posts.map(\.name) == ["赵学", "王涛", "王继磊", "田乃荣", "孙现春", "汪涛", "伊星善", "张媛媛", "胡崇水", "吴振峰",
                                      "高东", "石晶", "王小虎", "李宁", "裴继涛", "牛照峰", "刘军", "胡新广"])
        #expect(posts.map(\.role) == ["总召集人", "副总召集人", "副总召集人"] + Array(repeating: "成员", count: 15))
        #expect(posts[2].unit == "人民银行淄博市中心支行")
        #expect(posts[2].titles == ["反洗钱科科长"])
        #expect(posts[0].citation == "周政办字〔2020〕35号 一")
        #expect(posts[9].titles.last == "淄博经济开发区大学城园区管委会财务金融部部长")
    }

    @Test("The land task force, the bankruptcy joint meeting and the pollution command")
    func otherBodies() throws {
        let land = try members("土地问题")
        #expect(land.count == 16)
        #expect(land.prefix(2).map { "\($0.role)\($0.name)" } == ["组长刘伟", "副组长耿峰"])
        #expect(land.last?.name == "胡学基")
        #expect(land.first?.citation == "周政办字〔2020〕37号 附件")
        let bankruptcy = try members("企业破产")
        #expect(bankruptcy.filter { $0.role == "总召集人" }.map(\.name) == ["赵学", "谢宜冰"])
        #expect(bankruptcy.filter { $0.role == "召集人" }.map(\.name) == ["李永凯", "王涛", "董田军"])
        #expect(bankruptcy.count == 18)
        #expect(bankruptcy.first?.citation == "周政办字〔2020〕38号 附件1")
        let command = try members("重污染天气")
        #expect(command.prefix(3).map { "\($0.role)\($0.name)" } == ["指挥长刘伟", "副指挥长赵学", "副指挥长耿峰"])
        #expect(command.count == 17)
        #expect(command.first { $0.name == "聂玉东" }?.unit == "区政府办公室")
    }

    @Test("One person's posts across bodies; `高 东` finds 高东")
    func person() throws {
        let zhao = try database.writer.read { try RosterQueries.posts(ofPerson: "赵 学", in: $0) }
        #expect(zhao.map { "\($0.body)/\($0.role)" } == [
            "周村区反洗钱工作联席会议/总召集人", "周村区企业破产处置协调联动机制联席会议/总召集人", "周村区重污染天气应急指挥部/副指挥长",
        ])
        #expect(Set(zhao.map(\.personId)).count == 1)
        let gao = try database.writer.read { try RosterQueries.posts(ofPerson: "高 东", in: $0) }
        #expect(gao.map(\.body) == ["周村区反洗钱工作联席会议", "周村区企业破产处置协调联动机制联席会议"])
    }

    @Test("The people on more than one body")
    func shared() throws {
        let shared = try database.writer.read { try RosterQueries.shared(in: $0) }
        #expect(Set(shared.map(\.name)) == ["赵学", "李永凯", "王涛", "伊星善", "高东", "李宁", "王小虎", "裴继涛", "刘伟", "耿峰",
                                            "董田军", "董建生", "徐兆峰", "郭存亿", "鲍滨", "路国盛", "胡学基"])
        #expect(shared.prefix(2).map(\.bodies.count) == [3, 3])
        #expect(try database.writer.read { try RosterQueries.shared(minimum: 3, in: $0) }.map(\.name).sorted() == ["李永凯", "赵学"])
        let people = try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM person") }
        #expect(people == 50)
    }

    @Test("A unit's seats, duties and tasks, reached through another of its names")
    func unit() throws {
        let bank = try database.writer.read { try RosterQueries.unit("人民银行淄博中心支行", in: $0) }
        #expect(bank.name == "人民银行淄博市中心支行")
        #expect(bank.seats.map(\.name) == ["王继磊", "刘军"])
        #expect(bank.duties.count == 1)
        #expect(bank.duties.first?.duty.hasPrefix("作为联席会议牵头单位") == true)
        #expect(bank.duties.first?.citation == "周政办字〔2020〕35号 二")
        let resources = try database.writer.read { try RosterQueries.unit("区自然资源局", in: $0) }
        #expect(resources.assignments.filter { $0.kind == "task" }.count == 15)
        #expect(resources.assignments.filter { $0.kind == "matter" }.map(\.number) == ["四"])
        #expect(resources.duties.map(\.body) == ["周村区重污染天气应急指挥部"])
    }

    @Test("Duties of the member units: anti-money-laundering (二) and the pollution command (附件3)")
    func duties() throws {
        let all = try database.writer.read { try RosterQueries.duties(in: $0) }
        let aml = all.filter { $0.body == "周村区反洗钱工作联席会议" }
        #expect(aml.map(\.unit) == ["人民银行淄博市中心支行", "区纪委监委", "区法院", "区检察院", "区公安分局", "区民政局", "区司法局", "区财政局",
                                     "区住房城乡建设局", "区商务局", "区市场监管局", "区行政审批服务局", "区地方金融监管局", "区税务局", "区融媒体中心"])
        #expect(aml.contains { $0.unit == "区纪委监委" && $0.duty.hasPrefix("协调、配合反洗钱牵头单位") })
        let command = all.filter { $0.body == "周村区重污染天气应急指挥部" }
        #expect(command.count == 13)
        #expect(command.first?.unit == "区政府办公室")
        #expect(command.first?.citation == "周政办字〔2020〕39号 附件3 一")
        #expect(command.last?.unit == "区公路事业服务中心")
    }

    @Test("The 12 matters of 附件2 with their linked units, and the 15 land tasks, all of them 督办's tasks too")
    func assignments() throws {
        let matters = try database.writer.read { try RosterQueries.assignments(kind: "matter", in: $0) }
        #expect(matters.count == 12)
        #expect(matters.first?.units == ["区法院", "区民政局", "区司法局", "区人力资源社会保障局", "区医疗保障分局", "区税务局"])
        #expect(matters[5].units.contains("区发展改革局"))  // printed 区发展改革委
        #expect(matters[7].units == ["区法院", "区公安分局", "区信访局"])
        let tasks = try database.writer.read { try RosterQueries.assignments(kind: "task", in: $0) }
        #expect(tasks.count == 15)
        #expect(tasks.first?.category == "农村乱占耕地建房")
        #expect(tasks.first?.units == ["区自然资源局", "区农业农村局", "区法院", "各镇（街道）", "周村经济开发区"])
        #expect(tasks[11].units == ["区自然资源局", "区农业农村局", "王村镇"])
        // One reading: each clause's task or matter is a task of 督办's ledger, at the same clause.
        let ledger = try database.writer.read { try TaskRecords.tasks(in: $0) }
        for assignment in matters + tasks {
            #expect(ledger.contains { $0.row.citation == assignment.citation && $0.row.text.hasPrefix(assignment.title) }, "\(assignment.citation)")
        }
    }

    @Test("Popolo export carries persons, organizations, memberships and posts with sources")
    func popolo() throws {
        let popolo = try database.writer.read { try Popolo.export(from: $0) }
        #expect(popolo.persons.count == 50)
        #expect(popolo.memberships.count == 69)
        #expect(popolo.memberships.allSatisfy { !$0.sources.isEmpty })
        #expect(popolo.organizations.contains { $0.name == "周村区重污染天气应急指挥部" && $0.classification == "command" })
        #expect(popolo.posts.contains { $0.label == "总召集人" && $0.role == "chief-convener" })
        let bank = try #require(popolo.organizations.first { $0.name == "人民银行淄博市中心支行" })
        #expect(bank.other_names.map(\.name).contains("人民银行淄博中心支行"))
    }
}

@Suite("Rosters of other governments, and people across documents")
struct OtherRosterTests {
    static let committee = """
        某市人民政府办公室
        关于调整某市食品安全委员会组成人员的通知
        某政办字〔2021〕12号

        各区县人民政府，市政府各部门：
        现将调整后的组成人员名单通知如下。
        一、委员会组成人员
        第一召集人：孙　强　市政府市长
        主任委员：
        李　明　市政府副市长
        副主任委员：王 涛 区地方金融监管局局长
        委　　员：赵 刚 市市场监管局局长
        钱 芳 市卫生健康委主任
        工作组负责人：周 强 市审计局局长
        二、办公室
        委员会办公室设在市市场监管局，赵刚同志兼任办公室主任。

        某市人民政府办公室
        2021年5月6日
        """

    @Test("Another government's committee imports with every member and role")
    func otherCommittee() throws {
        let database = try Fixtures.database()
        let (_, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(Self.committee)])
        #expect(failure == nil)
        let body = try database.writer.read { try RosterQueries.body("食品安全", in: $0) }
        #expect(body.name == "某市食品安全委员会")
        #expect(body.officeUnit == "市市场监管局")
        #expect(body.officeDirector == "赵刚")
        let posts = try database.writer.read { try RosterQueries.members(ofBodyId: body.id, in: $0) }
        #expect(posts.map(\.role) == ["第一召集人", "主任委员", "副主任委员", "委员", "委员", "工作组负责人"])
        #expect(posts.map(\.name) == ["孙强", "李明", "王涛", "赵刚", "钱芳", "周强"])
        #expect(posts.map(\.roleCode) == ["first-convener", "chair", "deputy-chair", "member", "member", "working-group-lead"])
    }

    @Test("The same name with an overlapping unit is one person; with unrelated units, two, flagged")
    func matching() throws {
        let database = try Fixtures.seededDatabase()
        let (_, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(Self.committee)])
        #expect(failure == nil)
        // 王涛 of 区地方金融监管局 sits on three bodies now, as one person.
        let wang = try database.writer.read { try RosterQueries.posts(ofPerson: "王涛", in: $0) }
        #expect(wang.count == 3)
        #expect(Set(wang.map(\.personId)).count == 1)
        // A 刘伟 of an unrelated unit is a new record, flagged, never merged.
        let other = OtherRosterTests.committee.replacingOccurrences(of: "孙　强　市政府市长", with: "刘　伟　某市教育局局长")
            .replacingOccurrences(of: "某政办字〔2021〕12号", with: "某政办字〔2021〕13号").replacingOccurrences(of: "食品安全", with: "教育督导")
        _ = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(other)])
        let liu = try database.writer.read { try RosterQueries.posts(ofPerson: "刘伟", in: $0) }
        #expect(Set(liu.map(\.personId)).count == 2)
        let flags = try database.writer.read { try RosterQueries.flags(ofPerson: "刘伟", in: $0) }
        #expect(flags.count == 1)
        #expect(flags.first?.reason.contains("某市教育局") == true)
    }

    @Test("A later roster of the same body ends the earlier one: diff shows who joined, left and changed")
    func laterRoster() throws {
        let database = try Fixtures.database()
        let first = Self.committee
        let second = Self.committee.replacingOccurrences(of: "某政办字〔2021〕12号", with: "某政办字〔2022〕2号")
            .replacingOccurrences(of: "2021年5月6日", with: "2022年1月10日")
            .replacingOccurrences(of: "钱 芳 市卫生健康委主任\n", with: "")
            .replacingOccurrences(of: "周 强 市审计局局长", with: "周 强 市审计局副局长")
            .replacingOccurrences(of: "赵 刚 市市场监管局局长", with: "赵 刚 市市场监管局局长\n吴 敏 市教育局局长")
        let (_, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(first), try Fixtures.file(second)])
        #expect(failure == nil)
        let changes = try database.writer.read { db in
            try RosterQueries.diff(bodyId: try RosterQueries.body("食品安全", in: db).id,
                                   from: try RosterQueries.date("某政办字〔2021〕12号", in: db), to: "2022-01-10", in: db)
        }
        #expect(changes.map { "\($0.change) \($0.name)" } == ["joined 吴敏", "changed 周强", "left 钱芳"])
        let onFirstDay = try database.writer.read { db in
            try RosterQueries.members(ofBodyId: try RosterQueries.body("食品安全", in: db).id, on: "2021-06-01", in: db)
        }
        #expect(onFirstDay.count == 6)
        #expect(onFirstDay.first?.endDate == "2022-01-09")
    }
}
