import Foundation
import GRDB
import GazetteModel

/// Reads the shared facts of a stored document into the common model: the bodies it sets up
/// with their rosters and offices, the duties of member units, and the tasks and matters with
/// their responsible or linked units.
struct RosterExtractor {
    let units: UnitNames
    let db: Database
    let documentId: Int64
    let document: OfficialDocument

    /// Bodies found in this document, in order, by name → id.
    private(set) var bodies: [(name: String, id: Int64)] = []
    /// Office directors named beside each roster, by body id, until their person record exists.
    private var pendingDirector: [Int64: String] = [:]

    init(units: UnitNames, db: Database, documentId: Int64, document: OfficialDocument) {
        self.units = units
        self.db = db
        self.documentId = documentId
        self.document = document
    }

    mutating func run() throws {
        try readRosters()
        try readDuties()
        try readAssignments()
        for body in bodies { try closeEarlierMemberships(bodyId: body.id) }
    }

    // MARK: - Rosters

    /// A roster's body is named by the nearest text that names one: the roster's own title (an
    /// attachment or a heading), else the sentences just before it (`决定成立X`, `X组成人员名单
    /// 如下`), else the document's titles (`关于调整X组成人员的通知`); only then by trimming the
    /// roster's title (`…组成人员名单`) and widening it with the titles.
    private mutating func readRosters() throws {
        let context = [document.enclosureTitle, document.title].compactMap { $0 } + document.attachments.map(\.title)
        // The text in reading order, with the rosters in it: a roster's office is the first
        // `办公室设在…` after it (in its own clause or the next), and its name may come before it.
        enum Piece {
            case text(String)
            case roster(Roster, name: String, kind: String, citation: Citation)
        }
        var pieces: [Piece] = []
        var recent: [String] = []
        var lastAttachment: String?
        try visit { section, citation, attachment in
            if attachment?.label != lastAttachment {
                lastAttachment = attachment?.label
                if let title = attachment?.title { recent.append(title) }
            }
            if let heading = section.heading { recent.append(heading); pieces.append(.text(heading)) }
            for block in section.blocks {
                guard case .roster(let roster) = block else {
                    recent.append(block.text)
                    pieces.append(.text(block.text))
                    continue
                }
                let title = attachment?.title ?? section.heading ?? document.enclosureTitle ?? document.title
                let ownTitle = [attachment?.title, section.heading].compactMap { $0 }
                // A short form in the roster's own title (`联席会议组成人员`) is widened with the titles.
                let shortForm = ownTitle.contains { Bodies.name(rosterTitle: $0, context: []).kind != "body" }
                let named = ownTitle.lazy.compactMap { Bodies.named(in: $0).first }.first
                    ?? (shortForm ? nil : recent.suffix(6).reversed().lazy.compactMap { Bodies.named(in: $0, introducedOnly: true).first }.first)
                    ?? (shortForm ? nil : context.lazy.compactMap { Bodies.named(in: $0).first }.first)
                let (name, kind) = named.map { ($0, Bodies.kind(of: $0)) } ?? Bodies.name(rosterTitle: title, context: context)
                pieces.append(.roster(roster, name: name, kind: kind, citation: citation))
                recent.append(name)
            }
        }
        for (index, piece) in pieces.enumerated() {
            guard case .roster(let roster, let name, let kind, let citation) = piece else { continue }
            let following = pieces[(index + 1)...].prefix { if case .roster = $0 { false } else { true } }
            let office = Self.office(in: following.compactMap { if case .text(let text) = $0 { text } else { nil } }, roster: roster)
            let bodyId = try body(name: name, kind: kind, citation: citation, office: office)
            try members(of: roster, bodyId: bodyId, citation: citation)
        }
    }

    /// Visits every section with its citation and the attachment it sits in.
    private func visit(_ body: (Section, Citation, Attachment?) throws -> Void) throws {
        func descend(_ sections: [Section], _ citation: Citation, _ attachment: Attachment?) throws {
            for section in sections {
                var here = citation
                if let number = section.number { here.path.append(number) }
                try body(section, here, attachment)
                try descend(section.children, here, attachment)
            }
        }
        try descend(document.body, Citation(document: document.citationName), nil)
        for attachment in document.attachments {
            try descend(attachment.body, Citation(document: document.citationName, attachment: attachment.label), attachment)
        }
    }

    struct Office {
        var unit: String?
        var director: String?
    }

    /// `联席会议办公室设在区地方金融监管局，裴继涛同志兼任办公室主任。`
    static func office(in texts: [String], roster: Roster) -> Office? {
        for text in texts {
            guard let seat = text.range(of: "办公室设在") else { continue }
            let rest = text[seat.upperBound...]
            let unitEnd = rest.firstIndex(where: { "，,。；".contains($0) }) ?? rest.endIndex
            var office = Office(unit: String(rest[..<unitEnd]))
            if let director = rest.range(of: "兼任办公室主任") ?? rest.range(of: "任办公室主任") {
                let before = String(rest[..<director.lowerBound])
                office.director = roster.entries.map(\.name).filter { before.contains($0) }.max { $0.count < $1.count }
                    ?? before.components(separatedBy: "同志").dropLast().last.map { String($0.suffix(3)).trimmingCharacters(in: CharacterSet(charactersIn: "，,")) }
            }
            return office
        }
        return nil
    }

