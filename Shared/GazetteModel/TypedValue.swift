import Foundation

/// Dates and amounts as clerks type them, read or refused with why: `2026-03-01`, `2026/3/1`,
/// `2026-3-1`, `2026年3月1日`, `20260301`; `80`, `80万元`, `1,000`, full-width `８０`.
public enum TypedValue {
    /// The forms a date may be typed in, as help and refusals list them.
    public static let dateForms = "2026-03-01, 2026/3/1, 2026-3-1, 2026年3月1日 or 20260301"
    /// The forms an amount in 万元 may be typed in.
    public static let amountForms = "80, 80.5, 1,000, 80万元 or 80万 (amounts are in 万元)"

    /// A typed date, or why it is none (`2026年2月没有30日`).
    public static func date(_ typed: String) -> Result<CivilDate, TypedError> {
        let text = halfWidth(typed).trimmingCharacters(in: .whitespaces)
        var parts: [Substring]
        if text.wholeMatch(of: #/[0-9]{8}/#) != nil {
            parts = [text.prefix(4), text.dropFirst(4).prefix(2), text.suffix(2)]
        } else if let match = text.wholeMatch(of: #/([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日?/#) {
            parts = [match.1, match.2, match.3]
        } else if text.wholeMatch(of: #/[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}/#) != nil {
            parts = text.split(whereSeparator: { "-/.".contains($0) })
        } else {
            return .failure(TypedError("\(typed) is not a date; type it as \(dateForms)"))
        }
        guard let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return .failure(TypedError("\(typed) is not a date; type it as \(dateForms)"))
        }
        guard (1...12).contains(month) else { return .failure(TypedError("\(typed): there is no month \(month)（没有\(month)月）")) }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            return .failure(TypedError("\(typed): \(year)年\(month)月没有\(day)日 (it has \(CivilDate.daysIn(month: month, year: year)) days)"))
        }
        return .success(date)
    }

    /// A typed amount in 万元, or why it is none. `元` alone is refused, not converted: the clerk
    /// says the amount in the unit the ledger keeps.
    public static func amount(_ typed: String) -> Result<Decimal, TypedError> {
        var text = halfWidth(typed).trimmingCharacters(in: .whitespaces)
        for unit in ["万元", "万"] where text.hasSuffix(unit) {
            text = String(text.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if text.hasSuffix("元") {
            return .failure(TypedError("\(typed): amounts are in 万元; type \(typed) divided by 10,000, as 8 or 8万元 for 80000元"))
        }
        if text.wholeMatch(of: #/-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?/#) != nil { text = text.replacingOccurrences(of: ",", with: "") }
        guard text.wholeMatch(of: #/-?[0-9]+(\.[0-9]+)?/#) != nil, let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(TypedError("\(typed) is not an amount; type it as \(amountForms)"))
        }
        return .success(value)
    }

    /// Full-width digits and signs (`８０`, `２０２６／３／１`) as ASCII.
    static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }))
    }
}

/// Why a typed value is not one: what was typed, and what is accepted.
public struct TypedError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
