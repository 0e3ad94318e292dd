import Foundation
import GazetteModel
import GRDB

/// A set of migrations that one part of the system owns: the shared schema, or one module's.
public struct MigrationSet: Sendable {
    /// Prefix of every migration identifier in the set (`shared`, `pollution`).
    public var owner: String
    public var register: @Sendable (inout DatabaseMigrator) -> Void

    public init(owner: String, register: @escaping @Sendable (inout DatabaseMigrator) -> Void) {
        self.owner = owner
        self.register = register
    }
}

/// Why the store could not be opened.
public struct StoreError: ReportableError, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The embedded store: one SQLite file in WAL mode, foreign keys on, with a busy timeout so that
/// two processes can write to it one after the other.
///
/// One connection per command (a queue, not a pool): every command is one short sequence of reads
/// or writes, and a second connection would only cost start-up time. Other processes still read
/// while one writes, through WAL. A server, which answers many readers at once, asks for a pool
/// (`concurrentReads`): its pages are then read side by side, not one after another.
public final class GazetteDatabase: Sendable {
    public let writer: any DatabaseWriter
    public let path: String?

    /// Opens (creating if needed) the database at `path`, then migrates it: the shared schema
    /// first, then each module's, in the order given.
    ///
    /// With `readOnly` (a store this user may not write, or on a read-only mount) nothing is
    /// written, not even the WAL check: the file is opened read-only (immutable where its folder
    /// cannot be written either, so no `-shm` is needed), and a store that would need migrating is
    /// refused.
    public init(path: String, migrations: [MigrationSet], readOnly: Bool = false, concurrentReads: Bool = false) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        if readOnly {
            var configuration = Configuration()
            configuration.readonly = true
            let immutable = access(directory.path, W_OK) != 0
            let queue: DatabaseQueue
            do {
                queue = try DatabaseQueue(path: immutable ? "file:\(path)?immutable=1" : path, configuration: configuration)
                try Self.requireMigrated(queue, migrations, path: path)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("cannot open the database \(path) to read it: \(error)")
            }
            writer = queue
            self.path = path
            return
        }
        if !FileManager.default.fileExists(atPath: directory.path) {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A writer waits this long for another's transaction (an import commits file by file):
        // $ZHOUCUN_BUSY_TIMEOUT seconds, else a minute.
        configuration.busyMode = .timeout(Self.busyTimeout)
        // WAL is kept in the file itself: it is switched on once, when the store is made. (GRDB's
        // `journalMode = .wal` would also make and drop a table at every open, so that a pool's
        // readers find a WAL file: a write, four fsyncs and the write lock for every query.)
        configuration.prepareDatabase { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else { throw StoreError("cannot put \(path) in WAL mode (it stays \(mode ?? "unknown"))") }
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Several processes may make the same new store at once: one switches it to WAL and
        // creates the tables, the others find it locked or already made. They wait and look again.
        var attempt = 0
        while true {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try Self.migrate(queue, migrations)
                if concurrentReads {
                    try queue.close()
                    writer = try DatabasePool(path: path, configuration: configuration)
                } else {
                    writer = queue
                }
                break
            } catch let error as DatabaseError where attempt < 20
                // Busy or locked, or the other process's schema change seen half way (`table …
                // already exists`, `duplicate column name`: SQLITE_ERROR), or a migration it
                // recorded first (the constraint of grdb_migrations: ours is rolled back).
                && ([.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_ERROR].contains(error.resultCode)
                    || error.resultCode == .SQLITE_CONSTRAINT && (error.message ?? "").contains("grdb_migrations")) {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05 * Double(min(attempt, 10)))
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("cannot open the database \(path): \(error)")
            }
        }
        self.path = path
    }

    static var busyTimeout: TimeInterval {
        ProcessEnvironment.current["ZHOUCUN_BUSY_TIMEOUT"].flatMap(TimeInterval.init) ?? 60
    }

    /// A private in-memory database, for tests of code that does not need a file.
    public init(inMemory migrations: [MigrationSet]) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: configuration)
        path = nil
        try Self.migrate(writer, migrations)
    }

    public static func migrator(_ sets: [MigrationSet]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        SharedSchema.migrations.register(&migrator)
        for set in sets where set.owner != SharedSchema.migrations.owner {
            set.register(&migrator)
        }
        return migrator
    }

    /// A store read without writing must have every migration already.
    static func requireMigrated(_ reader: any DatabaseWriter, _ sets: [MigrationSet], path: String) throws {
        let known = Set(migrator(sets).migrations)
        let applied = try reader.read { db in try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) }
        guard known.isSubset(of: applied) else {
            throw StoreError("\(path) was written by an older zhoucun and needs upgrading, which cannot be done here: it cannot be written (permission or a read-only mount); open it once where it can be")
        }
    }

    /// Migrates only when a migration is missing: a store that is up to date is only read, so a
    /// query never waits for another process's write lock.
    static func migrate(_ writer: any DatabaseWriter, _ sets: [MigrationSet]) throws {
        let migrator = migrator(sets)
        let known = Set(migrator.migrations)
        let applied = try writer.read { db -> Set<String> in
            let hasMigrations = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'grdb_migrations')")
            guard hasMigrations == true else {
                // Another program's database: it is not made ours by adding our tables to it.
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 4")
                guard tables.isEmpty else {
                    throw StoreError("\(writer.path) is not a zhoucun store: it holds other tables (\(tables.joined(separator: ", "))) and no zhoucun schema; give another --db")
                }
                return []
            }
            return try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        let unknown = applied.subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw StoreError(
                "this database was written by a newer zhoucun: it has schema changes this one does not know (\(unknown.joined(separator: ", "))). Use a newer zhoucun, or another database."
            )
        }
        if !known.isSubset(of: applied) { try migrator.migrate(writer) }
    }
}
