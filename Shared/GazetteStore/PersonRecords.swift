import Foundation
import GRDB
import GazetteModel

/// A clerk's corrections to people: two records that are one person merged, one record that is
/// two people split. Each is logged with its reason and what it moved.
public enum PersonRecords {
    /// One person's record as a clerk tells it from its namesakes: its id, units and seats.
    public struct Record: Sendable {
        public var id: Int64
        public var name: String
        public var units: [String]
        public var seats: [Post]

        /// `person 12 (区财政局; seats 5 周村区反洗钱工作联席会议 成员, …)`.
        public var described: String {
            let seats = seats.filter { $0.seatId != 0 }.map { "\($0.seatId) \($0.body) \($0.role)" }
            return "person \(id) (\(units.isEmpty ? "no unit" : units.joined(separator: "、")); "
                + (seats.isEmpty ? "no seats" : "seats " + seats.joined(separator: ", ")) + ")"
        }
    }

    /// The records a clerk's reference names: an id, or every record of a name (`高 东` is 高东).
    public static func records(_ reference: String, in db: Database) throws -> [Record] {
        let ids: [Int64]
        if let id = Int64(reference.trimmingCharacters(in: .whitespaces)) {
            ids = try Int64.fetchAll(db, sql: "SELECT id FROM person WHERE id = ?", arguments: [id])
        } else {
            let name = Normalize.personName(reference)
            ids = try Int64.fetchAll(db, sql: "SELECT id FROM person WHERE name = ?1 UNION SELECT person_id FROM person_name WHERE name = ?1 ORDER BY 1",
                                     arguments: [name])
        }
        return try ids.map { id in
            let name = try String.fetchOne(db, sql: "SELECT name FROM person WHERE id = ?", arguments: [id]) ?? ""
            let units = try String.fetchAll(db, sql: "SELECT unit FROM person_unit WHERE person_id = ? ORDER BY unit", arguments: [id])
            let seats = try RosterQueries.posts(RosterQueries.postSQL + " WHERE m.person_id = ? ORDER BY m.id", [id], in: db)
            return Record(id: id, name: name, units: units, seats: seats)
        }
    }

    /// The one record a reference names, or an error that lists the candidates with their ids.
    public static func record(_ reference: String, in db: Database) throws -> Record {
        let found = try records(reference, in: db)
        guard found.count == 1 else { throw ambiguous(reference, found) }
        return found[0]
    }

    static func ambiguous(_ reference: String, _ found: [Record]) -> QueryError {
        guard !found.isEmpty else {
            return QueryError("no person is named \(reference) (or has that id); `zhoucun roster person NAME` finds people by name")
        }
        return QueryError("\(reference) names \(found.count) records; give the id of the one you mean:\n"
                          + found.map { "  " + $0.described }.joined(separator: "\n"))
    }

    /// The two records `roster merge A B` names: each by id or name; `merge 王卫 王卫` names the
    /// two records of that name when there are exactly two (the older is kept).
    public static func pair(_ keep: String, _ other: String, in db: Database) throws -> (keep: Int64, other: Int64) {
        let first = try records(keep, in: db)
        if Normalize.personName(keep) == Normalize.personName(other), Int64(keep) == nil {
            guard first.count == 2 else {
                throw first.count < 2 ? QueryError("\(keep) names \(first.count) record\(first.count == 1 ? "" : "s"): there is nothing to merge")
                                      : ambiguous(keep, first)
            }
            return (first[0].id, first[1].id)
        }
        guard first.count == 1 else { throw ambiguous(keep, first) }
        return (first[0].id, try record(other, in: db).id)
    }

    /// `other` becomes `keep`: its seats, units, names and offices move over, and it is gone.
    public static func merge(keep: Int64, other: Int64, reason: String, by context: OperationContext, in db: Database) throws {
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
        try WriteLog.append(LogEntry(context, action: "merge", module: "roster", record: "person \(keep) (\(names[0])) ← person \(other) (\(names[1]))",
                                     before: "person \(other): seats \(seats.map(String.init).joined(separator: ","))",
                                     after: "person \(keep)", reason: reason), in: db)
    }

    /// The seats named leave the person for a new record of the same name; the two are flagged
    /// as split (`roster flags`). The new record's id.
    public static func split(person: Int64, seats: [Int64], reason: String, by context: OperationContext, in db: Database) throws -> Int64 {
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
                       arguments: [person, new, "split by \(context.actor) from person \(person): \(reason)"])
        try WriteLog.append(LogEntry(context, action: "split", module: "roster", record: "person \(person) (\(name)) → person \(new)",
                                     before: "person \(person): seats \(held.sorted().map(String.init).joined(separator: ","))",
                                     after: "person \(new): seats \(seats.map(String.init).joined(separator: ","))", reason: reason), in: db)
        return new
    }
}
