import Foundation

/// A regular expression compiled once; matches come back as their groups' text (group 0 the whole).
public struct Pattern: @unchecked Sendable {
    let expression: NSRegularExpression

    /// The expression is the program's own: a bad one is a programming error.
    public init(_ pattern: String) {
        expression = try! NSRegularExpression(pattern: pattern)
    }

    public func firstMatch(in text: String) -> [String]? {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).map { groups($0, text) }
    }

    public func allMatches(in text: String) -> [[String]] {
        expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { groups($0, text) }
    }

    func groups(_ match: NSTextCheckingResult, _ text: String) -> [String] {
        (0..<match.numberOfRanges).map { group in
            Range(match.range(at: group), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
