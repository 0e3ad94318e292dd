import ArgumentParser
import Foundation
import GRDB
import GazetteStore

/// The store a command works on, with the modules this executable was built with (the
/// executable composes the list and hands it in; it never sits in a global).
///
/// The file is opened on first use: a write makes it if it does not exist, a read of a store
/// that does not exist is refused and makes nothing, so a mistyped `--db` is said at once.
public final class Store {
    public let path: String
    public let modules: [any PolicyModule.Type]
    private var opened: GazetteDatabase?

    public init(path: String, modules: [any PolicyModule.Type]) {
        self.path = path
        self.modules = modules
    }

    /// A store already opened (in memory, or by the caller).
    public init(database: GazetteDatabase, modules: [any PolicyModule.Type]) {
        path = database.path ?? ":memory:"
        self.modules = modules
        opened = database
    }

    /// The store, made with every module's tables if it does not exist yet: for imports and writes.
    public func database() throws -> GazetteDatabase {
        if let opened { return opened }
        let database = try GazetteDatabase(path: path, migrations: modules.map { $0.migrations })
        opened = database
        return database
    }

    /// The store as it is; refused, with nothing made, where there is none.
    public func existing() throws -> GazetteDatabase {
        guard opened != nil || FileManager.default.fileExists(atPath: path) else {
            throw StoreError("there is no store at \(path); `zhoucun import FILE` or `zhoucun demo` makes one (or give --db, or set $ZHOUCUN_DB)")
        }
        return try database()
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try existing().writer.read(body)
    }

    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try database().writer.write(body)
    }

    /// A write that changes what is there already (a correction, a closing): refused, making
    /// nothing, where there is no store.
    public func change<T>(_ body: (Database) throws -> T) throws -> T {
        try existing().writer.write(body)
    }
}

/// A command that works on the store: the executable opens it (`--db`, else `$ZHOUCUN_DB`, else
/// the default) and calls `run(in:)`.
public protocol StoreCommand: ParsableCommand {
    var store: StoreOptions { get }
    func run(in store: Store) throws
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
        print(try output.render(try rows()), terminator: "")
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
        print(try output.render(try rows(in: store)), terminator: "")
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
        print(try output.renderOne(try record(in: store)), terminator: "")
    }
}
