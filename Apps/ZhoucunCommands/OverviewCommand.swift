import ArgumentParser
import Foundation
import GazetteImport
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

struct OverviewCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "What the store holds: documents, bodies, and the people who sit on more than one body."
    )
    @OptionGroup var store: StoreOptions
    @Option(name: .long, help: "Output format: table or json.") var format: ReportFormat = .table

    func run(in store: Store) throws {
        Console.print(try Overview.read(from: store.existing()).render(format), terminator: "")
    }
}

struct DemoCommand: StoreWriteCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Import the bundled sample issue (2020 第9期) into a fresh database and print the overview.",
        discussion: "The database is --db, else $ZHOUCUN_DB; it must not exist yet. Without either it goes to a new temporary folder, whose path is printed so you can go on querying it."
    )
    @OptionGroup var writer: WriterOptions
    @OptionGroup var store: StoreOptions

    func run(in store: Store) throws {
        var store = store
        if self.store.isGiven {
            guard !FileManager.default.fileExists(atPath: store.path) else {
                throw ArgumentError("\(store.path) exists already; the demo only writes a fresh database")
            }
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhoucun-demo-\(UUID().uuidString.prefix(8))")
            store = Store(path: folder.appendingPathComponent("zhoucun.sqlite").path, modules: store.modules, context: store.context)
        }
        let path = store.path
        guard let sample = Bundle.module.url(forResource: "Samples", withExtension: nil)?
            .appendingPathComponent("zhoucun-gazette-2020-09.xml").path else {
            throw ArgumentError("the bundled sample issue is missing from this installation")
        }
        let database = try store.create().database
        let (summary, failure) = Importer(database: database, modules: store.modules, by: store.context).importFiles([sample])
        if let failure { throw failure }
        Console.print("new store at \(path)")
        Console.print(ImportCommand.describe(summary))
        Console.print(try Overview.read(from: database).render(.table), terminator: "")
        Console.print("\nGo on with, for example:\n  zhoucun roster person 赵学 --db \(path)\n  zhoucun docs show 周政办字〔2020〕39号 --db \(path)")
    }
}
