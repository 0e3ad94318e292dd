/// Standing bodies (联席会议, 工作专班, 应急指挥部 …): how their names and roles read in print.
public enum Bodies {
    /// The word a body's name ends with, and the kind of body it makes.
    public static let kinds: [(suffix: String, kind: String)] = [
        ("联席会议", "joint-meeting"), ("工作专班", "task-force"), ("应急指挥部", "command"), ("指挥部", "command"),
        ("领导小组", "leading-group"), ("委员会", "committee"), ("组委会", "committee"), ("管委会", "committee"),
        ("工作组", "working-group"), ("专班", "task-force"), ("小组", "group"),
        ("聯席會議", "joint-meeting"), ("領導小組", "leading-group"), ("委員會", "committee"), ("指揮部", "command"), ("專班", "task-force"), ("組委會", "committee"),
    ]

    /// Verbs that set a body up or change it; a body's name starts right after one.
    static let settingUp = ["成立了", "建立了", "设立了", "成立", "建立", "设立", "组建", "调整", "保留", "撤销", "充实", "关于", "印发", "决定对", "现对", "拟对", "现将",
                            "調整", "設立", "關于", "關於", "撤銷"]
    /// `（以下简称…）`, the words that give a body's short form.
    public static let shortFormMarkers = ["以下简称", "以下簡稱"]
    /// Words after a body's name that introduce its roster (`X组成人员名单如下`, `X由…组成`).
    static let rosterFollows = ["组成人员", "成员名单", "人员名单", "成员如下", "名单如下", "由", "組成人員", "成員"]

    /// The bodies a sentence or a title sets up, adjusts or names (`决定成立X（以下简称…）`,
    /// `关于调整X组成人员的通知`, `X组成人员名单如下`, `X由…组成`), in order, with the ones a
    /// verb introduces first. A name runs back from its kind word (领导小组, 联席会议 …) to the
    /// verb or the punctuation before it; brackets and quotes inside it are kept
    /// (`上海现代农业产业园(横沙东滩)开发建设管理委员会`).
    public static func named(in text: String) -> [String] {
        named(in: text, introducedOnly: false)
    }

    /// With `introducedOnly`, only the names a verb introduces or a roster follows: a sentence
    /// may cite other bodies (`《淄博市反洗钱工作联席会议制度》`).
    public static func named(in text: String, introducedOnly: Bool) -> [String] {
        let key = Normalize.key(text)
        let characters = Array(key)
        var introduced: [String] = []
        var others: [String] = []
        var end = 0
        while end < characters.count {
            end += 1
            guard let suffix = kinds.map(\.suffix).filter({ end >= $0.count && String(characters[(end - $0.count) ..< end]) == $0 })
                    .max(by: { $0.count < $1.count }) else { continue }
            // The longest kind word ending a little later wins (`领导小组` over `小组`, `…委员会` over `委员`).
            if end < characters.count, kinds.contains(where: { kind in
                kind.suffix.count > suffix.count && end + kind.suffix.count - suffix.count <= characters.count
                    && String(characters[(end - suffix.count) ..< (end - suffix.count + kind.suffix.count)]) == kind.suffix
            }) { continue }
            var start = end - suffix.count
            var verb = false
            while start > 0 {
                let before = String(characters[..<start])
                if settingUp.contains(where: { before.hasSuffix($0) }) { verb = true; break }
                if "，,。；;：:《》〈〉、\n".contains(characters[start - 1]) { break }
                start -= 1
            }
            var name = Substring(String(characters[start ..< end]))
            // `成立由县长任组长，…主要负责人为成员的X`: the founding verb stands before the clause
            // that lists who sits on the body; the name is what follows its last `为成员的`.
            if !verb, let members = name.range(of: "为成员的", options: .backwards) {
                let sentence = String(characters[..<start]).split(separator: "。", omittingEmptySubsequences: false).last ?? ""
                if ["成立由", "成立以", "组建由", "组建以", "设立由", "设立以"].contains(where: sentence.contains) {
                    name = name[members.upperBound...]
                    verb = true
                }
            }
            // `X（以下简称领导小组）`: the short form is not the name.
            if shortFormMarkers.contains(where: name.contains) { continue }
            while let first = name.first, "“\"「".contains(first), !name.dropFirst().contains(where: { "”\"」".contains($0) }) { name = name.dropFirst() }
            guard name.count >= suffix.count + 2, !["各", "该", "本", "此", "全", "其"].contains(where: { name.hasPrefix($0) }) else { continue }
            let after = String(characters[end...].prefix(6))
            if verb || rosterFollows.contains(where: { after.hasPrefix($0) }) { introduced.append(String(name)) } else { others.append(String(name)) }
        }
        var seen = Set<String>()
        return (introduced + (introducedOnly ? [] : others)).filter { seen.insert($0).inserted }
    }

