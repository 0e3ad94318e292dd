import GRDB

/// Tells whether anything was committed to the store since it last looked: SQLite's
/// `PRAGMA data_version`, read on a connection of its own that never writes, changes with every
/// commit of any other connection, in this process or another (a clerk's command line). What is
/// derived from the store (the web page's rendered pages) is kept while it stays the same.
public final class StoreVersion: Sendable {
    private let connection: DatabaseQueue

    /// A watch on the store's file; nil for a store in memory, which no other connection sees.
    public init?(_ database: GazetteDatabase) throws {
        guard let path = database.path else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The store's version now: equal to an earlier answer only if nothing was committed between.
    public func current() throws -> Int64 {
        try connection.read { try Int64.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }
}
