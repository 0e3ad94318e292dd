import Foundation

/// A change to one seat that a notice prints instead of a whole new list: `王某同志任指挥长`,
/// `刘某同志不再担任指挥长`, `增补张某（区应急管理局局长）为成员`, `范某同志不再担任成员，由孙某同志
/// 接任`, `免去李某的副组长职务`, `赵某同志由副组长调整为组长`.
public struct SeatChange: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        /// Takes a seat (任, 接任), in the place of whoever held the role.
        case join
        /// A seat added to the list (增补 … 为).
        case add
        /// Leaves a seat (不再担任, 免去).
        case leave
        /// Keeps a seat in another role (调整为).
        case changeRole
    }

    public var kind: Kind
    public var name: String
    /// The role label as printed, spaces removed (`指挥长`). For `changeRole`, the new role.
    public var role: String
    /// For `changeRole`, the role left; for a successor (`由孙某同志接任`), the seat's holder before.
    public var previous: String?
    /// Unit and titles printed with the name (`区应急管理局局长`), for a new member.
    public var affiliation: String

    public init(kind: Kind, name: String, role: String, previous: String? = nil, affiliation: String = "") {
        self.kind = kind
        self.name = name
        self.role = role
        self.previous = previous
        self.affiliation = affiliation
    }
}

/// What happens to a whole body: it is abolished (`撤销X`, `X不再保留`) or renamed (`X更名为Y`).
public enum BodyEvent: Equatable, Sendable {
    case abolished(String)
    case renamed(from: String, to: String)
}

public enum RosterChanges {
    /// One person as a change prints them: a name, `同志` after it, and perhaps their unit and
    /// titles in brackets (`张强（区应急管理局局长）`).
    static let person = #"[\p{Han}·]{2,4}?(?:同志)?(?:[（(][^）)]{2,40}[）)])?"#
    /// Several people (`李四、王五同志`): one or more persons joined by `、`.
    static let people = "(" + person + "(?:、" + person + ")*)"
    /// A successor named after the post they hold (`周村交警大队大队长孙波同志`), or as a person.
    static let successor = #"由([^，,。；;由]{2,50}?)(?:同志)?"#
    /// A role label: no `同志` or `的` inside (they end the name before it).
    static let role = #"((?:(?!同志|的)\p{Han}){2,8}?)(?:职务)?"#
    static let end = #"(?=[，,。；;、]|$)"#

    /// How one stretch of a notice reads: the layout it names, and the changes it makes of the
    /// groups its expression captured.
    struct Rule: Sendable {
        /// The phrasing, as notices print it (`X不再担任Y，由Z同志接任`).
        var phrasing: String
        var pattern: Pattern
        var make: @Sendable ([String]) -> [SeatChange]?
    }

    /// The rules in the order they are tried on a clause; the first that matches claims it.
    static let rules: [Rule] = [
        Rule(phrasing: "X不再担任Y，由[单位职务]Z同志接任（接替）",
             pattern: Pattern("^" + people + "不再担任" + role + "[，,]" + successor + "(?:接任|接替)" + end), make: { match in
                 leaving(match[1], role: match[2]).flatMap { left in
                     successorOf(match[3]).map { left + [SeatChange(kind: .join, name: $0.name, role: match[2], previous: left.count == 1 ? left[0].name : nil, affiliation: $0.affiliation)] }
                 }
             }),
        Rule(phrasing: "免去X的Y职务，由Z同志接任",
             pattern: Pattern("^免去" + people + "的?" + role + "[，,]" + successor + "(?:接任|接替)" + end), make: { match in
                 leaving(match[1], role: match[2]).flatMap { left in
                     successorOf(match[3]).map { left + [SeatChange(kind: .join, name: $0.name, role: match[2], previous: left.count == 1 ? left[0].name : nil, affiliation: $0.affiliation)] }
                 }
             }),
        Rule(phrasing: "X不再担任Y，由Z同志任（担任）Y",
             pattern: Pattern("^" + people + "不再担任" + role + "[，,]" + successor + "(?:担任|任)" + role + end), make: { match in
                 leaving(match[1], role: match[2]).flatMap { left in
                     successorOf(match[3]).map { left + [SeatChange(kind: .join, name: $0.name, role: match[4], previous: match[4] == match[2] && left.count == 1 ? left[0].name : nil, affiliation: $0.affiliation)] }
                 }
             }),
        Rule(phrasing: "增补X（单位职务）为Y", pattern: Pattern("^增补" + people + "为" + role + end), make: { match in
            persons(match[1]).map { $0.map { SeatChange(kind: .add, name: $0.name, role: match[2], affiliation: $0.affiliation) } }
        }),
        Rule(phrasing: "X由Y调整为Z", pattern: Pattern("^" + people + "由" + role + "调整为" + role + end), make: { match in
            persons(match[1]).map { $0.map { SeatChange(kind: .changeRole, name: $0.name, role: match[3], previous: match[2]) } }
        }),
        Rule(phrasing: "X调整为Y", pattern: Pattern("^" + people + "调整为" + role + end), make: { match in
            persons(match[1]).map { $0.map { SeatChange(kind: .changeRole, name: $0.name, role: match[2]) } }
        }),
        Rule(phrasing: "免去X的Y职务", pattern: Pattern("^免去" + people + "的?" + role + end), make: { match in
            leaving(match[1], role: match[2])
        }),
        Rule(phrasing: "X不再担任Y", pattern: Pattern("^" + people + "不再担任" + role + end), make: { match in
            leaving(match[1], role: match[2])
        }),
        Rule(phrasing: "X接任Y（接替Y）", pattern: Pattern("^" + successor.replacingOccurrences(of: "由(", with: "(?:由)?(") + "(?:接任|接替)" + role + "(?:同志(?:的?职务)?)?" + end), make: { match in
            // `孙波接任范斌` succeeds a person; `孙波接任成员` takes a role.
            guard let new = successorOf(match[1]) else { return nil }
            if RosterLines.isNameLike(match[2]) && !RosterLines.isRoleLabel(match[2]) {
                return [SeatChange(kind: .join, name: new.name, role: "", previous: match[2], affiliation: new.affiliation)]
            }
            return [SeatChange(kind: .join, name: new.name, role: match[2], affiliation: new.affiliation)]
        }),
        Rule(phrasing: "（由）X同志任（担任）Y", pattern: Pattern("^(?:由)?" + people + "(?:担任|任)" + role + end), make: { match in
            persons(match[1]).map { $0.map { SeatChange(kind: .join, name: $0.name, role: match[2], affiliation: $0.affiliation) } }
        }),
    ]

