import ArgumentParser
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

/// `zhoucun units`: the units the documents name, under every name clerks use.
struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units",
        abstract: "The units the documents name, with their other names; teach a short form (区住建局).",
        subcommands: [List.self, Alias.self]
    )

    struct List: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Every unit with its other names and where each comes from.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [UnitRecords.Listing] {
            try store.read { try UnitRecords.list(in: $0) }
        }
    }

    struct Alias: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "alias",
            abstract: "Teach another name of a unit (区住建局 = 区住房城乡建设局): every command that takes a unit reads it from now on.",
            discussion: "The short forms printed in the district's documents ship as reference data (`units list` shows their sources); this is for the ones it lacks. Logged with who and why (`zhoucun log --module units`)."
        )
        @Argument(help: "The other name (区住建局).") var short: String
        @Argument(help: "The unit it names, as the documents name it (区住房城乡建设局).") var full: String
        @Option(help: "Why: where the other name is used (kept with it and in the log).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            try store.write { try UnitRecords.alias(short, for: full, reason: reason, by: store.context, in: $0) }
            Console.print("\(short) now names \(full)")
        }
    }
}

extension UnitRecords.Listing: Tabular {
    public static let columns: [OutputColumn<UnitRecords.Listing>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("name") { $0.name }, OutputColumn("other names") { $0.otherNames.joined(separator: "；") },
    ]
}
