/// Rosters printed inside a sentence instead of as lines, each person named after their post:
/// - the role first: `组委会主席由中国残联主席张海迪、体育总局局长苟仲文担任`;
/// - the role last: `由体育总局局长苟仲文、北京市市长陈吉宁担任主席，体育总局副局长杜兆才担任执行主席`.
///
/// A clause counts only when every person in it splits into a post ending in a title word and a
/// name of two to four characters after it: `县委副书记、县长任组长` names posts, not people, and
/// gives nothing.
public enum ProseRoster {
    /// The entries of `text`, in printed order; `shortForms` are the body's names that may stand
    /// before a role (`组委会主席` → `主席`).
    public static func entries(in text: String, shortForms: [String]) -> [RosterEntry] {
        var entries: [RosterEntry] = []
        for clause in Normalize.key(text).split(whereSeparator: { "，,。；;".contains($0) }) {
            guard let verb = ["担任", "擔任"].lazy.compactMap({ clause.range(of: $0) }).first else { continue }
            let before = clause[..<verb.lowerBound]
            let after = clause[verb.upperBound...]
            let role: Substring
            let people: Substring
            if after.isEmpty, let by = before.range(of: "由") {
                role = stripped(before[..<by.lowerBound], shortForms: shortForms)
                people = before[by.upperBound...]
            } else {
                role = after
                people = before.range(of: "由").map { before[$0.upperBound...] } ?? before
            }
            // Counted in ideographs: mirrors print pinyin glosses inside words (`執(zhí)行主席`).
            guard (2...6).contains(role.filter(isIdeograph).count), RosterLines.roleEndings.contains(where: { role.hasSuffix($0) }) else { continue }
            let named = people.split(separator: "、").map(person)
            guard !named.isEmpty, named.allSatisfy({ $0 != nil }) else { continue }
            entries += named.compactMap { $0 }.map { RosterEntry(role: String(role), name: $0.name, affiliation: $0.post) }
        }
        return entries
    }

    /// `组委会主席` with the body's short form taken off.
    private static func stripped(_ role: Substring, shortForms: [String]) -> Substring {
        for form in shortForms.sorted(by: { $0.count > $1.count }) where role.hasPrefix(form) && role.count > form.count {
            return role.dropFirst(form.count)
        }
        return role
    }

    /// Words a post ends with, simplified and traditional.
    static let titleEndings = ["长", "長", "主席", "书记", "書記", "主任", "委员", "委員", "政委", "总监", "總監", "经理", "經理", "巡视员", "巡視員"]

    /// `中国残联理事长周长奎` → post `中国残联理事长`, name `周长奎`: the last title word that
    /// leaves a name of two to four characters (the `长` inside `周长奎` leaves one).
    static func person(_ item: Substring) -> (post: String, name: String)? {
        let characters = Array(item)
        for end in stride(from: characters.count - 2, through: 1, by: -1) {
            let post = String(characters[..<end])
            let name = characters[end...]
            guard name.count <= 4, titleEndings.contains(where: post.hasSuffix) else { continue }
            guard name.allSatisfy(isIdeograph) else { return nil }
            return (post, String(name))
        }
        return nil
    }

    static func isIdeograph(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) }
    }
}
