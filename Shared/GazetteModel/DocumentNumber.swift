import Foundation

/// A document number (文号) such as `周政办字〔2020〕39号`: issuer code, year and serial.
///
/// Printed documents use several brackets around the year (〔〕 [] () ［］ （）); they all parse to
/// the same number, and `canonical` always prints 〔〕.
public struct DocumentNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 发文机关代字, e.g. `周政办字`.
    public var issuerCode: String
    public var year: Int
    public var serial: Int

    public init(issuerCode: String, year: Int, serial: Int) {
        self.issuerCode = issuerCode
        self.year = year
        self.serial = serial
    }

    /// Parses a whole string as a 文号; nil when it is anything else.
    public init?(_ raw: String) {
        let text = Normalize.key(raw)
        guard let match = Self.pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              match.range.location == 0, match.range.length == (text as NSString).length,
              let code = Range(match.range(at: 1), in: text),
              let year = Range(match.range(at: 2), in: text).flatMap({ Int(text[$0]) }),
              let serial = Range(match.range(at: 3), in: text).flatMap({ Int(text[$0]) })
        else { return nil }
        self.init(issuerCode: String(text[code]), year: year, serial: serial)
    }

    /// Every 文号 inside a longer text, in order (for the documents a text cites or replaces).
    public static func all(in raw: String) -> [DocumentNumber] {
        let text = Normalize.key(raw)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            guard let whole = Range(match.range, in: text) else { return nil }
            return DocumentNumber(String(text[whole]))
        }
    }

    public var canonical: String { "\(issuerCode)〔\(year)〕\(serial)号" }
    public var description: String { canonical }

    // The issuer code is Chinese characters only; the brackets are every variant seen in print;
    // 號 is how documents in traditional characters print 号.
    static let pattern = try! NSRegularExpression(
        pattern: #"(\p{Han}{1,12})[〔\[(（［【]([0-9]{4})[〕\])）］】]第?([0-9]{1,5})[号號]"#
    )
}
