import GazetteStore

// How the shared model's rows print as tables and CSV; their JSON is their Codable form.

extension DutyRow: Tabular {
    public static let columns: [OutputColumn<DutyRow>] = [
        OutputColumn("unit") { $0.unit }, OutputColumn("duty") { $0.duty }, OutputColumn("body") { $0.body }, OutputColumn("citation") { $0.citation },
    ]
}

extension AssignmentRow: Tabular {
    public static let columns: [OutputColumn<AssignmentRow>] = [
        OutputColumn("number") { $0.number ?? "" }, OutputColumn("category") { $0.category ?? "" }, OutputColumn("title") { $0.title },
        OutputColumn("units") { $0.units.joined(separator: "、") }, OutputColumn("citation") { $0.citation },
    ]
}

extension Post: Tabular {
    public static let columns: [OutputColumn<Post>] = [
        OutputColumn("body") { $0.body }, OutputColumn("name") { $0.name }, OutputColumn("role") { $0.role }, OutputColumn("unit") { $0.unit ?? "" },
        OutputColumn("titles") { $0.titles.joined(separator: "、") }, OutputColumn("citation") { $0.citation },
        OutputColumn("from") { $0.startDate ?? "" }, OutputColumn("until") { $0.endDate ?? "" },
        OutputColumn("source") { post in post.source == "roster" ? "" : post.source == "clerk" ? "手工录入" : post.source },
        // The ids that `roster merge`, `split` and `change` take.
        OutputColumn("person") { String($0.personId) }, OutputColumn("seat") { $0.seatId == 0 ? "" : String($0.seatId) },
    ]
}

/// Helpers for module commands that list shared rows.
public enum ModuleListing {
    /// The duties of the member units of the bodies that a module's documents set up.
    public static func duties(module: String, unit: String?, in store: Store) throws -> [DutyRow] {
        try store.read { db in
            let unitId = try unit.map { try RosterQueries.requireUnit($0, in: db).0 }
            return try DocumentQueries.bodyIds(foundedByDocumentsOf: module, in: db).flatMap { bodyId in
                try RosterQueries.duties(unitId: unitId, bodyId: bodyId, in: db)
            }
        }
    }

    /// Tasks (`task`) or matters (`matter`) of the documents a module recognised, optionally one unit's.
    public static func assignments(module: String, kind: String, unit: String?, in store: Store) throws -> [AssignmentRow] {
        try store.read { db in
            let unitId = try unit.map { try RosterQueries.requireUnit($0, in: db).0 }
            return try DocumentQueries.recognised(by: module, in: db).flatMap { document in
                try RosterQueries.assignments(unitId: unitId, kind: kind, documentId: document.id, in: db)
            }
        }
    }
}
