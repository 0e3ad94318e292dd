import Foundation
import GazetteModel


/// Reads the plain text of a gazette issue (or of one official document), as extracted from
/// its PDF, into documents.
public enum PlainTextGazette {
    /// Decodes UTF-8 (a BOM is fine); anything else is refused with the place of the first bad byte.
    public static func decode(_ bytes: [UInt8], file: String) throws -> String {
        let decoded = try TextEncoding.decode(bytes[...], file: file, advice: "convert the file to UTF-8 first")
        let body = Array(decoded.utf8)[...]
        // Control characters have no place in text (nor in the XML it becomes): form feeds, the
        // page breaks of PDF extraction, become line breaks; any other is refused where it stands.
        if let position = body.firstIndex(where: { $0 < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C].contains($0) || $0 == 0x7F }) {
            let (line, column) = UTF8Check.position(of: position, in: body)
            let what = body[position] == 0 ? "a NUL byte: the file is not text" : String(format: "the control character U+%04X", body[position])
            throw InputError(file: file, line: line, column: column, message: "\(what)")
        }
        return String(decoding: body.map { $0 == 0x0C ? 0x0A : $0 }, as: UTF8.self)
    }

    /// A line without the zero-width characters and bidi controls that text copied from a web page
    /// carries inside names and numbers: a roster survives them.
    static func visibleOnly(_ line: Substring) -> String {
        line.unicodeScalars.contains(where: Normalize.isInvisible)
            ? String(String.UnicodeScalarView(line.unicodeScalars.filter { !Normalize.isInvisible($0) })) : String(line)
    }

    /// Parses decoded text. A file with no 文号 at all is read as one document titled by its
    /// first line.
    public static func parse(_ text: String, file: String) throws -> GazetteIssue {
        // A glued line's pieces keep the number of the line they were printed on.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .enumerated()
            .flatMap { index, line in unglued([visibleOnly(line)]).map { SourceLine(number: index + 1, printed: $0) } }
        guard lines.contains(where: { !$0.isBlank }) else {
            throw InputError(file: file, line: 1, column: 1, message: "the file is empty")
        }
        var reader = TextReader(lines: lines, file: file)
        return try reader.read()
    }
}

extension PlainTextGazette {
    /// Lines as the print had them. An HTML line break left in the text (`<br>`) is a line break.
    /// A text whose paragraphs a copy glued onto long lines, with spaces where the
    /// breaks were (`…的通知 各县(市、区)人民政府,…: 《…》已经…执行。 二OO六年五月二日`), is cut at
    /// those spaces, where Chinese (or a bracket) stands on both sides: Chinese running text has no
    /// spaces (figures have, in extracted text: `总投资 5000 万元`).
    static func unglued(_ lines: [String]) -> [String] {
        let broken = lines.flatMap { line -> [String] in
            guard line.contains("<br") else { return [line] }
            return line.replacingOccurrences(of: #"<br\s*/?>"#, with: "\n", options: [.regularExpression, .caseInsensitive])
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return broken.flatMap { line -> [String] in
            // A paragraph is long; a glued page is longer, with several such breaks in it.
            guard line.count >= 100, gluedBreaks(in: line) >= 3 else { return [line] }
            var pieces: [String] = []
            var current = ""
            var spaces = ""
            for character in line {
                if character == " " || character == "\u{3000}" || character == "\t" {
                    spaces.append(character)
                    continue
                }
                if !spaces.isEmpty {
                    if let last = current.last, isWide(last) || "()".contains(last), isWide(character) || "(".contains(character) {
                        pieces.append(current)
                        current = ""
                    } else {
                        current += spaces
                    }
                    spaces = ""
                }
                current.append(character)
            }
            pieces.append(current)
            return pieces
        }.flatMap(splitSignature)
    }

    /// `辛集市人民政府办公室 2018年11月10日`: the signing organ and the 成文日期 a copy put on one line.
    static func splitSignature(_ line: String) -> [String] {
        guard line.contains("日"), line.contains(" "), line.count <= 80,
              let match = signatureLine.firstMatch(in: line.trimmingCharacters(in: .whitespaces)) else { return [line] }
        return [match[1], match[2]]
    }

    static let signatureLine = Pattern(#"^([\p{Han}（）()、]{4,40}(?:办公室|办公厅|人民政府|委员会|政府|局|厅|指挥部|办))\s+((?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)$"#)

    static func gluedBreaks(in line: String) -> Int {
        var count = 0
        var previous: Character?
        var spaced = false
        for character in line {
            if character == " " || character == "\u{3000}" || character == "\t" { spaced = true; continue }
            if spaced, let previous, isWide(previous) || "()".contains(previous), isWide(character) || "(".contains(character) { count += 1 }
            spaced = false
            previous = character
        }
        return count
    }

    /// A Chinese character or full-width punctuation: what stands around a glued break.
    static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { Normalize.isHan($0) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
            || "“”‘’《》（）".unicodeScalars.contains($0) }
    }
}

/// One line of the file: as printed (ideographic spaces made plain) and normalised.
struct SourceLine {
    let number: Int
    /// Spaces as printed (they separate names from units in rosters), bullets kept.
    let raw: String
    /// Normalised, bullet removed.
    let text: String
    /// `text` with every space removed: what most rules compare. Made once, read many times.
    let key: String

    init(number: Int, printed: String) {
        self.number = number
        raw = printed.replacingOccurrences(of: "\u{3000}", with: " ").trimmingCharacters(in: .whitespaces)
        var body = raw
        if let first = body.first, "-–•·".contains(first), body.dropFirst().first?.isWhitespace == true {
            body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        text = Normalize.text(body)
        key = Normalize.personName(text)
    }

    var isBlank: Bool { text.isEmpty }
}
