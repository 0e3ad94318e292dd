import Foundation
import GazetteModel
import Testing
import TestSupport
@testable import GazetteText

/// The rules for real 公文, each shown on a document of the project's corpus other than the
/// one that prompted it (the file named in each test).
@Suite("Real 公文: heads, signatures, frames and rosters")
struct RealDocumentTests {
    func document(_ file: String) throws -> OfficialDocument {
        let url = Fixtures.root.appendingPathComponent("Tests/Corpus/texts/\(file)")
        let text = try PlainTextGazette.decode(Array(try Data(contentsOf: url)), file: file)
        let issue = try PlainTextGazette.parse(text, file: file)
        return try #require(issue.documents.first)
    }

    /// A document of `../shared/corpus-wide`, the texts the reader was never tuned to.
    func wideDocument(_ file: String) throws -> OfficialDocument {
        let url = Fixtures.shared.appendingPathComponent("corpus-wide/texts/\(file)")
        let text = try PlainTextGazette.decode(Array(try Data(contentsOf: url)), file: file)
        return try #require(try PlainTextGazette.parse(text, file: file).documents.first)
    }

    func rosters(_ document: OfficialDocument) -> [Roster] {
        var found: [Roster] = []
        document.walk { section, _ in
            for case .roster(let roster) in section.blocks { found.append(roster) }
        }
        return found
    }

    @Test("A roster straight under the title opens the body; a name alone on its line sits under the label above (临安; no second document yet)")
    func rosterUnderTheTitle() throws {
        let linan = try wideDocument("linan_xinyong_jianshe_lingdaoxiaozu_roster_2013.txt")
        #expect(linan.title == "临安市人民政府办公室关于成立临安市信用建设工作领导小组的通知")
        let entries = try #require(rosters(linan).first).entries
        #expect(entries.prefix(4).map { "\($0.role) \($0.name)" } == ["组长 李文钢", "副组长 冯镭", "副组长 沈慧", "副组长 何洪明"])
        #expect(entries.count == 46 && entries.last?.name == "胡廖明")
    }

    @Test("A label the roster defines alone on its line, its members below (上海 土壤污染责任人认定委员会 专职工作人员; no second document yet)")
    func definedLabelAlone() throws {
        let shanghai = try wideDocument("sh_turang_zerenren_rending_weiyuanhui_roster_2022.txt")
        let entries = rosters(shanghai).flatMap(\.entries)
        #expect(entries.filter { $0.role == "专职工作人员" }.map(\.name) == ["何赟", "胡进", "赵方", "王胤"])
        // The 专家组 label is followed by a sentence, not names: the roster ends there.
        #expect(!entries.contains { $0.role == "专家组" })
    }

    @Test("Paragraphs a copy glued onto one line are cut where spaces stand between Chinese (prompted by 通化, shown on 山东)")
    func gluedParagraphs() throws {
        let shandong = try document("shandong_weifa_yongdi_zhengzhi_2010.txt")
        #expect(shandong.title == "山东省人民政府办公厅关于印发全面开展2010年度违法违规用地专项整治行动工作方案的通知")
        #expect(shandong.issuer == "山东省人民政府办公厅")
        #expect(shandong.date == "2010-12-29")
        #expect(PlainTextGazette.unglued(["张三 区财政局局长"]) == ["张三 区财政局局长"])
        #expect(PlainTextGazette.unglued(["各位代表 2020年 《报告》 已经 通过"]) == ["各位代表 2020年 《报告》 已经 通过"])
    }

    @Test("A roster printed without spaces between name and post (prompted by 福建; shown on a 市 roster of the same print)")
    func gluedRoster() throws {
        let fujian = try document("fujian_canjiren_chouyangdiaocha_lingdaoxiaozu_2005.txt")
        let entries = try #require(rosters(fujian).first).entries
        #expect(entries.count == 17)
        #expect(entries.prefix(3).map { "\($0.role) \($0.name) \($0.affiliation)" } == ["组长 陈芸 副省长", "副组长 黄琪玉 省政府副秘书长", "副组长 蔡元庭 省残联理事长"])
        let city = try #require(RosterLines.read(["主任:王强市长", "副主任:李明副市长", "张晓伟市财政局局长", "刘平市民政局副局长", "为做好此项工作，特此通知。"]))
        #expect(city.entries.map { "\($0.role) \($0.name) \($0.affiliation)" } == ["主任 王强 市长", "副主任 李明 副市长", "副主任 张晓伟 市财政局局长", "副主任 刘平 市民政局副局长"])
        // Spaced rosters are not read as glued: a continuation stays a continuation.
        let spaced = try #require(RosterLines.read(["成 员：吴振峰 区财政局党组成员、副局长、二级主任科员、淄博经济", "开发区大学城园区管委会财务金融部部长"]))
        #expect(spaced.entries.map(\.name) == ["吴振峰"])
    }

