import Foundation

/// When a task is due, as a document prints it (`12月底前`, `2019年9月底前`, `每季度末月20日前`,
/// `长期坚持`) and as a day: the last day of the month for `X月底前` and `X月…`, the last day of
/// the year for `年内`, `全年`, `年底前`; no day for ongoing work or a recurring order, whose
/// occurrences are reckoned from `recurrence` and `day`.
public struct Deadline: Hashable, Sendable, Codable {
    public enum Recurrence: String, Hashable, Sendable, Codable, CaseIterable {
        case monthly, quarterly, halfYearly = "half-yearly", yearly
    }

    /// The words as printed.
    public var printed: String
    public var due: CivilDate?
    public var recurrence: Recurrence?
    /// The day of the month a recurring order falls on (`每月5日前`: 5), when printed.
    public var day: Int?
    /// `长期坚持`, `持续推进`: work with no end date.
    public var ongoing: Bool

    public init(printed: String, due: CivilDate? = nil, recurrence: Recurrence? = nil, day: Int? = nil, ongoing: Bool = false) {
        self.printed = printed
        self.due = due
        self.recurrence = recurrence
        self.day = day
        self.ongoing = ongoing
    }

    /// The year a deadline without one is read in: the document's, from its date or else from a
    /// year in its title. A month already past on the document's date is the next year's.
    public struct Year: Hashable, Sendable {
        public var year: Int?
        public var dated: CivilDate?

        public init(year: Int?, dated: CivilDate?) {
            self.year = year
            self.dated = dated
        }

        func monthEnd(_ month: Int, year printed: Int?) -> CivilDate? {
            guard (1...12).contains(month) else { return nil }
            if let printed { return CivilDate(year: printed, month: month, day: CivilDate.daysIn(month: month, year: printed)) }
            guard let year else { return nil }
            let end = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))
            if let end, let dated, end < dated {
                return CivilDate(year: year + 1, month: month, day: CivilDate.daysIn(month: month, year: year + 1))
            }
            return end
        }

        func day(_ month: Int, _ day: Int, year printed: Int?) -> CivilDate? {
            guard let year = printed ?? year, let date = CivilDate(year: year, month: month, day: day) else { return nil }
            if printed == nil, let dated, date < dated { return CivilDate(year: year + 1, month: month, day: day) }
            return date
        }
    }

    /// A deadline in running text (`…，2019年9月底前，基本完成…`, `并于2023年1月15日前将…`): only
    /// the forms that say "by" (前, 底, 内), so that a target year (`到2020年`) is not one.
    public static func inText(_ text: String, year: Year) -> Deadline? {
        let key = Simplified.key(text)
        if let recurring = recurring(key) { return recurring }
        for (pattern, read) in textPatterns {
            if let match = pattern.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)),
               let deadline = read(match, key, year) {
                return deadline
            }
        }
        if let range = key.range(of: "年底前") {
            return Deadline(printed: String(key[range]), due: year.year.flatMap { CivilDate(year: $0, month: 12, day: 31) })
        }
        return nil
    }

    /// A deadline as a 完成时限 cell or field prints it, which may also be a month alone with what
    /// happens then (`9月投入使用`, `5月底前动工`), a year (`2008年内`, `全年`) or ongoing work.
    public static func cell(_ text: String, year: Year) -> Deadline? {
        let printed = text.trimmingCharacters(in: .whitespaces)
        guard !printed.isEmpty, printed.count <= 30 else { return nil }
        let key = Simplified.key(printed)
        if ongoingWords.contains(where: { key.hasPrefix($0) }) { return Deadline(printed: printed, ongoing: true) }
        if var recurring = recurring(key) {
            recurring.printed = printed
            return recurring
        }
        if ["全年", "年内", "年底", "本年度", "年度内"].contains(where: { key.hasPrefix($0) }) {
            return Deadline(printed: printed, due: year.year.flatMap { CivilDate(year: $0, month: 12, day: 31) })
        }
        let range = NSRange(key.startIndex..., in: key)
        if let match = cellDate.firstMatch(in: key, range: range) {
            let printedYear = number(match, 2, key)
            guard let month = number(match, 3, key) else { return nil }
            let due = number(match, 5, key).map { year.day(month, $0, year: printedYear) } ?? year.monthEnd(month, year: printedYear)
            return Deadline(printed: printed, due: due)
        }
        if let match = cellYear.firstMatch(in: key, range: range), let printedYear = number(match, 1, key) {
            return Deadline(printed: printed, due: CivilDate(year: printedYear, month: 12, day: 31))
        }
        return nil
    }

    static let ongoingWords = ["长期", "持续", "常态", "常年", "经常性"]

    /// `每季度末月20日前`, `每季度最后一个月的30日前`, `每月5日前`, `每半年`, `每年12月底前`.
    static func recurring(_ key: String) -> Deadline? {
        let range = NSRange(key.startIndex..., in: key)
        guard let match = recurringPattern.firstMatch(in: key, range: range) ?? periodEndPattern.firstMatch(in: key, range: range),
              let whole = Range(match.range, in: key), let unit = Range(match.range(at: 1), in: key) else { return nil }
        let recurrence: Recurrence = switch key[unit] {
        case "季度", "季": .quarterly
        case "月": .monthly
        case "半年": .halfYearly
        default: .yearly
        }
        return Deadline(printed: String(key[whole]), recurrence: recurrence, day: number(match, 3, key))
    }

    /// The month a yearly or half-yearly order prints (`每年5月底前`: 5, `每年十二月10日前`: 12).
    public static func printedMonth(in printed: String) -> Int? {
        let key = Simplified.key(printed)
        guard let match = monthPattern.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) else { return nil }
        return number(match, 1, key).flatMap { (1...12).contains($0) ? $0 : nil }
    }

    static let monthPattern = try! NSRegularExpression(pattern: "\(month)月")

    static func number(_ match: NSTextCheckingResult, _ group: Int, _ key: String) -> Int? {
        guard match.range(at: group).location != NSNotFound, let range = Range(match.range(at: group), in: key) else { return nil }
        return Int(key[range]) ?? ChineseNumeral.value(String(key[range]))
    }

    // The month may be printed in Chinese numerals (`十二月底前`).
    static let month = "(\\d{1,2}|十[一二]?|[一二三四五六七八九])"

    static let recurringPattern = try! NSRegularExpression(pattern: "每(季度|季|月|半年|年)([^，。；;,]{0,12}?(\\d{1,2})[日号])?[^，。；;,]{0,4}?(前|之前|以前|内)")
    /// `每季度末（分别在6月、9月和12月底）`, `每月底`: the period's end, its explanation with it.
    static let periodEndPattern = try! NSRegularExpression(pattern: "每(季度|季|月|半年|年)()()(末|底)(（[^）]{0,20}）)?")
    static let cellDate = try! NSRegularExpression(pattern: "^((\\d{4})年)?\(month)月((\\d{1,2})[日号])?")
    static let cellYear = try! NSRegularExpression(pattern: "^(\\d{4})年")

    static let textPatterns: [(NSRegularExpression, @Sendable (NSTextCheckingResult, String, Year) -> Deadline?)] = [
        (try! NSRegularExpression(pattern: "((\\d{4})年)?\(month)月(\\d{1,2})[日号](（星期.）)?(之前|以前|前)"), { match, key, year in
            guard let whole = Range(match.range, in: key), let month = number(match, 3, key), let day = number(match, 4, key) else { return nil }
            return Deadline(printed: String(key[whole]), due: year.day(month, day, year: number(match, 2, key)))
        }),
        (try! NSRegularExpression(pattern: "((\\d{4})年)?\(month)月(底|末|份)?(之前|以前|前)"), { match, key, year in
            guard let whole = Range(match.range, in: key), let month = number(match, 3, key) else { return nil }
            return Deadline(printed: String(key[whole]), due: year.monthEnd(month, year: number(match, 2, key)))
        }),
        (try! NSRegularExpression(pattern: "(\\d{4})年(底前|底|内|年底前)"), { match, key, _ in
            guard let whole = Range(match.range, in: key), let printed = number(match, 1, key) else { return nil }
            return Deadline(printed: String(key[whole]), due: CivilDate(year: printed, month: 12, day: 31))
        }),
    ]
}

