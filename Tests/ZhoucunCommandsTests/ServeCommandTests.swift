import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import CommandTestSupport
import TestSupport

/// `zhoucun serve` as the office starts it: the real binary on a loopback port.
@Suite struct ServeCommandTests {
    @Test("serve listens on a free port, says where, answers pages and JSON, and stops on Ctrl-C")
    func servesUntilInterrupted() async throws {
        let db = try CLI.seededDatabasePath()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--db", db, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first line says the address it listens on.
        var said = Data()
        while !said.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said.append(chunk)
        }
        let line = String(decoding: said, as: UTF8.self)
        let address = try #require(line.firstMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\//).map { String($0.0) }, "\(line)")
        #expect(line.hasPrefix("serving \(db) on \(address)"))

        let (health, healthResponse) = try await URLSession.shared.data(from: URL(string: address + "healthz")!)
        #expect((healthResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: health, as: UTF8.self) == "ok\n")

        var request = URLRequest(url: URL(string: address + "bodies?on=2021-01-15")!)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let (bodies, _) = try await URLSession.shared.data(for: request)
        let rows = try #require(try JSONSerialization.jsonObject(with: bodies) as? [[String: Any]])
        #expect(rows.count == 4)

        let (page, pageResponse) = try await URLSession.shared.data(from: URL(string: address)!)
        #expect((pageResponse as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "text/html; charset=utf-8")
        #expect(String(decoding: page, as: UTF8.self).contains("<h1>今日待办</h1>"))

        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }

    @Test("serve refuses a store that does not exist, making nothing")
    func refusesAMissingStore() throws {
        let missing = try Fixtures.temporaryFolder().appendingPathComponent("none.sqlite").path
        let result = try CLI.run(["serve", "--db", missing])
        #expect(result.status == 1)
        #expect(result.stderr.contains("there is no store at \(missing)"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
