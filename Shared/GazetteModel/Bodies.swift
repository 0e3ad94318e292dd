/// Standing bodies (联席会议, 工作专班, 应急指挥部 …): how their names and roles read in print.
public enum Bodies {
    /// The word a body's name ends with, and the kind of body it makes.
    public static let kinds: [(suffix: String, kind: String)] = [
        ("联席会议", "joint-meeting"), ("工作专班", "task-force"), ("应急指挥部", "command"), ("指挥部", "command"),
        ("领导小组", "leading-group"), ("委员会", "committee"), ("工作组", "working-group"), ("专班", "task-force"),
        ("小组", "group"),
    ]

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
