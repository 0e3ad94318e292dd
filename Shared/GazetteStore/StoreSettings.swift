import GRDB
import GazetteModel

/// What a store knows of itself: the district it serves (`district`: 周村区), set from the first
/// gazette issue of a district government imported into it, or by `zhoucun config district`;
/// 督办's warning days (`warning_days`), set by `zhoucun config warning-days`.
public enum StoreSettings {
    public static func district(in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM store_setting WHERE key = 'district'")
    }

    /// Sets the district, logged with who and where it came from.
    public static func setDistrict(_ district: String, source: String, by context: OperationContext, in db: Database) throws {
        let before = try Self.district(in: db)
        guard before != district else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO store_setting (key, value, source) VALUES ('district', ?, ?)",
                       arguments: [district, source])
        try WriteLog.append(LogEntry(context, action: "config", module: "docs", record: "district", before: before, after: district,
                                     reason: source), in: db)
    }

    /// 督办's 临期: a task due within this many working days is chased, as the office set it
    /// (`zhoucun config warning-days`); nil where it never did.
    public static func warningDays(in db: Database) throws -> Int? {
        try String.fetchOne(db, sql: "SELECT value FROM store_setting WHERE key = 'warning_days'").flatMap { Int($0) }
    }

    /// Sets the warning days, logged with who and why.
    public static func setWarningDays(_ days: Int, source: String, by context: OperationContext, in db: Database) throws {
        guard (0...60).contains(days) else { throw QueryError("warning days \(days): a count of working days from 0 to 60") }
        let before = try warningDays(in: db)
        guard before != days else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO store_setting (key, value, source) VALUES ('warning_days', ?, ?)",
                       arguments: [String(days), source])
        try WriteLog.append(LogEntry(context, action: "config", module: "tasks", record: "warning days", before: before.map(String.init),
                                     after: String(days), reason: source), in: db)
    }

    /// The district a gazette is the gazette of: `淄博市周村区人民政府公报` → 周村区.
    public static func district(ofGazette title: String) -> String? {
        guard let organ = title.components(separatedBy: "人民政府公报").first, organ != title,
              let region = Jurisdiction.of(issuer: organ + "人民政府"), region != "全国" else { return nil }
        return region
    }

    /// Whether the store's district governs by a document of this region: one of its own (or one
    /// that names no region), or any document where the store names no district.
    public static func governs(region: String?, district: String?) -> Bool {
        guard let district else { return true }
        return Jurisdiction.isWithin(region, district: district)
    }
}
