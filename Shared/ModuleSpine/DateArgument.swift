import ArgumentParser
import Foundation
import GazetteModel

/// The day a command judges on when it is not given one: today in China Standard Time.
public enum DateArgument {
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

/// Dates on the command line (`--date 2020-12-01`), checked by ArgumentParser with the option's name.
extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var defaultCompletionKind: CompletionKind { .default }
}

/// A ledger entry that does not fit what the store or the document allows, said by field (the
/// domain does not know how the value was typed: a flag, a CSV column or an amendment).
public struct EntryError: ReportableError, Sendable {
    public var description: String
    public init(_ field: String, _ message: String) { description = "\(field): \(message)" }
    public init(_ description: String) { self.description = description }
}
