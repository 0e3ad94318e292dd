import Testing
import GazetteModel
import TestSupport
@testable import GazetteText

@Suite("The sample issue, 2020 第9期, from its PDF text")
struct SeedIssueTests {
    let issue: GazetteIssue

    init() throws {
        issue = try PlainTextGazette.parse(try Fixtures.seed(), file: "seed")
    }

    @Test("Masthead and table of contents")
    func masthead() {
        #expect(issue.title == "淄博市周村区人民政府公报")
        #expect(issue.year == 2020)
        #expect(issue.number == 9)
        #expect(issue.contents.map(\.page) == [1, 4, 8, 14, 19])
        #expect(issue.contents.first?.category == "区政府文件")
        #expect(issue.contents.last?.category == "区政府办公室文件")
    }

    @Test("Exactly five documents, with their 文号, issuers, titles, dates and scope")
    func documents() {
        #expect(issue.documents.map(\.number) == [
            "周政发〔2020〕37号", "周政办字〔2020〕35号", "周政办字〔2020〕37号", "周政办字〔2020〕38号", "周政办字〔2020〕39号",
        ])
        #expect(issue.documents.map(\.issuer) == ["周村区人民政府"] + Array(repeating: "周村区人民政府办公室", count: 4))
        #expect(issue.documents.map(\.title) == [
            "关于印发关于落实“六个一”平台招引新机制的政策措施的通知",
            "关于印发《周村区反洗钱工作联席会议制度》的通知",
            "关于印发周村区土地问题综合整治方案的通知",
            "关于建立企业破产处置协调联动机制的意见",
            "关于印发周村区重污染天气应急预案的通知",
        ])
        #expect(issue.documents.map(\.date) == ["2020-10-12", "2020-10-10", "2020-10-12", "2020-10-13", "2020-10-17"])
        #expect(issue.documents.map(\.scope) == [nil, "（此件公开发布）", "（此件依申请公开）", "（此件公开发布）", "（此件公开发布）"])
        #expect(issue.documents[3].name == "opinion")
        #expect(issue.documents[1].addressees == "各镇政府、街道办事处、周村经济开发区管委会，区政府有关部门，有关单位")
    }

    @Test("A 文号 cited inside the text is not the document's own, but a repealed one is recorded")
    func citedNumbers() {
        let numbers = issue.documents.compactMap(\.number)
        #expect(!numbers.contains("淄政办发〔2007〕99号"))
        #expect(!numbers.contains("淄政办字〔2020〕68号"))
        #expect(issue.documents[4].replaces == ["周政办字〔2019〕44号"])
        #expect(issue.documents[0].replaces.isEmpty)
    }

    @Test("Attachments with their labels and titles, one of them without its 附件 line")
    func attachments() {
        #expect(issue.documents[2].attachments.map(\.label) == ["附件"])
        #expect(issue.documents[3].attachments.map(\.title) == ["周村区企业破产处置协调联动机制联席会议组成人员名单", "企业破产处置相关协调事项职责分工"])
        #expect(issue.documents[4].attachments.map(\.label) == ["附件1", "附件2", "附件3"])
        #expect(issue.documents[4].attachments[2].title == "周村区重污染天气应急指挥部成员单位工作职责")
        #expect(issue.documents[4].attachments[2].body.count == 13)
    }

    func section(_ document: OfficialDocument, _ clause: String) -> Section? {
        var found: Section?
        document.walk { section, citation in
            if found == nil, citation.clause == clause { found = section }
        }
        return found
    }

    @Test("The clause tree: 一、 （一） 1. （1） ①, with headings split from their text")
    func hierarchy() throws {
        let plan = issue.documents[4]
        #expect(plan.enclosureTitle == "周村区重污染天气应急预案")
        #expect(try #require(section(plan, "四(一)")).heading == "预警分级")
        let red = try #require(section(plan, "四(一)3"))
        #expect(red.heading == nil)
        #expect(red.text.hasPrefix("红色预警：预测 AQI 日均值 > 200将持续4天（96小时）及以上"))
        #expect(try #require(section(plan, "五(三)4(1)③")).heading == "强制性污染减排措施")
        #expect(try #require(section(plan, "五(三)4(1)③")).text.contains("分别达到10%以上"))
        let land = issue.documents[2]
        #expect(try #require(section(land, "二(一)1")).heading == "坚决遏制“增量”")
        #expect(try #require(section(land, "二(六)15")).text.contains("责任单位：区自然资源局、区农业农村局，各镇、街道，周村经济开发区"))
    }

    @Test("Sentences and words broken across lines and blank lines are joined")
    func brokenLines() throws {
        let incentives = issue.documents[0]
        #expect(try #require(section(incentives, "二(二)")).text.contains("投资过亿元项目、重点产业链条上的"))
        #expect(try #require(section(incentives, "二(三)")).text.contains("登记注册500万元（合同外资50万美元）以上，依法纳税"))
        let land = issue.documents[2]
        #expect(try #require(section(land, "二(一)1")).text.hasSuffix("各镇、街道，周村经济开发区"))
        #expect(try #require(section(land, "四(二)")).text.contains("区自然资源局承担区工作专班办公室职责"))
        let matters = issue.documents[3].attachments[1]
        #expect(matters.body[7].text.hasSuffix("（联动部门：区法院、区公安分局、区信访局）"))
    }

    @Test("Rosters: every member with role, name and unit, including wrapped titles and names with spaces")
    func rosters() throws {
        var rosters: [[RosterEntry]] = []
        for document in issue.documents {
            document.walk { section, _ in
                for case .roster(let roster) in section.blocks { rosters.append(roster.entries) }
            }
        }
        #expect(rosters.map(\.count) == [18, 16, 18, 17])
        let aml = rosters[0]
        #expect(aml.prefix(3).map(\.role) == ["总召集人", "副总召集人", "副总召集人"])
        #expect(aml.contains(RosterEntry(role: "成员", name: "高东", affiliation: "区住房城乡建设局副局长")))
        #expect(aml.first { $0.name == "吴振峰" }?.affiliation == "区财政局党组成员、副局长、二级主任科员、淄博经济开发区大学城园区管委会财务金融部部长")
        #expect(rosters[3].first?.role == "指挥长")
        #expect(rosters[3].first?.name == "刘伟")
        #expect(rosters[2].filter { $0.role == "总召集人" }.map(\.name) == ["赵学", "谢宜冰"])
    }
}

