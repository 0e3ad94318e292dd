import Testing
@testable import GazetteModel

@Suite("Normalisation of PDF text")
struct NormalizationTests {
    @Test("Spaces inside names go, ASCII and ideographic alike")
    func personNames() {
        #expect(Normalize.personName("高 东") == "高东")
        #expect(Normalize.personName("高\u{3000}东") == "高东")
        #expect(Normalize.personName(" 刘  伟 ") == "刘伟")
        #expect(Normalize.label("召 集 人") == "召集人")
    }

    @Test("Half-width punctuation beside Chinese becomes full-width; spaces between Chinese and digits go")
    func runningText() {
        #expect(Normalize.text("美元)以上,依法纳税") == "美元）以上，依法纳税")
        #expect(Normalize.text("总投资 5000 万元（实际到位外资 500 万美元）") == "总投资5000万元（实际到位外资500万美元）")
        #expect(Normalize.text("重点行业 and 重点时段") == "重点行业 and 重点时段")
        #expect(Normalize.text("AQI > 200") == "AQI > 200")
        #expect(Normalize.text("ＡＱＩ１２３") == "AQI123")
    }

    @Test("A run of half-width punctuation is widened whole, so that text read again is unchanged (a fuzzer's find)")
    func punctuationRuns() {
        #expect(Normalize.text("方案&;;;\u{200D}的通知") == "方案&；；；的通知", "the run before 的, each of it, not only its last")
        #expect(Normalize.text("会议;(一)") == "会议；（一）")
        for raw in ["关于印发<\u{301}方案&;;;;;;;;\u{200D}的通知<\u{301}要求。", "的 ; ;x", "a; ;的", "x,  的", "AQI > 200", "（一）a,b，c"] {
            let once = Normalize.text(raw)
            #expect(Normalize.text(once) == once, "\(raw.debugDescription)")
        }
    }

    @Test("NFC still applies where it changes something: compatibility ideographs, combining marks")
    func nfc() {
        #expect(Normalize.text("\u{F900}") == "\u{8C48}")
        #expect(Normalize.text("Cafe\u{301}") == "Caf\u{E9}")
        #expect(Normalize.personName("\u{F9A8} 明") == "\u{4EE4}明")
    }

    @Test("The white-space test agrees with Unicode's White_Space property on every scalar")
    func whiteSpace() {
        let disagreements = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            Normalize.isWhitespace($0) != $0.properties.isWhitespace
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map { String($0.value, radix: 16) })")
        #expect(Normalize.isWhitespace("\u{3000}") && Normalize.isWhitespace("\t") && !Normalize.isWhitespace("高"))
    }

    @Test("Text that is already normalised stays as it is")
    func idempotent() {
        let samples = ["美元)以上,依法纳税", "高 东 区住房城乡建设局副局长", "SO₂ 和 NO_x 的减排比例", "（1）厂房补助。"]
        for sample in samples {
            let once = Normalize.text(sample)
            #expect(Normalize.text(once) == once)
        }
    }
}

@Suite("文号")
struct DocumentNumberTests {
    @Test("Every bracket variant parses to the same number", arguments: [
        "周政办字〔2020〕39号", "周政办字[2020]39号", "周政办字(2020)39号", "周政办字［2020］39号", "周政办字（2020）39号",
        "周政办字 〔2020〕 39 号", "周政办字【2020】39号",
    ])
    func brackets(_ printed: String) throws {
        let number = try #require(DocumentNumber(printed))
        #expect(number.issuerCode == "周政办字")
        #expect(number.year == 2020)
        #expect(number.serial == 39)
        #expect(number.canonical == "周政办字〔2020〕39号")
    }

    @Test("Not a 文号", arguments: ["周政办字2020年39号", "〔2020〕39号", "周政办字〔20〕39号", "周政办字〔2020〕号", "关于印发的通知"])
    func rejects(_ text: String) {
        #expect(DocumentNumber(text) == nil)
    }

