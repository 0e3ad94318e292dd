import Foundation
import GRDB
import GazetteModel
import GazetteStore
import ModuleSpine

/// The module's tables: the project ledger (payments, yearly results) and the promotion funds.
/// Money is stored as decimal text, never as floating point.
enum IncentivesSchema {
    static let migrations = MigrationSet(owner: IncentivesModule.id) { migrator in
        migrator.registerMigration("incentives.v1") { db in
            try db.execute(sql: """
                CREATE TABLE incentive_project (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    facts TEXT NOT NULL,
                    added_on TEXT NOT NULL
                );
                CREATE TABLE incentive_payment (
                    id INTEGER PRIMARY KEY,
                    project_id INTEGER NOT NULL REFERENCES incentive_project(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    amount TEXT NOT NULL
                );
                CREATE TABLE incentive_result (
                    project_id INTEGER NOT NULL REFERENCES incentive_project(id) ON DELETE CASCADE,
                    year INTEGER NOT NULL,
                    tax_per_mu TEXT,
                    annual_tax TEXT,
                    operating INTEGER,
                    PRIMARY KEY (project_id, year)
                );
                CREATE TABLE promotion_fund (
                    holder TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    allocated TEXT NOT NULL,
                    PRIMARY KEY (holder, year)
                );
                CREATE TABLE promotion_spending (
                    id INTEGER PRIMARY KEY,
                    holder TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    date TEXT NOT NULL,
                    amount TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    misuse INTEGER NOT NULL
                );
                """)
        }
    }
}

extension Decimal {
    /// Exact decimal text for the store.
    var stored: String { "\(self)" }
    init(stored: String) { self = Decimal(string: stored, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }
}

/// One project in the ledger.
public struct ProjectRecord: Codable, Sendable, Tabular {
    public var id: Int64
    public var name: String
    public var project: Project
    public var paid: Decimal
    public var payments: [Payment]
    public var results: [YearResult]

    public static let columns: [OutputColumn<ProjectRecord>] = [
        OutputColumn("id") { String($0.id) }, OutputColumn("name") { $0.name }, OutputColumn("industry") { $0.project.industry.rawValue },
        OutputColumn("start") { $0.project.startDate?.description ?? "" }, OutputColumn("paid (万元)") { "\($0.paid)" },
        OutputColumn("results") { $0.results.map { "year \($0.year)" }.joined(separator: ", ") },
    ]
}

public struct Payment: Codable, Sendable, Equatable {
    public var date: CivilDate
    /// `rent` or `investment`.
    public var kind: String
    public var amount: Decimal
}

/// What a project actually did in a year after production started.
public struct YearResult: Codable, Sendable, Equatable {
    public var year: Int
    public var taxPerMu: Decimal?
    public var annualTax: Decimal?
    public var operating: Bool?
}

/// What must be recovered from a project, and why (三(三)).
public struct Clawback: Codable, Sendable {
    public var project: String
    public var missed: [Condition]
    public var paid: Decimal
    public var recover: Decimal
    public var unit: String
    public var citation: String
}

enum ProjectLedger {
    static let decoder = JSONDecoder()
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func add(name: String, project: Project, on day: CivilDate, in db: Database) throws -> Int64 {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM incentive_project WHERE name = ?", arguments: [name]) != true else {
            throw ArgumentError("--name: a project called \(name) is in the ledger already")
        }
        try db.execute(sql: "INSERT INTO incentive_project (name, facts, added_on) VALUES (?, ?, ?)",
                       arguments: [name, String(decoding: try encoder.encode(project), as: UTF8.self), day.description])
        return db.lastInsertedRowID
    }

    static func id(_ reference: String, in db: Database) throws -> Int64 {
        if let id = Int64(reference), try Bool.fetchOne(db, sql: "SELECT 1 FROM incentive_project WHERE id = ?", arguments: [id]) == true { return id }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM incentive_project WHERE name = ?", arguments: [reference]) { return id }
        throw QueryError("no project \(reference) in the ledger; `zhoucun incentives projects list` lists them")
    }

