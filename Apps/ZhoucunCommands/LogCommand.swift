import ArgumentParser
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

/// `zhoucun log`: every write a person made, with its reason.
struct LogCommand: StoreListCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Every write a person made to the record: when, who, which record, before and after, and why."
    )
    @Option(help: "Writes on or after this day of the office (YYYY-MM-DD, counted in its time zone: $ZHOUCUN_TIMEZONE, else Asia/Shanghai).") var since: CivilDate?
    @Option(help: "Writes of one module (docs, roster, units, calendar, accounts, tasks, or a policy module's id).") var module: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: FormatOptions

    func rows(in store: Store) throws -> [LogEntry] {
        let known = ["docs", "roster", "units", "calendar", "accounts", "tasks"] + store.modules.map { $0.id }
        if let module, !known.contains(module) {
            throw QueryError("there is no module \(module); the log's modules are \(known.joined(separator: ", "))")
        }
        return try store.read { try WriteLog.entries(since: since?.description, module: module, timeZone: store.context.timeZone, in: $0) }
    }
}
