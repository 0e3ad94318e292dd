import Foundation

/// The numbering of a clause as printed at the start of its line: 一、 （一） 1. （1） ①.
public struct SectionNumber: Hashable, Sendable, Codable {
    /// Outermost first: 一、 is 1, （一） is 2, 1. is 3, （1） is 4, ① is 5.
    public var level: Int
    /// The number without its punctuation: `四`, `一`, `2`, `1`, `①`.
    public var label: String

    public init(level: Int, label: String) {
        self.level = level
        self.label = label
    }

    /// The number as it reads in a citation path: `四`, `(一)`, `2`, `(1)`, `①`.
    public var citationForm: String {
        switch level {
        case 2, 4: "(\(label))"
        default: label
        }
    }

    /// The number as printed: `四、`, `（一）`, `2.`, `（1）`, `①`.
    public var printed: String {
        switch level {
        case 1: "\(label)、"
        case 2, 4: "（\(label)）"
        case 3: "\(label)."
        default: label
        }
    }

    /// Reads a number at the start of a normalised line; returns it and the rest of the line.
    public static func leading(_ line: String) -> (number: SectionNumber, rest: String)? {
        let text = line.trimmingCharacters(in: .whitespaces)
        for (level, pattern) in patterns {
            let range = NSRange(text.startIndex..., in: text)
            guard let match = pattern.firstMatch(in: text, range: range),
                  let label = Range(match.range(at: 1), in: text),
                  let whole = Range(match.range, in: text)
            else { continue }
            let rest = text[whole.upperBound...].trimmingCharacters(in: .whitespaces)
            return (SectionNumber(level: level, label: String(text[label])), rest)
        }
        return nil
    }

    /// Parses the citation form or the printed form of one number.
    public init?(citation raw: String) {
        if let (number, rest) = Self.leading(raw), rest.isEmpty {
            self = number
            return
        }
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("("), text.hasSuffix(")") {
            let inner = String(text.dropFirst().dropLast())
            if inner.allSatisfy(\.isChineseNumeral) { self.init(level: 2, label: inner); return }
            if inner.allSatisfy(\.isASCIIDigit) { self.init(level: 4, label: inner); return }
        }
        if !text.isEmpty, text.allSatisfy(\.isChineseNumeral) { self.init(level: 1, label: text); return }
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) { self.init(level: 3, label: text); return }
        if text.count == 1, let scalar = text.unicodeScalars.first, (0x2460...0x2473).contains(scalar.value) {
            self.init(level: 5, label: text)
            return
        }
        return nil
    }

    static let numerals = "一二三四五六七八九十百零〇"

    /// 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (1 to 99), as clause numbers print.
    public static func chinese(_ number: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard (1...99).contains(number) else { return String(number) }
        if number < 10 { return String(digits[number]) }
        let tens = number / 10, ones = number % 10
        return (tens == 1 ? "" : String(digits[tens])) + "十" + (ones == 0 ? "" : String(digits[ones]))
    }
    static let patterns: [(Int, NSRegularExpression)] = [
        (1, try! NSRegularExpression(pattern: "^([\(numerals)]{1,4})[、，.．]")),
        (2, try! NSRegularExpression(pattern: "^[（(]([\(numerals)]{1,4})[）)]")),
        (3, try! NSRegularExpression(pattern: "^([0-9]{1,3})(?:[.．、](?![0-9])|\\s)")),
        (4, try! NSRegularExpression(pattern: "^[（(]([0-9]{1,3})[）)]")),
        (5, try! NSRegularExpression(pattern: "^([\\u2460-\\u2473])")),
    ]
}

extension Character {
    var isChineseNumeral: Bool { SectionNumber.numerals.contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
