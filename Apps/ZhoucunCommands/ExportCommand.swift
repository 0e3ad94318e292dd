import AkomaNtoso
import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

struct ExportCommand: StoreCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a document, or a whole issue, as Akoma Ntoso 3.0.",
        discussion: "Importing the exported file into a fresh database gives the same documents, rosters and clauses."
    )

    enum Format: String, ExpressibleByArgument { case akn }

    @Argument(help: "The 文号 of the document to export.") var number: String?
    @Option(help: "A whole gazette issue, as YEAR-NUMBER (2020-9).") var issue: String?
    @Option(help: "The export format.") var format: Format = .akn
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (number == nil) != (issue == nil) else {
            throw ValidationError("give either a document number or --issue YEAR-NUMBER")
        }
    }

    func run(in store: Store) throws {
        let xml = try store.read { db -> String in
            if let issue {
                guard let (header, documents) = try DocumentQueries.issue(issue, in: db) else {
                    throw QueryError("no imported issue \(issue) (write it as YEAR-NUMBER, e.g. 2020-9)")
                }
                var gazette = header
                gazette.documents = documents
                return AkomaNtosoWriter().gazette(gazette)
            }
            guard let number, let (_, document) = try DocumentQueries.find(number, in: db) else {
                throw QueryError("no imported document has the number or title \(number ?? "")")
            }
            return AkomaNtosoWriter().document(document)
        }
        try OutputFile.write(xml, to: output)
    }
}

/// Writes command output to a file (all at once, replacing it) or to standard output.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        guard let path else { print(text, terminator: ""); return }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(file: path, line: 0, column: 0, message: "cannot write the file: \(error.localizedDescription)")
        }
    }
}
