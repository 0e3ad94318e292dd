import Foundation
import GRDB
import GazetteModel
import ModuleSpine

/// The emergency reduction list (应急减排清单, 五(三)1): each listed enterprise, its performance
/// grade, whether it is protected (保障类), and its measures at each alert level.
public struct Enterprise: Codable, Sendable, Equatable {
    public var name: String
    public var town: String
    public var industry: String
    /// A, B, C or D (环保绩效分级); nil where the industry is not graded.
    public var grade: String?
    public var protected: Bool
    /// For a protected enterprise: the production it may keep up (以热定产, 以量定产 …).
    public var condition: String?
    public var yellow: String
    public var orange: String
    public var red: String

    static let header = ["name", "town", "industry", "grade", "protected", "yellow", "orange", "red"]

    /// Reads the list. Refuses the whole file, with line and field, on the first bad row.
    static func parse(_ text: String, file: String) throws -> [Enterprise] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .map { ($0.offset + 1, String($0.element).trimmingCharacters(in: .whitespaces)) }.filter { !$0.1.isEmpty }
        guard let first = lines.first else { throw InputError(file: file, line: 1, column: 1, message: "the list is empty") }
        let columns = first.1.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard Array(columns.prefix(8)) == header else {
            throw InputError(file: file, line: 1, column: 1, message: "the header must start \(header.joined(separator: ",")) (condition may follow)")
        }
        var seen = Set<String>()
        return try lines.dropFirst().map { number, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 8 else { throw InputError(file: file, line: number, column: 1, message: "expected at least 8 fields, found \(fields.count)") }
            func fail(_ field: String, _ message: String) -> InputError {
                InputError(file: file, line: number, column: 1, message: "field \(field): \(message)")
            }
            guard !fields[0].isEmpty else { throw fail("name", "empty") }
            guard seen.insert(fields[0]).inserted else { throw fail("name", "\(fields[0]) is listed twice") }
            let grade = fields[3].uppercased()
            guard grade.isEmpty || ["A", "B", "C", "D"].contains(grade) else { throw fail("grade", "\(fields[3]) is not A, B, C or D") }
            let isProtected: Bool
            switch fields[4].lowercased() {
            case "yes", "true", "1", "是", "保障类": isProtected = true
            case "no", "false", "0", "否", "": isProtected = false
            default: throw fail("protected", "\(fields[4]) is neither yes nor no")
            }
            for (index, level) in ["yellow", "orange", "red"].enumerated() where fields[5 + index].isEmpty {
                throw fail(level, "every listed enterprise needs its measure at each level (一厂一策)")
            }
            return Enterprise(name: fields[0], town: fields[1], industry: fields[2], grade: grade.isEmpty ? nil : grade,
                              protected: isProtected, condition: fields.count > 8 && !fields[8].isEmpty ? fields[8] : nil,
                              yellow: fields[5], orange: fields[6], red: fields[7])
        }
    }

    /// Replaces the list in the store, in the caller's transaction.
    static func replaceAll(_ enterprises: [Enterprise], in db: Database) throws {
        try db.execute(sql: "DELETE FROM pollution_enterprise")
        for enterprise in enterprises {
            try db.execute(sql: """
                INSERT INTO pollution_enterprise (name, town, industry, grade, protected, condition, yellow, orange, red)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [enterprise.name, enterprise.town, enterprise.industry, enterprise.grade, enterprise.protected,
                                 enterprise.condition, enterprise.yellow, enterprise.orange, enterprise.red])
        }
    }

    static func all(in db: Database) throws -> [Enterprise] {
        try Row.fetchAll(db, sql: "SELECT * FROM pollution_enterprise ORDER BY town, name").map { row in
            Enterprise(name: row["name"], town: row["town"], industry: row["industry"], grade: row["grade"], protected: row["protected"],
                       condition: row["condition"], yellow: row["yellow"], orange: row["orange"], red: row["red"])
        }
    }

    func measure(at level: AlertLevel) -> String? {
        switch level {
        case .none: nil
        case .yellow: yellow
        case .orange: orange
        case .red: red
        }
    }
}

/// What one listed enterprise must do at an alert level.
public struct Order: Codable, Sendable, Tabular {
    public var enterprise: String
    public var town: String
    public var grade: String?
    public var protected: Bool
    public var order: String
    /// For protected enterprises: the condition under which they keep running.
    public var condition: String?
    public var citation: String

    public static let columns: [OutputColumn<Order>] = [
        OutputColumn("enterprise") { $0.enterprise }, OutputColumn("town") { $0.town }, OutputColumn("grade") { $0.grade ?? "" },
        OutputColumn("protected") { $0.protected ? "保障类" : "" }, OutputColumn("order") { $0.order },
        OutputColumn("condition") { $0.condition ?? "" }, OutputColumn("citation") { $0.citation },
    ]

    static func orders(for enterprises: [Enterprise], at level: AlertLevel, plan: String) -> [Order] {
        enterprises.compactMap { enterprise in
            guard let measure = enterprise.measure(at: level) else { return nil }
            if enterprise.protected {
                // 五(三)2(2): protected enterprises keep only their protected production, within limits.
                return Order(enterprise: enterprise.name, town: enterprise.town, grade: enterprise.grade, protected: true, order: measure,
                             condition: (enterprise.condition.map { $0 + "；" } ?? "") + "仅准许从事特定保障任务的生产经营，超出范围或未达环保要求的移出保障类清单",
                             citation: "\(plan) 五(三)2(2)")
            }
            return Order(enterprise: enterprise.name, town: enterprise.town, grade: enterprise.grade, protected: false, order: measure,
                         condition: nil, citation: "\(plan) 五(三)3")
        }
    }
}
