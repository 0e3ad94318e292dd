import GRDB

/// When seats and bodies end, kept as the documents that print changes come in. Each write costs
/// what one body's seats in force cost, however long the archive: the rosters of a body are
/// found through `body_roster`, the seats in force through `membership(body_id, end_date)`.
///
/// A seat ends the day before the next document in force that prints the body's whole roster,
/// the day before a notice ends it by name (`ended_on`, `ended_by`), or the day before the body
/// is abolished: `end_date` is the earliest of these.
public enum RosterDates {
    /// A document prints a body's whole roster at `date`: the seats it prints end where the next
    /// roster begins, and the seats in force before it end the day before it.
    public static func roster(bodyId: Int64, documentId: Int64, date: String?, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO body_roster (body_id, document_id, date) VALUES (?, ?, ?)")
            .execute(arguments: [bodyId, documentId, date])
        guard let date else { return }
        try db.cachedStatement(sql: "UPDATE membership SET end_date = ?3 WHERE document_id = ?2 AND body_id = ?1")
            .execute(arguments: [bodyId, documentId, try nextRosterEnd(bodyId: bodyId, after: date, in: db)])
        // Open seats and seats ending later, each through the (body_id, end_date) index: the
        // seats that ended long ago, however many, are not read.
        for condition in ["end_date IS NULL", "end_date >= ?3"] {
            try db.cachedStatement(sql: """
                UPDATE membership SET end_date = date(?3, '-1 day')
                WHERE body_id = ?1 AND \(condition) AND document_id != ?2 AND start_date < ?3
                """).execute(arguments: [bodyId, documentId, date])
        }
    }

    /// The last day of a seat that starts on `date`: the day before the body's next roster in
    /// force, or the body's own last day if it was abolished.
    public static func nextRosterEnd(bodyId: Int64, after date: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT MIN(x) FROM (
                SELECT date(MIN(r.date), '-1 day') AS x FROM body_roster r JOIN document d ON d.id = r.document_id AND d.is_current = 1
                WHERE r.body_id = ?1 AND r.date > ?2
                UNION ALL
                SELECT b.end_date FROM body b JOIN document d ON d.id = b.end_document_id AND d.is_current = 1 WHERE b.id = ?1
            )
            """), arguments: [bodyId, date])
    }

    /// A notice ends the seats a person holds on a body (in one role, or any) from `date`: they
    /// end the day before. The number of seats ended.
    @discardableResult
    public static func endSeats(bodyId: Int64, personId: Int64, role: String?, from date: String, documentId: Int64,
                                in db: Database) throws -> Int {
        try db.cachedStatement(sql: """
            UPDATE membership SET ended_on = date(?4, '-1 day'), ended_by = ?5,
                   end_date = MIN(COALESCE(end_date, '9999-12-31'), date(?4, '-1 day'))
            WHERE body_id = ?1 AND person_id = ?2 AND (?3 IS NULL OR role_label = ?3)
              AND (start_date IS NULL OR start_date < ?4) AND COALESCE(end_date, '9999-12-31') >= ?4
            """).execute(arguments: [bodyId, personId, role, date, documentId])
        return db.changesCount
    }

    /// A notice abolishes a body from `date`: the body and every seat on it end the day before.
    public static func abolish(bodyId: Int64, from date: String, documentId: Int64, citation: String, in db: Database) throws {
        try db.execute(sql: "UPDATE body SET end_date = date(?, '-1 day'), end_document_id = ?, end_citation = ? WHERE id = ?",
                       arguments: [date, documentId, citation, bodyId])
        try db.execute(sql: """
            UPDATE membership SET ended_on = date(?2, '-1 day'), ended_by = ?3,
                   end_date = MIN(COALESCE(end_date, '9999-12-31'), date(?2, '-1 day'))
            WHERE body_id = ?1 AND (start_date IS NULL OR start_date < ?2) AND COALESCE(end_date, '9999-12-31') >= ?2
            """, arguments: [bodyId, date, documentId])
    }

    /// A notice renames a body from `date`: the body keeps its seats and history, its earlier name
    /// is kept as one it bore until the day before.
    public static func rename(bodyId: Int64, to name: String, from date: String?, citation: String, in db: Database) throws {
        guard let old = try String.fetchOne(db, sql: "SELECT name FROM body WHERE id = ?", arguments: [bodyId]), old != name,
              // Another body bears the new name already: the two are not merged behind the clerk's back.
              try Int64.fetchOne(db, sql: "SELECT id FROM body WHERE name = ?", arguments: [name]) == nil else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO body_name (body_id, name, until, citation) VALUES (?, ?, date(?, '-1 day'), ?)",
                       arguments: [bodyId, old, date, citation])
        try db.execute(sql: "UPDATE body SET name = ? WHERE id = ?", arguments: [name, bodyId])
    }

    /// After a document is withdrawn or restored: the end of every seat and body it touched,
    /// computed again from the documents in force.
    public static func recompute(touchedBy documentId: Int64, in db: Database) throws {
        let bodies = try Int64.fetchAll(db, sql: """
            SELECT body_id FROM membership WHERE document_id = ?1 OR ended_by = ?1
            UNION SELECT body_id FROM body_roster WHERE document_id = ?1
            UNION SELECT id FROM body WHERE end_document_id = ?1
            """, arguments: [documentId])
        for body in bodies { try recompute(bodyId: body, in: db) }
    }

    static func recompute(bodyId: Int64, in db: Database) throws {
        try db.execute(sql: """
            UPDATE membership SET end_date = (
                SELECT MIN(x) FROM (
                    SELECT date(MIN(r.date), '-1 day') AS x FROM body_roster r JOIN document d ON d.id = r.document_id AND d.is_current = 1
                    WHERE r.body_id = membership.body_id AND r.date > membership.start_date
                    UNION ALL
                    SELECT membership.ended_on WHERE membership.ended_by IN (SELECT id FROM document WHERE is_current = 1)
                    UNION ALL
                    SELECT b.end_date FROM body b JOIN document d ON d.id = b.end_document_id AND d.is_current = 1
                    WHERE b.id = membership.body_id
                )
            )
            WHERE body_id = ?
            """, arguments: [bodyId])
    }
}
