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

    struct Row: Tabular {
        var module: String
        var id: String
        var label: String
        var value: String?
        var unit: String
        var from: String?
        var to: String?
        var source: String?
        var note: String?

        static let columns: [OutputColumn<Row>] = [
            OutputColumn("module") { $0.module }, OutputColumn("id") { $0.id }, OutputColumn("value") { $0.value ?? "(none in force)" },
            OutputColumn("unit") { $0.unit }, OutputColumn("from") { $0.from ?? "" }, OutputColumn("to") { $0.to ?? "" },
            OutputColumn("source") { $0.source ?? "" }, OutputColumn("label") { $0.label },
        ]
    }

    struct List: ListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List parameters; with --on, the values in force that day.")
        @Option(help: "Only this module (\(ModuleRegistry.all.map { $0.id }.joined(separator: ", "))).") var module: String?
        @Option(help: "Only the values in force on this date (YYYY-MM-DD).") var on: CivilDate?
        @OptionGroup var output: FormatOptions

        func rows() throws -> [Row] {
            let date = on
            let modules = ModuleRegistry.all.filter { module == nil || $0.id == module }
            if let module, modules.isEmpty { throw ArgumentError("--module: no module is called \(module)") }
            var rows: [Row] = []
            for module in modules {
                for parameter in try module.parameters().parameters {
                    let values = parameter.values.filter { date == nil || $0.holds(on: date!) }
                    if values.isEmpty && date != nil {
                        rows.append(Row(module: module.id, id: parameter.id, label: parameter.label, unit: parameter.unit, note: parameter.note))
                    }
                    for value in values {
                        rows.append(Row(module: module.id, id: parameter.id, label: parameter.label, value: value.value, unit: parameter.unit,
                                        from: value.from.description, to: value.to?.description, source: value.source, note: parameter.note))
                    }
                }
            }
            return rows
        }
    }
}
