import Foundation
import GRDB

/// A clerk's corrections to people: two records that are one person merged, one record that is
/// two people split. Each is logged with its reason and what it moved.
public enum PersonRecords {
    /// `other` becomes `keep`: its seats, units, names and offices move over, and it is gone.
    public static func merge(keep: Int64, other: Int64, reason: String, by: String, in db: Database) throws {
        guard keep != other else { throw QueryError("a person cannot be merged with itself") }
        let names = try [keep, other].map { id -> String in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM person WHERE id = ?", arguments: [id]) else {
                throw QueryError("no person has the id \(id); `zhoucun roster flags` lists the records that may be one person")
            }
            return name
        }
        let seats = try Int64.fetchAll(db, sql: "SELECT id FROM membership WHERE person_id = ? ORDER BY id", arguments: [other])
        let statements: [(String, StatementArguments)] = [
            ("UPDATE membership SET person_id = ? WHERE person_id = ?", [keep, other]),
            ("UPDATE body SET office_director_id = ? WHERE office_director_id = ?", [keep, other]),
            ("INSERT OR IGNORE INTO person_unit (person_id, unit) SELECT ?, unit FROM person_unit WHERE person_id = ?", [keep, other]),
            ("INSERT OR IGNORE INTO person_name (person_id, name, source) SELECT ?, name, source FROM person_name WHERE person_id = ?", [keep, other]),
            ("INSERT OR IGNORE INTO person_name (person_id, name, source) SELECT ?, name, 'merged' FROM person WHERE id = ? AND name != ?", [keep, other, names[0]]),
            ("DELETE FROM person_flag WHERE (person_id = ?1 AND other_person_id = ?2) OR (person_id = ?2 AND other_person_id = ?1)", [keep, other]),
            ("UPDATE person_flag SET person_id = ? WHERE person_id = ?", [keep, other]),
            ("UPDATE person_flag SET other_person_id = ? WHERE other_person_id = ?", [keep, other]),
            ("DELETE FROM person_unit WHERE person_id = ?", [other]),
            ("DELETE FROM person WHERE id = ?", [other]),
        ]
        for (sql, arguments) in statements { try db.execute(sql: sql, arguments: arguments) }
        try WriteLog.append(LogEntry(by: by, action: "merge", module: "roster", record: "person \(keep) (\(names[0])) ← person \(other) (\(names[1]))",
                                     before: "person \(other): seats \(seats.map(String.init).joined(separator: ","))",
                                     after: "person \(keep)", reason: reason), in: db)
    }

    /// The seats named leave the person for a new record of the same name; the two are flagged
    /// as split (`roster flags`). The new record's id.
    public static func split(person: Int64, seats: [Int64], reason: String, by: String, in db: Database) throws -> Int64 {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM person WHERE id = ?", arguments: [person]) else {
            throw QueryError("no person has the id \(person)")
        }
        let held = Set(try Int64.fetchAll(db, sql: "SELECT id FROM membership WHERE person_id = ?", arguments: [person]))
        guard !seats.isEmpty, seats.allSatisfy(held.contains) else {
            throw QueryError("give seats of person \(person) (their ids: \(held.sorted().map(String.init).joined(separator: ","))), and not all of them")
        }
        guard seats.count < held.count else { throw QueryError("moving every seat of person \(person) would leave an empty record: give some") }
        try db.execute(sql: "INSERT INTO person (name) VALUES (?)", arguments: [name])
        let new = db.lastInsertedRowID
        let list = "(" + seats.map(String.init).joined(separator: ",") + ")"
        try db.execute(sql: "UPDATE membership SET person_id = ? WHERE id IN \(list)", arguments: [new])
        // Each record keeps the units of the seats it holds.
        try db.execute(sql: "DELETE FROM person_unit WHERE person_id = ?", arguments: [person])
        try db.execute(sql: """
            INSERT OR IGNORE INTO person_unit (person_id, unit) SELECT DISTINCT m.person_id, u.value FROM membership m, json_each(m.units) u
            WHERE m.person_id IN (?, ?)
            """, arguments: [person, new])
        try db.execute(sql: "INSERT INTO person_flag (person_id, other_person_id, reason) VALUES (?, ?, ?)",
                       arguments: [person, new, "split by \(by) from person \(person): \(reason)"])
        try WriteLog.append(LogEntry(by: by, action: "split", module: "roster", record: "person \(person) (\(name)) → person \(new)",
                                     before: "person \(person): seats \(held.sorted().map(String.init).joined(separator: ","))",
                                     after: "person \(new): seats \(seats.map(String.init).joined(separator: ","))", reason: reason), in: db)
        return new
    }
}
