import ArgumentParser
import Foundation
import GazetteModel

/// Dates given on the command line: YYYY-MM-DD, or today when absent.
public enum DateArgument {
    public static func parse(_ text: String?, field: String = "--on") throws -> CivilDate {
        guard let text else { return today() }
        guard let date = CivilDate(text) else {
            throw ArgumentError("\(field): \(text) is not a date; write it as YYYY-MM-DD")
        }
        return date
    }

    public static func today() -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

/// A command-line value that does not fit, said the way the user typed it.
public struct ArgumentError: ReportableError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Exact decimal amounts on the command line (`--amount 12.5`): digits only, no binary rounding.
extension Decimal: @retroactive ExpressibleByArgument {
    public init?(argument: String) {
        guard argument.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
        self.init(string: argument, locale: Locale(identifier: "en_US_POSIX"))
    }
}
