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
    static let name = #"([\p{Han}·]{2,4}?)(?:同志)?"#
    /// A role label: no `同志` or `的` inside (they end the name before it).
    static let role = #"((?:(?!同志|的)\p{Han}){2,8}?)(?:职务)?"#

    /// Patterns in the order they are tried on a sentence; the first that matches a stretch of
    /// it claims that stretch.
    static let patterns: [(Pattern, @Sendable ([String]) -> [SeatChange]?)] = [
        (Pattern(name + "不再担任" + role + "[，,]由" + name + "接任"), { match in
            [SeatChange(kind: .leave, name: match[1], role: match[2]),
             SeatChange(kind: .join, name: match[3], role: match[2], previous: match[1])]
        }),
        (Pattern("增补" + name + "[（(]([^）)]{2,40})[）)]为" + role + "(?=[，,。；;、]|$)"), { match in
            [SeatChange(kind: .add, name: match[1], role: match[3], affiliation: match[2])]
        }),
        (Pattern("增补" + name + "为" + role + "(?=[，,。；;、]|$)"), { match in
            [SeatChange(kind: .add, name: match[1], role: match[2])]
        }),
        (Pattern(name + "由" + role + "调整为" + role + "(?=[，,。；;、]|$)"), { match in
            [SeatChange(kind: .changeRole, name: match[1], role: match[3], previous: match[2])]
        }),
        (Pattern("免去" + name + "的?" + role + "(?=[，,。；;、]|$)"), { match in
            [SeatChange(kind: .leave, name: match[1], role: match[2])]
        }),
        (Pattern(name + "不再担任" + role + "(?=[，,。；;、]|$)"), { match in
            [SeatChange(kind: .leave, name: match[1], role: match[2])]
        }),
        (Pattern(name + "[（(]([^）)]{2,40})[）)](?:担任|任)" + role + "(?=[，,。；;、]|$)"), { match in
            [SeatChange(kind: .join, name: match[1], role: match[3], affiliation: match[2])]
        }),
        (Pattern(name + "(?:担任|任)" + role + "(?=[，,。；;、]|$)"), { match in
            [SeatChange(kind: .join, name: match[1], role: match[2])]
        }),
    ]

    /// The seat changes a paragraph prints, in order. Names must read as names and roles as the
    /// role labels of rosters (`指挥长`, `成员`), so that `任务` or `担任主任的同志` are not taken.
    public static func seatChanges(in text: String) -> [SeatChange] {
        // The expressions run only on paragraphs with a word of change in them: most have none.
        guard ["同志", "增补", "免去", "不再担任", "调整为", "接任"].contains(where: text.contains) else { return [] }
        var changes: [SeatChange] = []
        for sentence in Normalize.key(text).split(whereSeparator: { "。；;".contains($0) }) {
            // Each clause starts where a name can: after a comma or the sentence's opening words.
            for clause in clauses(String(sentence)) {
                for (pattern, make) in patterns {
                    guard let match = pattern.firstMatch(in: clause), let found = make(match) else { continue }
                    let valid = found.allSatisfy { RosterLines.isNameLike($0.name) && RosterLines.isRoleLabel($0.role)
                        && ($0.previous.map { RosterLines.isNameLike($0) || RosterLines.isRoleLabel($0) } ?? true) }
                    if valid { changes += found; break }
                }
            }
        }
        return changes
    }

    /// Splits a sentence at commas, but keeps `不再担任X，由Y接任` together; opening words
    /// (`经区政府研究，决定`) are dropped from the clause that follows them.
    static func clauses(_ sentence: String) -> [String] {
        let parts = sentence.split(whereSeparator: { $0 == "，" || $0 == "," }).map(String.init)
        var result: [String] = []
        for part in parts {
            if part.hasPrefix("由"), part.hasSuffix("接任"), let last = result.popLast() {
                result.append(last + "，" + part)
                continue
            }
            var clause = part
            for opener in ["现决定", "经研究决定", "经研究", "决定", "现将", "同时"] where clause.hasPrefix(opener) {
                clause = String(clause.dropFirst(opener.count))
            }
            result.append(clause)
        }
        return result
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