    /// The people of a list (`李四、王五同志`, `张强（区应急管理局局长）`), or nil when one of them
    /// does not read as a name.
    static func persons(_ list: String) -> [(name: String, affiliation: String)]? {
        var result: [(name: String, affiliation: String)] = []
        for item in list.split(separator: "、") {
            var text = String(item)
            var affiliation = ""
            if let open = text.firstIndex(where: { $0 == "（" || $0 == "(" }) {
                affiliation = String(text[text.index(after: open)...].dropLast())
                text = String(text[..<open])
            }
            if text.hasSuffix("同志") { text.removeLast(2) }
            guard RosterLines.isNameLike(text) else { return nil }
            result.append((text, affiliation))
        }
        return result.isEmpty ? nil : result
    }

    static func leaving(_ list: String, role: String) -> [SeatChange]? {
        persons(list).map { $0.map { SeatChange(kind: .leave, name: $0.name, role: role) } }
    }

    /// A successor as printed after `由`: a person (`孙波同志`, `孙波（区交警大队大队长）`), or a
    /// post and a name (`周村交警大队大队长孙波`), split where the post's title ends.
    static func successorOf(_ printed: String) -> (name: String, affiliation: String)? {
        var text = printed
        if text.hasSuffix("同志") { text.removeLast(2) }
        if let found = persons(text), found.count == 1 { return found[0] }
        for length in [2, 3, 4] where text.count > length + 1 {
            let name = String(text.suffix(length))
            let post = String(text.dropLast(length))
            guard RosterLines.isNameLike(name), let last = post.last, RosterLines.titleEndings.contains(last) else { continue }
            return (name, post)
        }
        return nil
    }

    /// The seat changes a paragraph prints, in order. Names must read as names and roles as the
    /// role labels of rosters (`指挥长`, `成员`), so that `任务` or `担任主任的同志` are not taken.
    public static func seatChanges(in text: String) -> [SeatChange] {
        readings(in: text).flatMap(\.changes)
    }

    /// Each clause of change a paragraph prints, with the phrasing of the rule that read it.
    public static func readings(in text: String) -> [(phrasing: String, changes: [SeatChange])] {
        // The expressions run only on paragraphs with a word of change in them: most have none.
        guard ["同志", "增补", "免去", "不再担任", "调整为", "接任", "接替"].contains(where: text.contains) else { return [] }
        var readings: [(phrasing: String, changes: [SeatChange])] = []
        for sentence in Normalize.key(text).split(whereSeparator: { "。；;".contains($0) }) {
            for clause in clauses(String(sentence)) {
                for rule in rules {
                    guard let match = rule.pattern.firstMatch(in: clause), let found = rule.make(match) else { continue }
                    let valid = found.allSatisfy { change in
                        RosterLines.isNameLike(change.name) && (change.role.isEmpty ? change.previous != nil : RosterLines.isRoleLabel(change.role))
                            && (change.previous.map { RosterLines.isNameLike($0) || RosterLines.isRoleLabel($0) } ?? true)
                    }
                    if valid { readings.append((rule.phrasing, found)); break }
                }
            }
        }
        return readings
    }

