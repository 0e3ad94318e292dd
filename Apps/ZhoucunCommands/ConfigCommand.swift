import ArgumentParser
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

/// `zhoucun config`: what the store knows of itself.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The store's settings: the district it serves, 督办's warning days.",
        subcommands: [District.self, WarningDays.self]
    )

    struct District: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "district",
            abstract: "Show or set the district (周村区): only its own documents are the modules' plans; the others are kept for reference.",
            discussion: "The first gazette issue of a district government imported sets it (淄博市周村区人民政府公报 → 周村区)."
        )
        @Argument(help: "The district's name, as its government signs (周村区); without it, the district is shown.") var name: String?
        @Option(help: "Why it is set (kept in the log).") var reason = "set by hand"
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            guard let name else {
                Console.print(try store.read { try StoreSettings.district(in: $0) } ?? "no district is set: every document governs")
                return
            }
            try store.write { try StoreSettings.setDistrict(name, source: reason, by: store.context, in: $0) }
            Console.print("district: \(name)")
        }
    }

    struct WarningDays: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "warning-days",
            abstract: "Show or set 督办's 临期: a task due within this many working days is yellow and chased (default \(Supervision.defaultWarningDays))."
        )
        @Argument(help: "The number of working days; without it, the one in force is shown.") var days: Int?
        @Option(help: "Why it is set (kept in the log: 区政府办公室督查工作规定).") var reason = "set by hand"
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            guard let days else {
                let set = try store.read { try StoreSettings.warningDays(in: $0) }
                Console.print(set.map { "\($0) working days" } ?? "\(Supervision.defaultWarningDays) working days (the default: none set)")
                return
            }
            try store.write { try StoreSettings.setWarningDays(days, source: reason, by: store.context, in: $0) }
            Console.print("warning days: \(days)")
        }
    }
}
