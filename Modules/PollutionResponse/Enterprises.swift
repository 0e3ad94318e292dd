import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// The emergency reduction list (应急减排清单, 五(三)1): each listed enterprise, its performance
/// grade, whether it is protected (保障类), and its measures at each alert level.
public struct Enterprise: NumberedRecord, Sendable, Equatable {
    public static let databaseTableName = "pollution_enterprise"

    public var id: Int64?
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
    public var voidedAt: String?
    public var voidReason: String?

    /// The columns, in English or as the list prints them.
    static let csvColumns: [CSVTable.Column] = [
        .init("name", "企业名称", "名称"), .init("town", "镇街", "镇（街道）", "所在镇街"), .init("industry", "行业"),
        .init("grade", "绩效分级", "绩效等级"), .init("protected", "保障类", "是否保障类"),
        .init("yellow", "黄色", "黄色预警"), .init("orange", "橙色", "橙色预警"), .init("red", "红色", "红色预警"),
        .init("condition", "保障条件", required: false),
    ]

    /// Reads the list. Refuses the whole file, with line and column, on the first bad row.
    static func parse(_ text: String, file: String) throws -> [Enterprise] {
        let table = try CSVTable(text: text, file: file, columns: csvColumns)
        var seen = Set<String>()
        return try table.rows.map { row in
            let name = try row.required("name")
            guard seen.insert(name).inserted else { throw row.error("name", "\(name) is listed twice") }
            // `B级` as lists print it, `b` as typed.
            var grade = Normalize.key(row.value("grade") ?? "").uppercased()
            if grade.hasSuffix("级") { grade.removeLast() }
            guard grade.isEmpty || ["A", "B", "C", "D"].contains(grade) else { throw row.error("grade", "\(grade) is not A, B, C or D") }
            // The list may print the class itself (保障类) in the column.
            guard let isProtected = row.value("protected") == "保障类" ? .yes : YesNo(printed: row.value("protected") ?? "") else {
                throw row.error("protected", "\(row.value("protected") ?? "") is neither yes nor no (是/否)")
            }
            var measures: [String] = []
            for level in ["yellow", "orange", "red"] {
                guard let measure = row.value(level), !measure.isEmpty else {
                    throw row.error(level, "every listed enterprise needs its measure at each level (一厂一策)")
                }
                measures.append(measure)
            }
            return Enterprise(name: name, town: try row.required("town"), industry: try row.required("industry"), grade: grade.isEmpty ? nil : grade,
                              protected: isProtected == .yes, condition: row.value("condition").flatMap { $0.isEmpty ? nil : $0 },
                              yellow: measures[0], orange: measures[1], red: measures[2])
        }
    }

    public static let columns: [OutputColumn<Enterprise>] = [
        OutputColumn("id") { $0.id.map(String.init) ?? "" }, OutputColumn("name") { $0.name }, OutputColumn("town") { $0.town },
        OutputColumn("industry") { $0.industry }, OutputColumn("grade") { $0.grade ?? "" }, OutputColumn("protected") { $0.protected ? "保障类" : "" },
        OutputColumn("yellow") { $0.yellow }, OutputColumn("orange") { $0.orange }, OutputColumn("red") { $0.red },
        OutputColumn("condition") { $0.condition ?? "" },
    ]

    /// The listed facts, without the ledger's id and marks: what tells two versions apart.
    var facts: [String?] { [name, town, industry, grade, protected ? "yes" : "no", condition, yellow, orange, red] }

    /// What a new list changes against the list in force.
    typealias Changes = ListChanges

    static func changes(to list: [Enterprise], in db: Database) throws -> Changes {
        let current = Dictionary(uniqueKeysWithValues: try all(in: db).map { ($0.name, $0) })
        let names = Set(list.map(\.name))
        var changes = Changes()
        for enterprise in list {
            if let old = current[enterprise.name] {
                if old.facts != enterprise.facts { changes.changed.append(enterprise.name) }
            } else {
                changes.added.append(enterprise.name)
            }
        }
        changes.removed = current.keys.filter { !names.contains($0) }.sorted()
        return changes
    }

    /// Puts a new list in force, in the caller's transaction: enterprises no longer listed are
    /// voided (kept), changed ones corrected, new ones added; every change is logged.
    static func replace(with list: [Enterprise], source: String, by context: OperationContext, in db: Database) throws -> Changes {
        let changes = try changes(to: list, in: db)
        let reason = "reduction list replaced from \(source)"
        for name in changes.removed {
            guard let old = try Enterprise.inForce.filter(Column("name") == name).fetchOne(db), let id = old.id else { continue }
            _ = try Ledger.void(Enterprise.self, key: id, reason: reason, by: context, in: db)
        }
        for var enterprise in list {
            if let old = try Enterprise.filter(Column("name") == enterprise.name).fetchOne(db) {
                guard old.voidedAt != nil || old.facts != enterprise.facts else { continue }
                enterprise.id = old.id
                try Ledger.update(enterprise, from: old, action: old.voidedAt == nil ? "amend" : "restore", reason: reason, restoring: true, by: context, in: db)
            } else {
                try Ledger.add(&enterprise, reason: reason, by: context, in: db)
            }
        }
        return changes
    }

    static func all(in db: Database) throws -> [Enterprise] {
        try Enterprise.inForce.order(Column("town"), Column("name")).fetchAll(db)
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
