import Foundation
import GRDB
import Testing
import CommandTestSupport
import TestSupport

@Suite("Trust: hostile input, crashes, concurrency", .serialized)
struct TrustTests {
    /// Runs the binary without waiting; the caller waits or kills.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The documents in a store; none when a kill came before the schema was even created.
    func documentNumbers(_ path: String) throws -> Set<String> {
        let queue = try Fixtures.queue(path: path)
        return try queue.read { db in
            guard try db.tableExists("document") else { return [] }
            return Set(try String.fetchAll(db, sql: "SELECT number FROM document WHERE is_current = 1"))
        }
    }

    @Test("Hostile and broken files are refused fast, with a place, a non-zero exit and the store unchanged")
    func hostileFiles() throws {
        let db = try CLI.seededDatabasePath()
        let before = try Fixtures.dump(try Fixtures.queue(path: db))
        var random = SystemRandomNumberGenerator()
        let randomBytes = (0..<4096).map { _ in UInt8.random(in: 0x80...0xFF, using: &random) }
        var bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 { bomb += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">" }
        bomb += "]>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">&lol9;</akomaNtoso>"
        let deep = #"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">"# + String(repeating: "<p>", count: 100_000)
        let sample = try Data(contentsOf: Fixtures.sampleXML)
        let cases: [(String, [UInt8])] = [
            ("external.xml", Array(#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&x;</akomaNtoso>"#.utf8)),
            ("bomb.xml", Array(bomb.utf8)),
            ("doctype.xml", Array("<!DOCTYPE akomaNtoso>\n<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"/>".utf8)),
            ("deep.xml", Array(deep.utf8)),
            ("truncated.xml", Array(sample.prefix(sample.count / 3))),
            ("wrong-encoding.xml", Array(#"<?xml version="1.0" encoding="UTF-8"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="x">"#.utf8) + [0xD6, 0xDC] + Array("</doc></akomaNtoso>".utf8)),
            ("random.bin", randomBytes),
            ("empty.txt", []),
            ("invalid-utf8.txt", Array("周村区人民政府\n".utf8) + [0xC3, 0x28]),
        ]
        for (name, bytes) in cases {
            let path = try Fixtures.file(bytes, name: name)
            let started = Date()
            let result = try CLI.run(["import", path, "--db", db])
            #expect(Date().timeIntervalSince(started) < 10, "\(name) took too long")
            #expect(result.status == 1, "\(name) was not refused")
            #expect(result.stderr.range(of: #"^zhoucun: error: .*\#(name):[0-9]+:[0-9]+: "#, options: .regularExpression) != nil, "\(name): \(result.stderr)")
        }
        let bigPath = try Fixtures.file(Array(repeating: UInt8(ascii: "a"), count: 2000), name: "big.txt")
        let big = try CLI.run(["import", bigPath, "--db", db, "--max-size", "1000"])
        #expect(big.status == 1 && big.stderr.contains("over the limit"))
        #expect(try Fixtures.dump(try Fixtures.queue(path: db)) == before)
    }

    @Test("SIGKILL at many points of a long import: the file stays sound and every file is wholly in or out")
    func killedImports() throws {
        let files = try Fixtures.archive(counties: 2)
        let db = try Fixtures.temporaryFolder().appendingPathComponent("crash.sqlite").path
        var partial = 0
        for delay in [0.05, 0.15, 0.3, 0.5, 0.8, 1.2, 1.8, 2.5] {
            let process = try start(["import", "--db", db] + files.map(\.path))
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: db) else { continue }
            let queue = try Fixtures.queue(path: db)
            #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
            try queue.close()
            let present = try documentNumbers(db)
            let filesIn = files.filter { $0.numbers.allSatisfy(present.contains) }.count
            if filesIn > 0 && filesIn < files.count { partial += 1 }
            for file in files {
                let inside = file.numbers.filter(present.contains).count
                #expect(inside == 0 || inside == file.numbers.count, "\(file.path) is half in after a kill at \(delay)s")
            }
        }
        // The kills must have landed in the middle of the import, not only before or after it.
        #expect(partial > 0)
        let finish = try CLI.run(["import", "--db", db] + files.map(\.path))
        #expect(finish.status == 0)
        #expect(try documentNumbers(db) == Set(files.flatMap(\.numbers)))
    }

    @Test("Four importers making the same new database at once: all succeed")
    func concurrentCreation() throws {
        for _ in 0..<3 {
            let folder = try Fixtures.temporaryFolder()
            let db = folder.appendingPathComponent("fresh.sqlite").path
            let importers = try (0..<4).map { index in
                let process = Process()
                process.executableURL = CLI.binary
                process.arguments = ["import", "--db", db, Fixtures.seedText.path]
                process.standardOutput = FileHandle.nullDevice
                let stderr = folder.appendingPathComponent("stderr-\(index)")
                FileManager.default.createFile(atPath: stderr.path, contents: nil)
                process.standardError = try FileHandle(forWritingTo: stderr)
                try process.run()
                return (process, stderr)
            }
            for (process, _) in importers { process.waitUntilExit() }
            for (process, stderr) in importers {
                #expect(process.terminationStatus == 0, "\(String(decoding: (try? Data(contentsOf: stderr)) ?? Data(), as: UTF8.self))")
            }
            #expect(try documentNumbers(db).count == 5)
        }
    }

    @Test("Two importers and several readers on one database at once: all succeed, nothing is lost")
    func concurrency() throws {
        let files = try Fixtures.archive(counties: 2, paragraphs: 5)
        let db = try CLI.seededDatabasePath()
        let half = files.count / 2
        let importers = [
            try start(["import", "--db", db] + files.prefix(half).map(\.path)),
            try start(["import", "--db", db] + files.suffix(from: half).map(\.path)),
        ]
        var readers: [Process] = []
        for round in 0..<6 {
            readers.append(try start(round % 2 == 0 ? ["docs", "list", "--db", db] : ["roster", "shared", "--db", db]))
            Thread.sleep(forTimeInterval: 0.1)
        }
        for process in importers + readers { process.waitUntilExit() }
        #expect(importers.allSatisfy { $0.terminationStatus == 0 })
        #expect(readers.allSatisfy { $0.terminationStatus == 0 })
        let present = try documentNumbers(db)
        #expect(present.isSuperset(of: Set(files.flatMap(\.numbers))))
        #expect(present.count == files.flatMap(\.numbers).count + 5)
    }
}
