import Foundation
import GRDB
import GazetteStore
import GazetteText
import ModuleSpine
import ModuleSpineCLI
import ZhoucunModules
import Testing
import TestSupport
import ZhoucunCommands

/// The rules of the plug-in protocol (docs/ARCHITECTURE.md), checked on every module registered.
@Suite("The plug-in rules")
struct PluginRulesTests {
    func tables(_ migrations: [MigrationSet]) throws -> Set<String> {
        let database = try GazetteDatabase(inMemory: migrations)
        return try database.writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        }
    }

    @Test("Module ids are unique, and each module's migrations and tables carry its id")
    func prefixes() throws {
        let ids = ModuleRegistry.all.map { $0.id }
        #expect(Set(ids).count == ids.count)
        let shared = try tables([])
        for module in ModuleRegistry.all {
            let set = module.migrations
            #expect(set.owner == module.id)
            var migrator = DatabaseMigrator()
            set.register(&migrator)
            #expect(!migrator.migrations.isEmpty)
            for identifier in migrator.migrations {
                #expect(identifier.hasPrefix(module.id + "."), "\(module.id): migration \(identifier)")
            }
            let own = try tables([set]).subtracting(shared).subtracting(["grdb_migrations"])
            #expect(!own.isEmpty)
            for table in own {
                #expect(table.hasPrefix(module.id + "_"), "\(module.id): table \(table)")
            }
        }
    }

    @Test("The argument parser stays at the edge: no module file outside its CLI/ folder, and no file of the spine, imports it")
    func parserAtTheEdge() throws {
        var checked = 0
        for folder in ["Modules", "Shared/ModuleSpine", "Shared/GazetteStore", "Shared/GazetteModel", "Shared/GazetteImport"] {
            let root = Fixtures.root.appendingPathComponent(folder)
            let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            for case let url as URL in files where url.pathExtension == "swift" && !url.pathComponents.contains("CLI") {
                checked += 1
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(!text.contains("import ArgumentParser"), "\(url.path) imports ArgumentParser")
            }
        }
        #expect(checked > 40)
        // Every module still contributes its command group.
        #expect(ModuleRegistry.commands.count == ModuleRegistry.all.count)
    }

    @Test("Each document of the sample issue is recognised by exactly one module")
    func oneModuleEach() throws {
        let issue = try PlainTextGazette.parse(try Fixtures.seed(), file: "seed")
        let recognisers = issue.documents.map { document in
            ModuleRegistry.all.filter { $0.recognises(document) }.map { $0.id }
        }
        #expect(recognisers == [["incentives"], ["aml"], ["land"], ["bankruptcy"], ["pollution"]])
    }
}