    @Test("Numbers cited inside a sentence are found in order")
    func citedInText() {
        let text = "依据《关于印发〈淄博市反洗钱工作联席会议制度〉的通知》（淄政办发〔2007〕99号）、（淄政办字〔2019〕78号）"
        #expect(DocumentNumber.all(in: text).map(\.canonical) == ["淄政办发〔2007〕99号", "淄政办字〔2019〕78号"])
    }
}

@Suite("Clause numbering and citations")
struct CitationTests {
    @Test("Numbers at the start of a line, each level", arguments: [
        ("一、总体要求", 1, "一", "总体要求"), ("（一）预警分级", 2, "一", "预警分级"), ("(三)大力优化", 2, "三", "大力优化"),
        ("1. 黄色预警", 3, "1", "黄色预警"), ("12.开展“回头看”", 3, "12", "开展“回头看”"), ("（1）厂房补助", 4, "1", "厂房补助"),
        ("①公众防护措施", 5, "①", "公众防护措施"), ("十二、明确管理人职责定位", 1, "十二", "明确管理人职责定位"),
    ])
    func leading(_ line: String, _ level: Int, _ label: String, _ rest: String) throws {
        let (number, remainder) = try #require(SectionNumber.leading(Normalize.text(line)))
        #expect(number.level == level)
        #expect(number.label == label)
        #expect(remainder == rest)
    }

    @Test("Years and amounts are not clause numbers", arguments: ["2020年底前处置完成50%", "500万元以上", "10月12日前", "3.5倍"])
    func notNumbers(_ line: String) {
        #expect(SectionNumber.leading(line) == nil)
    }

    @Test("A citation prints and parses back")
    func printAndParse() throws {
        let citation = Citation(document: "周政办字〔2020〕39号", path: [
            SectionNumber(level: 1, label: "四"), SectionNumber(level: 2, label: "一"), SectionNumber(level: 3, label: "2"),
        ])
        #expect(citation.description == "周政办字〔2020〕39号 四(一)2")
        #expect(Citation(parsing: citation.description) == citation)
        let inAttachment = Citation(document: "周政办字〔2020〕38号", attachment: "附件2", path: [SectionNumber(level: 1, label: "三")])
        #expect(inAttachment.description == "周政办字〔2020〕38号 附件2 三")
        #expect(Citation(parsing: "周政办字〔2020〕38号 附件2 三") == inAttachment)
        #expect(Citation(parsing: "周政办字〔2020〕39号 五(三)4(1)③")?.path.map(\.level) == [1, 2, 3, 4, 5])
    }
}

@Suite("Units: other names, lists, affiliations")
struct UnitNameTests {
    let units = UnitNames.standard

    @Test("Other names resolve to one canonical unit")
    func aliases() {
        #expect(units.canonical("人民银行淄博中心支行") == "人民银行淄博市中心支行")
        #expect(units.canonical("人民银行淄博市中心支行") == "人民银行淄博市中心支行")
        #expect(units.canonical("区发展改革委") == "区发展改革局")
        #expect(units.canonical("周村区投资促进中心") == "区投资促进中心")
        #expect(units.canonical("区 税务局") == "区税务局")
    }

    @Test("A list of responsible units, with 各镇、街道 as one collective")
    func list() {
        #expect(units.list("区自然资源局、区农业农村局、区法院，各镇、街道，周村经济开发区")
                == ["区自然资源局", "区农业农村局", "区法院", "各镇（街道）", "周村经济开发区"])
    }

    @Test("Unit and titles of a roster line", arguments: [
        ("区财政局党组成员、副局长、二级主任科员", "区财政局", ["党组成员", "副局长", "二级主任科员"]),
        ("人民银行淄博市中心支行反洗钱科科长", "人民银行淄博市中心支行", ["反洗钱科科长"]),
        ("区政府办公室副主任、区政府政策研究指导服务中心主任", "区政府办公室", ["副主任", "区政府政策研究指导服务中心主任"]),
        ("区公安分局党委委员、副局长", "区公安分局", ["党委委员", "副局长"]),
        ("周村交警大队大队长", "周村交警大队", ["大队长"]),
        ("区人力资源社会保障局党组成员、主任科员", "区人力资源社会保障局", ["党组成员", "主任科员"]),
    ])
    func affiliation(_ printed: String, _ unit: String, _ titles: [String]) {
        let affiliation = units.affiliation(printed)
        #expect(affiliation.unit == unit)
        #expect(affiliation.titles == titles)
    }
}

