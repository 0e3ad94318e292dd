import Foundation
import GRDB
import GazetteModel
import GazetteStore

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
    /// Bodies this document made: events printed earlier for them apply once their seats are in.
    private var pendingNew: [(name: String, id: Int64)] = []

    /// The tasks the document assigns (`OfficialDocument.readTasks()`), read once by the import:
    /// the same reading 督办 stores.
    let tasks: [AssignedTask]

    init(units: UnitNames, db: Database, documentId: Int64, document: OfficialDocument, tasks: [AssignedTask] = []) {
        self.units = units
        self.db = db
        self.documentId = documentId
        self.document = document
        self.tasks = tasks
    }

    mutating func run() throws {
        try readRosters()
        try readFoundings()
        for body in pendingNew { try applyPendingEvents(named: body.name, bodyId: body.id) }
        try readChanges()
        try readDuties()
        try readAssignments()
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
            let texts = following.compactMap { if case .text(let text) = $0 { text } else { nil } }
            let office = Self.office(in: texts, roster: roster)
            let bodyId = try body(name: name, kind: kind, citation: citation, office: office)
            if texts.contains(where: Bodies.seatsGoWithPost) {
                try db.execute(sql: "UPDATE body SET seats_by_position = ? WHERE id = ?", arguments: [citation.description, bodyId])
            }
            try members(of: roster, bodyId: bodyId, citation: citation)
            // A whole list: it replaces the roster in force from this document's date.
            try RosterDates.roster(bodyId: bodyId, documentId: documentId, date: document.date, in: db)
        }
    }

    /// Bodies a sentence sets up without printing a roster (`决定成立X（以下简称…）`, `同意成立X`,
    /// `成立X，指挥长由…担任`): they exist from this document, their members given by post only.
    ///
    /// Only a body's full name counts: one that starts with its region (`市…` is widened with the
    /// issuer's: `淄博市…`), or that the text gives a short form (`（以下简称…）`) or agrees to set up.
    private mutating func readFoundings() throws {
        let issuerRegion = document.issuer.map { Bodies.regionAndCore($0).region } ?? ""
        try visit { section, citation, _ in
            let texts = [section.heading].compactMap { $0 } + section.blocks.compactMap { if case .paragraph(let paragraph) = $0 { paragraph.text } else { nil } }
            for text in texts {
                // Most paragraphs set nothing up: the names are looked for only where a verb is.
                guard ["成立", "建立", "设立", "组建"].contains(where: text.contains) else { continue }
                let key = Normalize.key(text)
                for printed in Bodies.named(in: key, introducedOnly: true)
                where ["成立", "建立", "设立", "组建", "成立了", "建立了", "设立了", "为成员的"].contains(where: { key.contains($0 + printed) }) {
                    let formal = Bodies.shortFormMarkers.contains { key.contains(printed + "（" + $0) } || key.contains("同意成立" + printed) || key.contains("为成员的" + printed)
                    var (region, core) = Bodies.regionAndCore(printed)
                    guard core.count >= 6, !["相应", "镇级", "部门", "各", "本", "该", "有关"].contains(where: { core.hasPrefix($0) || printed.hasPrefix($0) }) else { continue }
                    if ["市", "县", "区"].contains(region), issuerRegion.hasSuffix(region), issuerRegion.count > 1 { region = issuerRegion }
                    guard !region.isEmpty && region.count > 1 || formal else { continue }
                    let name = region + core
                    if try existingBody(named: name) != nil { continue }
                    // Where the paragraph sets up this one body, its office and any members named
                    // in prose (`组委会主席由…张海迪…担任`) are said in its section.
                    let alone = Bodies.named(in: key, introducedOnly: true).count == 1
                    let office = alone ? Self.office(in: [text], roster: Roster(entries: [])) : nil
                    let bodyId = try body(name: name, kind: Bodies.kind(of: name), citation: citation, office: office)
                    let roster = Roster(entries: alone ? texts.flatMap { ProseRoster.entries(in: $0, shortForms: Self.shortForms(in: key) + [name, printed]) } : [])
                    if !roster.entries.isEmpty {
                        try members(of: roster, bodyId: bodyId, citation: citation)
                        try RosterDates.roster(bodyId: bodyId, documentId: documentId, date: document.date, in: db)
                    }
                }
            }
        }
    }

    /// `（以下简称组委会）` → `组委会`.
    static func shortForms(in key: String) -> [String] {
        Bodies.shortFormMarkers.flatMap { marker in
            key.components(separatedBy: marker).dropFirst().compactMap { rest in
                rest.split(separator: "）", maxSplits: 1).first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "“”\"")) }
            }
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
        if let existing = try existingBody(named: name) {
            id = existing
            // The founding document is the earliest that names the body.
            try db.cachedStatement(sql: """
                UPDATE body SET document_id = ?1, citation = ?2, start_date = ?4
                WHERE id = ?3 AND (document_id IS NULL OR (SELECT date FROM document WHERE id = body.document_id) > ?4)
                """).execute(arguments: [documentId, citation.description, id, document.date])
        } else {
            try db.execute(sql: "INSERT INTO body (name, kind, document_id, citation, start_date) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, kind, documentId, citation.description, document.date])
            id = db.lastInsertedRowID
            pendingNew.append((name, id))
        }
        if let officeUnit { try db.cachedStatement(sql: "UPDATE body SET office_unit_id = ? WHERE id = ?").execute(arguments: [officeUnit, id]) }
        bodies.append((name, id))
        pendingDirector[id] = office?.director
        return id
    }

    private func members(of roster: Roster, bodyId: Int64, citation: Citation) throws {
        for (order, entry) in roster.entries.enumerated() {
            let personId = try seat(name: entry.name, role: entry.role, affiliation: entry.affiliation, bodyId: bodyId,
                                    order: order + 1, source: "roster",
                                    at: Printed(documentId: documentId, date: document.date, citation: citation.description))
            if pendingDirector[bodyId] == entry.name {
                try db.cachedStatement(sql: "UPDATE body SET office_director_id = ? WHERE id = ?").execute(arguments: [personId, bodyId])
            }
        }
    }

    /// Where a seat or a change was printed: the document, its date, the clause.
    struct Printed {
        var documentId: Int64
        var date: String?
        var citation: String
    }

    /// Writes one seat from the date it was printed (its end is the caller's business); returns the person.
    @discardableResult
    private func seat(name: String, role: String, affiliation printed: String, bodyId: Int64, order: Int, source: String,
                      at origin: Printed, end: String? = nil) throws -> Int64 {
        let affiliation = units.affiliation(printed)
        let personId = try person(named: name, units: affiliation.units)
        let unitId = try affiliation.unit.map { try organization($0) }
        for other in affiliation.units.dropFirst() { _ = try organization(other) }
        try db.cachedStatement(sql: """
            INSERT INTO membership (person_id, body_id, document_id, role_label, role_code, unit_id, titles, affiliation,
                                    units, ord, start_date, end_date, citation, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                personId, bodyId, origin.documentId, role, Bodies.roleCode(role), unitId,
                Self.jsonArray(affiliation.titles), affiliation.printed, Self.jsonArray(affiliation.units),
                order, origin.date, end, origin.citation, source,
            ])
        for unit in affiliation.units {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO person_unit (person_id, unit) VALUES (?, ?)").execute(arguments: [personId, unit])
        }
        return personId
    }

    /// A body already known under this name, an earlier name, or the same name with a shorter or
    /// longer form of its region (`区反洗钱工作联席会议` is `周村区反洗钱工作联席会议`; but
    /// `淄博市…指挥部` is not `周村区…指挥部`).
    private func existingBody(named name: String) throws -> Int64? {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM body WHERE name = ? UNION SELECT body_id FROM body_name WHERE name = ?"),
                                       arguments: [name, name]) {
            return id
        }
        let (region, core) = Bodies.regionAndCore(name)
        guard core.count >= 6 else { return nil }
        let candidates = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name FROM body WHERE name LIKE ?"), arguments: ["%" + core])
        return candidates.first { row in
            let (other, otherCore) = Bodies.regionAndCore(row["name"])
            return otherCore == core && (other.hasSuffix(region) || region.hasSuffix(other))
        }?["id"]
    }

    // MARK: - Changes printed without a whole list

    /// Seat changes (`王某同志任指挥长`, `增补…为成员`, `不再担任`), abolitions and renamings, each on
    /// the body the paragraph or the document's title names, from the document's date. What names
    /// a body not yet imported waits for it (archives come in any order).
    private mutating func readChanges() throws {
        guard let date = document.date else { return }
        let titleBodies = [document.title] + document.attachments.map(\.title)
        try visit { section, citation, _ in
            for block in section.blocks {
                guard case .paragraph(let paragraph) = block else { continue }
                let text = paragraph.text
                let origin = Printed(documentId: documentId, date: date, citation: citation.description)
                for event in RosterChanges.bodyEvents(in: text) {
                    switch event {
                    case .abolished(let name): try self.event(on: name, kind: "abolished", detail: nil, at: origin)
                    case .renamed(let from, let to): try self.event(on: from, kind: "renamed", detail: to, at: origin)
                    }
                }
                guard !RosterChanges.seatChanges(in: text).isEmpty else { continue }
                var names: [String] = []
                for name in Bodies.named(in: text) + titleBodies.flatMap({ Bodies.named(in: $0) }) where !names.contains(name) { names.append(name) }
                if let (name, bodyId) = try names.lazy.compactMap({ name in try self.existingBody(named: name).map { (name, $0) } }).first {
                    try apply("seats", name: name, detail: text, bodyId: bodyId, at: origin)
                } else {
                    for name in names { try wait("seats", name: name, detail: text, at: origin) }
                }
            }
        }
    }

    /// An event on a named body: applied if the body is known, else kept until it is.
    private func event(on name: String, kind: String, detail: String?, at origin: Printed) throws {
        if let bodyId = try existingBody(named: name) {
            try apply(kind, name: name, detail: detail, bodyId: bodyId, at: origin)
        } else {
            try wait(kind, name: name, detail: detail, at: origin)
        }
    }

    private func wait(_ kind: String, name: String, detail: String?, at origin: Printed) throws {
        try db.execute(sql: """
            INSERT INTO body_event_pending (name, kind, new_name, date, document_id, citation) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [name, kind, detail, origin.date, origin.documentId, origin.citation])
    }

    /// `abolished`, `renamed` (detail: the new name) or `seats` (detail: the paragraph of changes).
    private func apply(_ kind: String, name: String, detail: String?, bodyId: Int64, at origin: Printed) throws {
        guard let date = origin.date else { return }
        switch kind {
        case "abolished":
            try RosterDates.abolish(bodyId: bodyId, from: date, documentId: origin.documentId, citation: origin.citation, in: db)
        case "renamed":
            guard let newName = detail else { return }
            try RosterDates.rename(bodyId: bodyId, to: newName, from: date, citation: origin.citation, in: db)
            try applyPendingEvents(named: newName, bodyId: bodyId)
        default:
            // Those who leave first: who takes a seat then takes its place in the list.
            let changes = RosterChanges.seatChanges(in: detail ?? "")
            for change in changes.filter({ $0.kind != .join && $0.kind != .add }) + changes.filter({ $0.kind == .join || $0.kind == .add }) {
                try apply(change, bodyId: bodyId, date: date, at: origin)
            }
        }
    }

    /// Events printed before the body they name was imported, applied now that it is (under its
    /// name, or the same name with a shorter or longer region).
    private func applyPendingEvents(named name: String, bodyId: Int64) throws {
        let (region, core) = Bodies.regionAndCore(name)
        let pending = try Row.fetchAll(db, sql: """
            SELECT p.rowid, p.name, p.kind, p.new_name, p.date, p.document_id, p.citation FROM body_event_pending p
            JOIN document d ON d.id = p.document_id AND d.is_current = 1 WHERE p.name = ? OR p.name LIKE ? ORDER BY p.date
            """, arguments: [name, "%" + core]).filter { row in
                let (other, otherCore) = Bodies.regionAndCore(row["name"])
                return row["name"] == name || (otherCore == core && core.count >= 6 && (other.hasSuffix(region) || region.hasSuffix(other)))
            }
        for event in pending {
            let origin = Printed(documentId: event["document_id"], date: event["date"], citation: event["citation"])
            let kind: String = event["kind"]
            // A paragraph of seat changes waits under each body it might name: the first that
            // comes takes it. An abolition or a renaming waits for its own body only.
            if kind == "seats" {
                try db.execute(sql: "DELETE FROM body_event_pending WHERE document_id = ? AND citation = ? AND kind = 'seats'",
                               arguments: [origin.documentId, origin.citation])
            } else {
                try db.execute(sql: "DELETE FROM body_event_pending WHERE rowid = ?", arguments: [event["rowid"] as Int64])
            }
            try apply(kind, name: name, detail: event["new_name"], bodyId: bodyId, at: origin)
        }
    }

    private func apply(_ printed: SeatChange, bodyId: Int64, date: String, at origin: Printed) throws {
        var change = printed
        // One set of roles per body: the label its own roster prints.
        let labels = try RosterQueries.roles(ofBodyId: bodyId, in: db)
        if !change.role.isEmpty { change.role = RosterChanges.bodyRole(change.role, among: labels) }
        if change.kind == .changeRole, let previous = change.previous { change.previous = RosterChanges.bodyRole(previous, among: labels) }
        // `孙波接任范斌`: the role is the one whose seat the successor takes.
        if change.role.isEmpty, let previous = change.previous {
            guard let role = try seatRole(of: previous, bodyId: bodyId, on: date) else { return }
            change.role = role
        }
        // Seats end before the new one is placed, so that it takes their place in the list:
        // succeeding someone ends their seat (where the notice did not say so itself); a new role
        // ends the old one.
        if change.kind == .join, let previous = change.previous {
            for personId in try holders(named: previous, bodyId: bodyId, on: date) {
                try RosterDates.endSeats(bodyId: bodyId, personId: personId, role: change.role, from: date, documentId: origin.documentId, in: db)
            }
        }
        if change.kind == .changeRole {
            for personId in try holders(named: change.name, bodyId: bodyId, on: date) {
                try RosterDates.endSeats(bodyId: bodyId, personId: personId, role: change.previous, from: date, documentId: origin.documentId, in: db)
            }
        }
        // A seat keeps the place in the list of the one it succeeds (by name, or in the role this
        // notice just ended); a new one comes after the rest.
        let order = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COALESCE(
                (SELECT m.ord FROM membership m JOIN person p ON p.id = m.person_id
                 WHERE m.body_id = ?1 AND m.ended_by = ?2 AND (p.name = ?3 OR (?3 IS NULL AND m.role_label = ?4)) ORDER BY m.ord LIMIT 1),
                (SELECT MAX(ord) + 1 FROM membership WHERE body_id = ?1), 1)
            """), arguments: [bodyId, origin.documentId, change.kind == .join ? change.previous : change.name, change.role]) ?? 1
        let end = try RosterDates.nextRosterEnd(bodyId: bodyId, after: date, in: db)
        switch change.kind {
        case .leave:
            for personId in try holders(named: change.name, bodyId: bodyId, on: date) {
                try RosterDates.endSeats(bodyId: bodyId, personId: personId, role: change.role, from: date, documentId: origin.documentId, in: db)
            }
        case .join, .add:
            // A successor (`由孙某同志接任`) takes the seat of the one who left: the same unit,
            // unless the notice names the successor's own.
            let printed = change.affiliation.isEmpty
                ? try change.previous.flatMap { try affiliation(of: $0, bodyId: bodyId, before: date) } ?? ""
                : change.affiliation
            try seat(name: change.name, role: change.role, affiliation: printed, bodyId: bodyId, order: order, source: changeSource,
                     at: origin, end: end)
        case .changeRole:
            let printed = try affiliation(of: change.name, bodyId: bodyId, before: date) ?? ""
            try seat(name: change.name, role: change.role, affiliation: printed, bodyId: bodyId, order: order, source: changeSource,
                     at: origin, end: end)
        }
    }

    /// The role of a person's seat on the body in force on the day (or ended by this document).
    private func seatRole(of name: String, bodyId: Int64, on date: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT m.role_label FROM membership m JOIN person p ON p.id = m.person_id
            WHERE m.body_id = ?1 AND p.name = ?2 AND (m.start_date IS NULL OR m.start_date < ?3)
              AND (COALESCE(m.end_date, '9999-12-31') >= ?3 OR m.ended_by = ?4) ORDER BY m.ord LIMIT 1
            """), arguments: [bodyId, Normalize.personName(name), date, documentId])
    }

    /// A clerk's entry (`RosterEditing`) is stored as a document of its own kind: its seats say so.
    private var changeSource: String { document.type == RosterEditing.documentType ? "clerk" : "change" }

    /// The people of this name who hold a seat on the body on the day.
    private func holders(named name: String, bodyId: Int64, on date: String) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT m.person_id FROM membership m JOIN person p ON p.id = m.person_id
            WHERE m.body_id = ?1 AND p.name = ?2 AND (m.start_date IS NULL OR m.start_date < ?3) AND (m.end_date IS NULL OR m.end_date >= ?3)
            """), arguments: [bodyId, Normalize.personName(name), date])
    }

    /// The unit and titles a person's seat on the body was printed with, before the day.
    private func affiliation(of name: String, bodyId: Int64, before date: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: """
            SELECT m.affiliation FROM membership m JOIN person p ON p.id = m.person_id
            WHERE m.body_id = ? AND p.name = ? AND (m.start_date IS NULL OR m.start_date < ?) ORDER BY m.start_date DESC LIMIT 1
            """), arguments: [bodyId, Normalize.personName(name), date])
    }

    // MARK: - People and units

    /// One person is one record across documents: the same name counts as the same person when
    /// the units overlap. The same name with unrelated units makes a new record, flagged.
    private func person(named name: String, units: [String]) throws -> Int64 {
        let candidates = try Int64.fetchAll(try db.cachedStatement(sql: """
            SELECT id FROM person WHERE name = ? UNION SELECT person_id FROM person_name WHERE name = ? ORDER BY 1
            """), arguments: [name, name])
        if units.isEmpty && candidates.count == 1 { return candidates[0] }
        // A person's units are kept apart (`person_unit`): the check costs the same however many
        // seats each namesake holds.
        if !candidates.isEmpty, let shared = try Int64.fetchOne(try db.cachedStatement(sql: """
            SELECT u.person_id FROM person_unit u WHERE u.person_id IN (SELECT value FROM json_each(?1))
              AND u.unit IN (SELECT value FROM json_each(?2)) ORDER BY u.person_id LIMIT 1
            """), arguments: [Self.jsonArray(candidates.map(String.init)), Self.jsonArray(units)]) {
            return shared
        }
        try db.cachedStatement(sql: "INSERT INTO person (name) VALUES (?)").execute(arguments: [name])
        let id = db.lastInsertedRowID
        // Flagged against the latest few namesakes: a clerk looks at those; every pair would grow
        // with the square of the archive.
        for other in candidates.suffix(3) {
            let otherUnits = try String.fetchAll(try db.cachedStatement(sql: "SELECT unit FROM person_unit WHERE person_id = ? ORDER BY 1"),
                                                 arguments: [other])
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

    /// The tasks 督办 read, as the clauses' tasks and matters: a clause whose units are its
    /// `联动部门` is a matter to coordinate, any other a task; the clause's heading (else the task's
    /// first sentence) is its title, and the heading of the clause above it its category. An
    /// order to report (`于10月12日前报送`) is 督办's alone: it is no task of the clause.
    private func readAssignments() throws {
        let byClause = Dictionary(grouping: tasks.filter { $0.layout != .order && !($0.lead + $0.units).isEmpty }, by: \.citation)
        guard !byClause.isEmpty else { return }
        var order = 0
        var parents: [Int: String] = [:]
        try visit { section, citation, _ in
            let depth = citation.path.count
            if let heading = section.heading { parents[depth] = heading }
            guard let assigned = byClause[citation] else { return }
            let text = section.blocks.compactMap { block -> String? in
                if case .paragraph(let paragraph) = block { return paragraph.text }
                return nil
            }.joined(separator: "\n")
            // What the units other than the lead are to the clause, as its label says.
            let relation = UnitLists.mentions(in: text).map(\.relation).first { $0 != "lead" } ?? "responsible"
            for task in assigned {
                order += 1
                let title = section.heading ?? String(task.text.prefix { $0 != "。" })
                try db.cachedStatement(sql: """
                    INSERT INTO assignment (document_id, kind, ord, number, category, title, citation)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [documentId, relation == "linked" ? "matter" : "task", order, section.number?.label,
                                     depth > 1 ? parents[depth - 1] : nil, title, citation.description])
                let assignmentId = db.lastInsertedRowID
                for (index, name) in (task.lead + task.units).enumerated() {
                    try db.execute(sql: "INSERT INTO assignment_unit (assignment_id, unit_id, relation, ord) VALUES (?, ?, ?, ?)",
                                   arguments: [assignmentId, try organization(name), index < task.lead.count ? "lead" : relation, index + 1])
                }
            }
        }
    }

    static let encoder = JSONEncoder()

    static func jsonArray(_ values: [String]) -> String {
        String(decoding: (try? encoder.encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
