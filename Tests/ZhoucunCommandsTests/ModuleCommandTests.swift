import ArgumentParser
import Foundation
import ModuleSpine
import Testing
import TestSupport
import ZhoucunCommands

/// Every leaf command of every policy module, parsed in-process and run through the real binary
/// on a store holding the sample issue, its whole output compared with `Tests/ModuleCommands/transcript.txt`.
@Suite("Every module command, run once")
struct ModuleCommandTests {
    struct Block {
        var line: Int
        var arguments: [String]
        var expected: String
    }

    static let folder = Fixtures.root.appendingPathComponent("Tests/ModuleCommands")
    static let transcript = folder.appendingPathComponent("transcript.txt")

    static func blocks() throws -> [Block] {
        var blocks: [Block] = []
        for (index, line) in try String(contentsOf: transcript, encoding: .utf8).components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("$ ") {
                let arguments = line.dropFirst(2).split(separator: " ").map { $0.replacingOccurrences(of: "{files}", with: folder.path) }
                blocks.append(Block(line: index + 1, arguments: arguments, expected: ""))
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].expected += line + "\n"
            }
        }
        return blocks
    }

    /// The path of names to each leaf command of the modules: `pollution alerts issue`.
    static func leaves() -> [String: String] {
        var leaves: [String: String] = [:]
        func visit(_ command: any ParsableCommand.Type, path: String) {
            let name = command.configuration.commandName ?? ""
            let here = path.isEmpty ? name : path + " " + name
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty { leaves[String(reflecting: command)] = here }
            for sub in subcommands { visit(sub, path: here) }
        }
        for module in ModuleRegistry.all { visit(module.command, path: "") }
        return leaves
    }

    static func trimmed(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    @Test("Each leaf command parses in-process to itself, runs in the binary, and prints what the transcript says")
    func transcript() throws {
        let leaves = Self.leaves()
        #expect(leaves.count >= 51)
        let db = try CLI.seededDatabasePath()
        var ran = Set<String>()
        var recorded = ""
        for block in try Self.blocks() {
            let command = try Zhoucun.parseAsRoot(block.arguments)
            let leaf = try #require(leaves[String(reflecting: type(of: command))], "line \(block.line): \(block.arguments) is not a module leaf command")
            #expect(block.arguments.joined(separator: " ").hasPrefix(leaf), "line \(block.line): parsed as \(leaf)")
            ran.insert(leaf)
            let result = try CLI.run(block.arguments + (command is any StoreCommand ? ["--db", db] : []))
            #expect(result.status == 0, "line \(block.line): \(result.stderr)")
            recorded += "$ " + block.arguments.joined(separator: " ").replacingOccurrences(of: Self.folder.path, with: "{files}") + "\n"
                + Self.trimmed(result.stdout) + "\n\n"
            #expect(Self.trimmed(result.stdout) == Self.trimmed(block.expected), "line \(block.line): \(block.arguments.joined(separator: " "))")
        }
        #expect(ran == Set(leaves.values), "not run: \(Set(leaves.values).subtracting(ran).sorted())")
        if ProcessInfo.processInfo.environment["ZHOUCUN_RECORD_TRANSCRIPT"] == "1" {
            try recorded.write(to: Self.transcript, atomically: true, encoding: .utf8)
        }
    }
}
