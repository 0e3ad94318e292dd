import ArgumentParser
import GazetteModel
import ModuleSpine
import ModuleSpineCLI
import ZhoucunModules

struct ParamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "params",
        abstract: "The policy numbers: each with its unit, the dates it holds for and the clause it comes from.",
        subcommands: [List.self]
    )

    struct List: ListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List parameters; with --on, the values in force that day.")
        @Option(help: "Only this module (\(ModuleRegistry.all.map { $0.id }.joined(separator: ", "))).") var module: String?
        @Option(help: "Only the values in force on this date (YYYY-MM-DD).") var on: CivilDate?
        @OptionGroup var output: FormatOptions

        func rows() throws -> [ParameterRow] {
            let modules = ModuleRegistry.all.filter { module == nil || $0.id == module }
            if let module, modules.isEmpty { throw ArgumentError("--module: no module is called \(module)") }
            return try ParameterRow.listing(modules, on: on)
        }
    }
}
