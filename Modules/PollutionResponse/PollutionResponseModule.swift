import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// 重污染天气应急: the heavy-pollution weather response plan (周政办字〔2020〕39号).
public enum PollutionResponseModule: PolicyModule {
    public static let id = "pollution"
    public static let summary = "重污染天气应急 heavy-pollution weather response (周政办字〔2020〕39号)"
    public static var command: any ParsableCommand.Type { PollutionCommand.self }
    public static let migrations = MigrationSet(owner: id) { _ in }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("重污染天气应急")
    }
}

struct PollutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: PollutionResponseModule.id,
        abstract: PollutionResponseModule.summary,
        subcommands: [Duties.self]
    )

    struct Duties: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The emergency command's member units and their duties (附件3).")

        @Option(help: "Only this unit (other names resolved).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let rows = try ModuleListing.duties(module: PollutionResponseModule.id, unit: unit, in: store.open())
            print(try Output.render(rows, as: output.format), terminator: "")
        }
    }
}