@Suite("Roster lines")
struct RosterLineTests {
    @Test("Role labels with spaces, bullets, names padded with spaces")
    func classify() {
        #expect(RosterLines.classify("成 员：田乃荣 区纪委副书记、区监委副主任")
                == .role(label: "成员", members: [.init(name: "田乃荣", affiliation: "区纪委副书记、区监委副主任")]))
        #expect(RosterLines.classify("- 指挥长：刘 伟 区委副书记、区政府区长")
                == .role(label: "指挥长", members: [.init(name: "刘伟", affiliation: "区委副书记、区政府区长")]))
        #expect(RosterLines.classify("高　东　区住房城乡建设局副局长") == .members([.init(name: "高东", affiliation: "区住房城乡建设局副局长")]))
        #expect(RosterLines.classify("召 集 人") == .role(label: "召集人", members: []))
        #expect(RosterLines.classify("第一召集人：张三 区政府区长") == .role(label: "第一召集人", members: [.init(name: "张三", affiliation: "区政府区长")]))
    }

    @Test("Sentences, headings and unit duties are not roster lines", arguments: [
        "责任单位：区自然资源局、区农业农村局", "区融媒体中心：参与反洗钱工作的宣传教育工作。", "工作措施：严格贯彻落实",
        "附件 2", "2020 第 9 期", "联席会议办公室设在区地方金融监管局，裴继涛同志兼任办公室主任。",
    ])
    func notRoster(_ line: String) {
        #expect(RosterLines.classify(line) == nil)
    }

    @Test("A roster with a label alone on its line, blank lines, and titles that wrap")
    func read() throws {
        let lines = [
            "主任委员：", "李 明 市政府副市长", "", "副主任委员：王 芳 市财政局局长", "委 员：赵 刚 市司法局党组成员、副局长、淄博经济",
            "开发区管委会主任", "孙 丽 市商务局副局长", "工作组负责人：周 强 市审计局局长", "", "办公室设在市财政局。",
        ]
        let (entries, consumed) = try #require(RosterLines.read(lines))
        #expect(consumed == 8)
        #expect(entries.map(\.role) == ["主任委员", "副主任委员", "委员", "委员", "工作组负责人"])
        #expect(entries.map(\.name) == ["李明", "王芳", "赵刚", "孙丽", "周强"])
        #expect(entries[2].affiliation == "市司法局党组成员、副局长、淄博经济开发区管委会主任")
    }
}

@Suite("Dates and fingerprints")
struct CivilDateTests {
    @Test("Day arithmetic and weekdays")
    func arithmetic() throws {
        let date = try #require(CivilDate("2020-09-30"))
        #expect(date.adding(days: 1).description == "2020-10-01")
        #expect(date.weekday == 3)
        #expect(CivilDate("2020-02-29") != nil)
        #expect(CivilDate("2021-02-29") == nil)
        #expect(CivilDate("2020-13-01") == nil)
        #expect(try #require(CivilDate("2021-01-01")).adding(days: -1).description == "2020-12-31")
        #expect(CivilDate(dayNumber: try #require(CivilDate("2024-03-01")).dayNumber).description == "2024-03-01")
    }

    @Test("SHA-256 matches the FIPS test vectors")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("Role codes are stable")
    func roleCodes() {
        #expect(Bodies.roleCode("总召集人") == "chief-convener")
        #expect(Bodies.roleCode("副总召集人") == "deputy-chief-convener")
        #expect(Bodies.roleCode("副指挥长") == "deputy-commander")
        #expect(Bodies.roleCode("主任委员") == "chair")
        #expect(Bodies.name(rosterTitle: "联席会议组成人员", context: ["周村区反洗钱工作联席会议制度"]).name == "周村区反洗钱工作联席会议")
        #expect(Bodies.name(rosterTitle: "周村区重污染天气应急指挥部成员名单", context: []).kind == "command")
    }
}
