import ArgumentParser
import Foundation
import ModuleSpine
import ModuleSpineCLI
import ZhoucunModules
import Testing
import CommandTestSupport
import TestSupport
import ZhoucunCommands

/// Every leaf command of every policy module, run in process on a store holding the sample issue,
/// its whole output compared with `Tests/ModuleCommands/transcript.txt`.
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
        for command in ModuleRegistry.commands { visit(command, path: "") }
        return leaves
    }

    static func trimmed(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    @Test("Each leaf command parses to itself, runs, prints what the transcript says, and logs its writes under $ZHOUCUN_USER")
    func transcript() throws {
        let leaves = Self.leaves()
        #expect(leaves.count >= 51)
        let clerk = ["ZHOUCUN_USER": "周村区测试员"]
        let db = try CLI.seededDatabasePath(environment: clerk)
        var ran = Set<String>()
        var recorded = ""
        for block in try Self.blocks() {
            let command = try Zhoucun.parseAsRoot(block.arguments)
            let leaf = try #require(leaves[String(reflecting: type(of: command))], "line \(block.line): \(block.arguments) is not a module leaf command")
            #expect(block.arguments.joined(separator: " ").hasPrefix(leaf), "line \(block.line): parsed as \(leaf)")
            ran.insert(leaf)
            let result = try CLI.run(block.arguments + (command is any StoreCommand ? ["--db", db] : []), environment: clerk)
            #expect(result.status == 0, "line \(block.line): \(result.stderr)")
            recorded += "$ " + block.arguments.joined(separator: " ").replacingOccurrences(of: Self.folder.path, with: "{files}") + "\n"
                + Self.trimmed(result.stdout) + "\n\n"
            #expect(Self.trimmed(result.stdout) == Self.trimmed(block.expected), "line \(block.line): \(block.arguments.joined(separator: " "))")
        }
        #expect(ran == Set(leaves.values), "not run: \(Set(leaves.values).subtracting(ran).sorted())")
        let log = try #require(try CLI.json(["log", "--format", "json", "--db", db]) as? [[String: Any]])
        #expect(log.count > 40, "the transcript's writes are logged")
        #expect(Set(log.compactMap { $0["module"] as? String }).isSuperset(of: ModuleRegistry.all.map { $0.id }))
        // The one line with --by (the payment amended `--by 财政所`) names its own writer.
        let named = log.filter { $0["by"] as? String != "周村区测试员" }.map { "\($0["action"] ?? "") \($0["record"] ?? "") \($0["by"] ?? "")" }
        #expect(named == ["amend payment 1 财政所"], "\(named)")
        if ProcessInfo.processInfo.environment["ZHOUCUN_RECORD_TRANSCRIPT"] == "1" {
            try recorded.write(to: Self.transcript, atomically: true, encoding: .utf8)
        }
    }
}
