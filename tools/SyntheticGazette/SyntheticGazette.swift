import GazetteModel

/// Realistic synthetic gazette issues for tests and benchmarks: counties, monthly issues,
/// notices that set up joint meetings with rosters, tasks with responsible units, and duties.
/// Deterministic: the same seed gives the same archive.
public struct SyntheticGazette: Sendable {
    public var seed: UInt64
    public var documentsPerIssue: Int
    public var membersPerRoster: Int
    /// How many paragraphs of running text each document carries (the bulk of real issues).
    public var paragraphsPerDocument: Int

    public init(seed: UInt64 = 2020, documentsPerIssue: Int = 5, membersPerRoster: Int = 18, paragraphsPerDocument: Int = 30) {
        self.seed = seed
        self.documentsPerIssue = documentsPerIssue
        self.membersPerRoster = membersPerRoster
        self.paragraphsPerDocument = paragraphsPerDocument
    }

    static let hanDigits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
    static let givenNames = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红斌波辉宁晶鹏飞鑫浩宇晨婷雪琳")
    static let units = [
        "区发展改革局", "区工业和信息化局", "区财政局", "区自然资源局", "区生态环境分局", "区住房城乡建设局", "区交通运输局",
        "区水利局", "区农业农村局", "区商务局", "区市场监管局", "区税务局", "区法院", "区检察院", "区公安分局", "区民政局",
        "区司法局", "区人力资源社会保障局", "区行政审批服务局", "区地方金融监管局", "区应急管理局", "区卫生健康局", "区教育和体育局",
    ]
    static let titles = ["局长", "副局长", "党组成员、副局长", "主任", "副主任", "四级调研员"]
    static let subjects = ["安全生产", "食品安全", "防汛抗旱", "优化营商环境", "乡村振兴", "文明城市创建", "河长制", "扫黑除恶", "招商引资", "城市更新"]
    static let sentences = [
        "各成员单位要按照职责分工，加强协作配合，形成工作合力，确保各项任务落到实处。",
        "建立健全工作台账，明确责任单位、完成时限和工作措施，实行挂账销号管理。",
        "对工作推进不力、问题整改不到位的单位，由区政府进行通报，情节严重的依规依纪追究责任。",
        "各镇（街道）要结合实际制定具体实施方案，于每季度末向工作专班办公室报送工作进展情况。",
        "充分发挥牵头单位作用，定期召开工作调度会议，研究解决工作推进中的重大问题。",
    ]

    /// A small, fast, seedable generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    }

    /// The issue `number` of `year` of county `county` (1-based), as documents.
    public func issue(county: Int, year: Int, number: Int) -> GazetteIssue {
        var random = Random(state: seed &+ UInt64(county) &* 1_000_003 &+ UInt64(year) &* 101 &+ UInt64(number))
        // Han digits keep every county's 文号 apart (周一三六县政办字〔2020〕3号).
        let place = "周" + String(county).map { Self.hanDigits[Int(String($0))!] }.joined() + "县"
        var documents: [OfficialDocument] = []
        for index in 1...documentsPerIssue {
            let subject = random.pick(Self.subjects)
            let serial = (number - 1) * documentsPerIssue + index
            let day = min(28, random.int(1...28))
            let date = CivilDate(year: year, month: number, day: day)!
            let bodyName = "\(place)\(subject)工作联席会议"
            var entries: [RosterEntry] = []
            for member in 0..<membersPerRoster {
                let name = String(random.pick(Self.surnames)) + String(random.pick(Self.givenNames)) + (random.int(0...1) == 0 ? "" : String(random.pick(Self.givenNames)))
                let role = member == 0 ? "总召集人" : member < 3 ? "副总召集人" : "成员"
                entries.append(RosterEntry(role: role, name: name, affiliation: random.pick(Self.units) + random.pick(Self.titles)))
            }
            let paragraphs = (0..<paragraphsPerDocument).map { _ in Block.paragraph(Paragraph(text: random.pick(Self.sentences))) }
            let tasks = (1...3).map { task -> Section in
                let units = (0..<3).map { _ in random.pick(Self.units) }
                let text = "责任单位：" + units.joined(separator: "、")
                return Section(number: SectionNumber(level: 2, label: SectionNumber.chinese(task)), heading: "\(subject)重点任务\(task)",
                               blocks: [.paragraph(Paragraph(text: "工作措施：" + random.pick(Self.sentences))),
                                        .paragraph(Paragraph(text: text, organizations: UnitNames(aliases: []).listedUnits(in: text)))])
            }
            let body = [
                Section(role: .notice, blocks: [.paragraph(Paragraph(text: "《\(bodyName)制度》已经县政府同意，现印发给你们，请遵照执行。"))]),
                Section(heading: "\(bodyName)制度", role: .enclosure, blocks: [], children: [
                    Section(number: SectionNumber(level: 1, label: "一"), heading: "联席会议组成人员", blocks: [
                        .roster(Roster(entries: entries)),
                        .paragraph(Paragraph(text: "联席会议办公室设在\(random.pick(Self.units))，\(entries[3].name)同志兼任办公室主任。")),
                    ]),
                    Section(number: SectionNumber(level: 1, label: "二"), heading: "主要任务", blocks: paragraphs, children: tasks),
                ]),
            ]
            documents.append(OfficialDocument(
                number: "\(place)政办字〔\(year)〕\(serial)号", title: "关于印发《\(bodyName)制度》的通知",
                issuer: "\(place)人民政府办公室", date: date.description, addressees: "各镇政府、街道办事处，县政府有关部门",
                scope: "（此件公开发布）", body: body
            ))
        }
        return GazetteIssue(title: "\(place)人民政府公报", year: year, number: number, documents: documents)
    }
}

/// Renders documents the way a gazette's PDF text reads: masthead, contents, then each document
/// with its header, 文号, addressees, body, signature, date and scope.
public enum GazetteTextRenderer {
    public static func render(_ issue: GazetteIssue) -> String {
        var lines: [String] = []
        if let title = issue.title { lines += [title, ""] }
        if let year = issue.year, let number = issue.number { lines += ["\(year) 第 \(number) 期", "", "目 录", ""] }
        for document in issue.documents { lines += ["\(document.issuer ?? "")\(document.title)……(1)", ""] }
        for document in issue.documents {
            lines += [document.issuer ?? "", document.title, document.number ?? "", ""]
            if let addressees = document.addressees { lines.append(addressees + "：") }
            for section in document.body where section.role == .notice { lines += section.blocks.map(\.text) + [""] }
            lines += [document.issuer ?? "", "", document.date.map(printedDate) ?? "", ""]
            if let scope = document.scope { lines += [scope, ""] }
            for section in document.body where section.role == .enclosure {
                if let heading = section.heading { lines += [heading, ""] }
                render(section.children, into: &lines)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func render(_ sections: [Section], into lines: inout [String]) {
        for section in sections {
            lines.append((section.number?.printed ?? "") + (section.heading ?? ""))
            lines.append("")
            for block in section.blocks {
                switch block {
                case .paragraph(let paragraph): lines += [paragraph.text, ""]
                case .roster(let roster):
                    var previous: String?
                    for entry in roster.entries {
                        lines.append(entry.role == previous ? "\(entry.name) \(entry.affiliation)" : "\(entry.role)：\(entry.name) \(entry.affiliation)")
                        previous = entry.role
                    }
                    lines.append("")
                }
            }
            render(section.children, into: &lines)
        }
    }

    static func printedDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        return parts.count == 3 ? "\(parts[0])年\(parts[1])月\(parts[2])日" : iso
    }
}
