import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// “六个一”平台招引: investment incentives (周政发〔2020〕37号).
public enum IncentivesModule: PolicyModule {
    public static let id = "incentives"
    public static let summary = "“六个一”平台招引 investment incentives (周政发〔2020〕37号)"
    public static var command: any ParsableCommand.Type { IncentivesCommand.self }
    public static let migrations = MigrationSet(owner: id) { _ in }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("“六个一”平台招引")
    }
}

struct IncentivesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: IncentivesModule.id,
        abstract: IncentivesModule.summary,
        subcommands: [Thresholds.self]
    )

    /// The entry thresholds of 二(三), per industry, as dated parameters.
    struct Thresholds: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each industry's entry thresholds in force on a date (二(三)).")

        @Option(help: "The date (YYYY-MM-DD); default today.") var on: String?
        @OptionGroup var output: FormatOptions

        struct Row: Tabular {
            var industry: String
            var parameter: String
            var label: String
            var value: String
            var unit: String
            var citation: String

            static let columns: [OutputColumn<Row>] = [
                OutputColumn("industry") { $0.industry }, OutputColumn("label") { $0.label }, OutputColumn("value") { $0.value },
                OutputColumn("unit") { $0.unit }, OutputColumn("citation") { $0.citation },
            ]
        }

        func run() throws {
            let date = try DateArgument.parse(on)
            let table = try IncentivesModule.parameters()
            let industries = ["smart-equipment", "new-materials", "big-data"]
            let rows = try table.parameters.filter { parameter in industries.contains { parameter.id.hasPrefix($0 + ".") } }.map { parameter in
                let (dated, unit) = try table.value(parameter.id, on: date)
                return Row(industry: String(parameter.id.prefix { $0 != "." }), parameter: parameter.id, label: parameter.label,
                           value: dated.value, unit: unit, citation: dated.source)
            }
            print(try Output.render(rows, as: output.format), terminator: "")
        }
    }
}
