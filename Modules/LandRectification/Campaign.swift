import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

enum LandSchema {
    static let migrations = MigrationSet(owner: LandRectificationModule.id) { migrator in
        migrator.registerMigration("land.v1") { db in
            try db.execute(sql: """
                CREATE TABLE land_phase (
                    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    ord INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    start TEXT NOT NULL,
                    finish TEXT NOT NULL,
                    due TEXT,
                    due_what TEXT,
                    citation TEXT NOT NULL,
                    PRIMARY KEY (document_id, ord)
                );
                CREATE TABLE land_parcel (
                    id TEXT PRIMARY KEY,
                    town TEXT NOT NULL,
                    category TEXT NOT NULL,
                    area_mu TEXT NOT NULL,
                    agreed_start TEXT,
                    actual_start TEXT,
                    cause TEXT,
                    approval_date TEXT,
                    supply_date TEXT,
                    price TEXT,
                    status TEXT,
                    closed_on TEXT,
                    evidence TEXT
                );
                """)
        }
        // Ledgers a clerk can correct, and what the campaign's verification records (三(二), 三(三)).
        migrator.registerMigration("land.v2") { db in
            try db.execute(sql: """
                ALTER TABLE land_parcel ADD COLUMN voided_at TEXT;
                ALTER TABLE land_parcel ADD COLUMN void_reason TEXT;
                CREATE TABLE land_finding (
                    id INTEGER PRIMARY KEY,
                    town TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    found_on TEXT NOT NULL,
                    note TEXT NOT NULL,
                    voided_at TEXT,
                    void_reason TEXT
                );
                CREATE TABLE land_town_report (
                    id INTEGER PRIMARY KEY,
                    town TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    filed_on TEXT NOT NULL,
                    note TEXT,
                    voided_at TEXT,
                    void_reason TEXT
                );
                """)
        }
    }
}

/// A phase of the campaign (三 时间安排), read from the document: `排查自纠（8月—10月）`.
public struct Phase: StoredRecord, Sendable, Equatable, Tabular {
    public static let databaseTableName = "land_phase"

    public var documentId: Int64
    public var ord: Int
    public var name: String
    public var start: CivilDate
    public var finish: CivilDate
    /// What is due, and when (`于10月12日前报送`).
    public var due: CivilDate?
    public var dueWhat: String?
    public var citation: String

    public static let columns: [OutputColumn<Phase>] = [
        OutputColumn("phase") { $0.name }, OutputColumn("from") { $0.start.description }, OutputColumn("to") { $0.finish.description },
        OutputColumn("due") { $0.due?.description ?? "" }, OutputColumn("what") { $0.dueWhat ?? "" },
        OutputColumn("citation") { $0.citation },
    ]
}

enum Phases {
    /// Reads 三 时间安排: each numbered clause whose heading carries its months in brackets.
    static func read(_ imported: ImportedDocument, in db: Database) throws {
        guard let year = imported.document.date.flatMap { CivilDate($0) }?.year else { return }
        var phases: [Phase] = []
        imported.document.walk { section, citation in
            guard citation.path.count == 2, let heading = section.heading,
                  let open = heading.firstIndex(of: "（"), heading.hasSuffix("）") else { return }
            let name = String(heading[..<open])
            let span = String(heading[heading.index(after: open)..<heading.index(before: heading.endIndex)])
            guard let (start, finish) = period(span, year: year) else { return }
            let text = section.blocks.map(\.text).joined()
            let due = dueDate(in: text, year: year)
            phases.append(Phase(documentId: imported.id, ord: phases.count + 1, name: name, start: start, finish: finish,
                                due: due?.date, dueWhat: due?.what, citation: citation.description))
        }
        for var phase in phases { try phase.insert(db) }
    }

    /// `8月上旬` → 1–10 August; `8月—10月` → 1 August to 31 October; `11月—12月`.
    static func period(_ span: String, year: Int) -> (CivilDate, CivilDate)? {
        let numbers = span.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard let first = numbers.first, (1...12).contains(first) else { return nil }
        let last = numbers.count > 1 ? numbers[1] : first
        guard (first...12).contains(last) else { return nil }
        var start = CivilDate(year: year, month: first, day: 1)!
        var finish = CivilDate(year: year, month: last, day: CivilDate.daysIn(month: last, year: year))!
        if numbers.count == 1 {
            if span.contains("上旬") { finish = CivilDate(year: year, month: first, day: 10)! }
            if span.contains("中旬") { start = CivilDate(year: year, month: first, day: 11)!; finish = CivilDate(year: year, month: first, day: 20)! }
            if span.contains("下旬") { start = CivilDate(year: year, month: first, day: 21)! }
        }
        return (start, finish)
    }

    /// `于10月12日前报送…` or `12月上旬前将…报…`: the first deadline in a clause, and what it is for.
    static func dueDate(in text: String, year: Int) -> (date: CivilDate, what: String)? {
        for sentence in text.split(separator: "。") {
            if let match = sentence.firstMatch(of: /([0-9]{1,2})月([0-9]{1,2})日前(.*)/), let month = Int(match.1), let day = Int(match.2),
               let date = CivilDate(year: year, month: month, day: day) {
                return (date, String(sentence))
            }
            if let match = sentence.firstMatch(of: /([0-9]{1,2})月(上旬|中旬|下旬)前/), let month = Int(match.1), (1...12).contains(month) {
                let day = match.2 == "上旬" ? 10 : match.2 == "中旬" ? 20 : CivilDate.daysIn(month: month, year: year)
                return (CivilDate(year: year, month: month, day: day)!, String(sentence))
            }
        }
        return nil
    }

    static func all(in db: Database) throws -> [Phase] {
        let documents = try DocumentQueries.recognised(by: LandRectificationModule.id, in: db).map(\.id)
        return try Phase.filter(documents.contains(Column("document_id"))).order(Column("start"), Column("ord")).fetchAll(db)
    }
}
