import Foundation

/// One entry of a task corpus's `golden.json` (`../shared/corpus/tasks/README.md`): the tasks a
/// careful reader finds in one file.
public struct GoldenTaskFile: Decodable, Sendable {
    public struct Task: Decodable, Sendable {
        public var ref: String?
        public var task: String
        public var lead: [String]
        public var units: [String]
        public var due_text: String?
        public var due: String?
        public var recurring: String?
    }

    public var file: String
    public var tasks: [Task]
}

/// A task corpus: `texts/` and a `golden.json` whose entries list tasks.
public struct TaskCorpus: Sendable {
    public var folder: URL
    public var entries: [GoldenTaskFile]

    /// Nil when the folder's golden file is not a task corpus's.
    public init?(folder: URL) throws {
        self.folder = folder
        let data = try Data(contentsOf: folder.appendingPathComponent("golden.json"))
        guard let raw = try JSONSerialization.jsonObject(with: data) as? [[String: Any]], raw.first?["tasks"] != nil else { return nil }
        entries = try JSONDecoder().decode([GoldenTaskFile].self, from: data)
    }

    public func text(_ entry: GoldenTaskFile) -> URL {
        folder.appendingPathComponent("texts").appendingPathComponent(entry.file)
    }
}

/// The figures of a task corpus as its README defines them: tasks found, tasks right (lead set,
/// unit set and due date, or due text where no date is golden), spurious tasks.
public struct TaskScore: Sendable {
    public struct File: Sendable {
        public var file: String
        public var golden = 0
        public var found = 0
        public var right = 0
        public var spurious = 0
        public var crashed = false
        public var problems: [String] = []
    }

    public var files: [File]

    public var golden: Int { files.reduce(0) { $0 + $1.golden } }
    public var found: Int { files.reduce(0) { $0 + $1.found } }
    public var right: Int { files.reduce(0) { $0 + $1.right } }
    public var spurious: Int { files.reduce(0) { $0 + $1.spurious } }
    public var crashes: Int { files.filter(\.crashed).count }
    public var extracted: Int { found + spurious }

    public var foundShare: Double { golden == 0 ? 1 : Double(found) / Double(golden) }
    /// Of the tasks found, the share right in every field.
    public var rightShare: Double { found == 0 ? 1 : Double(right) / Double(found) }
    public var spuriousShare: Double { extracted == 0 ? 0 : Double(spurious) / Double(extracted) }

    public var summary: String {
        func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
        return """
            files: \(files.count), crashes: \(crashes)
            tasks found: \(found)/\(golden) (\(percent(foundShare)))
            tasks right: \(right)/\(found) (\(percent(rightShare)))
            spurious tasks: \(spurious)/\(extracted) (\(percent(spuriousShare)))
            """
    }

