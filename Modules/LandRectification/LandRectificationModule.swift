import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// 土地问题综合整治: the land rectification campaign (周政办字〔2020〕37号).
public enum LandRectificationModule: PolicyModule {
    public static let id = "land"
    public static let summary = "土地问题综合整治 land rectification (周政办字〔2020〕37号)"
    public static var command: any ParsableCommand.Type { LandCommand.self }
    public static let migrations = MigrationSet(owner: id) { _ in }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("土地问题综合整治")
    }
}

struct LandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: LandRectificationModule.id,
        abstract: LandRectificationModule.summary,
        subcommands: [Tasks.self]
    )

    struct Tasks: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The rectification tasks with their categories and responsible units (二).")

        @Option(help: "Only the tasks of this unit (other names resolved).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let rows = try ModuleListing.assignments(module: LandRectificationModule.id, kind: "task", unit: unit, in: store.open())
            print(try Output.render(rows, as: output.format), terminator: "")
        }
    }
}