@Suite("Other texts and bad input")
struct TextInputTests {
    @Test("A single document with a two-line title and a roster of another government")
    func singleDocument() throws {
        let text = """
            某市人民政府办公室
            关于调整某市安全生产委员会
            组成人员的通知
            某政办发〔2022〕8号

            各区县人民政府，市政府各部门：
            根据工作需要，现将有关事项通知如下（依据《某某规定》（国发〔2021〕3号））。
            一、组成人员
            主任委员：
            李　明　市政府市长
            副主任委员：王 芳 市政府副市长
            委 员：赵刚 市应急管理局局长
            工作组负责人：周强 市审计局局长
            二、办公室
            委员会办公室设在市应急管理局，赵刚同志兼任办公室主任。

            某市人民政府办公室
            2022年3月1日
            """
        let issue = try PlainTextGazette.parse(text, file: "single.txt")
        let document = try #require(issue.documents.first)
        #expect(issue.documents.count == 1)
        #expect(document.number == "某政办发〔2022〕8号")
        #expect(document.issuer == "某市人民政府办公室")
        #expect(document.title == "关于调整某市安全生产委员会组成人员的通知")
        #expect(document.date == "2022-03-01")
        var entries: [RosterEntry] = []
        document.walk { section, _ in for case .roster(let roster) in section.blocks { entries += roster.entries } }
        #expect(entries.map(\.role) == ["主任委员", "副主任委员", "委员", "工作组负责人"])
        #expect(entries.map(\.name) == ["李明", "王芳", "赵刚", "周强"])
    }

    @Test("Invalid UTF-8 is refused with its line and column")
    func invalidUTF8() {
        var bytes = Array("第一行\n第二行ab".utf8)
        bytes.append(0xB8)  // a GBK byte in a UTF-8 file
        bytes += Array("c\n".utf8)
        #expect(throws: InputError(file: "bad.txt", line: 2, column: 6, message: "byte 0xB8 is not valid UTF-8; convert the file to UTF-8 first")) {
            try PlainTextGazette.decode(bytes, file: "bad.txt")
        }
    }

    @Test("Empty files and NUL bytes are refused")
    func emptyAndBinary() {
        #expect(throws: InputError.self) { try PlainTextGazette.parse("\n \n", file: "empty.txt") }
        #expect(throws: InputError(file: "nul.txt", line: 1, column: 2, message: "a NUL byte: the file is not text")) {
            try PlainTextGazette.decode([0x41, 0x00, 0x42], file: "nul.txt")
        }
    }

    @Test("Control characters are refused where they stand; form feeds are page breaks")
    func controlCharacters() throws {
        // Found by the text fuzzer: U+000E went through to the XML, where it is illegal.
        #expect(throws: InputError(file: "c.txt", line: 2, column: 1, message: "the control character U+000E")) {
            try PlainTextGazette.decode(Array("标题\n".utf8) + [0x0E] + Array("各单位：\n".utf8), file: "c.txt")
        }
        #expect(try PlainTextGazette.decode(Array("第一页\u{0C}第二页".utf8), file: "f.txt") == "第一页\n第二页")
    }

    @Test("A text without any 文号 is one document titled by its first line")
    func noNumber() throws {
        let issue = try PlainTextGazette.parse("某某工作制度\n\n一、总则\n为做好工作，制定本制度。\n", file: "rules.txt")
        #expect(issue.documents.count == 1)
        #expect(issue.documents[0].title == "某某工作制度")
        #expect(issue.documents[0].number == nil)
        #expect(issue.documents[0].body.first?.number?.label == "一")
    }
}
