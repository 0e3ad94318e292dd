import Foundation
import GRDB
import GazetteImport
import GazetteModel
import GazetteStore
@testable import GazetteText
import Testing
import TestSupport
import ZIPFoundation
@testable import GazetteDoors

/// A zip made in memory, entries by name.
func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (name, bytes) in entries {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
            Data(bytes[Int(position) ..< Int(position) + size])
        }
    }
    return [UInt8](archive.data!)
}

/// The sample issue as the files offices hold: each door must give the documents and rosters the
/// sample text gives.
@Suite("The doors: PDF, OFD, HTML and DOCX read as the sample text reads")
struct DoorTests {
    static func fixture(_ name: String) -> String {
        Fixtures.root.appendingPathComponent("Tests/DoorFixtures/\(name)").path
    }

    /// Documents by 文号 (title, issuer, date), rosters by body (each seat: name and role), each
    /// document's clause tree (citation, heading, paragraphs: spaces aside, the words as the doors
    /// differ in nothing else), and the member units' duties by document.
    struct Reading: Equatable {
        var documents: [String: [String?]]
        var rosters: [String: [String]]
        var clauses: [String: [String]]
        var duties: [String: [String]]
    }

    static func reading(_ path: String) throws -> Reading {
        let database = try Fixtures.database()
        let (summary, failure) = Importer(database: database, modules: [], by: Fixtures.context).importFiles([path])
        if let failure { throw failure }
        #expect(summary.refused.isEmpty)
        return try database.writer.read { db in
            var documents: [String: [String?]] = [:]
            for document in try DocumentQueries.list(in: db) {
                documents[document.number ?? "?"] = [document.title, document.issuer, document.date]
            }
            var rosters: [String: [String]] = [:]
            for body in try RosterQueries.bodies(in: db) {
                rosters[body.name] = try RosterQueries.members(ofBodyId: body.id, in: db).map { "\($0.role) \($0.name) \($0.unit ?? "")" }
            }
            var clauses: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT d.number, c.citation, c.heading, c.text FROM clause c JOIN document d ON d.id = c.document_id ORDER BY d.id, c.ord
                """) {
                let paragraphs = (row["text"] as String).split(separator: "\n").map { Normalize.key(String($0)) }
                clauses[row["number"], default: []].append("\(row["citation"] as String) | \(row["heading"] as String? ?? "") | \(paragraphs.joined(separator: " ¶ "))")
            }
            var duties: [String: [String]] = [:]
            for duty in try RosterQueries.duties(in: db) {
                duties[String(duty.citation.prefix { $0 != " " }), default: []].append("\(duty.unit) \(duty.citation) \(Normalize.key(duty.duty))")
            }
            return Reading(documents: documents, rosters: rosters, clauses: clauses, duties: duties)
        }
    }

    static let sample = Result { try reading(Fixtures.seedText.path) }

    /// What the fixture holds must be what the sample text holds for the same documents.
    func expectSameAsSample(_ file: String, documents expected: Int, bodies: Int) throws {
        let sample = try Self.sample.get()
        let read = try Self.reading(Self.fixture(file))
        #expect(read.documents.count == expected, "\(file): \(read.documents.keys.sorted())")
        for (number, fields) in read.documents {
            #expect(fields == sample.documents[number], "\(file): \(number)")
        }
        #expect(read.rosters.count == bodies, "\(file): \(read.rosters.keys.sorted())")
        for (body, seats) in read.rosters {
            #expect(seats == sample.rosters[body], "\(file): \(body)")
        }
        for (number, clauses) in read.clauses {
            let text = sample.clauses[number] ?? []
            #expect(clauses == text, "\(file): \(number): \(clauses.difference(from: text).map { "\($0)" }.prefix(4))")
            #expect(read.duties[number] == sample.duties[number], "\(file): duties of \(number)")
        }
    }

    @Test("Each fixture gives the sample's documents and rosters", arguments: [
        ("zhoucun-gazette-2020-09.pdf", 5, 4),           // the whole issue, non-embedded CID font, one column
        ("zhoucun-gazette-2020-09-embedded.pdf", 5, 4),  // embedded fonts, two columns below a full-width head
        ("zhoucun-2020-39.ofd", 1, 1),                   // geometry, not XML order; the template's running head left out
        ("zhoucun-2020-39-easyofd.ofd", 1, 1),           // a foreign namespace, lowercase size, a scaled page
        ("zhoucun-2020-35.html", 1, 1),                  // a government web page labelled GB2312 with GBK characters
        ("zhoucun-2020-38.docx", 1, 1),                  // a Word 公文, its roster a table with merged cells
    ])
    func fixture(_ file: String, documents: Int, bodies: Int) throws {
        try expectSameAsSample(file, documents: documents, bodies: bodies)
    }
}

@Suite("What each door keeps out, and what it refuses")
struct DoorDetailTests {
    func text(_ file: String) throws -> (text: String, warnings: [String]) {
        let path = DoorTests.fixture(file)
        let read = try Importer.text(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path)
        return (read.text, read.warnings)
    }

    @Test("PDF: running heads and page numbers are dropped by place and repetition, paragraphs joined across pages")
    func pdfFurniture() throws {
        for file in ["zhoucun-gazette-2020-09.pdf", "zhoucun-gazette-2020-09-embedded.pdf"] {
            let lines = try text(file).text.split(separator: "\n").map { Normalize.key(String($0)) }
            #expect(!lines.contains("淄博市周村区人民政府公报2020年第9期"), "\(file)")
            #expect(!lines.contains { PageLayout.isPageNumber($0) }, "\(file)")
            // 周政办字〔2020〕37号 breaks this sentence over two printed pages.
            #expect(lines.contains { $0.hasPrefix("（二）合力抓好落实。") && $0.hasSuffix("全力抓好工作落实。") }, "\(file)")
        }
    }

    @Test("PDF: a page without a text layer is reported by number; a PDF of scans, of garbage or encrypted is refused")
    func pdfRefusals() throws {
        let partly = try text("one-page-and-a-scan.pdf")
        #expect(partly.warnings == ["\(DoorTests.fixture("one-page-and-a-scan.pdf")): page 2 has no text layer; scanned pages are not read"])
        #expect(partly.text.contains("周政发〔2020〕37号"))
        let blank = Array("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8)
        #expect(throws: DoorError(file: "scan.pdf", message: "its one page has no text layer: scanned pages are not read; OCR them first")) {
            try PDFDoor.read(blank, file: "scan.pdf")
        }
        #expect(throws: DoorError.self) { try PDFDoor.read(Array("%PDF-1.7\nthis is not a PDF".utf8), file: "broken.pdf") }
        #expect(throws: DoorError(file: "locked.pdf", message: "the PDF is encrypted (Document is encrypted); give an unprotected copy")) {
            try PDFDoor.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: DoorTests.fixture("encrypted.pdf")))), file: "locked.pdf")
        }
    }

    @Test("OFD: CustomDatas and CustomTags become metadata, the template's running head and the page numbers stay out")
    func ofdMetadata() throws {
        let text = try text("zhoucun-2020-39.ofd").text
        // The title from the CustomTags (the text objects that print it), not the DocInfo's.
        #expect(text.hasPrefix("---\n发文字号：周政办字〔2020〕39号\n成文日期：2020年10月17日\n发文机关：周村区人民政府办公室\n标题：关于印发周村区重污染天气应急预案的通知\n---\n"))
        #expect(!text.contains("淄博市周村区人民政府公报"))
        #expect(!text.contains("— 20 —"))
        // SO₂ is set as an object of its own, smaller and lower: it stays in its line.
        #expect(text.contains("SO₂"))
        #expect(OFDDoor.deltas("g 3 4.2 1 g 2 0.5") == [4.2, 4.2, 4.2, 1, 0.5, 0.5])
    }

    @Test("OFD and DOCX: a location that climbs out of the package, a zip bomb and a zip of neither are refused with the part")
    func containers() throws {
        let outside = try zip([("OFD.xml", Array("<OFD><DocBody><DocRoot>../../etc/passwd</DocRoot></DocBody></OFD>".utf8))])
        #expect(throws: DoorError(file: "a.ofd", part: "OFD.xml", message: "the location ../../etc/passwd climbs out of the package")) {
            try OFDDoor.read(outside, file: "a.ofd")
        }
        let bomb = try zip([("OFD.xml", [UInt8](repeating: 0x20, count: ZipPackage.entryLimit + 1))])
        #expect(bomb.count < 1 << 20)
        #expect(throws: DoorError.self) { try OFDDoor.read(bomb, file: "bomb.ofd") }
        let neither = try zip([("readme.txt", Array("hello".utf8))])
        #expect(throws: DoorError(file: "x.ofd", message: "a zip archive without OFD.xml: neither OFD nor DOCX")) {
            try OFDDoor.read(neither, file: "x.ofd")
        }
    }

    @Test("Fuzzer findings: zips whose entries point past the end of the data, or claim more than it holds, are refused", arguments: [
        "fuzz/ofd-entry-past-end.ofd", "fuzz/docx-entry-past-end.docx", "fuzz/ofd-compressed-size-lies.ofd",
    ])
    func fuzzFindings(_ file: String) throws {
        #expect(throws: DoorError.self) { try text(file) }
    }

    @Test("A zip entry whose bytes do not match its CRC-32 is refused as damaged")
    func damagedEntry() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: DoorTests.fixture("zhoucun-2020-38.docx"))))
        let name = Array("word/document.xml".utf8)
        // The CRC-32 of the entry in its local header (offset 14) and in the central directory (16).
        for (signature, offset, nameAt) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 14, 30), ([0x50, 0x4B, 0x01, 0x02] as [UInt8], 16, 46)] {
            let header = try #require(DoorDetailTests.header(in: bytes, signature: signature, name: name, nameAt: nameAt))
            bytes[header + offset] ^= 0x0F
        }
        #expect(throws: DoorError.self) { try DOCXDoor.read(bytes, file: "crc.docx") }
        do {
            _ = try DOCXDoor.read(bytes, file: "crc.docx")
        } catch let error as DoorError {
            #expect(error.part == "word/document.xml")
            #expect(error.message.hasPrefix("the entry is damaged: its CRC-32 is"))
        }
    }

    /// Where a zip header of this signature for this entry name begins.
    static func header(in bytes: [UInt8], signature: [UInt8], name: [UInt8], nameAt: Int) -> Int? {
        for index in 0 ..< max(0, bytes.count - nameAt - name.count) where bytes[index...].starts(with: signature) {
            if Array(bytes[(index + nameAt) ..< (index + nameAt + name.count)]) == name { return index }
        }
        return nil
    }

    @Test("A zip with two entries under one name is refused, naming the entry")
    func duplicateEntries() throws {
        let xml = Array("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>".utf8)
        let package = try zip([("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", xml), ("word/document.xml", xml)])
        #expect(throws: DoorError(file: "dup.docx", part: "word/document.xml", message: "the package holds two entries under this name; it is not a package as written")) {
            try DOCXDoor.read(package, file: "dup.docx")
        }
    }

    @Test("HTML: a GB2312 label is read as GB18030 and UTF-8 bytes as UTF-8 whatever the label; the disclosure table is metadata; the chrome stays out")
    func htmlPage() throws {
        let gbk: [UInt8] = [214, 236, 233, 70, 187, 249]  // 朱镕基 in GBK: 镕 is outside GB2312
        #expect(try HTMLDoor.encoding(of: Array("<meta charset=\"gb2312\" />".utf8) + gbk, file: "a.html") == "GB18030")
        #expect(try HTMLDoor.encoding(of: Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">".utf8) + gbk, file: "a.html") == "GB18030")
        #expect(try HTMLDoor.encoding(of: Array("<meta charset=\"gb2312\" />朱镕基".utf8), file: "a.html") == "UTF-8")
        #expect(try HTMLDoor.encoding(of: [0xFF, 0xFE] + Array("<".utf8) + [0], file: "a.html") == "UTF-16LE")
        #expect(throws: InputError(file: "a.html", line: 1, column: 7, message: "a NUL byte in the page: what follows it would be lost; the file is not a web page as saved")) {
            try HTMLDoor.encoding(of: Array("<html>".utf8) + [0] + Array("</html>".utf8), file: "a.html")
        }
        let text = try text("zhoucun-2020-35.html").text
        #expect(text.contains("| 发文字号： | 周政办字〔2020〕35号 |"))
        // Name and post stand apart by no-break spaces in the page: a space here.
        #expect(text.contains("成 员：田乃荣  区纪委副书记、区监委副主任、四级调研员\n"))
        for chrome in ["浏览次数", "繁體", "打印本页", "网站标识码", "当前位置"] {
            #expect(!text.contains(chrome), "\(chrome)")
        }
    }

    @Test("DOCX: the roster table becomes roster lines, its merged 职务 cells carried down")
    func docxTable() throws {
        let text = try text("zhoucun-2020-38.docx").text
        #expect(text.contains("""
            总召集人：赵学  区委常委、区政府副区长、经济开发区党工委书记
            总召集人：谢宜冰  区法院院长
            召集人：李永凯  区工业和信息化局局长、四级调研员
            """))
        #expect(text.contains("成员：韩林  区检察院党组成员、正局级检察员\n"))
    }
}

@Suite("Word's automatic numbering")
struct DOCXNumberingTests {
    @Test("Numbers Word prints before paragraphs come back: 一、 and （一） by level, restarting below")
    func numbering() throws {
        let w = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#
        func item(_ level: Int, _ text: String) -> String {
            #"<w:p><w:pPr><w:numPr><w:ilvl w:val="\#(level)"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>\#(text)</w:t></w:r></w:p>"#
        }
        let document = #"<w:document \#(w)><w:body>"# + item(0, "总体目标") + item(1, "常态运行") + item(1, "多方联动")
            + item(0, "工作原则") + item(1, "统筹推进") + #"<w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"#
        let numbering = #"<w:numbering \#(w)><w:abstractNum w:abstractNumId="7">"#
            + #"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>"#
            + #"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>"#
            + #"</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
        let package = try zip([("word/document.xml", Array(document.utf8)), ("word/numbering.xml", Array(numbering.utf8))])
        let lines = try DOCXDoor.read(package, file: "a.docx").document.text.split(separator: "\n").map(String.init)
        #expect(lines == ["一、总体目标", "（一）常态运行", "（二）多方联动", "二、工作原则", "（一）统筹推进", "正文"])
        #expect([1, 10, 12, 20, 99, 105].map(Numbering.chinese) == ["一", "十", "十二", "二十", "九十九", "一百零五"])
    }
}

@Suite("Hostile geometry and numbers do not trap")
struct HostileDoorInputTests {
    @Test("Runs placed at NaN, infinity or absurd sizes are dropped, and the rest still read")
    func nonFiniteRuns() {
        var runs = (0..<12).map { TextRun(text: "第\($0)行文字", x: 50, top: 100 + Double($0) * 20, width: 80, height: 12) }
        runs += [TextRun(text: "坏", x: .nan, top: 0, width: 1, height: 12), TextRun(text: "坏", x: 10, top: -.infinity, width: 1, height: 12),
                 TextRun(text: "坏", x: -1e300, top: 10, width: 1e300, height: 12)]
        let text = LaidOutDocument(content: .pages([LaidOutPage(number: 1, width: .nan, height: 842, runs: runs)])).text
        #expect(text.contains("第11行文字") && !text.contains("坏"))
    }

    @Test("DeltaX shorthand expands only as far as the text needs; Word's numbers and spans are bounded")
    func bounded() throws {
        #expect(OFDDoor.deltas("g 1000000000000 4.2 g 99999999 1", count: 3) == [4.2, 4.2, 4.2])
        #expect(Numbering.format(Int.max, "decimal") == String(Int.max))
        let w = #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#
        let document = #"<w:document \#(w)><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="-9223372036854775808"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>"#
            + #"<w:tc><w:tcPr><w:gridSpan w:val="999999999999"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
        #expect(try DOCXDoor.read(try zip([("word/document.xml", Array(document.utf8))]), file: "a.docx").document.text.contains("甲  乙"))
    }
}
