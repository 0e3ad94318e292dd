import Foundation
import Testing
import CommandTestSupport
import TestSupport

/// The README's "A day in each office", run line by line on a fresh store: none may fail.
@Suite("A day in each office, as the README tells it")
struct OfficeDayTests {
    @Test("Every command of the walk-through runs without an error")
    func walkThrough() throws {
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## A day in each office").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let store = try Fixtures.temporaryFolder().appendingPathComponent("office.sqlite").path
        let commands = block.split(separator: "\n").filter { $0.hasPrefix("zhoucun ") }
        #expect(commands.count >= 20)
        for command in commands {
            let arguments = command.dropFirst("zhoucun ".count).split(separator: " ").map {
                $0.hasPrefix("Tests/") ? Fixtures.root.appendingPathComponent(String($0)).path : String($0)
            }
            let result = try CLI.run(arguments, environment: ["ZHOUCUN_DB": store])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command) printed nothing")
        }
    }
}
