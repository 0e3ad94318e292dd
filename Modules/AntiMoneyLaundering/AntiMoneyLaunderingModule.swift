import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

/// 反洗钱工作联席会议: the anti-money-laundering joint meeting (周政办字〔2020〕35号).
public enum AntiMoneyLaunderingModule: PolicyModule {
    public static let id = "aml"
    public static let summary = "反洗钱工作联席会议 anti-money-laundering joint meeting (周政办字〔2020〕35号)"
    public static var command: any ParsableCommand.Type { AMLCommand.self }
    public static let migrations = MigrationSet(owner: id) { _ in }

    public static func parameters() throws -> ParameterTable {
        try ParameterTable.load(from: .module, module: id)
    }

    public static func recognises(_ document: OfficialDocument) -> Bool {
        (document.enclosureTitle ?? document.title).contains("反洗钱工作联席会议")
    }
}

struct AMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: AntiMoneyLaunderingModule.id,
        abstract: AntiMoneyLaunderingModule.summary,
        subcommands: [Duties.self]
    )

    struct Duties: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each member unit's duties in the joint meeting (二).")

        @Option(help: "Only this unit (other names resolved: 人民银行淄博中心支行 finds 人民银行淄博市中心支行).") var unit: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let rows = try ModuleListing.duties(module: AntiMoneyLaunderingModule.id, unit: unit, in: store.open())
            print(try Output.render(rows, as: output.format), terminator: "")
        }
    }
}