    private mutating func body(name: String, kind: String, citation: Citation, office: Office?) throws -> Int64 {
        let officeUnit = try office?.unit.map { try organization($0) }
        let id: Int64
        if let existing = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM body WHERE name = ?"), arguments: [name]) {
            id = existing
            // The founding document is the earliest that names the body.
            try db.cachedStatement(sql: """
                UPDATE body SET document_id = ?, citation = ?
                WHERE id = ? AND (document_id IS NULL OR (SELECT date FROM document WHERE id = body.document_id) > ?)
                """).execute(arguments: [documentId, citation.description, id, document.date])
        } else {
            try db.execute(sql: "INSERT INTO body (name, kind, document_id, citation) VALUES (?, ?, ?, ?)",
                           arguments: [name, kind, documentId, citation.description])
            id = db.lastInsertedRowID
        }
        if let officeUnit { try db.cachedStatement(sql: "UPDATE body SET office_unit_id = ? WHERE id = ?").execute(arguments: [officeUnit, id]) }
        bodies.append((name, id))
        pendingDirector[id] = office?.director
        return id
    }

    private func members(of roster: Roster, bodyId: Int64, citation: Citation) throws {
        for (order, entry) in roster.entries.enumerated() {
            let affiliation = units.affiliation(entry.affiliation)
            let personId = try person(named: entry.name, units: affiliation.units)
            let unitId = try affiliation.unit.map { try organization($0) }
            for other in affiliation.units.dropFirst() { _ = try organization(other) }
            try db.cachedStatement(sql: """
                INSERT INTO membership (person_id, body_id, document_id, role_label, role_code, unit_id, titles, affiliation,
                                        units, ord, start_date, citation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    personId, bodyId, documentId, entry.role, Bodies.roleCode(entry.role), unitId,
                    Self.jsonArray(affiliation.titles), affiliation.printed, Self.jsonArray(affiliation.units),
                    order + 1, document.date, citation.description,
                ])
            if pendingDirector[bodyId] == entry.name {
                try db.cachedStatement(sql: "UPDATE body SET office_director_id = ? WHERE id = ?").execute(arguments: [personId, bodyId])
            }
        }
    }

    // MARK: - People and units

    /// One person is one record across documents: the same name counts as the same person when
    /// the units overlap. The same name with unrelated units makes a new record, flagged.
    private func person(named name: String, units: [String]) throws -> Int64 {
        let candidates = try Int64.fetchAll(try db.cachedStatement(sql: """
            SELECT id FROM person WHERE name = ? UNION SELECT person_id FROM person_name WHERE name = ? ORDER BY 1
            """), arguments: [name, name])
        let unitsJSON = Self.jsonArray(units)
        for candidate in candidates {
            if units.isEmpty && candidates.count == 1 { return candidate }
            // The units are compared in SQL: a person on many bodies has many memberships.
            let shares = try Bool.fetchOne(try db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM membership m, json_each(m.units) unit
                               WHERE m.person_id = ? AND unit.value IN (SELECT value FROM json_each(?)))
                """), arguments: [candidate, unitsJSON]) ?? false
            if shares { return candidate }
        }
        try db.cachedStatement(sql: "INSERT INTO person (name) VALUES (?)").execute(arguments: [name])
        let id = db.lastInsertedRowID
        for other in candidates {
            let otherUnits = try String.fetchAll(try db.cachedStatement(sql: """
                SELECT DISTINCT unit.value FROM membership m, json_each(m.units) unit WHERE m.person_id = ? ORDER BY 1
                """), arguments: [other])
            try db.execute(sql: "INSERT INTO person_flag (person_id, other_person_id, reason, document_id) VALUES (?, ?, ?, ?)",
                           arguments: [id, other,
                                       "same name \(name), unrelated units: \(units.joined(separator: "、")) / \(otherUnits.joined(separator: "、"))",
                                       documentId])
        }
        return id
    }

    /// The unit's id, created on first sight with the other names the alias table knows.
    @discardableResult
    func organization(_ printed: String) throws -> Int64 {
        let name = units.canonical(printed)
        if let id = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM organization WHERE name = ?"), arguments: [name]) {
            try otherName(printed, of: id, canonical: name)
            return id
        }
        if let id = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT organization_id FROM organization_name WHERE name = ?"), arguments: [name]) {
            return id
        }
        let classification = name.hasPrefix("各") ? "collective" : nil
        try db.cachedStatement(sql: "INSERT INTO organization (name, classification) VALUES (?, ?)").execute(arguments: [name, classification])
        let id = db.lastInsertedRowID
        for alias in units.otherNames(of: name) {
            try db.execute(sql: "INSERT OR IGNORE INTO organization_name (organization_id, name, source) VALUES (?, ?, ?)",
                           arguments: [id, alias.otherName, alias.source])
        }
        try otherName(printed, of: id, canonical: name)
        return id
    }

    private func otherName(_ printed: String, of id: Int64, canonical: String) throws {
        let key = Normalize.key(printed)
        guard key != canonical else { return }
        try db.execute(sql: "INSERT OR IGNORE INTO organization_name (organization_id, name, source) VALUES (?, ?, ?)",
                       arguments: [id, key, document.citationName])
    }

    // MARK: - Duties

    /// `各成员单位的具体职责是：` followed by `区法院：督办、指导…` paragraphs; and attachments of
    /// member units' duties (`…成员单位工作职责`), one numbered section per unit.
    private func readDuties() throws {
        guard let defaultBody = bodies.first?.id else { return }
        var order = 0
        try visit { section, citation, attachment in
            if let attachment, attachment.title.contains("职责"), section.number != nil, let unit = section.heading,
               units.leadingUnit(unit)?.1.isEmpty ?? false {
                let bodyId = try self.bodyFor(dutyTitle: attachment.title) ?? defaultBody
                order += 1
                try duty(bodyId: bodyId, unit: unit, text: section.blocks.map(\.text).joined(separator: "\n"), order: order, citation: citation)
                return
            }
            var listing = false
            for case .paragraph(let paragraph) in section.blocks {
                let text = paragraph.text
                if text.hasSuffix("职责是：") || text.hasSuffix("职责如下：") { listing = true; continue }
                guard listing else { continue }
                guard let colon = text.firstIndex(of: "："), text.distance(from: text.startIndex, to: colon) <= 20,
                      let (unit, rest) = units.leadingUnit(String(text[..<colon])), rest.isEmpty || rest == "机关"
                else { listing = false; continue }
                order += 1
                try duty(bodyId: defaultBody, unit: String(text[..<colon]),
                         text: String(text[text.index(after: colon)...]), order: order, citation: citation)
                _ = unit
            }
        }
    }

    private func bodyFor(dutyTitle: String) throws -> Int64? {
        bodies.first { dutyTitle.hasPrefix($0.name) }?.id
    }

    private func duty(bodyId: Int64, unit: String, text: String, order: Int, citation: Citation) throws {
        let unitId = try organization(unit)
        try db.execute(sql: "INSERT INTO duty (body_id, unit_id, document_id, ord, text, citation) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [bodyId, unitId, documentId, order, text, citation.description])
    }

    // MARK: - Tasks and matters

    /// A clause with `责任单位：` is a task; one with `联动部门：` a matter to coordinate.
    private func readAssignments() throws {
        var order = 0
        var parents: [Int: String] = [:]
        try visit { section, citation, _ in
            let depth = citation.path.count
            if let heading = section.heading { parents[depth] = heading }
            for case .paragraph(let paragraph) in section.blocks {
                let mentions = UnitLists.mentions(in: paragraph.text)
                guard let first = mentions.first else { continue }
                let kind = first.relation == "linked" ? "matter" : "task"
                order += 1
                let title = section.heading ?? String(paragraph.text.prefix { $0 != "。" })
                try db.cachedStatement(sql: """
                    INSERT INTO assignment (document_id, kind, ord, number, category, title, citation)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [documentId, kind, order, section.number?.label,
                                     depth > 1 ? parents[depth - 1] : nil, title, citation.description])
                let assignmentId = db.lastInsertedRowID
                let names = paragraph.organizations.isEmpty ? units.listedUnits(in: paragraph.text) : paragraph.organizations
                for (index, name) in names.enumerated() {
                    try db.execute(sql: "INSERT INTO assignment_unit (assignment_id, unit_id, relation, ord) VALUES (?, ?, ?, ?)",
                                   arguments: [assignmentId, try organization(name), first.relation, index + 1])
                }
            }
        }
    }

    // MARK: - Dates

    /// A later roster of the same body ends the memberships of the earlier one the day before.
    ///
    /// The body's roster dates are gathered once (a handful, however many members), so the
    /// update is linear in the body's memberships; rows already right are not rewritten.
    private func closeEarlierMemberships(bodyId: Int64) throws {
        try db.cachedStatement(sql: """
            WITH roster_date(date) AS MATERIALIZED (
                SELECT DISTINCT d.date FROM membership m JOIN document d ON d.id = m.document_id
                WHERE m.body_id = ?1 AND d.is_current = 1 AND d.date IS NOT NULL
            ),
            ending(start_date, end_date) AS MATERIALIZED (
                SELECT s.start_date, (SELECT date(MIN(r.date), '-1 day') FROM roster_date r WHERE r.date > s.start_date)
                FROM (SELECT DISTINCT start_date FROM membership WHERE body_id = ?1) s
            )
            UPDATE membership SET end_date = ending.end_date
            FROM ending
            WHERE membership.body_id = ?1 AND membership.start_date IS ending.start_date
              AND membership.end_date IS NOT ending.end_date
            """).execute(arguments: [bodyId])
    }

    static let encoder = JSONEncoder()

    static func jsonArray(_ values: [String]) -> String {
        String(decoding: (try? encoder.encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
