import Foundation
import GRDB
import Testing
import GazetteModel
import GazetteStore
import TestSupport
@testable import GazetteImport

@Suite("Import: one transaction per file, idempotent, versioned")
struct ImportTests {
    @Test("The sample text imports to exactly its five documents")
    func fiveDocuments() throws {
        let database = try Fixtures.seededDatabase()
        let documents = try database.writer.read { try DocumentQueries.list(in: $0) }
        #expect(documents.map(\.number) == [
            "周政办字〔2020〕35号", "周政发〔2020〕37号", "周政办字〔2020〕37号", "周政办字〔2020〕38号", "周政办字〔2020〕39号",
        ])
        #expect(documents.allSatisfy { $0.issue == "2020-9" })
        #expect(documents.map(\.attachments) == [0, 0, 1, 2, 3])
    }

    @Test("Plain text and its XML give the same store")
    func bothDoorsAlike() throws {
        let fromText = try Fixtures.seededDatabase()
        let fromXML = try Fixtures.database()
        let (_, failure) = Importer(database: fromXML, modules: [], by: Fixtures.context).importFiles([Fixtures.sampleXML.path])
        #expect(failure == nil)
        #expect(try comparable(fromText) == comparable(fromXML))
    }

    /// The store's content without the columns that record when and from which file (the log's
    /// entries of the import and of the district it set name the file; the file's own bytes).
    func comparable(_ database: GazetteDatabase) throws -> String {
        try Fixtures.dump(database)
            .replacingOccurrences(of: #"(write_log|store_setting):\n(\[[^\n]*(\n|$))*"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"imported_at:"[^"]*""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"source_sha256:"[^"]*""#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"source_file:\n[^\n]*\n"#, with: "source_file:\n", options: .regularExpression)
            .replacingOccurrences(of: #"source_content:\n[^\n]*\n"#, with: "source_content:\n", options: .regularExpression)
            .split(separator: "\n").filter { !$0.contains("path:") }.joined(separator: "\n")
    }

    @Test("Importing the same file again changes nothing and says so")
    func reimport() throws {
        let database = try Fixtures.seededDatabase()
        let before = try Fixtures.dump(database)
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([Fixtures.seedText.path])
        #expect(failure == nil)
        #expect(summary.files.first?.alreadyImported == true)
        #expect(try Fixtures.dump(database) == before)
        // The same documents from another file (the XML) are recognised as unchanged.
        let (again, _) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([Fixtures.sampleXML.path])
        #expect(again.unchanged == 5)
        #expect(again.added == 0 && again.updated == 0)
        #expect(again.memberships == 0 && again.people == 0)
    }

    @Test("A store that fills up mid-batch: the files before it are in, and the summary counts what they brought")
    func fullStoreMidBatch() throws {
        let database = try Fixtures.database()
        let notice = Fixtures.root.appendingPathComponent("Tests/RosterChanges/zhoucun-aml-adjusted-2021.txt").path
        // SQLITE_FULL, as a full disk gives it: the store may grow by a few pages, enough for the
        // notice and not for the whole sample issue after it.
        try database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 40)")
        }
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([notice, Fixtures.seedText.path])
        let error = try #require(failure as? DatabaseError)
        #expect(error.resultCode == .SQLITE_FULL)
        #expect(summary.files.map(\.added) == [["周政办字〔2021〕8号"]])
        let people = try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM person") ?? 0 }
        #expect(people > 0 && summary.people == people)
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document") } == 1)
    }

    @Test("A changed text of a document becomes a new version; the old one is kept")
    func newVersion() throws {
        let database = try Fixtures.seededDatabase()
        let changed = try Fixtures.seed().replacingOccurrences(of: "按照接到的预警等级4小时之内", with: "按照接到的预警等级2小时之内")
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(changed)])
        #expect(failure == nil)
        #expect(summary.updated == 1)
        #expect(summary.unchanged == 4)
        let versions = try database.writer.read { try DocumentQueries.versions(of: "周政办字〔2020〕39号", in: $0) }
        #expect(versions.map(\.version) == [1, 2])
        let hits = try database.writer.read { try DocumentQueries.search("2小时之内", in: $0) }
        #expect(hits.map(\.citation) == ["周政办字〔2020〕39号 四(四)"])
        // The roster did not double: only the current version's members count.
        let bodies = try database.writer.read { try RosterQueries.bodies(in: $0) }
        #expect(bodies.first { $0.name == "周村区重污染天气应急指挥部" }?.members == 17)
    }

    @Test("Refused files leave the store exactly as it was", arguments: [
        ("entity.xml", #"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&x;</akomaNtoso>"#),
        ("truncated.xml", #"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><doc name="notice"><meta>"#),
        ("root.xml", "<html/>"),
        ("empty.txt", ""),
    ])
    func refusedLeavesStore(_ name: String, _ contents: String) throws {
        let database = try Fixtures.seededDatabase()
        let before = try Fixtures.dump(database)
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(contents, name: name)])
        // Refused as input (by the text, XML or HTML door), naming the file.
        let error = try #require(failure as? any ReportableError)
        #expect(error.description.contains("/\(name):"))
        #expect(summary.files.isEmpty)
        #expect(try Fixtures.dump(database) == before)
    }

    @Test("A file that fails half way through leaves none of its documents behind")
    func halfWay() throws {
        let database = try Fixtures.database()
        // The first document is complete, the second breaks the XML.
        let xml = try String(contentsOf: Fixtures.sampleXML, encoding: .utf8)
        let cut = xml.range(of: "<component eId=\"cmp_3\">")!.lowerBound
        let broken = String(xml[..<cut]) + "<component eId=\"cmp_3\"><doc name=\"notice\"><meta></doc>"
        let before = try Fixtures.dump(database)
        let (_, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(broken, name: "broken.xml")])
        #expect(failure is InputError)
        #expect(try Fixtures.dump(database) == before)
    }

    @Test("Several files read ahead of the writing: a refused file leaves no trace, the ones before and after it land")
    func goesOnAfterRefusal() throws {
        let database = try Fixtures.database()
        let broken = try Fixtures.file("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><doc name=\"x\"><meta>", name: "broken.xml")
        let other = try Fixtures.file("某县人民政府\n关于做好秋季防火工作的通知\n某政发〔2021〕3号\n\n一、总体要求\n做好防火工作。\n\n某县人民政府\n2021年10月8日\n", name: "other.txt")
        let paths = [Fixtures.seedText.path, Fixtures.seedText.path, broken, other]
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles(paths)
        #expect((failure as? InputError)?.file == broken)
        #expect(summary.refused.map(\.file) == [broken])
        #expect(summary.files.map(\.file) == [Fixtures.seedText.path, Fixtures.seedText.path, other])
        #expect(summary.files.map(\.added.count) == [5, 0, 1])
        #expect(summary.files.map(\.alreadyImported) == [false, true, false])
        let stored = try database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM source_file"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document"))
        }
        #expect(stored.0 == 2 && stored.1 == 6)
    }

    @Test("Files over the size cap are refused before they are read")
    func sizeCap() throws {
        let database = try Fixtures.database()
        let (_, failure) = Importer(database: database, modules: [], maximumFileSize: 1000, by: Fixtures.context).importFiles([Fixtures.seedText.path])
        #expect((failure as? InputError)?.message.contains("over the limit") == true)
    }

    @Test("A document no module recognises is still stored with number, date, title and sections")
    func unrecognised() throws {
        let database = try Fixtures.database()
        let text = "某县人民政府\n关于做好秋季防火工作的通知\n某政发〔2021〕3号\n\n一、总体要求\n做好防火工作。\n\n某县人民政府\n2021年10月8日\n"
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([try Fixtures.file(text)])
        #expect(failure == nil)
        #expect(summary.added == 1)
        let found = try #require(try database.writer.read { try DocumentQueries.find("某政发〔2021〕3号", in: $0) })
        #expect(found.summary.date == "2021-10-08")
        #expect(found.summary.sections == 1)
        #expect(found.summary.modules.isEmpty)
    }

    @Test("Full-text search: trigram for three characters or more, a scan for shorter ones")
    func search() throws {
        let database = try Fixtures.seededDatabase()
        let long = try database.writer.read { try DocumentQueries.search("土地闲置费", in: $0) }
        #expect(long.map(\.citation) == ["周政办字〔2020〕37号 二(三)7"])
        #expect(long.first?.snippet.contains("【土地闲置费】") == true)
        let short = try database.writer.read { try DocumentQueries.search("约谈", in: $0) }
        #expect(short.map(\.citation) == ["周政办字〔2020〕37号 三(三)"])
    }
}

