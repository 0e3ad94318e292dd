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

/// Reads roster lines from plain text: role labels (`总召集人：`, `成 员：`, `召 集 人`), a label
/// alone on its line with names below, names padded with spaces (`高 东`), and titles that wrap
/// onto the next line.
public enum RosterLines {
    /// Words a role label ends with. A label must end with one of them to count as a role.
    public static let roleEndings = [
        "召集人", "组长", "指挥长", "成员", "主任", "委员", "负责人", "书记", "秘书长", "联络员", "主席", "队长", "总指挥",
    ]

    public enum Line: Equatable, Sendable {
        /// `总召集人：赵学 区委常委…` or `成员：` alone (name nil).
        case role(label: String, name: String?, affiliation: String)
        /// `王继磊 人民银行淄博市中心支行反洗钱科科长` under the last role.
        case member(name: String, affiliation: String)
    }

    /// Classifies one raw line (spaces as printed). Nil when it is not a roster line.
    public static func classify(_ raw: String) -> Line? {
        let line = stripBullet(raw)
        // A role label is short: only a colon near the start can end one.
        if let colon = line.prefix(16).firstIndex(where: { $0 == "：" || $0 == ":" }) {
            let label = Normalize.label(String(line[..<colon]))
            let rest = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            guard isRoleLabel(label) else { return nil }
            if rest.isEmpty { return .role(label: label, name: nil, affiliation: "") }
            guard let (name, affiliation) = nameAndAffiliation(rest, allowBare: true) else { return nil }
            return .role(label: label, name: name, affiliation: affiliation)
        }
        // A label alone on its line, without a colon: `召 集 人`. (Running text is long: these
        // checks look at the first few characters only.)
        if line.dropFirst(12).isEmpty {
            let bare = Normalize.label(line)
            if isRoleLabel(bare), bare.count <= 6 { return .role(label: bare, name: nil, affiliation: "") }
        }
        // A member line starts with a name and a space: nothing longer comes first.
        guard line.prefix(5).contains(where: \.isWhitespace) else { return nil }
        guard let (name, affiliation) = nameAndAffiliation(line, allowBare: false) else { return nil }
        return .member(name: name, affiliation: affiliation)
    }

    /// A line that only continues the titles of the line above (no name, no sentence).
    public static func isContinuation(_ raw: String) -> Bool {
        let line = stripBullet(raw)
        guard !line.isEmpty, line.count <= 40 else { return false }
        guard !line.contains(where: { $0.isWhitespace }) else { return false }
        guard !line.contains(where: { "。，：:；;".contains($0) }) else { return false }
        return line.unicodeScalars.allSatisfy { Normalize.isHan($0) || "、（）()0-9".unicodeScalars.contains($0) }
    }

    static func isRoleLabel(_ label: String) -> Bool {
        guard (2...8).contains(label.count), label.unicodeScalars.allSatisfy(Normalize.isHan) else { return false }
        return roleEndings.contains { label.hasSuffix($0) }
    }

    static func stripBullet(_ raw: String) -> String {
        var line = raw.unicodeScalars.contains("\u{3000}") ? raw.replacingOccurrences(of: "\u{3000}", with: " ") : raw
        line = line.trimmingCharacters(in: .whitespaces)
        if let first = line.first, "-–•·*".contains(first) {
            line = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        return line
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
        } else if (2...4).contains(first.count) {
            name = first
            rest = tokens.dropFirst()
        } else if allowBare, let split = splitGlued(first) {
            // `赵学区委常委…` printed without a space: only a known-length split is safe, so we
            // take two characters when the rest starts like a unit (`区`, `市`, `县`).
            (name, rest) = (split.0, [split.1])
        } else {
            return nil
        }
        let affiliation = Normalize.key(rest.joined())
        if affiliation.isEmpty && !allowBare { return nil }
        if affiliation.contains("。") { return nil }
        if let lead = affiliation.unicodeScalars.first, !Normalize.isHan(lead) { return nil }
        return (name, affiliation)
    }

    static func splitGlued(_ token: String) -> (String, String)? {
        let characters = Array(token)
        guard characters.count > 3, "区市县镇".contains(characters[2]) else { return nil }
        return (String(characters[..<2]), String(characters[2...]))
    }

    /// Reads consecutive roster lines into entries. Blank lines may sit between entries.
    /// Returns nil when the first line is not a roster line.
    public static func read(_ lines: [String]) -> (entries: [RosterEntry], consumed: Int)? {
        var entries: [RosterEntry] = []
        var role: String?
        var consumed = 0
        var lastWasEntry = false
        var index = 0
        while index < lines.count {
            let raw = lines[index]
            if raw.trimmingCharacters(in: .whitespaces).isEmpty {
                index += 1
                lastWasEntry = false
                continue
            }
            switch classify(raw) {
            case .role(let label, let name, let affiliation)?:
                role = label
                if let name { entries.append(RosterEntry(role: label, name: name, affiliation: affiliation)) }
                lastWasEntry = name != nil
            case .member(let name, let affiliation)? where role != nil:
                entries.append(RosterEntry(role: role!, name: name, affiliation: affiliation))
                lastWasEntry = true
            default:
                if lastWasEntry, isContinuation(raw), !entries.isEmpty {
                    entries[entries.count - 1].affiliation += Normalize.key(stripBullet(raw))
                } else {
                    return entries.isEmpty ? nil : (entries, consumed)
                }
            }
            index += 1
            consumed = index
        }
        return entries.isEmpty ? nil : (entries, consumed)
    }
}
