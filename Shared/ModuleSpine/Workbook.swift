import Foundation

/// A table as an Excel workbook (`.xlsx`, Office Open XML, ISO/IEC 29500): one sheet, the header
/// row bold and frozen, text as inline strings and plain decimals as numbers, so that a clerk can
/// sum a column of amounts. The package is a ZIP archive of stored (uncompressed) entries: every
/// spreadsheet program reads it, and it needs no compression library.
public enum Workbook {
    /// The `.xlsx` file of `rows`, the first of them the header; `sheet` names its tab.
    public static func xlsx(_ rows: [[String]], sheet: String = "Sheet1") -> [UInt8] {
        var archive = ZipArchive()
        archive.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """)
        archive.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        archive.add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(Markup.escape(sheetName(sheet)))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        archive.add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        // Style 1 is the header's: bold.
        archive.add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """)
        archive.add("xl/worksheets/sheet1.xml", worksheet(rows))
        return archive.bytes
    }

    static func worksheet(_ rows: [[String]]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <sheetData>
            """
        for (index, row) in rows.enumerated() {
            let number = index + 1
            xml += "<row r=\"\(number)\">"
            for (column, value) in row.enumerated() {
                let reference = columnName(column) + String(number)
                let style = index == 0 ? " s=\"1\"" : ""
                if index > 0, isPlainNumber(value) {
                    xml += "<c r=\"\(reference)\"\(style)><v>\(value)</v></c>"
                } else {
                    xml += "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Markup.escape(value))</t></is></c>"
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// `A`…`Z`, `AA`…: the spreadsheet's name of a column (0-based).
    static func columnName(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// A decimal written as a number keeps its value: no leading zero (a code such as `0012` stays
    /// text), at most 15 significant digits (Excel's precision).
    static func isPlainNumber(_ text: String) -> Bool {
        guard text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return false }
        return text.filter(\.isNumber).count <= 15
    }

    /// A sheet's name: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Sheet1" : cleaned
    }
}

/// A ZIP archive (APPNOTE 6.3) of stored entries, names in UTF-8, built in memory.
struct ZipArchive {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    mutating func add(_ name: String, _ text: String) {
        let data = Array(text.utf8)
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = UInt32(body.count)
        // Version 2.0, flag bit 11 (UTF-8 names), stored, a fixed time (1980-01-01): the same
        // table gives the same bytes.
        var local: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        local.append(le16: 20); local.append(le16: 0x0800); local.append(le16: 0)
        local.append(le16: 0); local.append(le16: 0x21)
        local.append(le32: crc); local.append(le32: UInt32(data.count)); local.append(le32: UInt32(data.count))
        local.append(le16: UInt16(nameBytes.count)); local.append(le16: 0)
        body += local + nameBytes + data

        var entry: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        entry.append(le16: 20); entry.append(le16: 20); entry.append(le16: 0x0800); entry.append(le16: 0)
        entry.append(le16: 0); entry.append(le16: 0x21)
        entry.append(le32: crc); entry.append(le32: UInt32(data.count)); entry.append(le32: UInt32(data.count))
        entry.append(le16: UInt16(nameBytes.count)); entry.append(le16: 0); entry.append(le16: 0)
        entry.append(le16: 0); entry.append(le16: 0); entry.append(le32: 0); entry.append(le32: offset)
        directory += entry + nameBytes
        count += 1
    }

    var bytes: [UInt8] {
        var end: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        end.append(le16: 0); end.append(le16: 0)
        end.append(le16: UInt16(count)); end.append(le16: UInt16(count))
        end.append(le32: UInt32(directory.count)); end.append(le32: UInt32(body.count))
        end.append(le16: 0)
        return body + directory + end
    }
}

/// CRC-32 as ZIP uses it (polynomial 0xEDB88320, reflected).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

private extension Array where Element == UInt8 {
    mutating func append(le16 value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    mutating func append(le32 value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
}
