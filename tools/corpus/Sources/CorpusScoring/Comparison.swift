import Foundation

/// How a stored value and a golden value are compared (the corpus README's rules): NFKC, all
/// white space removed, quotes unified; brackets unified for a 文号; a title with or without its
/// issuer in front is the same title; joint issuers compared as a set.
public enum Comparison {
    public static func key(_ text: String?) -> String {
        guard let text else { return "" }
        let folded = text.precomposedStringWithCompatibilityMapping
        var result = ""
        for character in folded where !character.isWhitespace {
            switch character {
            case "“", "”", "„", "‟", "＂", "「", "」": result.append("\"")
            case "‘", "’", "‚", "‛", "『", "』": result.append("'")
            default: result.append(character)
            }
        }
        return result
    }

    public static func numberKey(_ text: String?) -> String {
        String(key(text).map { character -> Character in
            switch character {
            case "〔", "[", "［", "(", "（", "【": "["
            case "〕", "]", "］", ")", "）", "】": "]"
            default: character
            }
        })
    }

    public static func issuers(_ text: String?) -> Set<String> {
        Set(key(text).split(whereSeparator: { "、,，;；".contains($0) }).map(String.init).filter { !$0.isEmpty })
    }

    public static func sameNumber(_ stored: String?, _ golden: String?) -> Bool {
        numberKey(stored) == numberKey(golden)
    }

    public static func sameIssuer(_ stored: String?, _ golden: String?) -> Bool {
        issuers(stored) == issuers(golden)
    }

    public static func sameDate(_ stored: String?, _ golden: String?) -> Bool {
        key(stored) == key(golden)
    }

    /// Equal, or equal once the issuer (either side's, any of joint issuers, or all of them as
    /// printed) is taken off the front.
    public static func sameTitle(_ stored: String?, _ golden: String?, issuers names: [String?]) -> Bool {
        let (a, b) = (key(stored), key(golden))
        if a == b { return true }
        guard !a.isEmpty, !b.isEmpty else { return false }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        guard long.hasSuffix(short) else { return false }
        let prefix = String(long.dropLast(short.count))
        let known = names.flatMap { name -> [String] in
            let whole = key(name)
            return [whole, whole.replacingOccurrences(of: "、", with: "")] + issuers(name).map { $0 }
        }
        if known.contains(prefix) { return true }
        // Joint issuers printed one after another in the title's head.
        let parts = names.flatMap { issuers($0) }
        return !parts.isEmpty && parts.allSatisfy { prefix.contains($0) } && prefix.count == parts.reduce(0) { $0 + $1.count }
    }
}
