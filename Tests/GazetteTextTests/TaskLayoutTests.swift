import Foundation
import GazetteModel
import Testing
import TestSupport
@testable import GazetteText

/// 督办: each layout the task reader knows, read on two real documents (the project's task
/// corpus, and the sample issue where it prints the layout).
@Suite("督办: the tasks documents assign, layout by layout")
struct TaskLayoutTests {
    func tasks(_ file: String) throws -> [AssignedTask] {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : Fixtures.root.appendingPathComponent("Tests/TaskCorpus/texts/\(file)")
        let text = try PlainTextGazette.decode(Array(try Data(contentsOf: url)), file: url.lastPathComponent)
        return try PlainTextGazette.parse(text, file: url.lastPathComponent).documents.flatMap { $0.readTasks() }
    }

    func sample() throws -> [AssignedTask] { try tasks(Fixtures.seedText.path) }

    @Test("A clause ending in a unit bracket: labelled lists, role words, a lead named by rule (咸安, 潮州, 株洲, the sample's 附件2)")
    func brackets() throws {
        let xianan = try tasks("xianan_zhengfu_gongzuo_baogao_zeren_fenjie_2023.txt")
        let roads = try #require(xianan.first { $0.ref == "二(一)12" })
        #expect(roads.layout == .bracket)
        #expect(roads.lead == ["区交通运输局"])
        #expect(roads.units == ["区发改局", "区自然资源和规划局", "区林业局", "区经发集团", "相关乡镇办"])
        // 责任领导 are persons: never units.
        #expect(!xianan.contains { $0.lead.contains("杜新国") || $0.units.contains("杜新国") })

        let chaozhou = try tasks("chaozhou_daying_lantian_baoweizhan_shishi_fangan_2019.txt")
        // One clause, two sentences each with its own bracket: two tasks.
        #expect(chaozhou.filter { $0.ref == "二(一)1" }.count == 2)
        #expect(chaozhou.first?.units.last == "各县、区人民政府（管委会）")
        let scattered = try #require(chaozhou.first { $0.ref == "二(一)2" })
        #expect(scattered.lead == ["市生态环境局", "发展和改革局", "工业和信息化局"])
        #expect(scattered.deadline?.due == CivilDate("2019-09-30"))

        let zhuzhou = try #require(try tasks("zhuzhou_liangshi_anquan_shengzhang_zerenzhi_shishi_yijian_TRAD.txt").first)
        #expect(zhuzhou.lead == ["市發改委"])
        #expect(zhuzhou.units.first == "市農委")

        let bankruptcy = try sample().filter { $0.citation.document == "周政办字〔2020〕38号" }
        #expect(bankruptcy.count == 12)
        #expect(bankruptcy.first { $0.ref == "三" }?.units == ["区法院", "区税务局"])
    }

    @Test("An item with field lines, as paragraphs or as its sub-clauses (十堰, 大兴, the sample's land plan)")
    func fields() throws {
        let shiyan = try tasks("shiyan_shijian_shishi_zeren_luoshi_renwu_fenjie_2008_part1.txt")
        let schools = try #require(shiyan.first { $0.ref == "三" })
        #expect(schools.layout == .fields)
        #expect(schools.units == ["市教育局", "市财政局", "农业局", "各县市区人民政府", "武当山旅游经济特区", "十堰经济开发区"])
        #expect(schools.deadline?.due == CivilDate("2008-12-31"))
        // The page opens on the last field of an item whose task is not printed: no task.
        #expect(shiyan.count == 2)

        let daxing = try #require(try tasks("daxing_zhengfu_gongzuo_baogao_zhongdian_gongzuo_fengong_2023_opening.txt").first)
        #expect(daxing.units == ["区发展改革委"] && daxing.deadline == nil)

        let idle = try #require(try sample().first { $0.ref == "二(三)7" })
        #expect(idle.layout == .fields)
        #expect(idle.deadline?.due == CivilDate("2020-12-31"))
        #expect(idle.units.first == "区自然资源局" && idle.units.contains("区法院"))
    }

    @Test("A table flattened one cell per line: rows by number, a merged unit cell shared by a sub-row (大竹, 霍山)")
    func table() throws {
        let dazhu = try tasks("dazhu_minsheng_shishi_dubang_2016.txt").filter { $0.layout == .table }
        #expect(dazhu.count == 11)
        let bridges = try #require(dazhu.first { $0.ref == "2" })
        #expect(bridges.units == ["县住建局"] && bridges.deadline?.due == CivilDate("2016-09-30"))
        let rows5 = dazhu.filter { $0.ref == "5" }
        #expect(rows5.map(\.units) == [["县民政局"], ["县民政局"]])
        #expect(rows5.map { $0.deadline?.due } == [CivilDate("2016-05-31"), CivilDate("2016-12-31")])

        // 霍山's 清单 prints its header after the title: read as a table, two units in one cell.
        let huoshan = try tasks("huoshan_kaifaqu_zhongdian_gongzuo_zeren_qingdan_2025.txt")
        #expect(huoshan.map(\.units) == [["招商工作部", "安商工作部"], ["改革办"], ["规划建设局"]])
        #expect(huoshan.allSatisfy { $0.deadline?.due == CivilDate("2025-12-31") && $0.layout == .table })
    }

    @Test("Responsibility cells after their task, the table's header lost (潍坊; the only such document yet)")
    func cells() throws {
        let weifang = try tasks("weifang_zhengwu_gongkai_gongzuo_yaodian_shishi_fangan_2017.txt")
        #expect(weifang.map(\.lead) == [["市发改委"], ["市人社局"], ["市金融办", "人民银行潍坊市中心支行", "潍坊银监分局"], ["市财政局"], []])
        // The last cell is cut inside a name: the name is left out, the others kept.
        #expect(weifang.last?.units == ["市发改委", "市财政局", "市人社局", "市金融办"])
    }

    @Test("Orders of a covering notice: who, by when, what to report (蔡甸, 大竹, the sample's land and pollution plans)")
    func orders() throws {
        let caidian = try tasks("caidian_zhengfu_gongzuo_baogao_mubiao_renwu_2023.txt").filter { $0.layout == .order }
        #expect(caidian.map(\.units) == [["各责任单位"], ["各责任单位"]])
        #expect(caidian.first?.deadline?.due == CivilDate("2023-01-15"))
        #expect(caidian.last?.deadline?.recurrence == .quarterly && caidian.last?.deadline?.day == 30)
        // The paragraph that sets no deadline (区绩效考评机构…) is no order.
        #expect(!caidian.contains { $0.text.hasPrefix("区绩效考评机构") })

        let dazhu = try tasks("dazhu_minsheng_shishi_dubang_2016.txt").filter { $0.layout == .order }
        #expect(dazhu.count == 1 && dazhu.first?.deadline?.printed == "每季度末月20日前")

        let orders = try sample().filter { $0.layout == .order }
        let land = orders.filter { $0.citation.document == "周政办字〔2020〕37号" }
        #expect(land.map(\.units) == [["各镇（街道）"]])
        #expect(land.first?.deadline?.due == CivilDate("2020-10-12"))
        // The pollution plan's evaluation: the sentence names no one, the one before it names two;
        // May is past on the plan's date, so the next May.
        let evaluation = try #require(orders.first { "\($0.citation)" == "周政办字〔2020〕39号 六(三)" })
        #expect(evaluation.units == ["区重污染天气应急指挥部办公室", "各镇（街道）"])
        #expect(evaluation.deadline?.due == CivilDate("2021-05-31"))
    }
}