    public var report: String {
        files.filter { !$0.problems.isEmpty }.map { file in
            "\(file.file)\n" + file.problems.map { "  \($0)" }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

/// What `zhoucun tasks list --format json --all` gives for one task.
struct StoredTask: Decodable {
    var ref: String?
    var text: String
    var lead: [String]
    var units: [String]
    var due_text: String?
    var due: String?
    var recurring: String?
}

extension Scorer {
    public func score(_ corpus: TaskCorpus) -> TaskScore {
        TaskScore(files: corpus.entries.map { score($0, text: corpus.text($0)) })
    }

    func score(_ golden: GoldenTaskFile, text: URL) -> TaskScore.File {
        var result = TaskScore.File(file: golden.file, golden: golden.tasks.count)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhoucun-tasks-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("tasks.sqlite").path
        let imported = run(["import", text.path, "--db", db])
        var stored: [StoredTask] = []
        if imported.signalled {
            result.crashed = true
            result.problems.append("crashed: signal \(imported.status)")
        } else if imported.status != 0 {
            result.problems.append("refused: \(imported.stderr.split(separator: "\n").first ?? "")")
        } else {
            let listed = run(["tasks", "list", "--all", "--format", "json", "--db", db])
            if listed.signalled { result.crashed = true }
            stored = decode([StoredTask].self, listed.stdout) ?? []
        }
        TaskMatching.compare(golden.tasks, stored, into: &result)
        return result
    }
}

enum TaskMatching {
    /// NFKC; white space, punctuation and inserted pinyin readings removed.
    static func textKey(_ text: String) -> [Character] {
        let folded = text.precomposedStringWithCompatibilityMapping
        let withoutReadings = folded.replacingOccurrences(of: "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\\)", with: "", options: .regularExpression)
        return withoutReadings.filter { !$0.isWhitespace && !$0.isPunctuation && !$0.isSymbol }.map { $0 }
    }

    static func nameKey(_ name: String) -> String {
        String(Comparison.numberKey(String(textKeyKeepingBrackets(name))))
    }

    static func textKeyKeepingBrackets(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping
        return folded.replacingOccurrences(of: "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\\)", with: "", options: .regularExpression)
    }

    /// Dice's coefficient on character bigrams.
    static func similarity(_ a: [Character], _ b: [Character]) -> Double {
        guard a.count > 1, b.count > 1 else { return a == b ? 1 : 0 }
        var pool: [String: Int] = [:]
        for index in 0..<(a.count - 1) { pool[String(a[index...index + 1]), default: 0] += 1 }
        var common = 0
        for index in 0..<(b.count - 1) {
            let pair = String(b[index...index + 1])
            if let count = pool[pair], count > 0 { pool[pair] = count - 1; common += 1 }
        }
        return 2 * Double(common) / Double(a.count + b.count - 2)
    }

    static let threshold = 0.6

    static func compare(_ golden: [GoldenTaskFile.Task], _ stored: [StoredTask], into result: inout TaskScore.File) {
        let goldenKeys = golden.map { textKey($0.task) }
        let storedKeys = stored.map { textKey($0.text) }
        var pairs: [(g: Int, s: Int, similarity: Double)] = []
        for g in golden.indices {
            for s in stored.indices {
                let similarity = similarity(goldenKeys[g], storedKeys[s])
                if similarity >= threshold { pairs.append((g, s, similarity)) }
            }
        }
        pairs.sort { ($0.similarity, -$0.g, -$0.s) > ($1.similarity, -$1.g, -$1.s) }
        var matched: [Int: Int] = [:]
        var used = Set<Int>()
        for pair in pairs where matched[pair.g] == nil && !used.contains(pair.s) {
            matched[pair.g] = pair.s
            used.insert(pair.s)
        }
        for (g, task) in golden.enumerated() {
            guard let s = matched[g] else {
                result.problems.append("missing \(task.ref ?? "-") “\(task.task.prefix(30))”")
                continue
            }
            result.found += 1
            let found = stored[s]
            var wrong: [String] = []
            if Set(task.lead.map(nameKey)) != Set(found.lead.map(nameKey)) { wrong.append("lead \(found.lead) (expected \(task.lead))") }
            if Set(task.units.map(nameKey)) != Set(found.units.map(nameKey)) { wrong.append("units \(found.units) (expected \(task.units))") }
            if let due = task.due {
                if found.due != due { wrong.append("due \(found.due ?? "nothing") (expected \(due))") }
            } else if String(textKey(found.due_text ?? "")) != String(textKey(task.due_text ?? "")) {
                wrong.append("due text \(found.due_text ?? "nothing") (expected \(task.due_text ?? "nothing"))")
            }
            if wrong.isEmpty { result.right += 1 } else { result.problems.append("\(task.ref ?? "-") “\(task.task.prefix(20))”: " + wrong.joined(separator: "; ")) }
        }
        for s in stored.indices where !used.contains(s) {
            result.spurious += 1
            result.problems.append("spurious \(stored[s].ref ?? "-") “\(stored[s].text.prefix(30))”")
        }
    }
}
