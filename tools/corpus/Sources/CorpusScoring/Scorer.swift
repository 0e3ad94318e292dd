import Foundation

/// Scores the `zhoucun` binary on a corpus as the corpus README says: each file imported into a
/// fresh store by the real command, then its documents and rosters read back as JSON and
/// compared with the golden entry.
public struct Scorer: Sendable {
    public var binary: URL

    public init(binary: URL) {
        self.binary = binary
    }

    public func score(_ corpus: Corpus) -> CorpusScore {
        let results = Results(count: corpus.entries.count)
        // Two at a time: the machines this runs on have two cores.
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for index in stride(from: lane, to: corpus.entries.count, by: 2) {
                results.set(index, score(corpus.entries[index], text: corpus.text(corpus.entries[index])))
            }
        }
        return CorpusScore(files: results.all)
    }

    /// The files' scores as the two lanes finish them.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [FileScore?]

        init(count: Int) { files = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ score: FileScore) { lock.withLock { files[index] = score } }

        var all: [FileScore] { lock.withLock { files.compactMap { $0 } } }
    }

    // MARK: - One file

    struct StoredDocument: Decodable {
        var number: String?
        var title: String?
        var issuer: String?
        var date: String?
    }

    struct StoredBody: Decodable {
        var id: Int
        var name: String
    }

    struct StoredMember: Decodable {
        var name: String
        var role: String
    }

    struct BodyDetail: Decodable {
        var members: [StoredMember]
    }

    func score(_ golden: GoldenFile, text: URL) -> FileScore {
        var result = FileScore(file: golden.file)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhoucun-corpus-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("corpus.sqlite").path

        let imported = run(["import", text.path, "--db", db])
        if imported.signalled {
            result.crashed = true
            result.problems.append("crashed: signal \(imported.status)")
        } else if imported.status != 0 {
            result.problems.append("refused: \(imported.stderr.split(separator: "\n").first ?? "")")
        }
        let documents: [StoredDocument] = imported.status == 0 && !imported.signalled
            ? decode([StoredDocument].self, run(["docs", "list", "--format", "json", "--db", db]).stdout) ?? [] : []
        var bodies: [(name: String, members: [StoredMember])] = []
        if imported.status == 0 && !imported.signalled {
            for body in decode([StoredBody].self, run(["roster", "bodies", "--format", "json", "--db", db]).stdout) ?? [] {
                let detail = decode(BodyDetail.self, run(["roster", "body", String(body.id), "--format", "json", "--db", db]).stdout)
                bodies.append((body.name, detail?.members ?? []))
            }
        }
        compareDocuments(golden.documents, documents, into: &result)
        compareBodies(golden.bodies ?? [], bodies, into: &result)
        return result
    }

    func compareDocuments(_ golden: [GoldenFile.Document], _ stored: [StoredDocument], into result: inout FileScore) {
        func fields(_ g: GoldenFile.Document, _ s: StoredDocument?) -> [(String, Bool, String?, String?)] {
            let issuers = [g.issuer, s?.issuer]
            return [
                ("number", Comparison.sameNumber(s?.number, g.number), s?.number, g.number),
                ("title", Comparison.sameTitle(s?.title, g.title, issuers: issuers), s?.title, g.title),
                ("issuer", Comparison.sameIssuer(s?.issuer, g.issuer), s?.issuer, g.issuer),
                ("date", Comparison.sameDate(s?.date, g.date), s?.date, g.date),
            ]
        }
        // Greedy: the pairs with most fields equal first.
        var pairs: [(g: Int, s: Int, equal: Int)] = []
        for (gi, g) in golden.enumerated() {
            for (si, s) in stored.enumerated() {
                pairs.append((gi, si, fields(g, s).filter(\.1).count))
            }
        }
        pairs.sort { ($0.equal, -$0.g, -$0.s) > ($1.equal, -$1.g, -$1.s) }
        var matched: [Int: Int] = [:]
        var usedStored = Set<Int>()
        for pair in pairs where matched[pair.g] == nil && !usedStored.contains(pair.s) {
            matched[pair.g] = pair.s
            usedStored.insert(pair.s)
        }
        for (gi, g) in golden.enumerated() {
            for (field, equal, stored, expected) in fields(g, matched[gi].map { stored[$0] }) {
                result.fields += 1
                if equal {
                    result.fieldsRight += 1
                } else {
                    result.problems.append("\(field): got \(stored.map { "“\($0)”" } ?? "nothing"), expected \(expected.map { "“\($0)”" } ?? "nothing")")
                }
            }
        }
        for (si, s) in stored.enumerated() where !usedStored.contains(si) {
            result.spurious += 1
            result.problems.append("spurious document: \(s.number ?? "-") \(s.title ?? "")")
        }
    }

    func compareBodies(_ golden: [GoldenFile.Body], _ stored: [(name: String, members: [StoredMember])], into result: inout FileScore) {
        func pairs(_ members: [[String]]) -> [String] { members.map { Comparison.key($0.first) + "|" + Comparison.key($0.last) } }
        func pairs(_ members: [StoredMember]) -> [String] { members.map { Comparison.key($0.name) + "|" + Comparison.key($0.role) } }
        func common(_ a: [String], _ b: [String]) -> Int {
            var pool = Dictionary(b.map { ($0, 1) }, uniquingKeysWith: +)
            var count = 0
            for key in a where (pool[key] ?? 0) > 0 { pool[key]! -= 1; count += 1 }
            return count
        }
        var used = Set<Int>()
        for body in golden {
            result.bodies += 1
            result.members += body.members.count
            let goldenPairs = pairs(body.members)
            let byName = stored.indices.first { !used.contains($0) && Comparison.key(stored[$0].name) == Comparison.key(body.name) }
            let byMembers = stored.indices.filter { !used.contains($0) }
                .map { ($0, common(goldenPairs, pairs(stored[$0].members))) }
                .filter { $0.1 > 0 }.max { $0.1 < $1.1 }?.0
            guard let index = byName ?? byMembers else {
                result.problems.append("body “\(body.name)”: not found (\(body.members.count) members)")
                continue
            }
            used.insert(index)
            if byName != nil {
                result.bodiesRight += 1
            } else {
                result.problems.append("body “\(body.name)”: named “\(stored[index].name)”")
            }
            let right = common(goldenPairs, pairs(stored[index].members))
            result.membersRight += right
            if right < body.members.count {
                let storedPairs = Set(pairs(stored[index].members))
                let missing = goldenPairs.filter { !storedPairs.contains($0) }
                result.problems.append("body “\(body.name)”: \(right)/\(body.members.count) members right; missing \(missing.prefix(6).joined(separator: " "))")
            }
        }
        for index in stored.indices where !used.contains(index) {
            result.spuriousBodies += 1
            result.problems.append("spurious body: “\(stored[index].name)” (\(stored[index].members.count) members)")
        }
    }

    // MARK: - Running the binary

    struct Run {
        var status: Int32
        var signalled: Bool
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String]) -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ZHOUCUN_DB")
        process.environment = environment
        // Standard error goes to a file, so that neither pipe can fill while the other is read.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("zhoucun-corpus-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try? FileHandle(forWritingTo: errors)
        do { try process.run() } catch {
            return Run(status: -1, signalled: false, stdout: "", stderr: "cannot run \(binary.path): \(error)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                   stdout: String(decoding: output, as: UTF8.self), stderr: stderr)
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

/// The figures of one file.
public struct FileScore: Sendable {
    public var file: String
    public var crashed = false
    public var fields = 0
    public var fieldsRight = 0
    public var members = 0
    public var membersRight = 0
    public var bodies = 0
    public var bodiesRight = 0
    public var spurious = 0
    public var spuriousBodies = 0
    /// What was wrong, one line each.
    public var problems: [String] = []

    public var allRight: Bool {
        !crashed && fields == fieldsRight && members == membersRight && bodies == bodiesRight && spurious == 0
    }
}

/// The figures of a corpus, as the corpus README defines them.
public struct CorpusScore: Sendable {
    public var files: [FileScore]

    public var fields: Int { files.reduce(0) { $0 + $1.fields } }
    public var fieldsRight: Int { files.reduce(0) { $0 + $1.fieldsRight } }
    public var members: Int { files.reduce(0) { $0 + $1.members } }
    public var membersRight: Int { files.reduce(0) { $0 + $1.membersRight } }
    public var bodies: Int { files.reduce(0) { $0 + $1.bodies } }
    public var bodiesRight: Int { files.reduce(0) { $0 + $1.bodiesRight } }
    public var crashes: Int { files.filter(\.crashed).count }
    public var spurious: Int { files.reduce(0) { $0 + $1.spurious } }
    public var spuriousBodies: Int { files.reduce(0) { $0 + $1.spuriousBodies } }
    public var allRight: Int { files.filter(\.allRight).count }

    public var fieldShare: Double { fields == 0 ? 1 : Double(fieldsRight) / Double(fields) }
    public var memberShare: Double { members == 0 ? 1 : Double(membersRight) / Double(members) }

    public var summary: String {
        func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
        return """
            files: \(files.count), all right: \(allRight), crashes: \(crashes)
            fields: \(fieldsRight)/\(fields) (\(percent(fieldShare)))
            members: \(membersRight)/\(members) (\(percent(memberShare)))
            bodies named right: \(bodiesRight)/\(bodies)
            spurious documents: \(spurious), spurious bodies: \(spuriousBodies)
            """
    }

    public var report: String {
        files.filter { !$0.problems.isEmpty }.map { file in
            "\(file.file)\n" + file.problems.map { "  \($0)" }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
