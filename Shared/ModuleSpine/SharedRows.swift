import GazetteStore

// How the shared model's rows print as tables and CSV; their JSON is their Codable form.

extension DutyRow: Tabular {
    public static let columns: [Column<DutyRow>] = [
        Column("unit") { $0.unit }, Column("duty") { $0.duty }, Column("body") { $0.body }, Column("citation") { $0.citation },
    ]
}

extension AssignmentRow: Tabular {
    public static let columns: [Column<AssignmentRow>] = [
        Column("number") { $0.number ?? "" }, Column("category") { $0.category ?? "" }, Column("title") { $0.title },
        Column("units") { $0.units.joined(separator: "、") }, Column("citation") { $0.citation },
    ]
}

extension Post: Tabular {
    public static let columns: [Column<Post>] = [
        Column("body") { $0.body }, Column("name") { $0.name }, Column("role") { $0.role }, Column("unit") { $0.unit ?? "" },
        Column("titles") { $0.titles.joined(separator: "、") }, Column("citation") { $0.citation },
    ]
}

/// Helpers for module commands that list shared rows.
public enum ModuleListing {
    /// The duties of the member units of the bodies that a module's documents set up.
    public static func duties(module: String, unit: String?, in db: GazetteDatabase) throws -> [DutyRow] {
        try db.writer.read { db in
            let unitId = try unit.map { try RosterQueries.requireUnit($0, in: db).0 }
            return try DocumentQueries.bodyIds(foundedByDocumentsOf: module, in: db).flatMap { bodyId in
                try RosterQueries.duties(unitId: unitId, bodyId: bodyId, in: db)
            }
        }
    }

    /// Tasks (`task`) or matters (`matter`) of the documents a module recognised, optionally one unit's.
    public static func assignments(module: String, kind: String, unit: String?, in db: GazetteDatabase) throws -> [AssignmentRow] {
        try db.writer.read { db in
            let unitId = try unit.map { try RosterQueries.requireUnit($0, in: db).0 }
            return try DocumentQueries.recognised(by: module, in: db).flatMap { document in
                try RosterQueries.assignments(unitId: unitId, kind: kind, documentId: document.id, in: db)
            }
        }
    }
}
