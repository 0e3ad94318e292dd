import Foundation
import GazetteModel

/// Why a text file was refused, and where.
public struct TextInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Reads the plain text of a gazette issue (or of one official document), as extracted from
/// its PDF, into documents.
public enum PlainTextGazette {
    /// Decodes UTF-8 (a BOM is fine); anything else is refused with the place of the first bad byte.
    public static func decode(_ bytes: [UInt8], file: String) throws -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let position = firstInvalidUTF8(body) {
            let before = body[body.startIndex..<position]
            let line = before.filter { $0 == 0x0A }.count + 1
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let column = String(decoding: body[lineStart..<position], as: UTF8.self).count + 1
            throw TextInputError(
                file: file, line: line, column: column,
                message: String(format: "byte 0x%02X is not valid UTF-8; convert the file to UTF-8 first", body[position])
            )
        }
        if body.contains(0) {
            let position = body.firstIndex(of: 0)!
            let line = body[..<position].filter { $0 == 0x0A }.count + 1
            throw TextInputError(file: file, line: line, column: 1, message: "the file holds NUL bytes: it is not text")
        }
        return String(decoding: body, as: UTF8.self)
    }

    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.endIndex else { return index }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            if length == 3 {
                let second = bytes[index + 1]
                if lead == 0xE0 && second < 0xA0 { return index }
                if lead == 0xED && second > 0x9F { return index }
            }
            if length == 4 {
                let second = bytes[index + 1]
                if lead == 0xF0 && second < 0x90 { return index }
                if lead == 0xF4 && second > 0x8F { return index }
            }
            index += length
        }
        return nil
    }

    /// Parses decoded text. A file with no 文号 at all is read as one document titled by its
    /// first line.
    public static func parse(_ text: String, file: String) throws -> GazetteIssue {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .enumerated()
            .map { SourceLine(number: $0.offset + 1, printed: String($0.element)) }
        guard lines.contains(where: { !$0.isBlank }) else {
            throw TextInputError(file: file, line: 1, column: 1, message: "the file is empty")
        }
        var reader = TextReader(lines: lines, file: file)
        return try reader.read()
    }
}

/// One line of the file: as printed (ideographic spaces made plain) and normalised.
struct SourceLine {
    let number: Int
    /// Spaces as printed (they separate names from units in rosters), bullets kept.
    let raw: String
    /// Normalised, bullet removed.
    let text: String

    init(number: Int, printed: String) {
        self.number = number
        raw = printed.replacingOccurrences(of: "\u{3000}", with: " ").trimmingCharacters(in: .whitespaces)
        var body = raw
        if let first = body.first, "-–•·".contains(first), body.dropFirst().first?.isWhitespace == true {
            body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        text = Normalize.text(body)
    }

    var isBlank: Bool { text.isEmpty }
    var key: String { Normalize.key(text) }
}