/// Chinese numerals up to ninety-nine (`十二`, `二十`), for months and days.
enum ChineseNumeral {
    static let digits: [Character: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    static func value(_ text: String) -> Int? {
        let characters = Array(text)
        guard !characters.isEmpty else { return nil }
        if let ten = characters.firstIndex(of: "十") {
            guard ten <= 1 else { return nil }
            let tens = ten == 0 ? 1 : digits[characters[0]]
            let units = ten + 1 < characters.count ? digits[characters[ten + 1]] : 0
            guard let tens, let units, characters.count <= ten + 2 else { return nil }
            return tens * 10 + units
        }
        return characters.count == 1 ? digits[characters[0]] : nil
    }
}

/// The few traditional characters of the words a task list is read by (牽頭單位, 參與, 責任, 時限),
/// mapped to their simplified forms one character for one, so that a traditional text is matched
/// by the same rules and its names are still taken as printed.
public enum Simplified {
    static let map: [Character: Character] = [
        "牽": "牵", "頭": "头", "單": "单", "參": "参", "與": "与", "責": "责", "協": "协", "辦": "办",
        "負": "负", "為": "为", "時": "时", "間": "间", "領": "领", "導": "导", "門": "门", "關": "关",
        "區": "区", "縣": "县", "務": "务", "廳": "厅", "庫": "库", "會": "会", "處": "处", "團": "团",
        "隊": "队", "聯": "联", "組": "组", "館": "馆", "屬": "属", "構": "构", "園": "园",
        "實": "实", "項": "项", "級": "级", "幹": "干", "內": "内", "後": "后", "報": "报", "於": "于",
        "將": "将", "須": "须", "應": "应", "體": "体", "們": "们", "發": "发", "規": "规",
        "劃": "划", "測": "测", "監": "监", "業": "业", "農": "农", "經": "经", "濟": "济", "資": "资",
        "設": "设", "備": "备", "開": "开", "車": "车", "長": "长", "續": "续", "緊": "紧", "齊": "齐",
        "個": "个", "號": "号", "總": "总", "進": "进", "動": "动", "層": "层", "轉": "转", "計": "计",
        "擬": "拟", "據": "据", "絡": "络", "狀": "状", "況": "况", "請": "请", "說": "说",
    ]

    /// The text with those characters simplified; every other character, and the text's length
    /// in characters and in UTF-8, unchanged.
    public static func key(_ text: String) -> String {
        guard text.contains(where: { map[$0] != nil }) else { return text }
        return String(text.map { map[$0] ?? $0 })
    }
}
