import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// 企业破产处置协调联动机制: bankruptcy coordination (周政办字〔2020〕38号).
public enum BankruptcyCoordinationModule: PolicyModule {
    public static let id = "bankruptcy"
    public static let summary = "企业破产处置协调联动 bankruptcy coordination (周政办字〔2020〕38号)"
    public static var command: any ParsableCommand.Type { BankruptcyCommand.self }
    public static let migrations = MigrationSet(owner: id) { _ in }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        document.title.contains("企业破产处置协调联动")
    }
}

struct BankruptcyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: BankruptcyCoordinationModule.id,
        abstract: BankruptcyCoordinationModule.summary,
        subcommands: [Matters.self]
    )

    struct Matters: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The coordination matters of 附件2 with their linked units.")

        @Option(help: "Only the matters this unit is linked to (other names resolved).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let rows = try ModuleListing.assignments(module: BankruptcyCoordinationModule.id, kind: "matter", unit: unit, in: store.open())
            print(try Output.render(rows, as: output.format), terminator: "")
        }
    }
}
