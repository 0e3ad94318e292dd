import Foundation

/// How list commands print: an aligned table for people, JSON and CSV for other tools.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

/// How reports print (an assessment, an evaluation, an import summary): text for people, or
/// JSON. They are not records, so there is no CSV of them; `--format csv` is refused.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, json
}

/// A column of a table or CSV: its header and how to read a row's cell.
public struct OutputColumn<Row>: Sendable {
    public var header: String
    public var value: @Sendable (Row) -> String

    public init(_ header: String, _ value: @escaping @Sendable (Row) -> String) {
        self.header = header
        self.value = value
    }
}

/// A row type that prints as a table or CSV line (its columns) and as JSON (its Encodable form).
public protocol Tabular: Encodable {
    static var columns: [OutputColumn<Self>] { get }
}

public enum Output {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// JSON text of any value, keys sorted, Chinese unescaped.
    public static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Renders rows in the format asked for. JSON is the array itself, or `wrap` around it.
    public static func render<Row: Tabular>(_ rows: [Row], as format: OutputFormat, raw: Bool = false) throws -> String {
        switch format {
        case .json: try json(rows) + "\n"
        case .csv: csv([Row.columns.map(\.header)] + rows.map { row in Row.columns.map { $0.value(row) } }, raw: raw)
        case .table: table(header: Row.columns.map(\.header), rows: rows.map { row in Row.columns.map { $0.value(row) } })
        }
    }

    /// One record: a field-and-value table, a JSON object, or a header and one CSV line.
    public static func renderOne<Row: Tabular>(_ row: Row, as format: OutputFormat, raw: Bool = false) throws -> String {
        switch format {
        case .json: try json(row) + "\n"
        case .csv: csv([Row.columns.map(\.header), Row.columns.map { $0.value(row) }], raw: raw)
        case .table: table(header: ["field", "value"], rows: Row.columns.map { [$0.header, $0.value(row)] })
        }
    }

    /// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted (looked for scalar by
    /// scalar). A value that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`,
    /// `@`, a tab or a CR: OWASP's CSV injection) is written after a `'`, unless `raw`.
    public static func csv(_ rows: [[String]], raw: Bool = false) -> String {
        rows.map { fields in
            fields.map { value in
                let field = raw || !startsFormula(value) ? value : "'" + value
                return field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + doublingQuotes(field) + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// Each quote doubled, scalar by scalar (`String.replacingOccurrences` compares characters,
    /// and a quote with a combining mark is another character).
    static func doublingQuotes(_ field: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in field.unicodeScalars {
            result.append(scalar)
            if scalar == "\"" { result.append(scalar) }
        }
        return String(result)
    }

    static func startsFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        return "=+-@\t\r".unicodeScalars.contains(first)
    }

    /// A cell as a terminal shows it: control characters (C0, C1, DEL; an escape sequence begins
    /// with one) shown as visible symbols (`␛`), never sent raw; line breaks as `⏎` in a cell.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1B: result.append("␛")
            case 0x0A, 0x0D: result.append("⏎")
            case 0x00...0x1F: result.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: result.append("␡")
            case 0x80...0x9F: result.append(contentsOf: String(format: "<U+%04X>", scalar.value).unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A table whose columns line up on a terminal: Chinese characters count as two columns.
    public static func table(header: [String], rows: [[String]]) -> String {
        let all = ([header] + rows).map { $0.map(visible) }
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - displayWidth(cell))
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(all[0]), rule] + all.dropFirst().map(line)).joined(separator: "\n") + "\n"
    }

    /// Terminal columns a string takes: East Asian wide and full-width characters take two.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            if scalar.properties.generalCategory == .nonspacingMark || scalar.value == 0x200B { return total }
            return total + (isWide(scalar) ? 2 : 1)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
