import Foundation
import GRDB
import Testing
import CommandTestSupport
import TestSupport

/// Nothing lost on the way in (NULs, encodings, cut pages) or out (a full disk, `-o` over what
/// should not be replaced), and nothing injected (markup escaped scalar by scalar).
@Suite("Nothing lost on the way in or out")
struct NothingLostTests {
    static let page = Fixtures.root.appendingPathComponent("Tests/DoorFixtures/zhoucun-2020-35.html")

    static func pageBytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: page)) }

    @Test("A NUL in a web page is refused with its place, and the store is unchanged")
    func nulInPage() throws {
        var bytes = try Self.pageBytes()
        let title = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("<title>".utf8)) })
        bytes.insert(0, at: title + 9)
        let file = try Fixtures.file(bytes, name: "nul.html")
        let db = try CLI.seededDatabasePath()
        let before = try Fixtures.dump(try Fixtures.queue(path: db))
        let result = try CLI.run(["import", file, "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nul.html:"))
        #expect(result.stderr.contains("a NUL byte in the page"))
        #expect(try Fixtures.dump(try Fixtures.queue(path: db)) == before)
    }

    @Test("A page cut short imports what it holds and says it may be cut; UTF-16 and UTF-8 under a GB2312 label are read by their bytes")
    func pageEncodings() throws {
        let bytes = try Self.pageBytes()
        let half = try Fixtures.file(Array(bytes.prefix(bytes.count * 2 / 3)), name: "half.html")
        let cut = try CLI.run(["import", half, "--db", try Fixtures.temporaryFolder().appendingPathComponent("a.sqlite").path])
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(cut.stdout.contains("warning: \(half): the page ends without its closing </body> or </html>"))

        let utf8 = try #require(try Fixtures.iconv(bytes, from: "GB18030", to: "UTF-8"))
        let utf16 = try #require(try Fixtures.iconv(bytes, from: "GB18030", to: "UTF-16LE"))
        for (name, encoded) in [("utf16.html", [0xFF, 0xFE] + utf16), ("utf8.html", utf8)] {
            let file = try Fixtures.file(encoded, name: name)
            let db = try Fixtures.temporaryFolder().appendingPathComponent("b.sqlite").path
            let result = try CLI.run(["import", file, "--db", db])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let body = try CLI.json(["roster", "body", "反洗钱", "--db", db, "--format", "json"]) as? [String: Any]
            #expect((body?["members"] as? [[String: Any]])?.count == 18, "\(name)")
        }
    }

    @Test("Output to a full disk fails with the reason; -o never replaces the command's input, a link or a device")
    func outputFails() throws {
        let db = try CLI.seededDatabasePath()
        let full = try CLI.process(["export", "--issue", "2020-9", "--db", db], standardOutput: "/dev/full")
        #expect(full.status == 1)
        #expect(full.stderr.contains("cannot write the output: No space left on device"))

        let folder = try Fixtures.temporaryFolder()
        let docx = folder.appendingPathComponent("in.docx")
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Tests/DoorFixtures/zhoucun-2020-38.docx"), to: docx)
        let original = try Data(contentsOf: docx)
        let onInput = try CLI.run(["gazette", "convert", docx.path, "-o", docx.path])
        #expect(onInput.status == 1)
        #expect(onInput.stderr.contains("is the input of this command"))
        #expect(try Data(contentsOf: docx) == original)

        let target = folder.appendingPathComponent("target.xml"), link = folder.appendingPathComponent("link.xml")
        try Data("old".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try CLI.run(["gazette", "convert", docx.path, "-o", link.path]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(String(decoding: try Data(contentsOf: target), as: UTF8.self).hasPrefix("<?xml"))

        let device = try CLI.run(["gazette", "convert", docx.path, "-o", "/dev/full"])
        #expect(device.status == 1)
        #expect(device.stderr.contains("No space left on device"))
        var status = stat()
        #expect(stat("/dev/full", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("Markup followed by a combining mark, a ZWJ or a variation selector is escaped: convert gives schema-valid XML that imports to the same text")
    func escapedByScalar() throws {
        let hostile = "区融媒体中心：参与<\u{301}宣传&\u{200D}教育\"\u{FE0F}工作"
        let seed = try Fixtures.seed().replacingOccurrences(of: "区融媒体中心：参与反洗钱工作的宣传教育工作", with: hostile)
        let text = try Fixtures.file(seed, name: "hostile.txt")
        let xml = try Fixtures.temporaryFolder().appendingPathComponent("hostile.xml").path
        #expect(try CLI.run(["gazette", "convert", text, "-o", xml]).status == 0)
        let valid = try CLI.run(["gazette", "validate", xml])
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let db = try Fixtures.temporaryFolder().appendingPathComponent("h.sqlite").path
        #expect(try CLI.run(["import", xml, "--db", db]).status == 0)
        let duties = try #require(try CLI.json(["aml", "duties", "--unit", "区融媒体中心", "--format", "json", "--db", db]) as? [[String: Any]])
        // The ZWJ is no content and leaves the text (`Normalize.isInvisible`); the markup stays text.
        let expected = "<\u{301}宣传&教育\"\u{FE0F}工作"
        #expect((duties.first?["duty"] as? String)?.contains(expected) == true)
    }

    static let parcelsHeader = "编号,镇街,类别,面积（亩）,约定开工日期,实际开工日期,闲置原因,供地日期\n"

    @Test("A NUL in a CSV, UTF-8 or GB18030, is refused at its line and column; the store is unchanged")
    func nulInCSV() throws {
        let db = try CLI.seededDatabasePath()
        let before = try Fixtures.dump(try Fixtures.queue(path: db))
        let text = Self.parcelsHeader + "P1,王村镇,闲置,12.5,2019-03-01,,企业原因,\nP2,南郊镇,闲置,5,2019-01-01,,企\u{0}业原因,\nP3,南郊镇,闲置,5,2019-01-01,,企业原因,\n"
        for (name, bytes) in [("utf8.csv", Array(text.utf8)), ("gbk.csv", try #require(try Fixtures.iconv(Array(text.utf8), from: "UTF-8", to: "GB18030")))] {
            let result = try CLI.run(["land", "parcels", "import", try Fixtures.file(bytes, name: name), "--db", db])
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.contains("\(name):3:26: a NUL character"), "\(name): \(result.stderr)")
        }
        #expect(try Fixtures.dump(try Fixtures.queue(path: db)) == before)
    }

    @Test("CSV out: a formula is written after a ' (--raw keeps it), a quote before a combining mark still quoted; a table shows controls, never sends them")
    func safeExports() throws {
        let db = try CLI.seededDatabasePath()
        let hostile = "=HYPERLINK(\"http://x\")\u{1B}[2J\u{9B}"
        let csv = "企业名称,镇街,行业,绩效分级,保障类,黄色,橙色,红色,保障条件\n"
            + "甲陶瓷有限公司,王村镇,陶瓷,B,否,限产30%,限产50%,停产,\"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            + "乙热电有限公司,南郊镇,热电,,是,以热定产,以热定产,以热定产,\"\"\"\u{301}供暖\"\n"
        let imported = try CLI.run(["pollution", "enterprises", "import", try Fixtures.file(csv, name: "e.csv"), "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let list = try CLI.run(["pollution", "enterprises", "list", "--format", "csv", "--db", db]).stdout
        #expect(list.contains("\"'=HYPERLINK(\"\"http://x\"\")\u{1B}[2J\u{9B}\""), "\(list)")
        #expect(list.contains("\"\"\"\u{301}供暖\""), "\(list)")
        let raw = try CLI.run(["pollution", "enterprises", "list", "--format", "csv", "--raw", "--db", db]).stdout
        #expect(raw.contains("\"=HYPERLINK("))
        let table = try CLI.run(["pollution", "enterprises", "list", "--db", db]).stdout
        #expect(!table.contains("\u{1B}") && !table.contains("\u{9B}"))
        #expect(table.contains("␛[2J<U+009B>"))
    }

    @Test("Zero-width characters and bidi marks inside names leave the roster whole")
    func invisibleCharacters() throws {
        let seed = try Fixtures.seed().replacingOccurrences(of: "赵学 区委常委", with: "赵\u{200B}学 区委常委")
            .replacingOccurrences(of: "王涛 区地方", with: "王\u{200D}涛 区地方").replacingOccurrences(of: "王继磊 人民", with: "\u{202E}王继磊\u{202C} 人民")
        let db = try Fixtures.temporaryFolder().appendingPathComponent("z.sqlite").path
        #expect(try CLI.run(["import", try Fixtures.file(seed, name: "zw.txt"), "--db", db]).status == 0)
        let body = try #require(try CLI.json(["roster", "body", "反洗钱", "--db", db, "--format", "json"]) as? [String: Any])
        let names = (body["members"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(names.count == 18)
        #expect(Array(names.prefix(3)) == ["赵学", "王涛", "王继磊"])
    }

    @Test("An empty file, another program's SQLite file and a damaged record are said as such; nothing is written into them")
    func notAStore() throws {
        let folder = try Fixtures.temporaryFolder()
        let empty = folder.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let read = try CLI.run(["docs", "list", "--db", empty])
        #expect(read.status == 1)
        #expect(read.stderr.contains("is an empty file, not a zhoucun store"))
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)

        let other = folder.appendingPathComponent("other.sqlite").path
        let queue = try Fixtures.queue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        let before = try Fixtures.dump(queue)
        for arguments in [["docs", "list"], ["import", Fixtures.seedText.path]] {
            let result = try CLI.run(arguments + ["--db", other])
            #expect(result.status == 1)
            #expect(result.stderr.contains("is not a zhoucun store: it holds other tables (t)"))
        }
        #expect(try Fixtures.dump(queue) == before)

        let damaged = try CLI.seededDatabasePath()
        try Fixtures.queue(path: damaged).write { try $0.execute(sql: "UPDATE document SET content = '{\"x\": 1}' WHERE id = 1") }
        let list = try CLI.run(["docs", "list", "--db", damaged])
        #expect(list.status == 1)
        #expect(list.stderr.contains("the store holds a record that cannot be read"))
        #expect(!list.stderr.contains("DecodingError"))
    }

    @Test("A blank reason is no reason; a negative number of working days needs no --")
    func smallerFindings() throws {
        let db = try CLI.seededDatabasePath()
        let blank = try CLI.run(["docs", "withdraw", "周政办字〔2020〕35号", "--reason", " ", "--db", db])
        #expect(blank.status == 1)
        #expect(blank.stderr.contains("--reason is empty"))
        #expect(try CLI.run(["calendar", "add", "2020-10-12", "-3"]).stdout == "2020-09-30\n")
        // A temporary folder that cannot be written is said as such, not as a broken zip.
        let ofd = Fixtures.root.appendingPathComponent("Tests/DoorFixtures/zhoucun-2020-39.ofd").path
        // $TMPDIR is the process's own (Foundation reads it once): through the binary.
        let noRoom = try CLI.process(["gazette", "text", ofd], environment: ["TMPDIR": "/proc"])
        #expect(noRoom.status == 1)
        #expect(noRoom.stderr.contains("cannot make the private copy it is read from in /proc"), "\(noRoom.stderr)")
    }

    /// Whether another user can run the binary here (the checkout's folders open to others).
    static let otherUserRuns = getuid() == 0
        && (try? CLI.process(["-u", "nobody", "--", CLI.binary.path, "--version"], executable: "/usr/sbin/runuser").status) == 0

    @Test("A store its user may not write is read all the same, and a write says why it cannot", .enabled(if: otherUserRuns))
    func readOnlyStore() throws {
        let folder = try Fixtures.temporaryFolder()
        let db = folder.appendingPathComponent("s.sqlite").path
        #expect(try CLI.run(["import", Fixtures.seedText.path, "--db", db]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        func asNobody(_ arguments: [String]) throws -> CLI.Result {
            try CLI.process(["-u", "nobody", "--", CLI.binary.path] + arguments + ["--db", db], executable: "/usr/sbin/runuser")
        }
        let read = try asNobody(["roster", "person", "赵学"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("总召集人"))
        let write = try asNobody(["docs", "withdraw", "周政办字〔2020〕35号", "--reason", "x"])
        #expect(write.status == 1)
        #expect(write.stderr.contains("cannot write the store \(db): Permission denied"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test("A long import beside a stream of a clerk's writes: no write fails for want of the lock")
    func writersWait() throws {
        let db = try CLI.seededDatabasePath()
        let files = try Fixtures.archive(counties: 4, paragraphs: 60).map(\.path)
        let importer = Process()
        importer.executableURL = CLI.binary
        importer.arguments = ["import"] + files + ["--db", db]
        importer.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        importer.standardError = errors
        try importer.run()
        var failures: [String] = []
        for day in 1...20 {
            let result = try CLI.run(["aml", "meetings", "add", "--date", String(format: "2021-03-%02d", day), "--kind", "全体会议",
                                      "--subject", "第\(day)次会议", "--db", db])
            if result.status != 0 { failures.append(result.stderr) }
        }
        let importErrors = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0, "\(importErrors)")
        #expect(failures.isEmpty, "\(failures)")
        let meetings = try #require(try CLI.json(["aml", "meetings", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(meetings.count == 20)
    }

    @Test("A 200 KB first paragraph: the 文号 comes from the page's table alone, never glued to the cell after it")
    func longFirstParagraph() throws {
        let page = try #require(try Fixtures.iconv(try Self.pageBytes(), from: "GB18030", to: "UTF-8"))
        var text = String(decoding: page, as: UTF8.self)
        let container = #"<div class="trs_editor_view TRS_UEDITOR trs_paper_default trs_web">"#
        #expect(text.contains(container))
        text = text.replacingOccurrences(of: container, with: container + "<p>" + String(repeating: "为进一步做好反洗钱工作，", count: 16_000) + "</p>")
        let file = try Fixtures.file(Array(text.utf8), name: "long-paragraph.html")
        let db = try Fixtures.temporaryFolder().appendingPathComponent("long.sqlite").path
        let result = try CLI.run(["import", file, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        let documents = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(documents.map { $0["number"] as? String } == ["周政办字〔2020〕35号"])
    }

    @Test("An encrypted entry in a DOCX is said as such, not as a missing one; Big5 under a GB2312 label is refused with what it is")
    func lockedAndMislabelled() throws {
        var docx = [UInt8](try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/DoorFixtures/zhoucun-2020-38.docx")))
        // The encryption flag (bit 0) of word/document.xml's central directory record.
        let name = Array("word/document.xml".utf8)
        let record = try #require(docx.indices.first { at in
            at + 46 + name.count <= docx.count && docx[at ..< at + 4] == [0x50, 0x4B, 0x01, 0x02] && Array(docx[(at + 46) ..< (at + 46 + name.count)]) == name
        })
        docx[record + 8] |= 1
        let db = try CLI.seededDatabasePath()
        let before = try Fixtures.dump(try Fixtures.queue(path: db))
        let locked = try CLI.run(["import", try Fixtures.file(docx, name: "locked.docx"), "--db", db])
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("locked.docx: word/document.xml: the entry is encrypted"), "\(locked.stderr)")

        let page = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>關於調整臺北市防災會報組成人員的通知</title></head><body>
            <p>臺北市政府</p><p>關於調整臺北市防災會報組成人員的通知</p><p>府授消字〔2020〕12號</p><p>各區公所、市政府各機關：</p>
            <p>為因應人事異動，經市政府同意，現將臺北市防災會報組成人員調整如下：</p><p>召集人：柯文哲 市長</p><p>副召集人：黃珊珊 副市長</p>
            <p>臺北市政府</p><p>2020年9月1日</p></body></html>
            """
        let big5 = try #require(try Fixtures.iconv(Array(page.utf8), from: "UTF-8", to: "BIG5"))
        let mislabelled = try CLI.run(["import", try Fixtures.file(big5, name: "big5.html"), "--db", db])
        #expect(mislabelled.status == 1)
        #expect(mislabelled.stderr.contains("big5.html:1:1: the page is labelled gb2312, but its bytes read as Big5"), "\(mislabelled.stderr)")
        #expect(try Fixtures.dump(try Fixtures.queue(path: db)) == before)
    }

    @Test("A PDF that declares more pages than it holds is refused at the first missing page; the store is unchanged")
    func missingPages() throws {
        let pdf = [UInt8](try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/DoorFixtures/one-page-and-a-scan.pdf")))
        let count = Array("/Count 2".utf8)
        let at = try #require(pdf.indices.first { pdf[$0...].starts(with: count) })
        var declared = pdf
        declared.replaceSubrange(at ..< at + count.count, with: Array("/Count 5".utf8))
        let db = try CLI.seededDatabasePath()
        let before = try Fixtures.dump(try Fixtures.queue(path: db))
        let result = try CLI.run(["import", try Fixtures.file(declared, name: "declared.pdf"), "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("declared.pdf: page 3: the PDF declares 5 pages, but page 3 is not in it"), "\(result.stderr)")
        #expect(try Fixtures.dump(try Fixtures.queue(path: db)) == before)
    }

    @Test("A document with neither a title nor a 文号 is kept, marked unrecognised, and the import says so")
    func anonymousDocument() throws {
        let text = """
            各镇政府、街道办事处，区政府有关部门：
            经区政府同意，现将有关事项通知如下：
            一、各单位要按要求报送材料。
            周村区人民政府办公室
            2021年3月1日
            """
        let db = try Fixtures.temporaryFolder().appendingPathComponent("anonymous.sqlite").path
        let result = try CLI.run(["import", try Fixtures.file(Array(text.utf8), name: "anonymous.txt"), "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("has neither a title nor a 文号: stored, marked unrecognised"), "\(result.stdout)")
        let documents = try #require(try CLI.json(["docs", "list", "--db", db, "--format", "json"]) as? [[String: Any]])
        #expect(documents.count == 1 && documents.first?["recognised"] as? Bool == false)
    }
}
