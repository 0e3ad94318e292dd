import ArgumentParser
import Foundation
import GazetteModel
import ModuleSpine

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

extension OutputFormat: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// A choice on the command line: typed as the gazette prints it or as its code, and listed in
/// `--help` in both spellings.
public protocol ArgumentChoice: LabelledChoice, ExpressibleByArgument {}

extension ArgumentChoice {
    public init?(argument: String) { self.init(printed: argument) }
    public static var allValueStrings: [String] { allCases.flatMap { [$0.rawValue] + $0.labels } }
}

extension YesNo: ArgumentChoice {}

/// The day a command judges on when it is not given one: today in the office's time zone.
public enum DateArgument {
    public static func today() -> CivilDate { Invocation.context.today }
}
