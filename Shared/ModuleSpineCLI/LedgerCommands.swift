import ArgumentParser
import GazetteStore
import ModuleSpine

/// `list`, `show`, `amend` and `void` for one kind of ledger entry.
public enum LedgerCommands<Entry: LedgerEntry> {
    public static var all: [any ParsableCommand.Type] { [List.self, Show.self, Amend.self, VoidEntry.self] }

    public struct List: StoreListCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "list", abstract: "Every \(Entry.noun) in the ledger; --all shows the voided ones too.")
        }
        @Flag(help: "Voided entries too, marked void.") var all = false
        @OptionGroup public var store: StoreOptions
        @OptionGroup public var output: FormatOptions
        public init() {}

        public func rows(in store: Store) throws -> [LedgerLine<Entry>] {
            try store.read { db in try (all ? Entry.all() : Entry.inForce).fetchAll(db).map { LedgerLine(entry: $0) } }
        }
    }

    public struct Show: StoreShowCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "show", abstract: "One \(Entry.noun), voided or not.")
        }
        @Argument(help: "Its id.") var key: String
        @OptionGroup public var store: StoreOptions
        @OptionGroup public var output: FormatOptions
        public init() {}

        public func record(in store: Store) throws -> LedgerLine<Entry> {
            guard let key = Entry.Key(key) else { throw ArgumentError("\(key) is not the id of \(Ledger.article(Entry.noun))") }
            return LedgerLine(entry: try store.read { try Entry.entry(key, in: $0) })
        }
    }

    public struct Amend: StoreWriteCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "amend",
                abstract: "Correct \(Ledger.article(Entry.noun)): --FIELD VALUE for each field, with --reason.",
                discussion: "The entry is checked again as a new one would be; the log keeps it as it was, as it is, who and why."
            )
        }
        @Argument(help: "Its id.") var key: String
        @Option(help: "Why it is corrected (kept in the log).") var reason: String
        @OptionGroup public var writer: WriterOptions
        @Argument(parsing: .allUnrecognized, help: "--FIELD VALUE pairs: the fields and their right values.") var changes: [String] = []
        @OptionGroup public var store: StoreOptions
        public init() {}

        public func run(in store: Store) throws {
            guard let key = Entry.Key(key) else { throw ArgumentError("\(key) is not the id of \(Ledger.article(Entry.noun))") }
            let pairs = try FieldArguments.pairs(changes, each: "correction")
            _ = try store.write { try Ledger.amend(Entry.self, key: key, changes: pairs, reason: reason, by: store.context, in: $0) }
            Console.print("\(Entry.noun) \(key): corrected (\(pairs.map(\.field).joined(separator: ", "))); `zhoucun log --module \(Entry.module)` shows before and after")
        }
    }

    public struct VoidEntry: StoreWriteCommand {
        public static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "void", abstract: "Void \(Ledger.article(Entry.noun)) entered by mistake: kept, marked void, left out of every computation.")
        }
        @Argument(help: "Its id.") var key: String
        @Option(help: "Why it is voided (kept with it and in the log).") var reason: String
        @OptionGroup public var writer: WriterOptions
        @OptionGroup public var store: StoreOptions
        public init() {}

        public func run(in store: Store) throws {
            guard let key = Entry.Key(key) else { throw ArgumentError("\(key) is not the id of \(Ledger.article(Entry.noun))") }
            _ = try store.write { try Ledger.void(Entry.self, key: key, reason: reason, by: store.context, in: $0) }
            Console.print("\(Entry.noun) \(key): void (\(reason))")
        }
    }
}
