import ArgumentParser
import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine
import ModuleSpineCLI

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "List, show and search the imported documents; withdraw one imported by mistake, and restore it.",
        subcommands: [List.self, Show.self, Diff.self, Search.self, Withdraw.self, Restore.self]
    )

    struct List: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The version in force of every imported document.")
        @Flag(help: "Every stored version: withdrawn and superseded ones too.") var all = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [DocumentSummary] {
            try store.read { try DocumentQueries.list(all: all, in: $0) }
        }
    }

    struct Withdraw: StoreWriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Take a document out of force: its rosters, duties, tasks and module records no longer answer.",
            discussion: "Nothing is deleted: the document stays in `docs list --all` and in the history of the bodies it touched, and `docs restore` undoes it. The write is logged with its reason (`zhoucun log`)."
        )
        @Argument(help: "The 文号 (any bracket style), the id `docs list` prints, or the title.") var document: String
        @Option(help: "Why it is withdrawn (kept in the log).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let (_, label) = try store.write { try DocumentStore.withdraw(document, reason: reason, by: store.context, in: $0) }
            Console.print("\(label): withdrawn; `zhoucun docs restore \(document) --reason …` brings it back")
        }
    }

    struct Restore: StoreWriteCommand {
        static let configuration = CommandConfiguration(commandName: "restore", abstract: "Put a withdrawn document back in force, as it was.")
        @Argument(help: "The 文号, id or title of the withdrawn document.") var document: String
        @Option(help: "Why it is restored (kept in the log).") var reason: String
        @OptionGroup var writer: WriterOptions
        @OptionGroup var store: StoreOptions

        func run(in store: Store) throws {
            let (_, label) = try store.write { try DocumentStore.restore(document, reason: reason, by: store.context, in: $0) }
            Console.print("\(label): in force again")
        }
    }

    struct Show: StoreCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A document's clauses with their citations, its attachments, what it replaces, its versions (each with the door it came through), and where each element of the 公文 was found.")
        @Argument(help: "The 文号 (any bracket style: 周政办字〔2020〕39号, 周政办字[2020]39号), the id, the title, or a part of the title only one document has (重污染天气应急预案).") var number: String
        @Option(help: "Show this version (`docs show` lists them) instead of the one in force.") var version: Int?
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Output format: table (text) or json.") var format: ReportFormat = .table

        func run(in store: Store) throws {
            let detail = try store.read { try DocumentQueries.detail(number, version: version, in: $0) }
            Console.print(format == .json ? try Output.json(detail) : detail.text)
        }
    }

    struct Diff: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "diff", abstract: "What changed between two versions of a document, clause by clause.")
        @Argument(help: "The 文号, id or title.") var number: String
        @Option(help: "The earlier version.") var from: Int
        @Option(help: "The later version.") var to: Int
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [ClauseChange] {
            try store.read { db in
                guard from < to else { throw QueryError("--from \(from) is not before --to \(to): give the earlier version first") }
                return DocumentQueries.diff(try DocumentQueries.anyVersion(number, version: from, in: db).document,
                                            try DocumentQueries.anyVersion(number, version: to, in: db).document)
            }
        }
    }

    struct Search: StoreListCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search over the clauses; each hit is a citation and a snippet.")
        @Argument(help: "The words to find (one or two characters work too).") var text: String
        @Option(help: "At most this many hits.") var limit = 50
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func rows(in store: Store) throws -> [SearchHit] {
            try store.read { try DocumentQueries.search(text, limit: limit, in: $0) }
        }
    }
}

/// `docs show` as text: the head, then each clause under its citation.
extension DocumentDetail {
    var text: String {
        var lines = ["\(summary.number ?? "(no 文号)")  \(summary.title)"]
        lines.append([summary.issuer.map { "issuer: \($0)" }, summary.date.map { "date: \($0)" }, summary.scope.map { "scope: \($0)" },
                      "version: \(summary.version) of \(history.count)"].compactMap { $0 }.joined(separator: "   "))
        if summary.status == .reference {
            lines.append("reference: issued in \(summary.region ?? "another region"), not by this store's district; it governs none of the modules' answers")
        }
        if history.count > 1 || summary.door != nil {
            lines.append("versions: " + history.map { version in
                "\(version.version) (\(version.door ?? "?")\(version.importedAt.map { ", imported \($0)" } ?? ""), \(version.status.rawValue))"
            }.joined(separator: "; "))
        }
        if let at = summary.withdrawnAt { lines.append("WITHDRAWN at \(at): \(summary.withdrawnReason ?? "")") }
        if !summary.recognised {
            lines.append(document.title.isEmpty && document.number == nil
                         ? "unrecognised: it has neither a title nor a 文号" : "unrecognised: no 公文 was found in the file; imported with --force")
        }
        if !document.replaces.isEmpty { lines.append("replaces: \(document.replaces.joined(separator: ", "))") }
        if !replacedBy.isEmpty { lines.append("replaced by: \(replacedBy.joined(separator: ", "))") }
        if let found = document.found, !found.isEmpty {
            lines.append("")
            lines.append("found:")
            for element in found {
                lines.append("  \(element.element)  \(element.line.map { "line \($0)" } ?? "-")  \(element.how) (\(element.confidence.rawValue))")
            }
        }
        func render(_ clauses: [Clause], depth: Int) {
            for clause in clauses {
                let indent = String(repeating: "  ", count: depth)
                let head = [clause.num, clause.heading].compactMap { $0 }.joined(separator: " ")
                lines.append("")
                lines.append("\(indent)[\(clause.citation)] \(head)")
                for paragraph in clause.text.split(separator: "\n") { lines.append("\(indent)  \(paragraph)") }
                render(clause.children, depth: depth + 1)
            }
        }
        render(sections, depth: 0)
        for attachment in attachments {
            lines.append("")
            lines.append("\(attachment.label)  \(attachment.title)")
            render(attachment.sections, depth: 1)
        }
        // Controls from a document reach no terminal raw.
        return lines.map(Output.visible).joined(separator: "\n")
    }
}
