import Foundation
import GazetteModel
import Testing
import TestSupport

@Suite("The one CSV reader")
struct CSVTableTests {
    let columns: [CSVTable.Column] = [.init("name", "名称", "企业名称"), .init("town", "镇街"), .init("note", "备注", required: false)]

    @Test("Quoted fields keep their commas, quotes and line breaks; CRLF and blank lines are fine")
    func quotes() throws {
        let text = "name,town,note\r\n\"淄博某化工有限公司, 二厂\",南郊镇,\"说明：\"\"以热定产\"\"\n另见附件\"\r\n\r\n周村某陶瓷厂,王村镇,\r\n"
        let table = try CSVTable(text: text, file: "list.csv", columns: columns)
        #expect(table.rows.map { [$0.value("name"), $0.value("town"), $0.value("note")] } == [
            ["淄博某化工有限公司, 二厂", "南郊镇", "说明：\"以热定产\"\n另见附件"],
            ["周村某陶瓷厂", "王村镇", ""],
        ])
        // The second row starts on line 5: the quoted line break counts.
        #expect(table.rows.map(\.line) == [2, 5])
    }

    @Test("Chinese headers, a byte order mark, and GB18030 as Excel saves it")
    func encodingsAndHeaders() throws {
        let bom = try Fixtures.file([0xEF, 0xBB, 0xBF] + Array("企业名称,镇街\n某厂,南郊镇\n".utf8), name: "bom.csv")
        #expect(try CSVTable(path: bom, columns: columns).rows.first?.value("name") == "某厂")
        // 名称,镇街 / 喆镕化工,南郊镇 in GB18030 (喆 and 镕 are outside GB2312).
        let gb: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xD5, 0xF2, 0xBD, 0xD6, 0x0A, 0x86, 0xB4, 0xE9, 0x46, 0xBB, 0xAF, 0xB9, 0xA4,
                           0x2C, 0xC4, 0xCF, 0xBD, 0xBC, 0xD5, 0xF2, 0x0A]
        let table = try CSVTable(path: try Fixtures.file(gb, name: "gb.csv"), columns: columns)
        #expect(table.rows.map { [$0.value("name"), $0.value("town")] } == [["喆镕化工", "南郊镇"]])
    }

    @Test("Errors name the file, line and column")
    func errors() throws {
        let missing = #expect(throws: InputError.self) { try CSVTable(text: "名称,地址\n某厂,x\n", file: "a.csv", columns: columns) }
        #expect(missing?.description == "a.csv:1:1: the header has no column town (or 镇街); it reads 名称,地址")
        let open = #expect(throws: InputError.self) { try CSVTable(text: "name,town\n某厂,\"南郊镇\n", file: "b.csv", columns: columns) }
        #expect(open?.description == "b.csv:2:4: a quoted field is never closed")
        let table = try CSVTable(text: "name,town\n某厂,\n", file: "c.csv", columns: columns)
        #expect(throws: InputError(file: "c.csv", line: 2, column: 4, message: "field town: is empty")) { try table.rows[0].required("town") }
    }
}

@Suite("Lists of strings kept as JSON in a column")
struct StringListTests {
    @Test("What JSONEncoder writes is read back, escapes and all; anything else is an empty list")
    func roundTrip() throws {
        let lists = [[], ["区委常委", "副区长"], ["引号\"反斜杠\\换行\n制表\t", "😀", "\u{1}"], [""]]
        for list in lists {
            let text = String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
            #expect(StringList.decode(text) == list, "\(text)")
        }
        #expect(StringList.decode(" [ \"a\" , \"b\" ] ") == ["a", "b"])
        #expect(StringList.decode("[\"\\u00e9\\ud83d\\ude00\"]") == ["é😀"])
        for broken in [nil, "", "[", "[\"a\"", "{\"a\": 1}", "[1, 2]", "[\"a\" \"b\"]", "[\"\\ud83d\\u0041\"]", "[\"\\ud83d\\uzzzz\"]"] {
            #expect(StringList.decode(broken) == [], "\(broken ?? "nil")")
        }
    }
}