@Suite("What a file holds, told by its content")
struct SourceFormatTests {
    @Test("Content decides the door; a name that claims another format is refused with the place")
    func sniffing() throws {
        #expect(try SourceFormat.detect(Array("%PDF-1.7\n".utf8), file: "a.bin") == .pdf)
        #expect(try SourceFormat.detect([0x50, 0x4B, 0x03, 0x04] + Array("word/document.xml".utf8), file: "a") == .docx)
        #expect(try SourceFormat.detect([0x50, 0x4B, 0x03, 0x04] + Array("OFD.xml".utf8), file: "a") == .ofd)
        #expect(try SourceFormat.detect(Array("\u{FEFF}  <!DOCTYPE html><html>".utf8), file: "page.xml") == .html)
        #expect(try SourceFormat.detect(Array("<?xml version=\"1.0\"?>\n<akomaNtoso/>".utf8), file: "a.txt") == .akomaNtoso)
        #expect(try SourceFormat.detect(Array("关于印发…的通知".utf8), file: "a.txt") == .text)
        #expect(throws: InputError(file: "x.docx", line: 2, column: 3, message: """
            not DOCX: line 2, column 3 begins `关于`, where a zip archive's `PK` should be; the name says .docx, the content is plain text
            """)) {
            try SourceFormat.detect(Array("\n  关于".utf8), file: "x.docx")
        }
    }
}
