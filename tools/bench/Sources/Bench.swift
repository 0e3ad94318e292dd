import AkomaNtoso
import Foundation
import GRDB
import GazetteModel
import SyntheticGazette

/// `zhoucun-bench`: makes the data the benchmarks in `tools/bench/run.sh` measure.
///
///     zhoucun-bench generate --out DIR --counties N --years N [--format akn|text] [--paragraphs N]
///     zhoucun-bench province --db FILE --people N --memberships N
@main
struct Bench {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else { usage() }
        arguments.removeFirst()
        var options: [String: String] = [:]
        while arguments.count >= 2, arguments[0].hasPrefix("--") {
            options[String(arguments[0].dropFirst(2))] = arguments[1]
            arguments.removeFirst(2)
        }
        switch command {
        case "generate": try generate(options)
        case "province": try province(options)
        case "read": try read(arguments)
        default: usage()
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("""
            usage: zhoucun-bench generate --out DIR --counties N --years N [--format akn|text] [--paragraphs N]
                   zhoucun-bench province --db FILE --people N --memberships N

            """.utf8))
        exit(2)
    }

    static func int(_ options: [String: String], _ key: String, _ fallback: Int) -> Int {
        options[key].flatMap(Int.init) ?? fallback
    }

    /// An archive of monthly issues: one file per issue, one folder per county.
    static func generate(_ options: [String: String]) throws {
        guard let out = options["out"] else { usage() }
        let counties = int(options, "counties", 1), years = int(options, "years", 1)
        let format = options["format"] ?? "akn"
        let generator = SyntheticGazette(paragraphsPerDocument: int(options, "paragraphs", 30))
        let writer = AkomaNtosoWriter()
        var files = 0, bytes = 0, documents = 0
        for county in 1...counties {
            let folder = URL(fileURLWithPath: out).appendingPathComponent(String(format: "county-%04d", county))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for year in 2001..<(2001 + years) {
                for month in 1...12 {
                    let issue = generator.issue(county: county, year: year, number: month)
                    let text = format == "text" ? GazetteTextRenderer.render(issue) : writer.gazette(issue)
                    let file = folder.appendingPathComponent(String(format: "%04d-%02d.%@", year, month, format == "text" ? "txt" : "xml"))
                    try text.write(to: file, atomically: false, encoding: .utf8)
                    files += 1
                    bytes += text.utf8.count
                    documents += issue.documents.count
                }
            }
        }
        print("files=\(files) bytes=\(bytes) documents=\(documents)")
    }

    /// Reads files with the Akoma Ntoso reader alone, to tell reading time from storing time.
    static func read(_ files: [String]) throws {
        var documents = 0
        let started = Date()
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            _ = try AkomaNtosoReader().read(bytes: bytes, file: file) { _ in documents += 1 }
        }
        print("read \(documents) documents in \(Date().timeIntervalSince(started)) s")
    }

    /// A province-scale roster store, written straight into an existing zhoucun database.
    static func province(_ options: [String: String]) throws {
        guard let path = options["db"] else { usage() }
        let people = int(options, "people", 100_000), memberships = int(options, "memberships", 1_000_000)
        let perBody = 50
        let bodies = max(1, memberships / perBody)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO document (identity, version, is_current, content_hash, type, name, title, date, content, imported_at)
                VALUES ('bench', 1, 1, 'bench', 'doc', 'notice', '省级基准文件', '2020-01-01', '{"attachments":[],"body":[],"name":"notice","replaces":[],"title":"省级基准文件","type":"doc"}', '2020-01-01')
                """)
            let document = db.lastInsertedRowID
            for unit in 0..<500 {
                try db.execute(sql: "INSERT INTO organization (name) VALUES (?)", arguments: ["单位\(unit)"])
            }
            let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"), given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平")
            let person = try db.makeStatement(sql: "INSERT INTO person (name) VALUES (?)")
            for index in 0..<people {
                let name = String(surnames[index % surnames.count]) + String(given[(index / 20) % given.count]) + String(index)
                try person.execute(arguments: [name])
            }
            let body = try db.makeStatement(sql: "INSERT INTO body (name, kind, document_id, citation) VALUES (?, 'joint-meeting', ?, 'bench')")
            for index in 0..<bodies { try body.execute(arguments: ["第\(index)联席会议", document]) }
            let membership = try db.makeStatement(sql: """
                INSERT INTO membership (person_id, body_id, document_id, role_label, role_code, unit_id, titles, affiliation, units, ord, start_date, citation)
                VALUES (?, ?, ?, ?, ?, ?, '["局长"]', '单位局长', '[]', ?, '2020-01-01', 'bench 一')
                """)
            var state: UInt64 = 42
            for index in 0..<memberships {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let personId = Int64(state >> 33) % Int64(people) + 1
                let bodyId = Int64(index / perBody) + 1
                let order = index % perBody
                try membership.execute(arguments: [personId, bodyId, document, order == 0 ? "总召集人" : "成员", order == 0 ? "chief-convener" : "member",
                                                   Int64(index % 500) + 1, order + 1])
            }
        }
        // One person on many bodies (a district head sits on hundreds): `roster person` must stay
        // within its ratio as a history grows.
        let heavy = int(options, "heavy-posts", 300)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO person (name) VALUES ('任重远')")
            let person = db.lastInsertedRowID
            let document = try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE identity = 'bench'")!
            for index in 0..<heavy {
                try db.execute(sql: """
                    INSERT INTO membership (person_id, body_id, document_id, role_label, role_code, unit_id, titles, affiliation, units, ord, start_date, citation)
                    VALUES (?, ?, ?, '副召集人', 'deputy-convener', 1, '["区委常委","副区长"]', '区委常委、副区长', '[]', 0, '2020-01-01', 'bench 一')
                    """, arguments: [person, Int64(index % bodies) + 1, document])
            }
        }
        print("people=\(people) bodies=\(bodies) memberships=\(memberships) heavy=\(heavy) posts")
    }
}
