import AkomaNtoso
import ArgumentParser
import Foundation
import GazetteImport
import GazetteModel
import GazetteText
import ModuleSpine

struct GazetteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Convert gazette text to Akoma Ntoso, and validate Akoma Ntoso against the OASIS schema.",
        subcommands: [Convert.self, Validate.self]
    )

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Turn the plain text of a gazette issue (or of one document) into schema-valid Akoma Ntoso 3.0."
        )
        @Argument(help: "The text file (UTF-8).") var file: String
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @Flag(help: "Convert a text in which no official document is found, instead of refusing it.") var force = false

        func run() throws {
            let bytes = try Importer.readFile(file, maximumSize: Importer.defaultMaximumFileSize)
            let converted = try Importer.akomaNtoso(from: bytes, file: file, force: force)
            try OutputFile.write(String(decoding: converted.xml, as: UTF8.self), to: output)
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", abstract: "Check a file against the strict OASIS Akoma Ntoso 3.0 schema.")
        @Argument(help: "The XML file.") var file: String

        func run() throws {
            let bytes = try Importer.readFile(file, maximumSize: Importer.defaultMaximumFileSize)
            let errors = try AkomaNtosoSchema.validate(bytes: bytes, file: file)
            guard errors.isEmpty else {
                for error in errors { FileHandle.standardError.write(Data("\(error)\n".utf8)) }
                throw ExitCode(1)
            }
            print("\(file): valid Akoma Ntoso 3.0")
        }
    }
}
