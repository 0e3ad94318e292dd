import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore

/// The day a command judges on when it is not given one: today in the office's time zone.
public enum DateArgument {
    public static func today() -> CivilDate { OfficeClock.today() }
}

/// A command-line value that does not fit, said the way the user typed it.
public struct ArgumentError: ReportableError, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Exact decimal amounts on the command line (`--amount 12.5`, `80万元`, `1,000`, `８０`): no
/// binary rounding. A refusal's reason is said by `TypedValue` (see `Zhoucun.run`).
extension Decimal: @retroactive ExpressibleByArgument {
    public init?(argument: String) {
        guard case .success(let value) = TypedValue.amount(argument) else { return nil }
        self = value
    }
}

/// Dates on the command line in every form a clerk types (`TypedValue.dateForms`).
extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) {
        guard case .success(let date) = TypedValue.date(argument) else { return nil }
        self = date
    }
    public static var defaultCompletionKind: CompletionKind { .default }
}

/// A ledger entry that does not fit what the store or the document allows, said by field (the
/// domain does not know how the value was typed: a flag, a CSV column or an amendment).
public struct EntryError: ReportableError, Sendable {
    public var description: String
    public init(_ field: String, _ message: String) { description = "\(field): \(message)" }
    public init(_ description: String) { self.description = description }
}
