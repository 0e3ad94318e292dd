import AkomaNtoso
import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

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
        try OutputFile.write(xml, to: output, inputs: [store.path])
    }
}

/// Writes command output to a file, or to standard output.
///
/// A new file, or a regular one, is replaced whole: written beside it and renamed over it, so it
/// is never left half written. Anything else (a device, a symlink) is written in place, the link
/// followed, with every write checked. A target that is one of the command's own inputs is refused.
enum OutputFile {
    static func write(_ text: String, to path: String?, inputs: [String] = []) throws {
        guard let path else { Console.print(text, terminator: ""); return }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if inputs.contains(where: { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path == target }) {
            throw InputError(file: path, line: 0, column: 0, message: "is the input of this command: it would be overwritten; give another -o")
        }
        var status = stat()
        let exists = lstat(path, &status) == 0
        do {
            if !exists || status.st_mode & S_IFMT == S_IFREG {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } else {
                try writeInPlace(Array(text.utf8), to: path)
            }
        } catch {
            throw InputError(file: path, line: 0, column: 0, message: "cannot write the file: \((error as? OutputError)?.reason ?? error.localizedDescription)")
        }
    }

    static func writeInPlace(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw OutputError(reason: String(cString: strerror(errno))) }
            offset += written
        }
    }
}