    @Test("Site banners and welcome lines are chrome; a title wraps under a metadata block; any organ heading a title issues it")
    func framesAndHeads() throws {
        let guangzhou = try document("guangzhou_zhaoshang_yinjian_jiangli_2004.txt")
        #expect(guangzhou.title.hasPrefix("广州市对外贸易经济合作局关于实施"))
        #expect(guangzhou.issuer == "广州市对外贸易经济合作局")
        #expect(try document("qingdao_jiaoyuju_mangxiao_lianxihuiyi_2011.txt").issuer == "青岛市教育局")
        let dacheng = try document("dacheng_jiechu_chengse_yujing_2017.txt")
        #expect(dacheng.title == "关于解除重污染天气橙色预警的通知" && dacheng.issuer == "大城县人民政府应急管理办公室")
        #expect(try document("guangdong_dawanqu_kejichuangxin_lingdaoxiaozu_2019.txt").title
                == "广东省人民政府办公厅关于成立广东省推进粤港澳大湾区国际科技创新中心建设领导小组的通知")
    }

    @Test("An organ and its date on one line are a signature (辛集, 微山); traditional organ names sign too (國務院辦公廳)")
    func signaturesOnOneLine() throws {
        let xinji = try document("xinji_zhongwuran_yingjiyuan_2018.txt")
        #expect(xinji.date == "2018-11-10")
        let weishan = try document("weishan_zhongwuran_yingjiyuan_2019_opening.txt")
        #expect(weishan.issuer == "微山县人民政府办公室")
        #expect(weishan.date == "2019-09-22")
        #expect(try document("gov_jingjipucha_lingdaoxiaozu_2013_big5.txt").issuer == "國務院辦公廳")
        #expect(PlainTextGazette.splitSignature("微山县人民政府办公室 2019年9月22日") == ["微山县人民政府办公室", "2019年9月22日"])
        #expect(PlainTextGazette.splitSignature("经研究同意 2019年9月22日起施行") == ["经研究同意 2019年9月22日起施行"])
    }

    @Test("HTML line breaks left in a text are line breaks; lines without Chinese are the site's (上海 吴淞江)")
    func breaksAndForeignLines() throws {
        let notice = try document("shanghai_wusongjiang_lianxihuiyi_2016.txt")
        #expect(notice.number == "沪府办〔2016〕63号")
        #expect(notice.title == "上海市人民政府办公厅关于建立上海市吴淞江工程（上海段）联席会议的通知")
        #expect(notice.date == "2016-07-25")
        #expect(rosters(notice).first?.entries.count == 13)
    }

    @Test("A 文号 in parentheses under the title; the title's head names the issuer (prompted by a 淄政发 line)")
    func parenthesisedNumber() throws {
        let notice = try document("jiaxing_huhanggaotie_lingdaoxiaozu_2009.txt")
        #expect(notice.number == "嘉政办发〔2009〕37号")
        #expect(notice.title == "嘉兴市人民政府办公室关于成立嘉兴市沪杭高铁客运专线建设领导小组的通知")
        #expect(notice.issuer == "嘉兴市人民政府办公室")
    }

    @Test("The 文号 above a title that wraps; joint issuers side by side in the signature (prompted by 鹤政发)")
    func jointSignature() throws {
        let opinion = try document("lincang_pochan_fuyuan_liandong_2023.txt")
        #expect(opinion.issuer == "临沧市人民政府、临沧市中级人民法院")
    }

    @Test("A title over two lines of a double-spaced page, a notice under it in parentheses (prompted by 淄博 第11期)")
    func doubleSpacedTitle() throws {
        let plan = try document("zibo_zhongwuran_yingjiyuan_2017_opening.txt")
        #expect(plan.title == "关于印发淄博市重污染天气应急预案的通知")
        #expect(plan.number == "淄政办字〔2017〕147号")
        #expect(plan.issuer == "淄博市人民政府办公厅")
        #expect(plan.date == "2017-11-14")
    }

    @Test("A date in Chinese numerals under the signature (prompted by 国办函〔2005〕57号)")
    func chineseNumeralDate() throws {
        let notice = try document("dongguan_gonggongweisheng_lingdaoxiaozu_2003.txt")
        #expect(notice.date == "2003-12-16")
        #expect(notice.issuer == "东莞市人民政府办公室")
        #expect(DateLine.parse("二〇一九年十二月二十九日") == "2019-12-29")
        #expect(DateLine.parse("二OO八年六月三十日") == "2008-06-30")
    }

    @Test("A signature with a （…代） line (prompted by the 淄博 alert lift)")
    func onBehalfSignature() throws {
        let lines = ["关于解除黄色预警的通知", "", "各有关单位：", "现解除黄色预警。", "", "某县重污染天气应急指挥部办公室", "（某县生态环境分局代）", "2025年1月24日"]
            .enumerated().map { SourceLine(number: $0.offset + 1, printed: $0.element) }
        let block = try #require(SignatureBlock.find(in: lines, from: 3, to: lines.count))
        #expect(block.issuer == "某县重污染天气应急指挥部办公室")
        #expect(block.date == "2025-01-24")
    }

    @Test("A 文号 in traditional characters (prompted by 國辦發〔2013〕30號)")
    func traditionalNumber() throws {
        let notice = try document("tulufan_guojiazhiwuyuan_zhuanban_2023.txt")
        #expect(notice.number == "吐政辦函〔2023〕47號")
    }

    @Test("A front matter block of key: value lines gives number, title and date where the print is silent (prompted by 沪崇府发)")
    func frontMatter() throws {
        let plan = try document("sh_jiading_gongyequ_dixiakongjian_yingjiyuan_2025.txt")
        #expect(plan.number == "嘉工管委发〔2025〕9号")
        #expect(plan.issuer == "上海嘉定工业区管理委员会")
        #expect(plan.date == "2025-10-12")
    }

    @Test("A disclosure table of label | value cells (prompted by 索引号 blocks of KEY：VALUE)")
    func disclosureTable() throws {
        let notice = try document("lianshui_cunliang_tudi_panhuo_2021.txt")
        #expect(notice.number == "涟政办发〔2021〕12号")
    }

    @Test("Chrome lines are dropped: a breadcrumb is never a title (prompted by 当前位置：首页 |)")
    func chrome() throws {
        let notice = try document("ningdu_pochan_fuyuan_liandong_2021.txt")
        #expect(notice.title == "关于印发《宁都县企业破产处置府院联动机制工作方案》的通知")
    }

    @Test("A preamble sentence first: no title is invented (prompted by 济宁)")
    func noTitle() throws {
        let rules = try document("zhaoshang_datong_yinzi_jiangli_banfa_opening.txt")
        #expect(rules.title == "")
        #expect(rules.number == nil)
    }

    @Test("Several names on one line, with 、 or spaces (prompted by 遂昌)")
    func nameLists() throws {
        let entries = rosters(try document("changzhou_hutangzhen_nongcungonglu_lingdaoxiaozu_2008.txt")).flatMap(\.entries)
        #expect(entries.map(\.name) == ["王伟华", "王晓剑", "谭志新", "闵成", "马梅红", "许小建", "范金洪"])
        #expect(entries.map(\.role) == ["组长", "副组长", "副组长", "成员", "成员", "成员", "成员"])
        let listed = rosters(try document("huanggang_feichangshejigou_tiaozheng_2007.txt")).flatMap(\.entries)
        #expect(listed.filter { $0.role == "副主任" }.map(\.name) == ["卢焱群", "龙福清", "杨智", "蔡德坤"])
    }

    @Test("NAME（UNIT TITLE） under a label alone (prompted by 肇庆)")
    func bracketedNames() throws {
        let entries = rosters(try document("dongguan_gonggongweisheng_lingdaoxiaozu_2003.txt")).flatMap(\.entries)
        #expect(entries.map(\.name) == ["张顺彩", "周华驹", "洪耀坚", "何伟森", "钟超", "陈锐康", "黎小成", "卢沛超"])
        #expect(entries.first?.affiliation == "市政府副市长")
    }

    @Test("Sub-headings inside a label keep its role (prompted by 国家教材委员会)")
    func subheadings() throws {
        let lines = ["委  员：", "（一）部门委员", "张某某  市财政局副局长", "（二）专家委员", "李某  某大学教授", "三、工作机构", "办公室设在市教育局。"]
        let (entries, consumed) = try #require(RosterLines.read(lines))
        #expect(entries.map(\.name) == ["张某某", "李某"])
        #expect(entries.map(\.role) == ["委员", "委员"])
        #expect(consumed == 5)
    }

    @Test("An indented NAME TITLE line is a member, not a label (prompted by 汉阳)")
    func indentedMember() throws {
        #expect(RosterLines.classify("        王小虎  副主任") == .members([.init(name: "王小虎", affiliation: "副主任")]))
    }

    @Test("The body is named by the sentence that sets it up (prompted by 汉阳's 成立X，组成人员名单如下)")
    func bodyNames() {
        #expect(Bodies.named(in: "经研究，决定成立钟楼区党政机关办公用房管理工作领导小组。现将有关事项通知如下：").first
                == "钟楼区党政机关办公用房管理工作领导小组")
        #expect(Bodies.named(in: "国务院决定对国家教材委员会组成人员进行调整。").first == "国家教材委员会")
        #expect(Bodies.named(in: "上海市人民政府关于成立上海现代农业产业园(横沙东滩)开发建设管理委员会的通知").first
                == "上海现代农业产业园（横沙东滩）开发建设管理委员会")
        #expect(Bodies.named(in: "根据《淄博市反洗钱工作联席会议制度》要求", introducedOnly: true).isEmpty)
    }

    @Test("A body set up by 成立由…为成员的X: the name follows the clause of its members (prompted by 微山, shown on 济宁)")
    func bodyAfterItsMembers() {
        #expect(Bodies.named(in: "县政府成立由县委副书记、县长任组长，县直有关部门单位和各乡镇（街道）、开发区主要负责人为成员的微山县重污染天气应急工作领导小组（以下简称县领导小组），负责指挥。", introducedOnly: true)
                == ["微山县重污染天气应急工作领导小组"])
        #expect(Bodies.named(in: "（一）组织机构。成立由市委副书记、市长任组长，市直有关部门、单位和各县（市、区）主要负责人为成员的济宁市重污染天气应急工作领导小组（以下简称“市领导小组”），负责指挥、协调。", introducedOnly: true)
                == ["济宁市重污染天气应急工作领导小组"])
        // Without the founding verb before the clause, nothing is set up.
        #expect(Bodies.named(in: "各部门主要负责人为成员的济宁市重污染天气应急工作领导小组负责指挥。", introducedOnly: true).isEmpty)
    }

    @Test("Members named in a sentence, post before name (prompted by the 亚残运会 letter, shown on the 亚洲杯 letter)")
    func proseRosters() {
        let roleFirst = ProseRoster.entries(in: "组委会主席由中国残联主席张海迪、体育总局局长苟仲文、浙江省人民政府省长袁家军担任，执行主席由中国残联理事长周长奎、体育总局副局长李建明、浙江省人民政府副省长冯飞担任。", shortForms: ["组委会"])
        #expect(roleFirst.map { "\($0.role)|\($0.name)|\($0.affiliation)" } == [
            "主席|张海迪|中国残联主席", "主席|苟仲文|体育总局局长", "主席|袁家军|浙江省人民政府省长",
            "执行主席|周长奎|中国残联理事长", "执行主席|李建明|体育总局副局长", "执行主席|冯飞|浙江省人民政府副省长",
        ])
        let roleLast = ProseRoster.entries(in: "一、同意成立2023年亞足聯亞洲杯中國組委會(以下簡稱組委會),由體育總局局長茍仲文、北京市市長陳吉寧擔任主席,體育總局副局長杜兆才擔任執行主席。", shortForms: ["組委會"])
        #expect(roleLast.map { "\($0.role)|\($0.name)" } == ["主席|茍仲文", "主席|陳吉寧", "執行主席|杜兆才"])
        // Posts without names (微山's 县长任组长) and duties given to units are no roster.
        #expect(ProseRoster.entries(in: "组长由县长担任，联络员由各成员单位相关业务处室一名负责同志担任。", shortForms: []).isEmpty)
    }

    @Test("Unit lists inside a task line never overlap (a crash on 淄川's （牵头单位：…；责任单位：…）)")
    func unitLists() {
        let text = "加快推进项目建设。（牵头单位：区发改局；责任单位：各镇、街道，区财政局）"
        let mentions = UnitLists.mentions(in: text)
        #expect(mentions.map(\.label) == ["牵头单位", "责任单位"])
        #expect(zip(mentions, mentions.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
    }
}

@Suite("Whether a text is a 公文 at all")
struct RecognitionTests {
    @Test("Any one element of a 公文 is enough; an ordinary sentence has none")
    func evidence() throws {
        let undated = try PlainTextGazette.parse("关于做好秋季防火工作的通知\n\n各镇、街道：\n\n请做好防火工作。\n", file: "a.txt")
        #expect(Recognition.evidence(of: try #require(undated.documents.first)) == ["title"])
        let sentence = try PlainTextGazette.parse("这是一段普通文字\n", file: "b.txt")
        #expect(Recognition.evidence(of: try #require(sentence.documents.first)).isEmpty)
        #expect(throws: InputError.self) { try Recognition.check(sentence, text: "这是一段普通文字", file: "b.txt", lineCount: 1) }
    }
}
