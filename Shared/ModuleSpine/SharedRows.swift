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

extension DocumentSummary: Tabular {
    public static let columns: [OutputColumn<DocumentSummary>] = [
        OutputColumn("number") { $0.number ?? "" }, OutputColumn("date") { $0.date ?? "" }, OutputColumn("title") { $0.title },
        OutputColumn("issuer") { $0.issuer ?? "" }, OutputColumn("issue") { $0.issue ?? "" }, OutputColumn("sections") { String($0.sections) },
        OutputColumn("attachments") { String($0.attachments) }, OutputColumn("modules") { $0.modules.joined(separator: ",") },
        OutputColumn("status") { $0.status.rawValue + ($0.recognised ? "" : ", unrecognised") }, OutputColumn("id") { String($0.id) },
    ]
}

extension ClauseChange: Tabular {
    public static let columns: [OutputColumn<ClauseChange>] = [
        OutputColumn("citation") { $0.citation }, OutputColumn("change") { $0.change.rawValue },
        OutputColumn("from") { $0.from ?? "" }, OutputColumn("to") { $0.to ?? "" },
    ]
}

extension SearchHit: Tabular {
    public static let columns: [OutputColumn<SearchHit>] = [OutputColumn("citation") { $0.citation }, OutputColumn("snippet") { $0.snippet }]
}

extension BodySummary: Tabular {
    public static let columns: [OutputColumn<BodySummary>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("name") { $0.name }, OutputColumn("document") { $0.document ?? "" },
        OutputColumn("members") { String($0.members) }, OutputColumn("office") { $0.officeUnit ?? "" }, OutputColumn("director") { $0.officeDirector ?? "" },
    ]
}

extension SharedPerson: Tabular {
    public static let columns: [OutputColumn<SharedPerson>] = [
        OutputColumn("name") { $0.name }, OutputColumn("bodies") { String($0.bodies.count) },
        OutputColumn("posts") { person in person.posts.map { "\($0.body)（\($0.role)）" }.joined(separator: "；") },
    ]
}

extension RosterChange: Tabular {
    public static let columns: [OutputColumn<RosterChange>] = [
        OutputColumn("change") { $0.change }, OutputColumn("name") { $0.name },
        OutputColumn("before") { change in change.before.map { "\($0.role) \($0.titles.joined(separator: "、"))" } ?? "" },
        OutputColumn("after") { change in change.after.map { "\($0.role) \($0.titles.joined(separator: "、"))" } ?? "" },
        OutputColumn("citation") { ($0.after ?? $0.before)?.citation ?? "" },
    ]
}

extension LogEntry: Tabular {
    public static let columns: [OutputColumn<LogEntry>] = [
        OutputColumn("at") { $0.at }, OutputColumn("by") { $0.by }, OutputColumn("via") { $0.via?.rawValue ?? "" },
        OutputColumn("action") { $0.action },
        OutputColumn("module") { $0.module }, OutputColumn("record") { $0.record }, OutputColumn("before") { $0.before ?? "" },
        OutputColumn("after") { $0.after ?? "" }, OutputColumn("reason") { $0.reason },
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
