import Foundation

/// A list of members as printed (组成人员名单): who holds which role, and for which unit.
public struct Roster: Hashable, Sendable, Codable {
    public var entries: [RosterEntry]

    public init(entries: [RosterEntry]) {
        self.entries = entries
    }
}

/// One line of a roster.
public struct RosterEntry: Hashable, Sendable, Codable {
    /// The role label as printed, spaces removed: `总召集人`, `成员`.
    public var role: String
    /// The person's name, spaces removed.
    public var name: String
    /// Unit and titles as printed (continuation lines joined), spaces removed.
    public var affiliation: String

    public init(role: String, name: String, affiliation: String) {
        self.role = role
        self.name = name
        self.affiliation = affiliation
    }

    public var printed: String { "\(role)：\(name) \(affiliation)" }
}

/// Reads roster lines from plain text, in the layouts real rosters use:
/// - `LABEL：NAME TITLE` (`总召集人：赵学 区委常委…`), the label letter-spaced (`组  长：`) or in
///   traditional characters (`組長：`);
/// - a label alone (`成员：`, `召 集 人`) with the names on the lines below, indented or not;
/// - several names on one line (`副组长：朱建英、雷永春`, `成 员：闵 成 马梅红 许小建`);
/// - `NAME（UNIT TITLE）` or `NAME(TITLE)`;
/// - sub-headings inside a label (`委  员：` then `（一）部门委员`);
/// - titles that wrap onto the next line;
/// - any label the text defines, once a roster has begun (`专职工作人员：张某 …`).
public enum RosterLines {
    /// Words a role label ends with. A roster begins with a label that ends with one of them.
    public static let roleEndings = [
        "召集人", "组长", "指挥长", "成员", "主任", "委员", "负责人", "书记", "秘书长", "联络员", "主席", "队长", "总指挥",
        "组員", "組長", "成員", "委員", "指揮長", "總指揮", "秘書長", "聯絡員", "隊長", "主任委員",
    ]

    /// A person named on a roster line.
    public struct Member: Equatable, Sendable {
        public var name: String
        /// Unit and titles as printed, spaces removed; empty when the line names only the person.
        public var affiliation: String

        public init(name: String, affiliation: String) {
            self.name = name
            self.affiliation = affiliation
        }
    }

    public enum Line: Equatable, Sendable {
        /// `总召集人：赵学 区委常委…`, `副组长：王晓剑 谭志新`, or `成员：` alone (no members).
        case role(label: String, members: [Member])
        /// `王继磊 人民银行淄博市中心支行反洗钱科科长` or `卢焱群、龙福清` under the last label.
        case members([Member])
    }

    /// Classifies one raw line (spaces as printed). Nil when it is not a roster line.
    public static func classify(_ raw: String) -> Line? {
        classify(raw, labelsDefinedByText: false)
    }

    /// With `labelsDefinedByText`, any short label followed by names counts (inside a roster).
    static func classify(_ raw: String, labelsDefinedByText: Bool) -> Line? {
        let line = stripBullet(raw)
        // A role label is short: only a colon near the start can end one.
        if let colon = line.prefix(16).firstIndex(where: { $0 == "：" || $0 == ":" }) {
            let label = Normalize.label(String(line[..<colon]))
            let rest = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            let known = isRoleLabel(label)
            guard known || (labelsDefinedByText && isDefinedLabel(label) && !rest.isEmpty) else { return nil }
            if rest.isEmpty { return .role(label: label, members: []) }
            guard let members = members(in: rest, allowBare: true) else { return nil }
            return .role(label: label, members: members)
        }
        // A label alone on its line, without a colon: `召 集 人`, `成员`. (Running text is long:
        // these checks look at the first few characters only.)
        if line.dropFirst(12).isEmpty {
            let tokens = line.split(whereSeparator: \.isWhitespace)
            let bare = Normalize.label(line)
            if tokens.count == 1 || tokens.allSatisfy({ $0.count == 1 }), isRoleLabel(bare), bare.count <= 6 {
                return .role(label: bare, members: [])
            }
        }
        // A member line starts with a name, then a space, a bracket or a list mark: running text,
        // which has none of them so early, is not read further.
        guard line.prefix(16).contains(where: { $0.isWhitespace || "、，,；;（(".contains($0) }),
              let members = members(in: line, allowBare: false) else { return nil }
        return .members(members)
    }

