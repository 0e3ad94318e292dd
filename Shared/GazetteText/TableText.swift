import GazetteModel

/// A table as lines of text. A roster printed as a table (a column headed 姓名, and one headed
/// 职务 or 职位) becomes the `LABEL：NAME TITLE` lines the roster reader knows, the label carried
/// down where the table merged it over a group; any other table keeps its cells apart by spaces.
public enum TableText {
    public static func lines(_ rows: [[String]]) -> [String] {
        let cleaned = rows.map { $0.map { Normalize.text($0) } }.filter { $0.contains { !$0.isEmpty } }
        guard let header = cleaned.first, let nameColumn = header.firstIndex(where: { Normalize.label($0) == "姓名" }) else {
            return cleaned.map { $0.filter { !$0.isEmpty }.joined(separator: "  ") }
        }
        let roleColumn = header.firstIndex { ["职务", "职位", "职责", "分工", "角色"].contains(Normalize.label($0)) }
        var lines: [String] = []
        var label = ""
        for row in cleaned.dropFirst() {
            guard nameColumn < row.count, !row[nameColumn].isEmpty else {
                lines.append(row.filter { !$0.isEmpty }.joined(separator: "  "))
                continue
            }
            if let roleColumn, roleColumn < row.count, !row[roleColumn].isEmpty { label = Normalize.label(row[roleColumn]) }
            let rest = row.indices.filter { $0 != nameColumn && $0 != roleColumn }.map { row[$0] }.filter { !$0.isEmpty }
            let name = row[nameColumn].replacingOccurrences(of: " ", with: "")
            lines.append((label.isEmpty ? "" : "\(label)：") + ([name] + rest).joined(separator: "  "))
        }
        return lines
    }
}