    static func pay(_ id: Int64, kind: String, amount: Decimal, on day: CivilDate, in db: Database) throws {
        guard ["rent", "investment"].contains(kind) else { throw ArgumentError("--kind: \(kind) is neither rent nor investment") }
        guard amount > 0 else { throw ArgumentError("--amount: a payment is more than 0") }
        try db.execute(sql: "INSERT INTO incentive_payment (project_id, date, kind, amount) VALUES (?, ?, ?, ?)",
                       arguments: [id, day.description, kind, amount.stored])
    }

    static func result(_ id: Int64, _ result: YearResult, in db: Database) throws {
        guard result.year >= 1 else { throw ArgumentError("--year: production years count from 1") }
        try db.execute(sql: "INSERT OR REPLACE INTO incentive_result (project_id, year, tax_per_mu, annual_tax, operating) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, result.year, result.taxPerMu?.stored, result.annualTax?.stored, result.operating])
    }

    static func records(in db: Database) throws -> [ProjectRecord] {
        try Int64.fetchAll(db, sql: "SELECT id FROM incentive_project ORDER BY id").map { try record($0, in: db) }
    }

    static func record(_ id: Int64, in db: Database) throws -> ProjectRecord {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM incentive_project WHERE id = ?", arguments: [id])!
        let payments = try Row.fetchAll(db, sql: "SELECT * FROM incentive_payment WHERE project_id = ? ORDER BY date, id", arguments: [id]).map {
            Payment(date: CivilDate($0["date"])!, kind: $0["kind"], amount: Decimal(stored: $0["amount"]))
        }
        let results = try Row.fetchAll(db, sql: "SELECT * FROM incentive_result WHERE project_id = ? ORDER BY year", arguments: [id]).map {
            YearResult(year: $0["year"], taxPerMu: ($0["tax_per_mu"] as String?).map(Decimal.init(stored:)),
                       annualTax: ($0["annual_tax"] as String?).map(Decimal.init(stored:)), operating: $0["operating"])
        }
        return ProjectRecord(id: id, name: row["name"], project: try decoder.decode(Project.self, from: Data((row["facts"] as String).utf8)),
                             paid: payments.reduce(0) { $0 + $1.amount }, payments: payments, results: results)
    }

    /// 三(三): a project that has not kept its commitments gives back everything paid.
    static func clawback(_ record: ProjectRecord, parameters: ParameterTable, on day: CivilDate) throws -> Clawback {
        let rules = IncentiveRules(parameters: parameters, on: record.project.startDate ?? day)
        let citation = "周政发〔2020〕37号 三(三)"
        var missed: [Condition] = []
        switch record.project.industry {
        case .smartEquipment, .newMaterials:
            let threshold = try rules.number("\(record.project.industry.rawValue).tax-per-mu")
            let committed = max(record.project.committedTaxPerMu ?? threshold.value, threshold.value)
            let firstThree = record.results.filter { $0.year <= 3 }
            if record.results.contains(where: { $0.year >= 3 }), !firstThree.contains(where: { ($0.taxPerMu ?? 0) >= committed }) {
                missed.append(Condition(id: "tax-per-mu", passed: false,
                                        detail: "tax per mu did not reach the committed \(committed)万元 within three years of production",
                                        citation: threshold.source))
            }
        case .bigData:
            let multiple = try rules.number("big-data.tax-to-rent-multiple")
            let rent = record.project.annualRent ?? 0
            for result in record.results where (result.annualTax.map { $0 < multiple.value * rent }) == true {
                missed.append(Condition(id: "tax-to-rent", passed: false,
                                        detail: "year \(result.year): tax \(result.annualTax!)万元 below \(multiple.value) × rent (\(multiple.value * rent)万元)",
                                        citation: multiple.source))
            }
            let years = try rules.number("big-data.operation-years")
            if let stopped = record.results.first(where: { $0.operating == false && Decimal($0.year) <= years.value }) {
                missed.append(Condition(id: "operation-years", passed: false,
                                        detail: "stopped operating in year \(stopped.year), within the committed \(years.value) years", citation: years.source))
            }
        }
        return Clawback(project: record.name, missed: missed, paid: record.paid, recover: missed.isEmpty ? 0 : record.paid,
                        unit: "万元", citation: citation)
    }
}

/// 二(四): the yearly promotion funds of the parks and the industry promotion companies.
public struct FundLine: Codable, Sendable, Tabular {
    public var holder: String
    /// `park` or `company`.
    public var kind: String
    public var year: Int
    public var allocated: Decimal
    /// What 二(四) sets for the holder's kind that year.
    public var standard: Decimal
    public var spent: Decimal
    public var misused: Decimal
    /// Money not spent on promotion, which the district may take back (三(二)).
    public var recover: Decimal
    public var flags: [String]
    public var citation: String

