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

    /// An act of another country in Akoma Ntoso, its title, number and proponent on the cover page.
    public static let foreignAct = """
        <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><meta>
        <identification source="#x"><FRBRWork><FRBRthis value="/akn/gb/act/2017/126/!main"/><FRBRuri value="/akn/gb/act/2017/126"/>
        <FRBRdate date="2017-03-02" name="enactment"/><FRBRauthor href="#parliament"/><FRBRcountry value="gb"/></FRBRWork>
        </identification><references source="#x"><TLCOrganization eId="parliament" href="/ontology/organization/gb/parliament" showAs="Parliament"/></references></meta>
        <coverPage><p><docTitle>The Commencement   Regulations 2017</docTitle> <docNumber>2017 No. 126 (C. 10)</docNumber>
        <docProponent>Secretary of State</docProponent></p></coverPage>
        <body><section eId="sec_1"><num>1</num><content><p>These Regulations come into force.</p></content></section></body></act></akomaNtoso>
        """

    /// Who acts in a test that writes: a named person, in the office's time zone.
    public static let context = OperationContext(actor: "测试员")

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
        let (_, failure) = Importer(database: database, modules: modules, by: context).importFiles([seedText.path])
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

    /// Bytes in another encoding, through iconv(1) as another program would write them.
    public static func iconv(_ bytes: [UInt8], from: String, to: String) throws -> [UInt8]? {
        let source = try file(bytes, name: "iconv-input")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", from, "-t", to, source]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let converted = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](converted) : nil
    }

    /// Every row of every table, as text: to show that a store did not change at all.
    /// A connection of the test's own to a store a command made, waiting for a lock as the
    /// store's own connections do (a command's last checkpoint may still hold it a moment).
    public static func queue(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    public static func dump(_ database: GazetteDatabase) throws -> String {
        try dump(database.writer)
    }

    public static func dump(_ reader: any DatabaseReader) throws -> String {
        try reader.read { db in
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

import AkomaNtoso
import SyntheticGazette

extension Fixtures {
    /// A synthetic archive: one Akoma Ntoso file per monthly issue of `counties` counties for a
    /// year, with the 文号 of the documents in each file.
    public static func archive(counties: Int, paragraphs: Int = 30) throws -> [(path: String, numbers: [String])] {
        let folder = try temporaryFolder()
        let generator = SyntheticGazette(paragraphsPerDocument: paragraphs)
        var files: [(String, [String])] = []
        for county in 1...counties {
            for month in 1...12 {
                let issue = generator.issue(county: county, year: 2021, number: month)
                let url = folder.appendingPathComponent("c\(county)-\(month).xml")
                try AkomaNtosoWriter().gazette(issue).write(to: url, atomically: false, encoding: .utf8)
                files.append((url.path, issue.documents.compactMap(\.number)))
            }
        }
        return files
    }
}
