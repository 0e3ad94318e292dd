import AkomaNtoso
import ArgumentParser
import Foundation
import GazetteImport
import GazetteModel
import GazetteText
import ModuleSpine
import ModuleSpineCLI

struct GazetteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Convert gazette files to Akoma Ntoso, show the text a door reads, and validate Akoma Ntoso against the OASIS schema.",
        subcommands: [Convert.self, Text.self, Validate.self]
    )

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Turn a gazette issue or one document (PDF, OFD, web page, DOCX or plain text) into schema-valid Akoma Ntoso 3.0."
        )
        @Argument(help: "The file: PDF, OFD, HTML, DOCX or UTF-8 text.") var file: String
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @Flag(help: "Convert a text in which no official document is found, instead of refusing it.") var force = false

        func run() throws {
            let bytes = try Importer.readFile(file, maximumSize: Importer.defaultMaximumFileSize)
            let converted = try Importer.akomaNtoso(from: bytes, file: file, force: force)
            try OutputFile.write(String(decoding: converted.xml, as: UTF8.self), to: output, inputs: [file])
        }
    }

    struct Text: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "text",
            abstract: "The text a door reads out of a PDF, OFD, web page or DOCX file, as the reader of 公文 structure gets it.",
            discussion: "The metadata the file carries comes first, between `---` lines; then the paragraphs, with running headers and page numbers dropped."
        )
        @Argument(help: "The file.") var file: String

        func run() throws {
            let bytes = try Importer.readFile(file, maximumSize: Importer.defaultMaximumFileSize)
            let read = try Importer.text(of: bytes, file: file)
            for warning in read.warnings { Console.warn("warning: \(warning)") }
            Console.print(read.text, terminator: "")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check a file against the strict OASIS Akoma Ntoso 3.0 schema.")
        @Argument(help: "The XML file.") var file: String

        func run() throws {
            let bytes = try Importer.readFile(file, maximumSize: Importer.defaultMaximumFileSize)
            let errors = try AkomaNtosoSchema.validate(bytes: bytes, file: file)
            guard errors.isEmpty else {
                for error in errors { Console.warn("\(error)") }
                throw ExitCode(1)
            }
            Console.print("\(file): valid Akoma Ntoso 3.0")
        }
    }
}