    /// A line that only continues the titles of the line above (no name, no sentence).
    public static func isContinuation(_ raw: String) -> Bool {
        let line = stripBullet(raw)
        guard !line.isEmpty, line.count <= 40 else { return false }
        guard !line.contains(where: { $0.isWhitespace }) else { return false }
        guard !line.contains(where: { "。，：:；;".contains($0) }), SectionNumber.leading(Normalize.text(line)) == nil else { return false }
        return line.unicodeScalars.allSatisfy { Normalize.isHan($0) || "、（）()0-9".unicodeScalars.contains($0) }
    }

    public static func isRoleLabel(_ label: String) -> Bool {
        guard (2...8).contains(label.count), label.unicodeScalars.allSatisfy(Normalize.isHan) else { return false }
        return roleEndings.contains { label.hasSuffix($0) }
    }

    /// A label the text defines inside a roster: short, Chinese, not a heading of duties.
    static func isDefinedLabel(_ label: String) -> Bool {
        (2...8).contains(label.count) && label.unicodeScalars.allSatisfy(Normalize.isHan)
            && !["单位", "部门", "职责", "任务", "地址", "电话", "时间", "措施", "目标", "内容", "要求"].contains { label.hasSuffix($0) }
    }

    static func stripBullet(_ raw: String) -> String {
        var line = raw.unicodeScalars.contains("\u{3000}") ? raw.replacingOccurrences(of: "\u{3000}", with: " ") : raw
        line = line.trimmingCharacters(in: .whitespaces)
        if let first = line.first, "-–•·*".contains(first) {
            line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        return line
    }

    // MARK: - Names

    /// The people a roster line names, in the layouts listed above; nil when it names none.
    /// `allowBare` (after a label) accepts a name with nothing after it and a name glued to its
    /// unit (`赵学区委常委…`).
    static func members(in text: String, allowBare: Bool) -> [Member]? {
        if let list = nameList(text, allowBare: allowBare) { return list }
        if let member = bracketed(text) { return [member] }
        return nameAndAffiliation(text, allowBare: allowBare).map { [Member(name: $0.0, affiliation: $0.1)] }
    }

    /// `朱建英、雷永春、林建立` or `闵 成 马梅红 许小建 范金洪`: names and nothing else.
    static func nameList(_ text: String, allowBare: Bool) -> [Member]? {
        let byMark = text.split(whereSeparator: { "、，,；;".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        if byMark.count > 1 {
            var members: [Member] = []
            for piece in byMark {
                if let member = bracketed(piece) { members.append(member); continue }
                let name = Normalize.personName(piece)
                guard isNameLike(name) else { return nil }
                members.append(Member(name: name, affiliation: ""))
            }
            // Under no label, a list needs one bracket or a bare context: `王某、李某` alone is a name list.
            return members
        }
        let tokens = pairedTokens(text)
        guard tokens.count > 1, tokens.allSatisfy(isNameLike) else { return nil }
        return tokens.map { Member(name: $0, affiliation: "") }
    }

    /// Tokens split at spaces, with letter-spaced two-character names joined (`闵 成` → `闵成`).
    static func pairedTokens(_ text: String) -> [String] {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var result: [String] = []
        var index = 0
        while index < tokens.count {
            if tokens[index].count == 1, index + 1 < tokens.count, tokens[index + 1].count == 1 {
                result.append(tokens[index] + tokens[index + 1])
                index += 2
            } else {
                result.append(tokens[index])
                index += 1
            }
        }
        return result
    }

    /// The last characters of titles and units: a token ending so is not a name.
    static let titleEndings: Set<Character> = [
        "长", "任", "员", "记", "理", "师", "委", "局", "办", "部", "处", "科", "所", "站", "院", "厅", "队", "组", "会", "司",
        "席", "官", "助", "府", "心", "室", "行", "校", "团", "社", "庭", "人", "表", "导", "監", "長", "員", "記",
    ]

    /// Two or three Chinese characters (four for a two-character surname, more with `·` for names
    /// transcribed from Uyghur or Tibetan), not ending like a title.
    public static func isNameLike(_ name: String) -> Bool {
        guard let last = name.last, !titleEndings.contains(last) else { return false }
        if name.contains("·") {
            return (3...16).contains(name.count) && name.unicodeScalars.allSatisfy { Normalize.isHan($0) || $0 == "·" }
        }
        guard name.unicodeScalars.allSatisfy(Normalize.isHan) else { return false }
        if name.count == 4 { return compoundSurnames.contains { name.hasPrefix($0) } }
        return (2...3).contains(name.count)
    }

    static let compoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯", "端木", "西门", "独孤", "南宫"]

    /// `刘惠祥(市委常委、常务副市长)`, `何伟森（市市政局）`, `张 三 （区财政局局长）`.
    static func bracketed(_ text: String) -> Member? {
        let compact = Normalize.personName(text)
        guard let open = compact.firstIndex(where: { $0 == "（" || $0 == "(" }), let last = compact.last, last == "）" || last == ")" else { return nil }
        let name = String(compact[..<open])
        guard isNameLike(name) else { return nil }
        let inside = compact[compact.index(after: open) ..< compact.index(before: compact.endIndex)]
        return Member(name: name, affiliation: Normalize.key(String(inside)))
    }

    /// `刘 伟 区委副书记…` → (`刘伟`, `区委副书记…`); `王继磊 人民银行…` → (`王继磊`, `人民银行…`).
    static func nameAndAffiliation(_ text: String, allowBare: Bool) -> (String, String)? {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = tokens.first, first.unicodeScalars.allSatisfy(Normalize.isHan) else { return nil }
        var name: String
        var rest: ArraySlice<String>
        if first.count == 1 {
            guard tokens.count >= 2, tokens[1].count == 1, tokens[1].unicodeScalars.allSatisfy(Normalize.isHan) else { return nil }
            name = first + tokens[1]
            rest = tokens.dropFirst(2)
        } else if (2...3).contains(first.count) || (first.count == 4 && (isNameLike(first) || !allowBare || splitGlued(first) == nil)) {
            name = first
            rest = tokens.dropFirst()
        } else if allowBare, let split = splitGlued(first) {
            // `赵学区委常委…` printed without a space: only a known-length split is safe, so we
            // take two characters when the rest starts like a unit (`区`, `市`, `县`).
            (name, rest) = (split.0, [split.1] + tokens.dropFirst())
        } else {
            return nil
        }
        let affiliation = Normalize.key(rest.joined())
        if affiliation.isEmpty && !allowBare { return nil }
        if affiliation.contains("。") { return nil }
        if let lead = affiliation.unicodeScalars.first, !Normalize.isHan(lead) { return nil }
        return (name, affiliation)
    }

    /// Where a unit or a title can begin: a name ends right before one of these.
    static let affiliationStarts: Set<Character> = ["区", "市", "县", "镇", "省", "副", "国", "中", "州", "乡", "街", "自", "团"]

    /// `陈芸副省长`, `蔡元庭省残联理事长`: a name of two characters when a unit or a title starts at
    /// the third, else of three when one starts at the fourth.
    static func splitGlued(_ token: String) -> (String, String)? {
        let characters = Array(token)
        guard characters.count > 3 else { return nil }
        if affiliationStarts.contains(characters[2]) { return (String(characters[..<2]), String(characters[2...])) }
        guard characters.count > 4, affiliationStarts.contains(characters[3]) else { return nil }
        return (String(characters[..<3]), String(characters[3...]))
    }

    // MARK: - Rosters

    /// A sub-heading that groups the members of one label (`（一）部门委员`, `1.部门委员`).
    static func isSubheading(_ raw: String) -> Bool {
        var key = Normalize.key(stripBullet(raw))
        // `（二）专家委员（按姓氏笔划为序）`: a note after the heading.
        if key.hasSuffix("）"), let open = key.lastIndex(of: "（"), open != key.startIndex { key = String(key[..<open]) }
        guard (3...14).contains(key.count), !key.contains(where: { "。，；：:".contains($0) }) else { return false }
        let opener = key.first.map { "（(一二三四五六七八九十0123456789".contains($0) } ?? false
        return opener && (key.hasSuffix("委员") || key.hasSuffix("成员") || key.hasSuffix("单位") || key.hasSuffix("人员"))
    }

    /// Reads consecutive roster lines into entries. Blank lines may sit between entries.
    /// Returns nil when the first line is not a roster line.
    public static func read(_ lines: [String]) -> (entries: [RosterEntry], consumed: Int)? {
        var entries: [RosterEntry] = []
        var role: String?
        var consumed = 0
        var lastWasEntry = false
        // A roster printed without spaces between names and posts (`组长:陈芸副省长`): its
        // following lines are glued the same way, not continuations of the line before.
        var glued = false
        var index = 0
        while index < lines.count {
            let raw = lines[index]
            if raw.trimmingCharacters(in: .whitespaces).isEmpty {
                index += 1
                lastWasEntry = false
                continue
            }
            switch classify(raw, labelsDefinedByText: role != nil) {
            case .role(let label, let members)?:
                role = label
                entries += members.map { RosterEntry(role: label, name: $0.name, affiliation: $0.affiliation) }
                lastWasEntry = !members.isEmpty
                let value = raw.split(whereSeparator: { $0 == "：" || $0 == ":" }).dropFirst().joined()
                glued = members.count == 1 && !members[0].affiliation.isEmpty && !value.trimmingCharacters(in: .whitespaces).contains(where: \.isWhitespace)
            case .members(let members)? where role != nil:
                entries += members.map { RosterEntry(role: role!, name: $0.name, affiliation: $0.affiliation) }
                lastWasEntry = true
            case nil where glued && role != nil && gluedMember(raw) != nil:
                let member = gluedMember(raw)!
                entries.append(RosterEntry(role: role!, name: member.name, affiliation: member.affiliation))
                lastWasEntry = true
            default:
                if role != nil, lastWasEntry, let member = soleName(raw) {
                    entries.append(RosterEntry(role: role!, name: member.name, affiliation: ""))
                } else if role != nil, let label = definedLabelAlone(raw), nextIsMember(lines, after: index) {
                    role = label
                    lastWasEntry = false
                } else if lastWasEntry, isContinuation(raw), !entries.isEmpty, entries[entries.count - 1].affiliation.count > 0 || isContinuationOfBare(raw) {
                    entries[entries.count - 1].affiliation += Normalize.key(stripBullet(raw))
                } else if role != nil, isSubheading(raw), nextIsMember(lines, after: index) {
                    // The label's members go on under the sub-heading.
                    lastWasEntry = false
                } else {
                    return entries.isEmpty ? nil : (entries, consumed)
                }
            }
            index += 1
            consumed = index
        }
        return entries.isEmpty ? nil : (entries, consumed)
    }

    /// `沈 慧`, `李文钢`: a name alone on its line, letter-spaced or not, under the label above
    /// (`副组长：冯 镭` then `沈 慧`). A title's wrapped end does not read as a name (it ends like
    /// a title: `副市长`, `区委`).
    static func soleName(_ raw: String) -> Member? {
        let line = stripBullet(raw)
        guard line.count <= 8, !line.contains(where: { "：:、，,（(".contains($0) }) else { return nil }
        let name = Normalize.personName(line)
        return isNameLike(name) ? Member(name: name, affiliation: "") : nil
    }

    /// `专职工作人员：` alone on its line inside a roster: a label the text defines, whose members
    /// follow on the lines below.
    static func definedLabelAlone(_ raw: String) -> String? {
        let line = stripBullet(raw)
        guard let last = line.last, last == "：" || last == ":", line.count <= 17 else { return nil }
        let label = Normalize.label(String(line.dropLast()))
        return isDefinedLabel(label) ? label : nil
    }

    /// `蔡元庭省残联理事长`: a name glued to a post that ends like one.
    static func gluedMember(_ raw: String) -> Member? {
        let compact = Normalize.personName(stripBullet(raw))
        guard compact.count <= 30, compact.unicodeScalars.allSatisfy({ Normalize.isHan($0) || "、（）()".unicodeScalars.contains($0) }),
              // The post that starts right after is the evidence here: a name may end like a title (`蔡元庭`).
              let (name, affiliation) = splitGlued(compact), name.unicodeScalars.allSatisfy(Normalize.isHan),
              let last = affiliation.last, titleEndings.contains(last)
        else { return nil }
        return Member(name: name, affiliation: affiliation)
    }

    /// A bare name's line is followed by its titles only when they read as titles.
    static func isContinuationOfBare(_ raw: String) -> Bool {
        let key = Normalize.key(stripBullet(raw))
        return key.count >= 4 && !isNameLike(key)
    }

    static func nextIsMember(_ lines: [String], after index: Int) -> Bool {
        guard let next = lines[(index + 1)...].first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return false }
        if case .members? = classify(next, labelsDefinedByText: true) { return true }
        return false
    }
}