    /// The phrasings the rules read, in the order they are tried.
    public static var phrasings: [String] { rules.map(\.phrasing) }

    /// Splits a sentence at commas outside brackets, but keeps `不再担任X，由Y接任` and
    /// `不再担任X，由Y任X` together; opening words (`经区政府研究，决定`, `现将…调整如下：`) are
    /// dropped from the clause that follows them.
    static func clauses(_ sentence: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in sentence {
            if character == "（" || character == "(" { depth += 1 }
            if character == "）" || character == ")" { depth = max(0, depth - 1) }
            if depth == 0 && (character == "，" || character == ",") {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        var result: [String] = []
        for part in parts where !part.isEmpty {
            if part.hasPrefix("由"), let last = result.last, last.contains("不再担任") || last.hasPrefix("免去") {
                result[result.count - 1] = last + "，" + part
                continue
            }
            var clause = part
            // What comes before a colon introduces the changes (`作如下调整：`); a list mark
            // (`1.`, `（二）`) only numbers them.
            if let colon = clause.firstIndex(where: { $0 == "：" || $0 == ":" }), !clause[..<colon].contains(where: { $0 == "（" || $0 == "(" }) {
                clause = String(clause[clause.index(after: colon)...])
            }
            if let mark = listMark.firstMatch(in: clause) { clause = String(clause.dropFirst(mark[0].count)) }
            for opener in ["现决定", "经研究决定", "经研究", "决定", "现将", "同时", "另外", "并"] where clause.hasPrefix(opener) {
                clause = String(clause.dropFirst(opener.count))
            }
            result.append(clause)
        }
        return result
    }

    static let listMark = Pattern(#"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、.．])"#)

    /// The label a body's own roster gives a printed role: `指挥部成员`, `领导小组成员` and
    /// `委员会委员` are `成员` on a body whose roster says `成员` (the kind word only repeats the
    /// body); a role the body has under the same code is that label.
    public static func bodyRole(_ printed: String, among labels: [String]) -> String {
        let role = Normalize.label(printed)
        if labels.contains(role) { return role }
        var bare = role
        if let kind = Bodies.kinds.map(\.suffix).filter({ role.hasPrefix($0) && role.count > $0.count + 1 }).max(by: { $0.count < $1.count }) {
            bare = String(role.dropFirst(kind.count))
        }
        if labels.contains(bare) { return bare }
        let code = Bodies.roleCode(bare)
        return labels.first { Bodies.roleCode($0) == code } ?? bare
    }

    /// Abolitions and renamings a paragraph prints.
    public static func bodyEvents(in text: String) -> [BodyEvent] {
        guard ["撤销", "撤銷", "更名", "不再保留"].contains(where: text.contains) else { return [] }
        let key = Normalize.key(text)
        var events: [BodyEvent] = []
        for match in renamePattern.allMatches(in: key) {
            if let from = Bodies.named(in: match[1]).last, let to = Bodies.named(in: match[2]).first {
                events.append(.renamed(from: from, to: to))
            }
        }
        for sentence in key.split(whereSeparator: { "。；;".contains($0) }).map(String.init) {
            for marker in ["撤销", "撤銷"] {
                guard let range = sentence.range(of: marker) else { continue }
                // `撤销X、Y` lists several; each is a body's name ending in its kind word.
                let rest = String(sentence[range.upperBound...])
                // Not at 和 or 及: they occur inside names (`区安全生产和消防工作委员会`).
                for piece in rest.split(whereSeparator: { "、，,".contains($0) }) {
                    let piece = String(piece)
                    if Bodies.kinds.contains(where: { piece.hasSuffix($0.suffix) }), piece.count >= 4 { events.append(.abolished(piece)) }
                }
            }
            for marker in ["予以撤销", "不再保留"] {
                guard let range = sentence.range(of: marker), let name = Bodies.named(in: String(sentence[..<range.lowerBound])).last else { continue }
                events.append(.abolished(name))
            }
        }
        return events
    }

    static let renamePattern = Pattern(#"(?:将)?([^，,。；;]{4,60}?)更名为([^，,。；;（(]{4,60})"#)
}

extension OfficialDocument {
    /// A notice that only changes a body (its members, its name, its existence):
    /// `关于调整X组成人员的通知`, `关于撤销X的通知`, `关于X更名的通知`. The rosters read it; the
    /// policy modules leave it alone, for it sets out no policy.
    public var onlyChangesBodies: Bool {
        let key = Normalize.key(title)
        let changes = ["调整", "增补", "撤销", "更名"].contains { key.contains($0) }
        let names = Bodies.kinds.contains { key.contains($0.suffix) } || key.contains("议事协调机构")
        let setsOut = ["印发", "方案", "预案", "意见", "办法", "规定", "制度"].contains { key.contains($0) }
        return changes && names && !setsOut
    }
}
