import Foundation
import GRDB
import GazetteImport
import GazetteStore
import ModuleSpine

/// Paths and stores the test targets share. Tests use the real parts: the real seed text from
/// `../shared/seed/`, real SQLite files in temporary folders, real libxml2.
public enum Fixtures {
    /// The repository root (this file is Tests/TestSupport/Fixtures.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the checkout, as CI has it.
    public static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    public static var seedText: URL { shared.appendingPathComponent("seed/zhoucun-gazette-2020-09.txt") }
    public static var sampleXML: URL { root.appendingPathComponent("Apps/ZhoucunCommands/Samples/zhoucun-gazette-2020-09.xml") }
    public static var aknExample: URL { shared.appendingPathComponent("design/akn-gazette-example.xml") }

    public static func seed() throws -> String {
        try String(contentsOf: seedText, encoding: .utf8)
    }

    /// A new empty folder under the system's temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhoucun-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh database file with the shared schema and the given modules' migrations.
    public static func database(modules: [any PolicyModule.Type] = []) throws -> GazetteDatabase {
        try GazetteDatabase(path: temporaryFolder().appendingPathComponent("test.sqlite").path, migrations: modules.map { $0.migrations })
    }

    /// A fresh database with the sample issue imported from its text.
    public static func seededDatabase(modules: [any PolicyModule.Type] = []) throws -> GazetteDatabase {
        let database = try database(modules: modules)
        let (_, failure) = Importer(database: database, modules: modules).importFiles([seedText.path])
        if let failure { throw failure }
        return database
    }

    /// Writes text to a new temporary file and returns its path.
    public static func file(_ contents: String, name: String = "input.txt") throws -> String {
        try file(Array(contents.utf8), name: name)
    }

    public static func file(_ bytes: [UInt8], name: String) throws -> String {
        let url = try temporaryFolder().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Every row of every table, as text: to show that a store did not change at all.
    public static func dump(_ database: GazetteDatabase) throws -> String {
        try database.writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name
                """)
            return try tables.map { table in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY 1")
                return "\(table):\n" + rows.map { $0.description }.joined(separator: "\n")
            }.joined(separator: "\n")
        }
    }
}