    /// Words a roster's title adds after the body's name (`…组成人员名单`).
    static let rosterTitleEndings = ["组成人员名单", "成员名单", "人员名单", "组成人员", "名单", "成员"]

    /// The body a roster belongs to, from the roster's title (an attachment title or a section
    /// heading), widened with the document's titles when the heading uses a short form
    /// (`联席会议组成人员` inside `周村区反洗钱工作联席会议制度` → `周村区反洗钱工作联席会议`).
    public static func name(rosterTitle: String, context: [String]) -> (name: String, kind: String) {
        var name = Normalize.key(rosterTitle)
        var trimmed = true
        while trimmed {
            trimmed = false
            for ending in rosterTitleEndings where name.hasSuffix(ending) && name.count > ending.count {
                name = String(name.dropLast(ending.count))
                trimmed = true
            }
        }
        if name.count <= 6 {
            for title in context.map(Normalize.key) {
                guard let range = title.range(of: name) else { continue }
                var widened = String(title[..<range.upperBound])
                for opener in ["《", "关于印发", "关于建立", "关于成立", "关于调整", "关于"] {
                    if let cut = widened.range(of: opener, options: .backwards) { widened = String(widened[cut.upperBound...]) }
                }
                if widened.count > name.count { name = widened; break }
            }
        }
        return (name, kind(of: name))
    }

    /// A body's name split into the region that heads it (`周村区`, `淄博市周村区`, `区`, or none)
    /// and the rest, which says what the body is.
    public static func regionAndCore(_ name: String) -> (region: String, core: String) {
        var region = ""
        var rest = Substring(name)
        while let marker = rest.prefix(7).firstIndex(where: { "省市区县旗镇乡".contains($0) }),
              rest.distance(from: marker, to: rest.endIndex) > 6 {
            // `街道` ends a region too; `区` inside a word such as `区域` does not.
            let end = rest.index(after: marker)
            if rest[end...].hasPrefix("域") { break }
            region += rest[..<end]
            rest = rest[end...]
        }
        return (region, String(rest))
    }

    /// A roster's rule that its seats go with the post, not the person: `成员如有变动，由现履职人员
    /// 自行替补，不再另行发文`, `由其所在单位接任领导自然替补`.
    public static func seatsGoWithPost(_ text: String) -> Bool {
        let key = Normalize.key(text)
        return (key.contains("替补") || key.contains("接任")) && (key.contains("变动") || key.contains("调整"))
            && !RosterChanges.seatChanges(in: key).contains { $0.kind == .join }
    }

    public static func kind(of name: String) -> String {
        kinds.first { name.hasSuffix($0.suffix) }?.kind ?? "body"
    }

    /// A stable code for a role label as printed.
    public static func roleCode(_ label: String) -> String {
        if let code = roleCodes[label] { return code }
        if label.hasPrefix("副"), let base = roleCodes[String(label.dropFirst())] { return "deputy-" + base }
        let longestFirst = roleCodes.sorted { ($0.key.count, $0.key) > ($1.key.count, $1.key) }
        if let (suffix, code) = longestFirst.first(where: { label.hasSuffix($0.key) }) {
            return "\(code):\(label.dropLast(suffix.count))"
        }
        return "role:\(label)"
    }

    static let roleCodes: [String: String] = [
        "总召集人": "chief-convener", "召集人": "convener", "第一召集人": "first-convener", "成员": "member",
        "组长": "leader", "指挥长": "commander", "总指挥": "commander", "主任": "director", "主任委员": "chair",
        "委员": "member", "工作组负责人": "working-group-lead", "负责人": "lead", "秘书长": "secretary-general",
        "联络员": "liaison", "主席": "chair", "书记": "secretary",
    ]
}
