import Foundation
import GazetteModel

/// What a file holds, told by its content. Its name only says what it ought to hold: a file
/// named `.xml` that holds no XML is refused as such, never read through another door.
public enum SourceFormat: String, Sendable, Encodable {
    case akomaNtoso = "akn"
    case text
    case pdf
    case ofd
    case docx
    case html

    /// The format of `bytes`, checked against what the file's extension claims.
    public static func detect(_ bytes: [UInt8], file: String) throws -> SourceFormat {
        let found = sniff(bytes)
        let claimed = URL(fileURLWithPath: file).pathExtension.lowercased()
        let expected: (name: String, accepts: Set<SourceFormat>)? = switch claimed {
        case "xml", "akn": ("XML", [.akomaNtoso, .html])
        case "pdf": ("PDF", [.pdf])
        case "ofd": ("OFD", [.ofd])
        case "docx": ("DOCX", [.docx])
        case "html", "htm", "shtml": ("HTML", [.html, .akomaNtoso])
        default: nil
        }
        if let expected, !expected.accepts.contains(found) {
            let (line, column) = firstContentPosition(bytes)
            throw InputError(file: file, line: line, column: column, message: """
                not \(expected.name): line \(line), column \(column) begins \(preview(bytes)), where \(signature(of: expected.name)) \
                should be; the name says .\(claimed), the content is \(found.description)
                """)
        }
        return found
    }

    /// The format by the first bytes alone.
    static func sniff(_ bytes: [UInt8]) -> SourceFormat {
        // A PDF's header may follow a byte order mark or blank lines: readers look for it in the
        // first kilobyte, as poppler does.
        if let start = contentStart(bytes), start < 1024, bytes[start...].starts(with: Array("%PDF-".utf8)) { return .pdf }
        // UTF-16 with its byte order mark: a web page or XML as Windows tools save them.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let head = String(decoding: utf16Units(bytes.prefix(2048)), as: UTF16.self)
                .trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            guard head.hasPrefix("<") else { return .text }
            return head.contains("<html") && !head.contains("<akomantoso") ? .html : .akomaNtoso
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // OFD and DOCX are both zip archives: their entry names tell them apart.
            return containsASCII(bytes, "OFD.xml") || !containsASCII(bytes, "word/") ? .ofd : .docx
        }
        guard let start = contentStart(bytes), bytes[start] == UInt8(ascii: "<") else { return .text }
        let head = String(decoding: bytes[start ..< min(bytes.count, start + 1024)], as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") { return .html }
        // An XML declaration or a comment first: look at the root element that follows.
        if head.contains("<html") && !head.contains("<akomantoso") { return .html }
        return .akomaNtoso
    }

    var description: String {
        switch self {
        case .akomaNtoso: "XML"
        case .text: "plain text"
        case .pdf: "a PDF"
        case .ofd: "a zip archive (OFD)"
        case .docx: "a zip archive (DOCX)"
        case .html: "HTML"
        }
    }

    static func signature(of name: String) -> String {
        switch name {
        case "PDF": "`%PDF-`"
        case "OFD", "DOCX": "a zip archive's `PK`"
        default: "`<`"
        }
    }

    /// UTF-16 code units after the byte order mark, in the order it gives.
    static func utf16Units(_ bytes: ArraySlice<UInt8>) -> [UInt16] {
        let littleEndian = bytes.first == 0xFF
        let body = Array(bytes.dropFirst(2))
        return stride(from: 0, to: body.count - 1, by: 2).map { index in
            littleEndian ? UInt16(body[index]) | UInt16(body[index + 1]) << 8 : UInt16(body[index]) << 8 | UInt16(body[index + 1])
        }
    }

    /// After a UTF-8 byte order mark and white space.
    static func contentStart(_ bytes: [UInt8]) -> Int? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes[start...].firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }

    static func firstContentPosition(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        guard let start = contentStart(bytes) else { return (1, 1) }
        return UTF8Check.position(of: start, in: bytes[...])
    }

    static func preview(_ bytes: [UInt8]) -> String {
        guard let start = contentStart(bytes) else { return "nothing (the file is empty)" }
        let firstLine = String(decoding: bytes[start ..< min(bytes.count, start + 48)], as: UTF8.self)
            .prefix { $0 != "\n" && $0 != "\r" }.prefix(12)
        let text = String(firstLine.map { $0.unicodeScalars.allSatisfy { $0.value >= 0x20 } ? $0 : "·" })
        return "`\(text)`"
    }

    static func containsASCII(_ bytes: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return false }
        // Entry names sit in the local headers and the central directory: scanning the bytes
        // finds them without unpacking anything.
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0] && bytes[index ..< index + pattern.count].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }
}
