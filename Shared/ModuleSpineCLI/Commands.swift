import ArgumentParser
import GazetteStore
import ModuleSpine

/// A command that works on the store: the executable opens it (`--db`, else `$ZHOUCUN_DB`, else
/// the default) with the context of the invocation, and calls `run(in:)`.
public protocol StoreCommand: ParsableCommand {
    var store: StoreOptions { get }
    func run(in store: Store) throws
}

/// A command that writes: `--by` names who acts (else `$ZHOUCUN_USER`, else the OS user), and
/// the store it runs on carries that person in its context.
public protocol StoreWriteCommand: StoreCommand {
    var writer: WriterOptions { get }
}

/// `--by NAME`: one spelling for every write.
public struct WriterOptions: ParsableArguments, Sendable {
    @Option(help: "Who makes this entry, as the log names them (default: $ZHOUCUN_USER, else the OS user).")
    public var by: String?

    public init() {}
}

/// A command that lists records and prints nothing itself: `--format table|json|csv` prints the
/// rows it returns, the same way everywhere.
public protocol ListCommand: ParsableCommand {
    associatedtype Row: Tabular
    var output: FormatOptions { get }
    func rows() throws -> [Row]
}

extension ListCommand {
    public func run() throws {
        Console.print(try output.render(try rows()), terminator: "")
    }
}

/// A list command that reads the store.
public protocol StoreListCommand: StoreCommand {
    associatedtype Row: Tabular
    var output: FormatOptions { get }
    func rows(in store: Store) throws -> [Row]
}

extension StoreListCommand {
    public func run(in store: Store) throws {
        Console.print(try output.render(try rows(in: store)), terminator: "")
    }
}

/// A command that shows one record: a field-and-value table, a JSON object, or one CSV row.
public protocol StoreShowCommand: StoreCommand {
    associatedtype Row: Tabular
    var output: FormatOptions { get }
    func record(in store: Store) throws -> Row
}

extension StoreShowCommand {
    public func run(in store: Store) throws {
        Console.print(try output.renderOne(try record(in: store)), terminator: "")
    }
}

/// A module's command group, `zhoucun <id> …`: contributed from the module's `CLI/` folder.
public protocol CommandLineModule: PolicyModule {
    static var command: any ParsableCommand.Type { get }
}
