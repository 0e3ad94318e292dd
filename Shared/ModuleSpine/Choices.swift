/// A closed set of values that clerks type either as the gazette prints them or as an English
/// code: `黄色` or `yellow`, `全体会议` or `plenary`, `是` or `yes`. Command-line options and CSV
/// fields read them alike (the command line's `ArgumentChoice` lists both spellings in `--help`).
public protocol LabelledChoice: CaseIterable, RawRepresentable, Sendable where RawValue == String {
    /// The gazette's words for the value, the usual one first.
    var labels: [String] { get }
}

extension LabelledChoice {
    /// The value a clerk typed: the code (any case) or one of its labels, spaces ignored.
    public init?(printed: String) {
        let key = printed.filter { !$0.isWhitespace }.lowercased()
        guard let match = Self.allCases.first(where: { ([$0.rawValue] + $0.labels).contains { $0.lowercased() == key } }) else { return nil }
        self = match
    }

    /// The gazette's usual word for the value (`黄色`), as pages show it.
    public var label: String { labels.first ?? rawValue }

    /// `yellow (黄色)` for messages.
    public var spelled: String { labels.first.map { "\(rawValue) (\($0))" } ?? rawValue }

    /// The code of what a clerk typed, or nil when it is none of the choices.
    public static func code(printed text: String) -> String? { Self(printed: text)?.rawValue }

    /// Every choice, as a form's select lists it: its code and the gazette's word.
    public static var options: [ChoiceOption] { allCases.map { ChoiceOption(code: $0.rawValue, label: $0.label) } }

    /// `yellow (黄色), orange (橙色) or red (红色)`.
    public static var spelledChoices: String {
        let all = allCases.map(\.spelled)
        return all.count > 1 ? all.dropLast().joined(separator: ", ") + " or " + all.last! : all.joined()
    }
}

/// One value of a closed set, as a form offers it.
public struct ChoiceOption: Encodable, Sendable, Equatable {
    public var code: String
    /// The gazette's word for it (`黄色`).
    public var label: String
}

/// A yes-or-no field of a ledger: `yes`/`no`, `是`/`否`, `true`/`false`, `1`/`0`.
public enum YesNo: String, LabelledChoice {
    case yes, no

    public var labels: [String] {
        switch self {
        case .yes: ["是", "true", "1", "y"]
        case .no: ["否", "false", "0", "n", ""]
        }
    }
}
