import Foundation
import GRDB
import GazetteModel

/// A unit under every name clerks use: the short forms the reference data lacks are taught by
/// hand (`区住建局` is 区住房城乡建设局), kept as another name of the unit with who taught it and
/// why, and read by every command that takes a unit.
public enum UnitRecords {
    /// One unit with its other names and where each comes from.
    public struct Listing: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        /// `区住建局（手工录入：张三，…）`, `区人民法院（周政办字〔2020〕38号 三）`.
        public var otherNames: [String]
    }

    /// `short` is another name of the unit `full` names, from now on.
    public static func alias(_ short: String, for full: String, reason: String, by context: OperationContext, in db: Database,
                             units: UnitNames = .standard) throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw QueryError("--reason is blank: say where the short form is used") }
        let key = Normalize.key(short)
        guard !key.isEmpty else { throw QueryError("the short form is blank") }
        guard let (id, name) = try RosterQueries.unitId(full, in: db, units: units) else {
            throw QueryError("no unit is named \(full) in the imported documents; `zhoucun units list` lists them")
        }
        if let (other, otherName) = try RosterQueries.unitId(key, in: db, units: units) {
            throw QueryError(other == id ? "\(key) names \(name) already" : "\(key) names another unit already: \(otherName)")
        }
        try db.execute(sql: "INSERT INTO organization_name (organization_id, name, source) VALUES (?, ?, ?)",
                       arguments: [id, key, "手工录入：\(context.actor)，\(reason)"])
        try WriteLog.append(LogEntry(context, action: "unit-alias", module: "units", record: "unit \(id) (\(name))",
                                     before: nil, after: "\(key) = \(name)", reason: reason), in: db)
    }

    /// Every unit the documents name, with its other names.
    public static func list(in db: Database) throws -> [Listing] {
        try Row.fetchAll(db, sql: """
            SELECT o.id, o.name, (SELECT json_group_array(n.name || '（' || n.source || '）') FROM
                (SELECT name, source FROM organization_name WHERE organization_id = o.id ORDER BY name) n) AS other_names
            FROM organization o ORDER BY o.name
            """).map { Listing(id: $0["id"], name: $0["name"], otherNames: StringList.decode($0["other_names"])) }
    }
}
