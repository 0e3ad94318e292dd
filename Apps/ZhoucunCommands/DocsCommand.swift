import ArgumentParser
import Foundation
import GazetteModel
import GazetteStore
import ModuleSpine

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "List, show and search the imported documents.",
        subcommands: [List.self, Show.self, Search.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The current version of every imported document.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let rows = try store.open().writer.read { try DocumentQueries.list(in: $0) }
            print(try Output.render(rows, as: output.format), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "A document's clauses with their citations, its attachments and what it replaces.")
        @Argument(help: "The 文号 (any bracket style: 周政办字〔2020〕39号, 周政办字[2020]39号) or the title.") var number: String
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Output format: table (text) or json.") var format: OutputFormat = .table

        func run() throws {
            let detail = try store.open().writer.read { db -> DocumentDetail in
                guard let (summary, document) = try DocumentQueries.find(number, in: db) else {
                    throw QueryError("no imported document has the number or title \(number); `zhoucun docs list` lists them")
                }
                let identity = DocumentNumber(number)?.canonical ?? summary.number.flatMap { DocumentNumber($0)?.canonical }
                return DocumentDetail(
                    summary: summary, document: document,
                    replacedBy: try summary.number.map { try DocumentQueries.replacedBy(DocumentNumber($0)?.canonical ?? $0, in: db) } ?? [],
                    versions: try identity.map { try DocumentQueries.versions(of: $0, in: db).map(\.version) } ?? [summary.version]
                )
            }
            print(format == .json ? try Output.json(detail) : detail.text)
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "search", abstract: "Full-text search over the clauses; each hit is a citation and a snippet.")
        @Argument(help: "The words to find (one or two characters work too).") var text: String
        @Option(help: "At most this many hits.") var limit = 50
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: FormatOptions

        func run() throws {
            let hits = try store.open().writer.read { try DocumentQueries.search(text, limit: limit, in: $0) }
            print(try Output.render(hits, as: output.format), terminator: "")
        }
    }
}

/// `docs show`: the document and its clauses, each with its citation.
struct DocumentDetail: Encodable {
    var summary: DocumentSummary
    var document: OfficialDocument
    var replacedBy: [String]
    var versions: [Int]

    struct Clause: Encodable {
        var citation: String
        var num: String?
        var heading: String?
        var text: String
        var children: [Clause]
    }

    struct AttachmentOut: Encodable {
        var label: String
        var title: String
        var sections: [Clause]
    }

    func clauses(_ sections: [Section], _ citation: Citation) -> [Clause] {
        sections.map { section in
            var here = citation
            if let number = section.number { here.path.append(number) }
            return Clause(citation: here.description, num: section.number?.printed, heading: section.heading,
                          text: section.blocks.map(\.text).joined(separator: "\n"), children: clauses(section.children, here))
        }
    }

    enum CodingKeys: String, CodingKey {
        case number, title, issuer, date, scope, addressees, issue, version, versions, replaces, replacedBy, sections, attachments
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary.number, forKey: .number)
        try container.encode(summary.title, forKey: .title)
        try container.encode(summary.issuer, forKey: .issuer)
        try container.encode(summary.date, forKey: .date)
        try container.encode(summary.scope, forKey: .scope)
        try container.encode(document.addressees, forKey: .addressees)
        try container.encode(summary.issue, forKey: .issue)
        try container.encode(summary.version, forKey: .version)
        try container.encode(versions, forKey: .versions)
        try container.encode(document.replaces, forKey: .replaces)
        try container.encode(replacedBy, forKey: .replacedBy)
        let root = Citation(document: document.citationName)
        try container.encode(clauses(document.body, root), forKey: .sections)
        try container.encode(document.attachments.map { attachment in
            AttachmentOut(label: attachment.label, title: attachment.title,
                          sections: clauses(attachment.body, Citation(document: document.citationName, attachment: attachment.label)))
        }, forKey: .attachments)
    }

    var text: String {
        var lines = ["\(summary.number ?? "(no 文号)")  \(summary.title)"]
        lines.append([summary.issuer.map { "issuer: \($0)" }, summary.date.map { "date: \($0)" }, summary.scope.map { "scope: \($0)" },
                      "version: \(summary.version) of \(versions.count)"].compactMap { $0 }.joined(separator: "   "))
        if !document.replaces.isEmpty { lines.append("replaces: \(document.replaces.joined(separator: ", "))") }
        if !replacedBy.isEmpty { lines.append("replaced by: \(replacedBy.joined(separator: ", "))") }
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
        render(clauses(document.body, Citation(document: document.citationName)), depth: 0)
        for attachment in document.attachments {
            lines.append("")
            lines.append("\(attachment.label)  \(attachment.title)")
            render(clauses(attachment.body, Citation(document: document.citationName, attachment: attachment.label)), depth: 1)
        }
        return lines.joined(separator: "\n")
    }
}

extension DocumentSummary: Tabular {
    public static let columns: [OutputColumn<DocumentSummary>] = [
        OutputColumn("number") { $0.number ?? "" }, OutputColumn("date") { $0.date ?? "" }, OutputColumn("title") { $0.title },
        OutputColumn("issuer") { $0.issuer ?? "" }, OutputColumn("issue") { $0.issue ?? "" }, OutputColumn("sections") { String($0.sections) },
        OutputColumn("attachments") { String($0.attachments) }, OutputColumn("modules") { $0.modules.joined(separator: ",") },
    ]
}

extension SearchHit: Tabular {
    public static let columns: [OutputColumn<SearchHit>] = [OutputColumn("citation") { $0.citation }, OutputColumn("snippet") { $0.snippet }]
}
