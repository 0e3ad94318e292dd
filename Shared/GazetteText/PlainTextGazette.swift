import Foundation
import GazetteModel


/// Reads the plain text of a gazette issue (or of one official document), as extracted from
/// its PDF, into documents.
public enum PlainTextGazette {
    /// Decodes UTF-8 (a BOM is fine); anything else is refused with the place of the first bad byte.
    public static func decode(_ bytes: [UInt8], file: String) throws -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let position = UTF8Check.firstInvalid(body) {
            let (line, column) = UTF8Check.position(of: position, in: body)
            throw InputError(
                file: file, line: line, column: column,
                message: String(format: "byte 0x%02X is not valid UTF-8; convert the file to UTF-8 first", body[position])
            )
        }
        if let position = body.firstIndex(of: 0) {
            let (line, column) = UTF8Check.position(of: position, in: body)
            throw InputError(file: file, line: line, column: column, message: "the file holds NUL bytes: it is not text")
        }
        return String(decoding: body, as: UTF8.self)
    }

    /// Parses decoded text. A file with no 文号 at all is read as one document titled by its
    /// first line.
    public static func parse(_ text: String, file: String) throws -> GazetteIssue {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .enumerated()
            .map { SourceLine(number: $0.offset + 1, printed: String($0.element)) }
        guard lines.contains(where: { !$0.isBlank }) else {
            throw InputError(file: file, line: 1, column: 1, message: "the file is empty")
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
