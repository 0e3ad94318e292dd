import Foundation
import GRDB
import GazetteStore

/// The store a command works on, with the modules this executable was built with (the
/// executable composes the list and hands it in; it never sits in a global).
///
/// The file is opened on first use. A store is made only on purpose (`import`, `demo`: `create`);
/// every other read or write of a store that does not exist is refused and makes nothing, so a
/// mistyped `--db` is said at once and leaves no file behind.
public final class Store {
    public let path: String
    public let modules: [any PolicyModule.Type]
    /// Who acts on it, and when: every write through this store is logged under it.
    public let context: OperationContext
    private var opened: GazetteDatabase?

    public init(path: String, modules: [any PolicyModule.Type], context: OperationContext) {
        self.path = path
        self.modules = modules
        self.context = context
    }

    /// A store already opened (in memory, or by the caller).
    public init(database: GazetteDatabase, modules: [any PolicyModule.Type], context: OperationContext) {
        path = database.path ?? ":memory:"
        self.modules = modules
        self.context = context
        opened = database
    }

    /// The store, made with every module's tables if it does not exist yet (for `import` and
    /// `demo` only); `made` says whether this call made it.
    public func create() throws -> (database: GazetteDatabase, made: Bool) {
        if let opened { return (opened, false) }
        let made = !FileManager.default.fileExists(atPath: path)
        return (try open(), made)
    }

    /// Takes away a store this process made and left empty (an import that refused every file).
    public func discard() {
        opened = nil
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The store as it is; refused, with nothing made, where there is none. A server asks for
    /// `concurrentReads` (see `GazetteDatabase`).
    public func existing(concurrentReads: Bool = false) throws -> GazetteDatabase {
        try requireStore()
        return try open(concurrentReads: concurrentReads)
    }

    /// Refuses a store that does not exist, or an empty file, making nothing.
    private func requireStore() throws {
        guard opened != nil || FileManager.default.fileExists(atPath: path) else {
            throw StoreError("there is no store at \(path); `zhoucun import FILE` or `zhoucun demo` makes one (or give --db, or set $ZHOUCUN_DB)")
        }
        // An empty file is no store: opening it would write the schema into it.
        if opened == nil, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            throw StoreError("\(path) is an empty file, not a zhoucun store; give the store's path, or remove it and `zhoucun import` makes one")
        }
    }

    private func open(concurrentReads: Bool = false) throws -> GazetteDatabase {
        if let opened { return opened }
        let database = try GazetteDatabase(path: path, migrations: modules.map { $0.migrations }, concurrentReads: concurrentReads)
        opened = database
        return database
    }

    /// A read: a store this process may not write is opened read-only, and answers all the same.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        if opened == nil, FileManager.default.fileExists(atPath: path), !Self.writable(path) {
            try requireStore()
            let database = try GazetteDatabase(path: path, migrations: modules.map { $0.migrations }, readOnly: true)
            opened = database
            return try database.writer.read(body)
        }
        return try existing().writer.read(body)
    }

    /// A write: refused, making nothing, where there is no store, and said precisely where the
    /// store cannot be written.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        if opened == nil, FileManager.default.fileExists(atPath: path), !Self.writable(path) {
            throw StoreError("cannot write the store \(path): \(String(cString: strerror(errno))) (its file, or the folder it is in, may not be written by this user, or is on a read-only mount); reads still work")
        }
        return try existing().writer.write(body)
    }

    /// Whether the store's file and its folder (where SQLite keeps its -wal and -shm) may be written.
    static func writable(_ path: String) -> Bool {
        access(path, W_OK) == 0 && access(URL(fileURLWithPath: path).deletingLastPathComponent().path, W_OK) == 0
    }
}
