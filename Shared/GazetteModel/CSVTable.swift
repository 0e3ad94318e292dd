import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A CSV file as offices' spreadsheets write it, the one reader every import uses: RFC 4180
/// quoting (commas, quotes and line breaks inside a field), CRLF or LF, a UTF-8 byte order mark,
/// and GB18030 (what Excel saves as CSV on a Chinese system). Columns are found by their header,
/// in English or Chinese (`name` or `企业名称`); an error names the file, the line and the column.
public struct CSVTable: Sendable {
    /// One column a reader expects: its English name and the other headers it may carry.
    public struct Column: Sendable {
        public var name: String
        public var aliases: [String]
        public var required: Bool

        public init(_ name: String, _ aliases: String..., required: Bool = true) {
            self.name = name
            self.aliases = aliases
            self.required = required
        }
    }

    /// One data row: its fields by column, and where each field was printed.
    public struct Row: Sendable {
        public let line: Int
        let fields: [String]
        let columns: [Int]
        let index: [String: Int]
        let file: String

        /// The field under `column` (trimmed), or nil when the column is absent or the row short.
        public func value(_ column: String) -> String? {
            guard let position = index[column], position < fields.count else { return nil }
            return fields[position].trimmingCharacters(in: CSVTable.typedSpaces)
        }

        /// The field, or an error naming it when empty or missing.
        public func required(_ column: String) throws -> String {
            guard let text = value(column), !text.isEmpty else { throw error(column, "is empty") }
            return text
        }

        /// An error at this row's field: `file:line:column: field NAME: message`.
        public func error(_ column: String, _ message: String) -> InputError {
            let position = index[column].flatMap { $0 < columns.count ? columns[$0] : nil } ?? 1
            return InputError(file: file, line: line, column: position, message: "field \(column): \(message)")
        }
    }

    public let file: String
    /// The header as printed, and its line.
    public let header: [String]
    public let headerLine: Int
    public let rows: [Row]

    /// Reads `text`, matching the header against `columns` (case and spaces ignored). With
    /// `comments`, lines that begin with `#` are notes, not rows.
    public init(text: String, file: String, columns: [Column], comments: Bool = false) throws {
        self.file = file
        let text = comments ? text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.drop { $0 == " " }.hasPrefix("#") ? "" : String($0) }.joined(separator: "\n") : text
        let records = try Self.records(in: text, file: file)
        guard let first = records.first else { throw InputError(file: file, line: 1, column: 1, message: "the file is empty") }
        header = first.fields
        headerLine = first.line
        var index: [String: Int] = [:]
        let printed = first.fields.map { Self.headerKey($0) }
        for column in columns {
            let names = ([column.name] + column.aliases).map(Self.headerKey)
            if let position = printed.firstIndex(where: names.contains) {
                index[column.name] = position
            } else if column.required {
                throw InputError(file: file, line: first.line, column: 1, message: """
                    the header has no column \(column.name)\(column.aliases.isEmpty ? "" : " (or \(column.aliases.joined(separator: ", ")))"); \
                    it reads \(first.fields.joined(separator: ","))
                    """)
            }
        }
        rows = records.dropFirst().map { Row(line: $0.line, fields: $0.fields, columns: $0.columns, index: index, file: file) }
    }

    /// Reads a file: UTF-8 (with or without a byte order mark), else GB18030.
    public init(path: String, columns: [Column], comments: Bool = false) throws {
        try self.init(text: try Self.decode(path: path), file: path, columns: columns, comments: comments)
    }

    /// The spaces a clerk types around a value, trimmed from every field; a tab is kept (it may
    /// be what defuses a formula in a spreadsheet).
    public static let typedSpaces = CharacterSet(charactersIn: " \u{3000}")

    static func headerKey(_ text: String) -> String {
        text.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" }
    }

    struct Record {
        var line: Int
        var fields: [String]
        /// The column (in characters, 1-based) where each field starts.
        var columns: [Int]
    }

    /// Splits RFC 4180 records; blank lines are skipped. Read scalar by scalar: a quote followed by
    /// a combining mark is still a quote (as a `Character` it would not be). A NUL is refused where
    /// it stands: nothing after it may be lost.
    static func records(in text: String, file: String) throws -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var starts: [Int] = []
        var field = String.UnicodeScalarView()
        var line = 1, column = 1
        var recordLine = 1
        var quoted = false, wasQuoted = false
        var quoteOpened = (line: 1, column: 1)
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func isBlank(_ field: String.UnicodeScalarView) -> Bool { field.allSatisfy { $0 == " " || $0 == "\t" } }
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            wasQuoted = false
        }
        func endRecord() {
            let quotedLast = wasQuoted
            endField()
            if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty && !quotedLast) {
                records.append(Record(line: recordLine, fields: fields, columns: starts))
            }
            fields = []
            starts = []
        }
        starts.append(1)
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if scalar == "\0" {
                throw InputError(file: file, line: line, column: column, message: "a NUL character: the file is not a table as saved")
            }
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                        column += 2
                        continue
                    }
                    quoted = false
                    column += 1
                    pending = next
                    continue
                }
                field.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                continue
            }
            switch scalar {
            case ",":
                endField()
                column += 1
                starts.append(column)
            case "\r", "\n":
                if scalar == "\r" {
                    // CRLF is one line break.
                    let next = scalars.next()
                    if next != "\n" { pending = next }
                }
                endRecord()
                line += 1
                column = 1
                recordLine = line
                starts.append(1)
            case "\"" where isBlank(field):
                quoted = true
                wasQuoted = true
                quoteOpened = (line, column)
                field = String.UnicodeScalarView()
                column += 1
            default:
                field.append(scalar)
                column += 1
            }
        }
        if quoted {
            throw InputError(file: file, line: quoteOpened.line, column: quoteOpened.column, message: "a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }

    /// UTF-8 (a byte order mark is dropped); bytes that are not UTF-8 are read as GB18030, and a
    /// file that is neither is refused at its first bad byte.
    public static func decode(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: 0, column: 0, message: "cannot read the file")
        }
        return try TextEncoding.decode([UInt8](data)[...], file: path, advice: "save it as CSV UTF-8")
    }
}