    public static let columns: [OutputColumn<FundLine>] = [
        OutputColumn("holder") { $0.holder }, OutputColumn("kind") { $0.kind }, OutputColumn("year") { String($0.year) },
        OutputColumn("allocated") { "\($0.allocated)" }, OutputColumn("spent") { "\($0.spent)" }, OutputColumn("recover") { "\($0.recover)" },
        OutputColumn("flags") { $0.flags.joined(separator: "; ") }, OutputColumn("citation") { $0.citation },
    ]
}

enum FundLedger {
    static func standard(kind: String, year: Int, parameters: ParameterTable) throws -> (Decimal, String) {
        guard ["park", "company"].contains(kind) else { throw ArgumentError("--kind: \(kind) is neither park nor company") }
        guard let day = CivilDate(year: year, month: 12, day: 31) else { throw ArgumentError("--year: \(year) is not a year") }
        return try parameters.decimal("promotion-fund.\(kind)", on: day)
    }

    static func allocate(holder: String, kind: String, year: Int, amount: Decimal?, parameters: ParameterTable, in db: Database) throws -> Decimal {
        let (standard, _) = try standard(kind: kind, year: year, parameters: parameters)
        let allocated = amount ?? standard
        try db.execute(sql: "INSERT OR REPLACE INTO promotion_fund (holder, kind, year, allocated) VALUES (?, ?, ?, ?)",
                       arguments: [holder, kind, year, allocated.stored])
        return allocated
    }

    static func spend(holder: String, year: Int, amount: Decimal, on day: CivilDate, purpose: String, misuse: Bool, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM promotion_fund WHERE holder = ? AND year = ?", arguments: [holder, year]) == true else {
            throw QueryError("\(holder) has no promotion fund for \(year); allocate it first")
        }
        guard amount > 0 else { throw ArgumentError("--amount: spending is more than 0") }
        try db.execute(sql: "INSERT INTO promotion_spending (holder, year, date, amount, purpose, misuse) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [holder, year, day.description, amount.stored, purpose, misuse])
    }

    static func lines(year: Int?, parameters: ParameterTable, in db: Database) throws -> [FundLine] {
        try Row.fetchAll(db, sql: "SELECT * FROM promotion_fund WHERE ? IS NULL OR year = ? ORDER BY year, kind, holder", arguments: [year, year]).map { row in
            let holder: String = row["holder"], kind: String = row["kind"], year: Int = row["year"]
            let allocated = Decimal(stored: row["allocated"])
            let (standard, source) = try standard(kind: kind, year: year, parameters: parameters)
            let spending = try Row.fetchAll(db, sql: "SELECT amount, misuse FROM promotion_spending WHERE holder = ? AND year = ?", arguments: [holder, year])
            let spent = spending.reduce(Decimal()) { $0 + Decimal(stored: $1["amount"]) }
            let misused = spending.filter { $0["misuse"] as Bool }.reduce(Decimal()) { $0 + Decimal(stored: $1["amount"]) }
            var flags: [String] = []
            if allocated != standard { flags.append("allocated \(allocated) differs from the \(standard)万元 a year of \(source)") }
            if misused > 0 { flags.append("\(misused)万元 not spent on promotion: to be recovered") }
            if spent > allocated { flags.append("spent \(spent - allocated)万元 beyond the allocation") }
            return FundLine(holder: holder, kind: kind, year: year, allocated: allocated, standard: standard, spent: spent, misused: misused,
                            recover: misused, flags: flags, citation: "周政发〔2020〕37号 三(二)")
        }
    }
}
