import ArgumentParser
import Foundation
import GazetteImport
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

struct ImportCommand: StoreWriteCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import gazette files: PDF, OFD, web pages, DOCX, plain text or Akoma Ntoso XML (the content decides).",
        discussion: "Each file is one transaction: it lands whole or not at all. Importing the same file again changes nothing."
    )

    @Argument(help: "The files to import.") var files: [String]
    @Option(help: "Refuse files larger than this many bytes.") var maxSize = Importer.defaultMaximumFileSize
    @Flag(help: "Import a text in which no official document is found, marked unrecognised, instead of refusing it.") var force = false
    @OptionGroup var writer: WriterOptions
    @OptionGroup var store: StoreOptions
    @Option(name: .long, help: "Summary format: table or json.") var format: ReportFormat = .table

    func run(in store: Store) throws {
        let (database, made) = try store.create()
        let importer = Importer(database: database, modules: store.modules, maximumFileSize: maxSize, force: force,
                                by: store.context)
        let progress = Invocation.error
        let showProgress = progress.isTerminal && files.count > 1
        let (summary, failure) = importer.importFiles(files) { index, path in
            if showProgress { progress("\r\u{1B}[K[\(index + 1)/\(files.count)] \(path)") }
        }
        if showProgress { progress("\r\u{1B}[K") }
        if made {
            // A store is made on purpose: by an import that brought something into it.
            guard !summary.files.isEmpty else {
                store.discard()
                throw failure ?? StoreError("nothing was imported, so no store was made at \(store.path)")
            }
            Console.warn("new store at \(store.path)")
        }
        if format == .json {
            Console.print(try Output.json(summary))
        } else {
            Console.print(Self.describe(summary), terminator: "")
        }
        if let failure {
            // One refused file among several: the others went in; the exit status still says so.
            guard files.count > 1, !summary.refused.isEmpty else { throw failure }
            throw ImportRefused(refused: summary.refused, total: files.count)
        }
    }

    struct ImportRefused: ReportableError {
        var refused: [ImportSummary.Refusal]
        var total: Int
        var description: String {
            "\(refused.count) of \(total) files refused\(refused.count < total ? " (the others were imported)" : ""):\n"
                + refused.map { "  \($0.reason)" }.joined(separator: "\n")
        }
    }

    static func describe(_ summary: ImportSummary) -> String {
        var text = ""
        for file in summary.files {
            if file.alreadyImported {
                text += "\(file.file): already imported (the same bytes); nothing changed\n"
                for warning in file.warnings { text += "  \(warning)\n" }
                continue
            }
            var parts: [String] = []
            if !file.added.isEmpty { parts.append("\(file.added.count) added") }
            if !file.updated.isEmpty { parts.append("\(file.updated.count) updated (new version kept beside the old)") }
            if !file.unchanged.isEmpty { parts.append("\(file.unchanged.count) unchanged") }
            let mark = file.recognised ? "" : ", unrecognised: no 公文 found, imported with --force"
            text += "\(file.file) (\(file.format)\(mark)): \(parts.isEmpty ? "no documents" : parts.joined(separator: ", "))\n"
            for (label, list) in [("added", file.added), ("updated", file.updated), ("unchanged", file.unchanged)] where !list.isEmpty {
                text += "  \(label): \(list.joined(separator: ", "))\n"
            }
            for body in file.bodies {
                let parts = [("joined", body.joined), ("left", body.left), ("role changed", body.roleChanged)]
                    .filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1.joined(separator: "、"))" }
                text += "  \(body.body): \(parts.joined(separator: "; "))\n"
            }
            for warning in file.warnings { text += "  warning: \(warning)\n" }
        }
        text += "documents: \(summary.added) added, \(summary.updated) updated, \(summary.unchanged) unchanged; "
        text += "new: \(summary.people) people, \(summary.units) units, \(summary.memberships) memberships\n"
        return text
    }
}
